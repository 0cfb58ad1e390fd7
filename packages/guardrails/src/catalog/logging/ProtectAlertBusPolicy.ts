import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const ProtectAlertBusPolicy: IamGuardrail = {
  id: 'ProtectAlertBusPolicy',
  title: "In the security accounts, event bus permissions change only through Landfall's deployments",
  rationale:
    "The audit account's alert bus admits the organization's accounts through its resource policy; removing that permission would drop every forwarded alert. The actions that change it name no resource, so they are denied to every principal of the security OU but the deploy roles.",
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.312(b)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: ['events:PutPermission', 'events:RemovePermission'],
      Resource: '*',
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
  ],
};
