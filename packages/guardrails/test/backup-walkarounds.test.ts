import { compileGuardrails } from '../src';
import { ADMIN, Case, Decision, EXAMPLE, OTHER_ORG_ACCOUNT, PROD_ACCOUNT, chainOfOu, decide } from './simulation';

// The walk-arounds a review of the backup baseline found, as an administrator of a workload account or of the backup
// account would try them, through the packed Root → OU chain of the example as `landfall apply` compiles it (the
// backup account's ID known, so the backup policy copies to it).
// The backup account: an account of the organization the simulation knows.
const BACKUP = OTHER_ORG_ACCOUNT;
const compiled = compileGuardrails(EXAMPLE, undefined, { backup: BACKUP, prod: PROD_ACCOUNT });
if (!compiled.ok) throw new Error('the example does not compile');
const APPLIED = compiled.compilation;

const WORKLOAD_ADMIN = `arn:aws:iam::${PROD_ACCOUNT}:role/WorkloadAdmin`;
const BACKUP_ROLE = `arn:aws:iam::${PROD_ACCOUNT}:role/landfall-backup`;
const BACKUP_ADMIN = `arn:aws:iam::${BACKUP}:role/BackupAccountAdmin`;
const SNAP = 'arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0';
const AMI = 'arn:aws:ec2:us-east-1::image/ami-0123456789abcdef0';
const RDS_SNAP = `arn:aws:rds:us-east-1:${PROD_ACCOUNT}:snapshot:awsbackup:job-0123`;
const MADE_BY_BACKUP = { 'aws:ResourceTag/aws:backup:source-resource': 'vol-0123456789abcdef0' };
const REPORTS = `arn:aws:s3:::acme-health-backup-reports-${BACKUP}`;
const KEY = `arn:aws:kms:us-east-1:${PROD_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PROD_ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
  ],
};
const PROD_OU = 'Root/Workloads/Prod';
const SECURITY_OU = 'Root/Security';

const CASES: Array<Case & { ou: string; expected: Decision }> = [
  // AWS Backup's cross-account copies share what it made with the backup account, as the backup role.
  {
    ou: PROD_OU,
    name: 'the backup role shares an AWS Backup snapshot with the backup account (the copy to landfall-central)',
    action: 'ec2:ModifySnapshotAttribute',
    resource: SNAP,
    principal: BACKUP_ROLE,
    context: { 'ec2:Add/userId': BACKUP, ...MADE_BY_BACKUP },
    expected: 'Allowed',
  },
  {
    ou: PROD_OU,
    name: 'the backup role shares an AWS Backup AMI',
    action: 'ec2:ModifyImageAttribute',
    resource: AMI,
    principal: BACKUP_ROLE,
    context: MADE_BY_BACKUP,
    expected: 'Allowed',
  },
  {
    ou: PROD_OU,
    name: 'the backup role shares an awsbackup: RDS snapshot',
    action: 'rds:ModifyDBSnapshotAttribute',
    resource: RDS_SNAP,
    principal: BACKUP_ROLE,
    expected: 'Allowed',
  },
  {
    ou: PROD_OU,
    name: 'the backup role shares with another account',
    action: 'ec2:ModifySnapshotAttribute',
    resource: SNAP,
    principal: BACKUP_ROLE,
    context: { 'ec2:Add/userId': '222222222222', ...MADE_BY_BACKUP },
    expected: 'ExplicitlyDenied',
  },
  {
    ou: PROD_OU,
    name: 'the backup role shares a snapshot AWS Backup did not make',
    action: 'ec2:ModifySnapshotAttribute',
    resource: SNAP,
    principal: BACKUP_ROLE,
    context: { 'ec2:Add/userId': BACKUP },
    expected: 'ExplicitlyDenied',
  },
  {
    ou: PROD_OU,
    name: 'the backup role shares a manual RDS snapshot',
    action: 'rds:ModifyDBSnapshotAttribute',
    resource: `arn:aws:rds:us-east-1:${PROD_ACCOUNT}:snapshot:manual-1`,
    principal: BACKUP_ROLE,
    expected: 'ExplicitlyDenied',
  },
  {
    ou: PROD_OU,
    name: 'an administrator shares an AWS Backup snapshot with the backup account',
    action: 'ec2:ModifySnapshotAttribute',
    resource: SNAP,
    principal: WORKLOAD_ADMIN,
    context: { 'ec2:Add/userId': BACKUP, ...MADE_BY_BACKUP },
    expected: 'ExplicitlyDenied',
  },
  // Stopping the backups, or keeping them from leaving the account.
  {
    ou: PROD_OU,
    name: 'an administrator stops a backup job',
    action: 'backup:StopBackupJob',
    principal: WORKLOAD_ADMIN,
    expected: 'ExplicitlyDenied',
  },
  {
    ou: PROD_OU,
    name: 'an administrator copies a recovery point to a vault of another account',
    action: 'backup:CopyFromBackupVault',
    principal: WORKLOAD_ADMIN,
    context: { 'backup:CopyTargets': ['arn:aws:backup:us-east-1:555555555555:backup-vault:exfil'] },
    expected: 'ExplicitlyDenied',
  },
  {
    ou: PROD_OU,
    name: "the backup role copies to the backup account's central vault",
    action: 'backup:CopyFromBackupVault',
    principal: BACKUP_ROLE,
    context: { 'backup:CopyTargets': [`arn:aws:backup:us-east-1:${BACKUP}:backup-vault:landfall-central`] },
    expected: 'Allowed',
  },
  {
    ou: PROD_OU,
    name: 'an administrator removes the selection tag from a Redshift cluster',
    action: 'redshift:DeleteTags',
    resource: `arn:aws:redshift:us-east-1:${PROD_ACCOUNT}:cluster:dw`,
    principal: WORKLOAD_ADMIN,
    context: { 'aws:TagKeys': ['backup'] },
    expected: 'ExplicitlyDenied',
  },
  {
    ou: PROD_OU,
    name: 'an administrator forges a restore test verdict',
    action: 'backup:PutRestoreValidationResult',
    principal: WORKLOAD_ADMIN,
    expected: 'ExplicitlyDenied',
  },
  {
    ou: PROD_OU,
    name: "an administrator locks everyone out of a key's policy",
    action: 'kms:PutKeyPolicy',
    resource: KEY,
    principal: WORKLOAD_ADMIN,
    resourcePolicy: KEY_POLICY,
    context: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' },
    expected: 'ExplicitlyDenied',
  },
  {
    ou: PROD_OU,
    name: "an administrator changes their own key's policy, KMS's safety check kept",
    action: 'kms:PutKeyPolicy',
    resource: KEY,
    principal: WORKLOAD_ADMIN,
    resourcePolicy: KEY_POLICY,
    context: { 'kms:BypassPolicyLockoutSafetyCheck': 'false' },
    expected: 'Allowed',
  },
  // The backup account: its reports replicate into the locked archive.
  {
    ou: SECURITY_OU,
    name: "the backup account's administrator drops the reports' replication",
    action: 's3:PutReplicationConfiguration',
    resource: REPORTS,
    principal: BACKUP_ADMIN,
    resourceAccount: BACKUP,
    expected: 'ExplicitlyDenied',
  },
  {
    ou: SECURITY_OU,
    name: "the backup account's administrator forges a report (it would be replicated into the archive)",
    action: 's3:PutObject',
    resource: `${REPORTS}/backup-reports/Backup/crossaccount/us-east-1/2026/12/01/forged.csv`,
    principal: BACKUP_ADMIN,
    resourceAccount: BACKUP,
    expected: 'ExplicitlyDenied',
  },
  {
    ou: SECURITY_OU,
    name: "the backup account's administrator reads a report",
    action: 's3:GetObject',
    resource: `${REPORTS}/backup-reports/Backup/crossaccount/us-east-1/2026/12/01/report.csv`,
    principal: BACKUP_ADMIN,
    resourceAccount: BACKUP,
    expected: 'Allowed',
  },
  {
    ou: SECURITY_OU,
    name: "Landfall's operator role redeploys the reports bucket",
    action: 's3:PutReplicationConfiguration',
    resource: REPORTS,
    principal: ADMIN.replace(PROD_ACCOUNT, BACKUP),
    resourceAccount: BACKUP,
    expected: 'Allowed',
  },
];

describe('walk-arounds of the backup baseline', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    expect(await decide(chainOfOu(APPLIED, c.ou), c)).toBe(c.expected);
  });

  test("until the backup account's ID is known, the backup role shares nothing (the policy has no cross-account copy)", async () => {
    const c = CASES[0];
    expect(await decide(chainOfOu(compileOk(), c.ou), c)).toBe('ExplicitlyDenied');
  });
});

function compileOk() {
  const withoutIds = compileGuardrails(EXAMPLE);
  if (!withoutIds.ok) throw new Error('the example does not compile');
  return withoutIds.compilation;
}
