import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import {
  AccountBackupVault,
  BackupAuditFramework,
  BackupNames,
  BackupRegionSettings,
  BackupReports,
  BackupServiceRole,
  CentralBackupVault,
  CrossAccountBackup,
  RestoreTesting,
  RestoreTestResourceType,
} from '../src';

const ORG = 'o-exampleorg1';

/** The constructs as a workload account, the backup account and the management account hold them. */
function everything(options: { airGapped?: boolean } = {}) {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-backup-')) });
  Validations.of(app).addPlugins(new HIPAASecurityChecks(app), new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  const workload = new Stack(app, 'Workload', { env: { account: '444444444444', region: 'us-east-1' } });
  const workloadKey = new kms.Key(workload, 'BackupKey', { enableKeyRotation: true });
  const logs = { logKey: new kms.Key(workload, 'LogsKey', { enableKeyRotation: true }) };
  const role = new BackupServiceRole(workload, 'Role');
  const vault = new AccountBackupVault(workload, 'Vault', { encryptionKey: workloadKey, lockMinRetentionDays: 35 });
  new BackupRegionSettings(workload, 'Settings', logs);
  const tests = new RestoreTesting(workload, 'RestoreTests', {
    role: role.role,
    vaultArns: [vault.vault.backupVaultArn],
  });
  new BackupAuditFramework(workload, 'Audit', {
    minRetentionDays: 35,
    copyRegion: 'us-west-2',
    copyAccount: '555555555555',
    vaultLockMinRetentionDays: 35,
  });

  const central = new Stack(app, 'Central', { env: { account: '555555555555', region: 'us-east-1' } });
  const centralKey = new kms.Key(central, 'BackupKey', { enableKeyRotation: true });
  const centralVault = new CentralBackupVault(central, 'Central', {
    encryptionKey: centralKey,
    organizationId: ORG,
    lock: { minRetentionDays: 35, maxRetentionDays: 365, changeableForDays: 3 },
    airGapped: options.airGapped,
  });
  const reports = new BackupReports(central, 'Reports', {
    encryptionKey: centralKey,
    bucketName: 'acme-backup-reports-555555555555',
    accessLogsBucketName: 'acme-backup-access-logs-555555555555',
    archive: {
      bucketName: 'acme-log-archive-222222222222',
      account: '222222222222',
      keyArn: 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555',
    },
    organizationId: ORG,
    regions: ['us-east-1', 'us-west-2'],
  });
  const management = new Stack(app, 'Management', { env: { account: '111111111111', region: 'us-east-1' } });
  new CrossAccountBackup(management, 'CrossAccount', {
    logKey: new kms.Key(management, 'LogsKey', { enableKeyRotation: true }),
  });
  return { app, workload, central, management, tests, centralVault, reports };
}

describe('account baseline', () => {
  const { workload } = everything();
  const template = Template.fromStack(workload);

  test("the vault is encrypted with the account's backup key, locked, kept, and denies deleting recovery points", () => {
    template.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: {
        BackupVaultName: BackupNames.VAULT,
        EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('BackupKey'), 'Arn'] },
        LockConfiguration: { MinRetentionDays: 35 },
        AccessPolicy: {
          Statement: [
            Match.objectLike({
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'],
            }),
          ],
        },
      },
    });
  });

  test('the backup role is named as the backup policy names it and trusts only AWS Backup for this account', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: BackupNames.ROLE,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'backup.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '444444444444' } },
          },
        ],
      },
    });
  });

  test('S3 and the other types are opted in, with full management of DynamoDB and EFS', () => {
    const call = Object.values(template.findResources('Custom::AWS')).map((r) => JSON.stringify(r.Properties.Create));
    expect(call.join()).toContain('updateRegionSettings');
    expect(call.join()).toContain('\\"S3\\":true');
    expect(call.join()).toContain('\\"DynamoDB\\":true');
  });

  test('restore tests restore the latest recovery point of every protected resource of each type from the vault', () => {
    template.hasResourceProperties('AWS::Backup::RestoreTestingPlan', {
      ScheduleExpression: 'cron(0 9 ? * MON *)',
      RecoveryPointSelection: {
        Algorithm: 'LATEST_WITHIN_WINDOW',
        IncludeVaults: [{ 'Fn::GetAtt': [Match.anyValue(), 'BackupVaultArn'] }],
        RecoveryPointTypes: ['SNAPSHOT'],
        SelectionWindowDays: 7,
      },
    });
    const selections = template.findResources('AWS::Backup::RestoreTestingSelection');
    expect(
      Object.values(selections)
        .map((s) => s.Properties.ProtectedResourceType)
        .sort(),
    ).toEqual(['DynamoDB', 'EBS', 'EFS', 'S3'].sort());
    for (const s of Object.values(selections)) {
      expect(s.Properties.ProtectedResourceArns).toEqual(['*']);
      expect(s.Properties.ValidationWindowHours).toBe(4);
    }
  });

  test('the audit framework checks coverage, frequency, retention, encryption, manual deletion, copies and the lock', () => {
    const [framework] = Object.values(template.findResources('AWS::Backup::Framework'));
    const controls = Object.fromEntries(
      framework.Properties.FrameworkControls.map((c: any) => [
        c.ControlName,
        Object.fromEntries((c.ControlInputParameters ?? []).map((p: any) => [p.ParameterName, p.ParameterValue])),
      ]),
    );
    expect(Object.keys(controls).sort()).toEqual(
      [
        'BACKUP_LAST_RECOVERY_POINT_CREATED',
        'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
        'BACKUP_RECOVERY_POINT_ENCRYPTED',
        'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
        'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
        'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
        'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
        'BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT',
        'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
      ].sort(),
    );
    expect(controls.BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK).toEqual({
      requiredFrequencyUnit: 'hours',
      requiredFrequencyValue: '24',
      requiredRetentionDays: '35',
    });
    expect(controls.BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT).toEqual({ crossAccountList: '555555555555' });
    expect(controls.BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION).toEqual({ crossRegionList: 'us-west-2' });
  });
});

