import { ADMIN, Case, prove } from '../simulation';

const ACCOUNT = '111111111111';
const vault = `arn:aws:backup:us-east-1:${ACCOUNT}:backup-vault:landfall`;
const point = `arn:aws:backup:us-east-1:${ACCOUNT}:recovery-point:abc`;
const restoreTest = `arn:aws:backup:us-east-1:${ACCOUNT}:restore-testing-plan:landfall-abc`;
const framework = `arn:aws:backup:us-east-1:${ACCOUNT}:framework:landfall-abc`;
const reportPlan = `arn:aws:backup:us-east-1:${ACCOUNT}:report-plan:landfall_weekly-abc`;
const VOLUME = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0123456789abcdef0`;
const DB = `arn:aws:rds:us-east-1:${ACCOUNT}:db:records`;
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/records`;
const FILE_SYSTEM = `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:file-system/fs-0123456789abcdef0`;
const BUCKET = 'arn:aws:s3:::records';

/** The selection tag (the example's default: backup = true) named in a request. */
const removing = { 'aws:TagKeys': ['backup'] };
const setting = (value: string) => ({ 'aws:TagKeys': ['backup'], [`aws:RequestTag/backup`]: value });

/** Each action ProtectBackups denies beyond deleting vaults, plans and recovery points. */
const NEW_DENIALS: Array<[string, string]> = [
  ['backup:PutBackupVaultLockConfiguration', vault],
  ['backup:DeleteBackupVaultLockConfiguration', vault],
  ['backup:PutBackupVaultNotifications', vault],
  ['backup:DeleteBackupVaultNotifications', vault],
  ['backup:UpdateRegionSettings', '*'],
  ['backup:UpdateGlobalSettings', '*'],
  ['backup:DeleteRestoreTestingPlan', restoreTest],
  ['backup:UpdateRestoreTestingPlan', restoreTest],
  ['backup:DeleteRestoreTestingSelection', restoreTest],
  ['backup:UpdateRestoreTestingSelection', restoreTest],
  ['backup:DeleteFramework', framework],
  ['backup:UpdateFramework', framework],
  ['backup:DeleteReportPlan', reportPlan],
  ['backup:UpdateReportPlan', reportPlan],
];

const deny: Case[] = [
  { name: 'a developer deleting a recovery point', action: 'backup:DeleteRecoveryPoint', resource: point },
  { name: 'a developer deleting the vault', action: 'backup:DeleteBackupVault', resource: vault },
  {
    name: "a developer shortening a recovery point's lifecycle",
    action: 'backup:UpdateRecoveryPointLifecycle',
    resource: point,
  },
  ...NEW_DENIALS.map(([action, resource]) => ({ name: `a developer calling ${action}`, action, resource })),
  {
    name: 'a developer removing the selection tag from an EBS volume',
    action: 'ec2:DeleteTags',
    resource: VOLUME,
    context: removing,
  },
  {
    name: 'a developer deleting every tag of a backed-up EBS volume at once',
    action: 'ec2:DeleteTags',
    resource: VOLUME,
    context: { 'aws:ResourceTag/backup': 'true' },
  },
  {
    name: 'a developer removing the selection tag from an RDS database',
    action: 'rds:RemoveTagsFromResource',
    resource: DB,
    context: removing,
  },
  {
    name: 'a developer removing the selection tag from a DynamoDB table',
    action: 'dynamodb:UntagResource',
    resource: TABLE,
    context: removing,
  },
  {
    name: 'a developer removing the selection tag from an EFS file system',
    action: 'elasticfilesystem:UntagResource',
    resource: FILE_SYSTEM,
    context: removing,
  },
  {
    name: 'a developer removing the selection tag from an S3 bucket',
    action: 's3:UntagResource',
    resource: BUCKET,
    context: removing,
  },
  {
    name: 'a developer overwriting the selection tag of an EBS volume with false',
    action: 'ec2:CreateTags',
    resource: VOLUME,
    context: setting('false'),
  },
  {
    name: 'a developer overwriting the selection tag of an RDS database with false',
    action: 'rds:AddTagsToResource',
    resource: DB,
    context: setting('false'),
  },
  {
    name: 'a developer overwriting the selection tag of a DynamoDB table with an empty value',
    action: 'dynamodb:TagResource',
    resource: TABLE,
    context: setting(''),
  },
];

const allow: Case[] = [
  {
    name: 'the exempt admin deleting the vault',
    action: 'backup:DeleteBackupVault',
    resource: vault,
    principal: ADMIN,
  },
  { name: 'a developer starting a backup job', action: 'backup:StartBackupJob', resource: vault },
  { name: 'a developer starting a restore job', action: 'backup:StartRestoreJob', resource: point },
  {
    name: 'a developer creating an EBS volume tagged into the backup plan',
    action: 'ec2:CreateTags',
    resource: VOLUME,
    context: { ...setting('true'), 'ec2:CreateAction': 'CreateVolume' },
  },
  {
    name: 'a developer tagging an existing RDS database into the backup plan',
    action: 'rds:AddTagsToResource',
    resource: DB,
    context: setting('true'),
  },
  {
    name: 'a developer tagging a DynamoDB table into the backup plan',
    action: 'dynamodb:TagResource',
    resource: TABLE,
    context: setting('true'),
  },
  {
    name: 'a developer changing another tag of a backed-up EBS volume',
    action: 'ec2:CreateTags',
    resource: VOLUME,
    context: { 'aws:TagKeys': ['owner'], 'aws:RequestTag/owner': 'records-team', 'aws:ResourceTag/backup': 'true' },
  },
  {
    name: 'a developer removing another tag from a DynamoDB table',
    action: 'dynamodb:UntagResource',
    resource: TABLE,
    context: { 'aws:TagKeys': ['owner'] },
  },
  {
    name: 'a developer deleting every tag of a volume that is not backed up',
    action: 'ec2:DeleteTags',
    resource: VOLUME,
  },
  ...[
    ['ec2:DeleteTags', VOLUME],
    ['rds:RemoveTagsFromResource', DB],
    ['dynamodb:UntagResource', TABLE],
  ].map(([action, resource]) => ({
    name: `the exempt admin calling ${action} on the selection tag`,
    action,
    resource,
    principal: ADMIN,
    context: removing,
  })),
  ...NEW_DENIALS.map(([action, resource]) => ({
    name: `the exempt admin calling ${action}`,
    action,
    resource,
    principal: ADMIN,
  })),
];

prove('ProtectBackups', { deny, allow });
