import { IamGuardrail, LANDFALL_TAG, Statement, unlessPrincipal } from '../../guardrail';

const STACK_CHANGES = [
  'cloudformation:CreateStack',
  'cloudformation:UpdateStack',
  'cloudformation:DeleteStack',
  'cloudformation:CreateChangeSet',
  'cloudformation:ExecuteChangeSet',
  'cloudformation:ContinueUpdateRollback',
  'cloudformation:RollbackStack',
  'cloudformation:SetStackPolicy',
  'cloudformation:UpdateTerminationProtection',
  'cloudformation:TagResource',
  'cloudformation:UntagResource',
];

export const ProtectLandfallStacks: IamGuardrail = {
  id: 'ProtectLandfallStacks',
  title: "Landfall's stacks (tagged landfall:landing-zone) are changed only through Landfall's deploy roles",
  rationale:
    "A baseline stack runs with Landfall's execution role: updating it by hand would borrow that role's exemption, and deleting it would remove the hardening.",
  hipaa: ['164.308(a)(1)(ii)(B)', '164.312(c)(1)', '164.308(a)(4)(ii)(B)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'deploy-principals',
  statements: (context): Statement[] => [
    {
      Effect: 'Deny',
      Action: STACK_CHANGES,
      Resource: '*',
      Condition: {
        Null: { [`aws:ResourceTag/${LANDFALL_TAG}`]: 'false' },
        ...unlessPrincipal(context.deployPrincipalArns),
      },
    },
    {
      Effect: 'Deny',
      Action: STACK_CHANGES,
      Resource: '*',
      Condition: {
        Null: { [`aws:RequestTag/${LANDFALL_TAG}`]: 'false' },
        ...unlessPrincipal(context.deployPrincipalArns),
      },
    },
  ],
};