describe('the backup account', () => {
  test('the central vault is locked in compliance mode, kept, and admits copies from the organization only', () => {
    const { central } = everything();
    const template = Template.fromStack(central);
    template.hasResource('AWS::Backup::BackupVault', {
      DeletionPolicy: 'Retain',
      Properties: {
        BackupVaultName: BackupNames.CENTRAL_VAULT,
        LockConfiguration: { MinRetentionDays: 35, MaxRetentionDays: 365, ChangeableForDays: 3 },
        AccessPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Allow',
              Principal: { AWS: '*' },
              Action: 'backup:CopyIntoBackupVault',
              Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
            }),
          ]),
        },
      },
    });
  });

  test('an air-gapped central vault keeps the lock and the access policy', () => {
    const { central } = everything({ airGapped: true });
    const template = Template.fromStack(central);
    template.resourceCountIs('AWS::Backup::BackupVault', 0);
    template.hasResource('AWS::Backup::LogicallyAirGappedBackupVault', {
      DeletionPolicy: 'Retain',
      Properties: { BackupVaultName: BackupNames.CENTRAL_VAULT, MinRetentionDays: 35, MaxRetentionDays: 365 },
    });
  });

  test('refuses a lock AWS would refuse, naming the prop', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '555555555555', region: 'us-east-1' } });
    const key = new kms.Key(stack, 'K');
    expect(
      () =>
        new CentralBackupVault(stack, 'A', {
          encryptionKey: key,
          organizationId: ORG,
          lock: { minRetentionDays: 35, changeableForDays: 1 },
        }),
    ).toThrow(/changeableForDays is 1.*at least 3/);
    expect(
      () =>
        new CentralBackupVault(stack, 'B', {
          encryptionKey: key,
          organizationId: ORG,
          lock: { minRetentionDays: 35 },
          airGapped: true,
        }),
    ).toThrow(/needs lock.maxRetentionDays/);
  });

  test("organization reports of every template go to this account's bucket and replicate into the log archive", () => {
    const { central } = everything();
    const template = Template.fromStack(central);
    const plans = Object.values(template.findResources('AWS::Backup::ReportPlan'));
    expect(plans.map((p) => p.Properties.ReportSetting.ReportTemplate).sort()).toEqual(
      [
        'BACKUP_JOB_REPORT',
        'CONTROL_COMPLIANCE_REPORT',
        'COPY_JOB_REPORT',
        'RESOURCE_COMPLIANCE_REPORT',
        'RESTORE_JOB_REPORT',
      ].sort(),
    );
    for (const p of plans) {
      expect(p.Properties.ReportSetting.Accounts).toEqual(['ROOT']);
      expect(p.Properties.ReportDeliveryChannel.S3BucketName).toBe('acme-backup-reports-555555555555');
    }
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: 'acme-backup-reports-555555555555',
      ReplicationConfiguration: {
        Rules: [
          Match.objectLike({
            Destination: Match.objectLike({
              Account: '222222222222',
              ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
            }),
          }),
        ],
      },
    });
    const [reportsBucket] = Object.values(
      template.findResources('AWS::S3::Bucket', { Properties: { BucketName: 'acme-backup-reports-555555555555' } }),
    );
    expect(JSON.stringify(reportsBucket.Properties.ReplicationConfiguration.Rules[0].Destination.Bucket)).toContain(
      ':s3:::acme-log-archive-222222222222',
    );
  });
});

