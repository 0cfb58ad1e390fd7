import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const DenyExternalVpcEndpoints: IamGuardrail = {
  id: 'DenyExternalVpcEndpoints',
  title:
    'VPC endpoints reach only AWS services (or a listed outside account); only the network roles offer endpoint services',
  rationale:
    "An interface endpoint to someone else's endpoint service is a private tunnel out of the VPC; an endpoint service of ours opened to outsiders is one in.",
  hipaa: ['164.312(e)(1)', '164.312(a)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'network-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: 'ec2:CreateVpcEndpoint',
      Resource: 'arn:aws:ec2:*:*:vpc-endpoint/*',
      Condition: {
        StringNotEquals: { 'ec2:VpceServiceOwner': ['amazon', ...context.outsideAccounts] },
        ...unlessPrincipal(context.networkPrincipalArns),
      },
    },
    {
      Effect: 'Deny',
      Action: [
        'ec2:CreateVpcEndpointServiceConfiguration',
        'ec2:ModifyVpcEndpointServicePermissions',
        'ec2:AcceptVpcEndpointConnections',
      ],
      Resource: '*',
      Condition: unlessPrincipal(context.networkPrincipalArns),
    },
  ],
};
