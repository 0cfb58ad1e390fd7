import { BackupNames } from '@landfall/backup';
import {
  BACKUP_ROLE_NAME,
  BACKUP_VAULT_NAME,
  CENTRAL_BACKUP_VAULT_NAME,
  compileGuardrails,
} from '@landfall/guardrails';
import { Template } from 'aws-cdk-lib/assertions';
import { AUDIT_CONTROLS, renderBackupDocs } from '../src';
import { APPLIED, ARCHIVE_KEY, build, definition } from './fixtures';

const RECORDED = { ...APPLIED, logging: { archiveKeyArn: ARCHIVE_KEY } };
const DEPLOYED = build({ ids: RECORDED, placeholders: false });
const REGIONS = ['us-east-1', 'us-west-2'];

function only(templates: Map<string, Template>, name: string): Template {
  const t = templates.get(name);
  if (!t) throw new Error(`no stack ${name}; stacks: ${[...templates.keys()].join(', ')}`);
  return t;
}

function one(t: Template, type: string): any {
  const all = Object.values(t.findResources(type));
  expect(all).toHaveLength(1);
  return all[0];
}

describe('the backup baseline', () => {
  test('the stacks name the vaults and the role exactly as the backup policy does', () => {
    expect(BackupNames).toEqual({
      VAULT: BACKUP_VAULT_NAME,
      CENTRAL_VAULT: CENTRAL_BACKUP_VAULT_NAME,
      ROLE: BACKUP_ROLE_NAME,
    });
    const compiled = compileGuardrails(definition(), undefined, APPLIED.accounts);
    if (!compiled.ok) throw new Error('does not compile');
    const policy = compiled.compilation.policies.find((p) => p.type === 'BACKUP_POLICY')!.content;
    expect(policy).toContain(`"target_backup_vault_name":{"@@assign":"${BackupNames.VAULT}"}`);
    expect(policy).toContain(`arn:aws:backup:us-east-1:444444444444:backup-vault:${BackupNames.CENTRAL_VAULT}`);
    expect(policy).toContain(`arn:aws:iam::$account:role/${BackupNames.ROLE}`);
  });

  test('every workload account has an encrypted, locked vault in every governed region; no other account has one', () => {
    const names = [...DEPLOYED.templates.keys()];
    expect(names.filter((n) => /-backup-us-/.test(n)).sort()).toEqual([
      'dev-backup-us-east-1',
      'dev-backup-us-west-2',
      'prod-backup-us-east-1',
      'prod-backup-us-west-2',
    ]);
    for (const account of ['prod', 'dev']) {
      for (const region of REGIONS) {
        const t = only(DEPLOYED.templates, `${account}-backup-${region}`);
        const vault = one(t, 'AWS::Backup::BackupVault');
        expect([account, region, vault.Properties.BackupVaultName, vault.DeletionPolicy]).toEqual([
          account,
          region,
          BackupNames.VAULT,
          'Retain',
        ]);
        // The account's backup key, from its encryption stack in the same region.
        expect(JSON.stringify(vault.Properties.EncryptionKeyArn)).toMatch(
          new RegExp(`Fn::ImportValue.*${account}-encryption-${region}`),
        );
        expect(vault.Properties.LockConfiguration).toEqual({ MinRetentionDays: 35 });
        t.resourceCountIs('AWS::IAM::Role', region === 'us-east-1' ? 1 : 0); // the backup role: IAM is global
        t.resourceCountIs('AWS::Lambda::Function', 0);
        // AWS Backup's opt-ins (S3 among them), through the encryption stack's deploy-time function.
        const encryption = JSON.stringify(only(DEPLOYED.templates, `${account}-encryption-${region}`).toJSON());
        expect(encryption).toContain('updateRegionSettings');
        expect(encryption).toContain('\\"S3\\":true');
        t.resourceCountIs('AWS::Backup::RestoreTestingPlan', 1);
        t.resourceCountIs('AWS::Backup::Framework', 1);
      }
    }
  });

  test('the audit framework expects the copies the backup policy makes: the other region and the backup account', () => {
    const controls = (account: string, region: string) =>
      Object.fromEntries(
        one(
          only(DEPLOYED.templates, `${account}-backup-${region}`),
          'AWS::Backup::Framework',
        ).Properties.FrameworkControls.map((c: any) => [c.ControlName, c.ControlInputParameters ?? []]),
      );
    expect(controls('prod', 'us-east-1').BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION).toEqual([
      { ParameterName: 'crossRegionList', ParameterValue: 'us-west-2' },
    ]);
    expect(controls('prod', 'us-west-2').BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION).toEqual([
      { ParameterName: 'crossRegionList', ParameterValue: 'us-east-1' },
    ]);
    expect(controls('dev', 'us-east-1').BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT).toEqual([
      { ParameterName: 'crossAccountList', ParameterValue: '444444444444' },
    ]);
  });

  test("restore tests follow the definition's schedule and scope", () => {
    const { templates } = build({
      ids: RECORDED,
      placeholders: false,
      definition: definition((d) => {
        d.backup.restoreTesting = { schedule: 'cron(0 3 ? * SAT *)', resourceTypes: ['EBS'], selectionWindowDays: 14 };
      }),
    });
    const t = only(templates, 'prod-backup-us-west-2');
    expect(one(t, 'AWS::Backup::RestoreTestingPlan').Properties).toMatchObject({
      ScheduleExpression: 'cron(0 3 ? * SAT *)',
      RecoveryPointSelection: { SelectionWindowDays: 14 },
    });
    expect(one(t, 'AWS::Backup::RestoreTestingSelection').Properties.ProtectedResourceType).toBe('EBS');
    // The role AWS Backup restores with is the one the home region's stack makes.
    expect(JSON.stringify(one(t, 'AWS::Backup::RestoreTestingSelection').Properties.IamRoleArn)).toContain(
      `role/${BackupNames.ROLE}`,
    );
  });

  test("the backup account's central vault is locked in compliance mode in every region, with the definition's minimum", () => {
    for (const region of REGIONS) {
      const t = only(DEPLOYED.templates, `backup-backup-vault-${region}`);
      const vault = one(t, 'AWS::Backup::BackupVault');
      expect(vault.Properties.BackupVaultName).toBe(BackupNames.CENTRAL_VAULT);
      expect(vault.Properties.LockConfiguration).toEqual({ MinRetentionDays: 35, ChangeableForDays: 3 });
      expect(JSON.stringify(vault.Properties.AccessPolicy)).toContain('"aws:PrincipalOrgID":"o-exampleorg1"');
    }
    const { templates } = build({
      ids: RECORDED,
      placeholders: false,
      definition: definition((d) => {
        d.backup.centralVault = { airGapped: true, minRetentionDays: 30 };
      }),
    });
    const lag = one(only(templates, 'backup-backup-vault-us-west-2'), 'AWS::Backup::LogicallyAirGappedBackupVault');
    expect(lag.Properties).toMatchObject({ MinRetentionDays: 30, MaxRetentionDays: 365 });
  });

  test("the reports replicate into the log archive, which admits only the backup account's replication role, under its prefix", () => {
    const reports = only(DEPLOYED.templates, 'backup-backup-vault-us-east-1');
    expect(Object.values(reports.findResources('AWS::Backup::ReportPlan'))).toHaveLength(5);
    only(DEPLOYED.templates, 'backup-backup-vault-us-west-2').resourceCountIs('AWS::Backup::ReportPlan', 0);
    const archive = only(DEPLOYED.templates, 'log-archive-log-archive-us-east-1');
    const statements = Object.values(archive.findResources('AWS::S3::BucketPolicy')).flatMap(
      (p: any) => p.Properties.PolicyDocument.Statement,
    );
    const replica = statements.find((s: any) => s.Sid === 'ReplicaSource1Objects');
    expect(replica.Principal).toEqual({ AWS: 'arn:aws:iam::444444444444:role/landfall-backup-reports-replication' });
    expect(JSON.stringify(replica.Resource)).toContain('/backup-reports/*');
  });

  test("workload keys let the backup account copy; other accounts' keys do not name it", () => {
    const statementsOf = (account: string) =>
      Object.values(only(DEPLOYED.templates, `${account}-encryption-us-east-1`).findResources('AWS::KMS::Key')).flatMap(
        (k: any) => k.Properties.KeyPolicy.Statement,
      );
    expect(statementsOf('prod').filter((s: any) => s.Sid === 'BackupCopiesToTheBackupAccount')).toHaveLength(2);
    for (const account of ['management', 'audit', 'log-archive', 'shared-services', 'backup']) {
      expect([account, JSON.stringify(statementsOf(account)).includes('BackupCopies')]).toEqual([account, false]);
    }
  });

  test('the management account turns on cross-account backup, once; no other account opts in without the policy', () => {
    const calls = (name: string) => JSON.stringify(only(DEPLOYED.templates, name).toJSON());
    expect(calls('management-encryption-us-east-1')).toContain('isCrossAccountBackupEnabled');
    expect(calls('management-encryption-us-west-2')).not.toContain('isCrossAccountBackupEnabled');
    for (const account of ['management', 'log-archive', 'audit', 'backup', 'shared-services']) {
      expect([account, calls(`${account}-encryption-us-east-1`).includes('updateRegionSettings')]).toEqual([
        account,
        false,
      ]);
    }
  });

  test('backup.ous decides which accounts get the baseline', () => {
    const { templates } = build({
      ids: RECORDED,
      placeholders: false,
      definition: definition((d) => {
        d.backup.ous = ['Root/Workloads/Prod', 'Root/Infrastructure'];
      }),
    });
    const names = [...templates.keys()].filter((n) => /-backup-us-/.test(n));
    expect(names.sort()).toEqual([
      'prod-backup-us-east-1',
      'prod-backup-us-west-2',
      'shared-services-backup-us-east-1',
      'shared-services-backup-us-west-2',
    ]);
  });

  test('without the archive key, the reports wait for it and say so; vaults do not wait', () => {
    const { templates, pending } = build({ ids: APPLIED, placeholders: false });
    only(templates, 'backup-backup-vault-us-east-1').resourceCountIs('AWS::Backup::ReportPlan', 0);
    only(templates, 'backup-backup-vault-us-east-1').resourceCountIs('AWS::Backup::BackupVault', 1);
    expect(pending.join('\n')).toContain("the AWS Backup reports' replication into the log archive");
  });
});

