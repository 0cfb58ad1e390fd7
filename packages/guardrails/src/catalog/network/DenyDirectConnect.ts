import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const DenyDirectConnect: IamGuardrail = {
  id: 'DenyDirectConnect',
  title: 'Only the network roles create or accept Direct Connect connections, interfaces and gateways',
  rationale:
    "A Direct Connect link is a private path to a data center outside the landing zone's logging and guardrails.",
  hipaa: ['164.312(e)(1)', '164.312(a)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'network-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: [
        'directconnect:Create*',
        'directconnect:Allocate*',
        'directconnect:Confirm*',
        'directconnect:Accept*',
        'directconnect:Associate*',
      ],
      Resource: '*',
      Condition: unlessPrincipal(context.networkPrincipalArns),
    },
  ],
};
