import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const DenyExternalSharing: IamGuardrail = {
  id: 'DenyExternalSharing',
  title:
    'Snapshots, images, database snapshots and RAM shares are not shared with accounts directly, nor outside the organization',
  rationale:
    'Sharing a disk or database snapshot hands over every record on it. Copies between accounts go through AWS Backup inside the organization; RAM shares stay inside it.',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(4)(ii)(A)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: 'ec2:ModifySnapshotAttribute',
      Resource: '*',
      Condition: { Null: { 'ec2:Add/userId': 'false' }, ...unlessPrincipal(context.exemptPrincipalArns) },
    },
    {
      Effect: 'Deny',
      Action: ['ec2:ModifyImageAttribute', 'rds:ModifyDBSnapshotAttribute', 'rds:ModifyDBClusterSnapshotAttribute'],
      Resource: '*',
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
    {
      Effect: 'Deny',
      Action: ['ram:CreateResourceShare', 'ram:UpdateResourceShare'],
      Resource: '*',
      Condition: {
        Bool: { 'ram:RequestedAllowsExternalPrincipals': 'true' },
        ...unlessPrincipal(context.exemptPrincipalArns),
      },
    },
    {
      Effect: 'Deny',
      Action: 'ram:AssociateResourceShare',
      Resource: '*',
      Condition: { Bool: { 'ram:AllowsExternalPrincipals': 'true' }, ...unlessPrincipal(context.exemptPrincipalArns) },
    },
    // Shares inside the organization need no invitation: an invitation comes from outside.
    {
      Effect: 'Deny',
      Action: 'ram:AcceptResourceShareInvitation',
      Resource: '*',
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
  ],
};
