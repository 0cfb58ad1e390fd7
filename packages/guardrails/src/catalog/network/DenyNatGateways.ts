import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const DenyNatGateways: IamGuardrail = {
  id: 'DenyNatGateways',
  title: 'Only the network roles create NAT gateways',
  rationale:
    'A NAT gateway is a path from servers to the whole internet; egress goes through the reviewed network baseline, where it is logged and filtered.',
  hipaa: ['164.312(e)(1)', '164.312(a)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'network-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: 'ec2:CreateNatGateway',
      Resource: '*',
      Condition: unlessPrincipal(context.networkPrincipalArns),
    },
  ],
};
