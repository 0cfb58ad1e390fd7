import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

/** Roles that Landfall creates in every account. */
export const LANDFALL_ROLE_PATTERN = 'arn:aws:iam::*:role/Landfall*';

export const ProtectLandfallRoles: IamGuardrail = {
  id: 'ProtectLandfallRoles',
  title: "Landfall's own IAM roles cannot be changed, deleted or assumed with new trust",
  rationale: 'The roles that deploy the hardening must not be taken over or removed by an account user.',
  hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt(
    [
      'iam:AttachRolePolicy',
      'iam:DeleteRole',
      'iam:DeleteRolePermissionsBoundary',
      'iam:DeleteRolePolicy',
      'iam:DetachRolePolicy',
      'iam:PutRolePermissionsBoundary',
      'iam:PutRolePolicy',
      'iam:TagRole',
      'iam:UntagRole',
      'iam:UpdateAssumeRolePolicy',
      'iam:UpdateRole',
      'iam:UpdateRoleDescription',
    ],
    LANDFALL_ROLE_PATTERN,
  ),
};