describe('docs/backup.md', () => {
  test("follows the definition: rules, vault lock, copy region, restore tests and the framework's controls", () => {
    const doc = renderBackupDocs(
      definition((d) => {
        d.backup.monthly = { retentionDays: 400, coldStorageAfterDays: 120 };
        d.backup.centralVault = { minRetentionDays: 30, changeableForDays: 7 };
        d.backup.restoreTesting = { schedule: 'cron(0 2 ? * TUE *)' };
      }),
    );
    expect(doc).toContain('| monthly | `cron(0 7 1 * ? *)` | 400 days | 120 days |');
    expect(doc).toContain('Vault Lock in compliance mode: minimum 30 days; changeable for 7 days after deployment');
    expect(doc).toContain('on `cron(0 2 ? * TUE *)`');
    expect(doc).toContain('(us-east-1 ⇄ us-west-2)');
    // Every control the framework deploys is explained to the auditor, and nothing more.
    const framework = one(only(DEPLOYED.templates, 'prod-backup-us-east-1'), 'AWS::Backup::Framework');
    expect(framework.Properties.FrameworkControls.map((c: any) => c.ControlName).sort()).toEqual(
      Object.keys(AUDIT_CONTROLS).sort(),
    );
    for (const name of Object.keys(AUDIT_CONTROLS)) expect(doc).toContain(`\`${name}\``);
  });

  test('says when there is no second region, and names an air-gapped vault', () => {
    const doc = renderBackupDocs(
      definition((d) => {
        d.regions = ['us-east-1'];
        delete d.backup.copyRegion;
        d.network.availabilityZones = { 'us-east-1': ['us-east-1a', 'us-east-1b'] };
        d.backup.centralVault = { airGapped: true };
      }),
    );
    expect(doc).toContain('Only one region is governed, so there is no regional copy');
    expect(doc).toContain('`landfall-central` (logically air-gapped)');
  });
});
