import { IamGuardrail, unlessPrincipal } from '../../guardrail';

/** Everything that creates a role of a name, or changes what it may do, who may use it, or whether it exists. */
export const ROLE_SHAPING_ACTIONS = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:PutRolePermissionsBoundary',
  'iam:DeleteRolePermissionsBoundary',
  'iam:TagRole',
  'iam:UntagRole',
];
/** Acting as a role: assuming it, or handing it to a service that will. */
export const ROLE_USE_ACTIONS = ['sts:AssumeRole', 'iam:PassRole'];

export const ProtectPrivilegedRoles: IamGuardrail = {
  id: 'ProtectPrivilegedRoles',
  title: 'Roles the exemptions rely on cannot be created, changed, deleted, assumed or passed by anyone else',
  rationale:
    'An exemption is only as strong as its role: if an account administrator could create a role of an exempt name, rewrite its trust or pass it to a service, every guardrail would be one step away.',
  hipaa: ['164.308(a)(4)(ii)(B)', '164.308(a)(3)(ii)(A)', '164.312(a)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'deploy-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: [...ROLE_SHAPING_ACTIONS, ...ROLE_USE_ACTIONS],
      Resource: [...context.protectedRoleArns],
      Condition: unlessPrincipal(context.deployPrincipalArns),
    },
  ],
};
