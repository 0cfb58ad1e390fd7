import { IamGuardrail, LANDFALL_TAG, Statement, unlessPrincipal } from '../../guardrail';

/** CloudFormation cannot tag a managed policy: Landfall's carry the path `/landfall/` instead. */
const LANDFALL_POLICIES = 'arn:aws:iam::*:policy/landfall/*';

export const ProtectLandfallFunctions: IamGuardrail = {
  id: 'ProtectLandfallFunctions',
  title:
    "Landfall's deploy-time functions cannot be invoked, changed or deleted, nor its managed policies rewritten, except through Landfall's deploy roles",
  rationale:
    "A deploy-time function runs as an exempt role (it sets what CloudFormation has no resource for: EBS encryption by default, GuardDuty's and Macie's organization settings) and performs whatever SDK call its request names: invoking it, or changing its code, would borrow the exemption. A managed policy cannot carry the Landfall tag, so a new default version would quietly strip the alert forwarding or the log replication of their permissions.",
  hipaa: ['164.308(a)(1)(ii)(B)', '164.308(a)(4)(ii)(B)', '164.312(c)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'deploy-principals',
  statements: (context): Statement[] => [
    {
      Effect: 'Deny',
      Action: [
        'lambda:InvokeFunction',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:DeleteFunction',
        'lambda:AddPermission',
        'lambda:UntagResource',
      ],
      Resource: '*',
      Condition: {
        Null: { [`aws:ResourceTag/${LANDFALL_TAG}`]: 'false' },
        ...unlessPrincipal(context.deployPrincipalArns),
      },
    },
    {
      Effect: 'Deny',
      Action: ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:DeletePolicyVersion', 'iam:DeletePolicy'],
      Resource: LANDFALL_POLICIES,
      Condition: unlessPrincipal(context.deployPrincipalArns),
    },
  ],
};
