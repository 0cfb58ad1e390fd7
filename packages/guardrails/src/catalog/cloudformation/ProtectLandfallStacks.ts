import { IamGuardrail, LANDFALL_TAG, Statement, unlessPrincipal } from '../../guardrail';

/** What reshapes a role, a managed policy or a key policy that a Landfall stack made (they carry its tag). */
const LANDFALL_RESOURCE_CHANGES = [
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:UpdateAssumeRolePolicy',
  'iam:DeleteRole',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:UntagRole',
  'iam:CreatePolicyVersion',
  'iam:SetDefaultPolicyVersion',
  'iam:DeletePolicy',
  'iam:UntagPolicy',
  'kms:PutKeyPolicy',
  'kms:UntagResource',
];

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
  'cloudformation:CancelUpdateStack',
  'cloudformation:TagResource',
  'cloudformation:UntagResource',
];

export const ProtectLandfallStacks: IamGuardrail = {
  id: 'ProtectLandfallStacks',
  title:
    "Landfall's stacks, the roles, policies and keys they create (tagged landfall:landing-zone), its CDK staging bucket and the bootstrap's other names, and the names of the management account's StackSet assets buckets are made and changed only through Landfall's deploy roles",
  rationale:
    "A baseline stack runs with Landfall's execution role: updating it, or the templates and assets staged for it, would borrow that role's exemption; changing the roles, policies and key policies it made (the flow-log role, a key's service grants) silences or breaks the hardening without deleting anything.",
  hipaa: ['164.308(a)(1)(ii)(B)', '164.312(c)(1)', '164.308(a)(4)(ii)(B)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'deploy-principals',
  statements: (context): Statement[] => [
    {
      Effect: 'Deny',
      Action: [...STACK_CHANGES, ...LANDFALL_RESOURCE_CHANGES],
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
    {
      Effect: 'Deny',
      // Every write: objects (also by replication from another bucket, or a restored old version), versions, the
      // bucket's policy, lifecycle, versioning and replication. The deployer trusts what the bucket holds.
      // ...and creating it: a bucket of its name made first would stop the bootstrap.
      Action: ['s3:CreateBucket', 's3:Put*', 's3:Delete*', 's3:Replicate*', 's3:RestoreObject'],
      Resource: [...context.stagingBucketArns],
      Condition: unlessPrincipal(context.deployPrincipalArns),
    },
    {
      // The bootstrap's other names: its version parameter, which every Landfall stack checks, and its repository.
      Effect: 'Deny',
      Action: [
        'ssm:PutParameter',
        'ssm:DeleteParameter*',
        'ssm:LabelParameterVersion',
        'ecr:CreateRepository',
        'ecr:DeleteRepository',
      ],
      Resource: [...context.bootstrapReservedArns],
      Condition: unlessPrincipal(context.deployPrincipalArns),
    },
  ],
};
