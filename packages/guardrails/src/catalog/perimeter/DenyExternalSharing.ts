import { BACKUP_ROLE_NAME } from '../../backup-names';
import { IamGuardrail, Statement, unlessPrincipal } from '../../guardrail';

const SHARING = ['ec2:ModifyImageAttribute', 'rds:ModifyDBSnapshotAttribute', 'rds:ModifyDBClusterSnapshotAttribute'];

export const DenyExternalSharing: IamGuardrail = {
  id: 'DenyExternalSharing',
  title:
    'Snapshots, images, database snapshots and RAM shares are not shared with accounts directly, nor outside the organization',
  rationale:
    "Sharing a disk or database snapshot hands over every record on it. Copies between accounts go through AWS Backup inside the organization: its backup role (which no member principal can assume or pass) may share only the snapshots and images AWS Backup made, and EBS snapshots only with the backup account, for the backup policy's copies; RAM shares stay inside the organization.",
  hipaa: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(4)(ii)(A)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  narrowExemption: {
    principalArn: `arn:aws:iam::*:role/${BACKUP_ROLE_NAME}`,
    what: "only to share what AWS Backup made, EBS snapshots with the backup account only, for the backup policy's copies",
  },
  statements: (context) => [
    ...backupSharing(context.exemptPrincipalArns, context.backup.backupAccountId),
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

/**
 * Snapshot and image sharing. AWS Backup's cross-account copies of EBS, EC2 and RDS recovery points share the
 * snapshot with the destination account as the backup job's role (`landfall-backup`, a member-account principal
 * the SCPs apply to): that role may share what AWS Backup made (tagged `aws:backup:source-resource`; RDS snapshots
 * named `awsbackup:`), EBS snapshots with the backup account only, and nothing until that account's ID is known.
 * (The statements are the same either way, so recording the ID changes the policies' content, not their files.)
 */
function backupSharing(exempt: readonly string[], backupAccountId: string | undefined): Statement[] {
  const role = `arn:aws:iam::*:role/${BACKUP_ROLE_NAME}`;
  const unless = unlessPrincipal([...exempt, role]);
  const asTheBackupRole = { ArnLike: { 'aws:PrincipalArn': role } };
  return [
    {
      Effect: 'Deny',
      Action: 'ec2:ModifySnapshotAttribute',
      Resource: '*',
      Condition: { Null: { 'ec2:Add/userId': 'false' }, ...unless },
    },
    { Effect: 'Deny', Action: SHARING, Resource: '*', Condition: unless },
    {
      Effect: 'Deny',
      Action: 'ec2:ModifySnapshotAttribute',
      Resource: '*',
      Condition: {
        ...(backupAccountId
          ? { 'ForAnyValue:StringNotEquals': { 'ec2:Add/userId': [backupAccountId] } }
          : { Null: { 'ec2:Add/userId': 'false' } }),
        ...asTheBackupRole,
      },
    },
    {
      Effect: 'Deny',
      Action: backupAccountId ? ['ec2:ModifySnapshotAttribute', 'ec2:ModifyImageAttribute'] : SHARING,
      Resource: '*',
      Condition: backupAccountId
        ? { Null: { 'aws:ResourceTag/aws:backup:source-resource': 'true' }, ...asTheBackupRole }
        : asTheBackupRole,
    },
    {
      Effect: 'Deny',
      Action: ['rds:ModifyDBSnapshotAttribute', 'rds:ModifyDBClusterSnapshotAttribute'],
      NotResource: ['arn:aws:rds:*:*:snapshot:awsbackup:*', 'arn:aws:rds:*:*:cluster-snapshot:awsbackup:*'],
      Condition: asTheBackupRole,
    },
  ];
}
