import { BACKUP_VAULT_NAME, CENTRAL_BACKUP_VAULT_NAME } from '../../backup-names';
import { IamGuardrail, Statement, denyUnlessExempt, unlessPrincipal } from '../../guardrail';

const ACTIONS = [
  // Vaults, their access and their lock. A lock of the account's own making (a short maximum
  // retention) would make every backup into the vault fail.
  'backup:DeleteBackupVault',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:PutBackupVaultAccessPolicy',
  'backup:PutBackupVaultLockConfiguration',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:PutBackupVaultNotifications',
  'backup:DeleteBackupVaultNotifications',
  // Plans and recovery points.
  'backup:DeleteBackupPlan',
  'backup:UpdateBackupPlan',
  'backup:DeleteBackupSelection',
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:DisassociateRecoveryPoint',
  'backup:DisassociateRecoveryPointFromParent',
  // Aborting the organization's backup jobs as they start.
  'backup:StopBackupJob',
  // Sharing a vault (the air-gapped vault's restore path), and a restore test's verdict.
  'backup:PutBackupVaultSharingPolicy',
  'backup:DeleteBackupVaultSharingPolicy',
  'backup:PutRestoreValidationResult',
  // Opting a resource type out, and the organization's cross-account setting.
  'backup:UpdateRegionSettings',
  'backup:UpdateGlobalSettings',
  // Restore tests (plans and selections) and AWS Backup Audit Manager.
  'backup:DeleteRestoreTesting*',
  'backup:UpdateRestoreTesting*',
  'backup:DeleteFramework',
  'backup:UpdateFramework',
  'backup:DeleteReportPlan',
  'backup:UpdateReportPlan',
];

/**
 * Removing tags, in the services whose resources AWS Backup backs up: EC2 and EBS; RDS, Aurora,
 * DocumentDB and Neptune (rds:); DynamoDB; EFS (and its older tag API); FSx; S3 buckets (through the
 * tagging API that carries tag condition keys: `s3:PutBucketTagging` carries none); Storage Gateway; Redshift;
 * Timestream.
 */
const UNTAG_ACTIONS = [
  'ec2:DeleteTags',
  'rds:RemoveTagsFromResource',
  'dynamodb:UntagResource',
  'elasticfilesystem:UntagResource',
  'elasticfilesystem:DeleteTags',
  'fsx:UntagResource',
  's3:UntagResource',
  'storagegateway:RemoveTagsFromResource',
  'redshift:DeleteTags',
  'timestream:UntagResource',
];

/** Setting tags, in the same services. */
const TAG_ACTIONS = [
  'ec2:CreateTags',
  'rds:AddTagsToResource',
  'dynamodb:TagResource',
  'elasticfilesystem:TagResource',
  'elasticfilesystem:CreateTags',
  'fsx:TagResource',
  's3:TagResource',
  'storagegateway:AddTagsToResource',
  'redshift:CreateTags',
  'timestream:TagResource',
];

export const ProtectBackups: IamGuardrail = {
  id: 'ProtectBackups',
  title:
    'Backup vaults, locks, plans, recovery points, restore tests, audit frameworks and the backup selection tag cannot be deleted or weakened',
  rationale:
    "Backups are the last line against ransomware and mistakes: an attacker with account access must not be able to erase them, lock the vault against new ones, silence its notifications, opt a resource type out, stop the restore tests and audit reports that prove them, or take a resource out of the backup plan by removing or changing its selection tag. Resources created with the tag, or tagged into the plan, stay allowed; the backup role is protected with Landfall's other roles.",
  hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.312(c)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context): Statement[] => {
    const { key, value } = context.backup.selectionTag;
    const naming = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': [key] } };
    return [
      ...denyUnlessExempt(ACTIONS)(context),
      {
        // Removing the selection tag takes a resource out of every backup plan.
        Effect: 'Deny',
        Action: UNTAG_ACTIONS,
        Resource: '*',
        Condition: { ...naming, ...unlessPrincipal(context.exemptPrincipalArns) },
      },
      {
        // ec2:DeleteTags without a tag list deletes every tag, the selection tag with them.
        Effect: 'Deny',
        Action: 'ec2:DeleteTags',
        Resource: '*',
        Condition: {
          Null: { 'aws:TagKeys': 'true' },
          StringEquals: { [`aws:ResourceTag/${key}`]: value },
          ...unlessPrincipal(context.exemptPrincipalArns),
        },
      },
      {
        // Recovery points are copied only to Landfall's vaults: an account's own, or the backup account's central one.
        Effect: 'Deny',
        Action: 'backup:CopyFromBackupVault',
        Resource: '*',
        Condition: {
          'ForAnyValue:ArnNotLike': {
            'backup:CopyTargets': [
              `arn:aws:backup:*:\${aws:PrincipalAccount}:backup-vault:${BACKUP_VAULT_NAME}`,
              ...(context.backup.backupAccountId
                ? [`arn:aws:backup:*:${context.backup.backupAccountId}:backup-vault:${CENTRAL_BACKUP_VAULT_NAME}`]
                : []),
            ],
          },
          ...unlessPrincipal(context.exemptPrincipalArns),
        },
      },
      {
        // Setting it to another value does too; setting it to the value (at creation or later) is allowed.
        Effect: 'Deny',
        Action: TAG_ACTIONS,
        Resource: '*',
        Condition: {
          ...naming,
          StringNotEquals: { [`aws:RequestTag/${key}`]: value },
          ...unlessPrincipal(context.exemptPrincipalArns),
        },
      },
    ];
  },
};