test('the management account turns on cross-account backup', () => {
  const { management } = everything();
  const calls = Object.values(Template.fromStack(management).findResources('Custom::AWS')).map((r) =>
    JSON.stringify(r.Properties.Create),
  );
  expect(calls.join()).toContain('updateGlobalSettings');
  expect(calls.join()).toContain('isCrossAccountBackupEnabled');
});

test('RestoreTesting refuses windows AWS would refuse', () => {
  const stack = new Stack(new App(), 'S');
  const role = new BackupServiceRole(stack, 'R');
  expect(
    () => new RestoreTesting(stack, 'T', { role: role.role, vaultArns: ['arn'], validationWindowHours: 200 }),
  ).toThrow(/validationWindowHours is 200/);
  expect(() => new RestoreTesting(stack, 'U', { role: role.role, vaultArns: ['arn'], resourceTypes: [] })).toThrow(
    /resourceTypes is empty/,
  );
  expect(RestoreTestResourceType.DYNAMODB).toBe('DynamoDB');
});

describe('cdk-nag (HIPAA.Security, AwsSolutions, NIST.800-53.R5)', () => {
  test('finds nothing unacknowledged, and every acknowledgement has its reason', () => {
    const { app } = everything();
    const report = JSON.parse(readFileSync(join(app.synth().directory, 'validation-report.json'), 'utf8'));
    const suppressed = new Set<string>();
    for (const plugin of report.pluginReports) {
      expect(
        plugin.violations.map((v: any) => `${v.ruleName} ${v.violatingConstructs.map((c: any) => c.constructPath)}`),
      ).toEqual([]);
      for (const v of plugin.suppressedViolations ?? []) {
        expect(v.reason.length).toBeGreaterThan(60);
        suppressed.add(v.ruleName.replace(/^(HIPAA\.Security|NIST\.800\.53\.R5)-/, ''));
      }
    }
    // AWS Backup's own managed policies for its role; the wildcards IAM requires; the deploy-time function; the
    // reports bucket (a landing bucket replicating into the log archive) and its access-log bucket.
    expect([...suppressed].sort()).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-backup-settings:log-stream:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-backup-reports-555555555555/backup-reports/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-log-archive-222222222222/backup-reports/*]',
      'LambdaConcurrency',
      'LambdaDLQ',
      'LambdaInsideVPC',
      'S3BucketReplicationEnabled',
      'S3DefaultEncryptionKMS',
    ]);
  });
});
