import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { AccountPublicAccessBlock, EbsDefaultEncryption, EncryptionKeys, KeyPurpose } from '../src';

const env = { account: '111111111111', region: 'us-east-1' };

function stackWith(build: (stack: Stack) => void): Template {
  const stack = new Stack(new App(), 'Baseline', { env });
  build(stack);
  return Template.fromStack(stack);
}

describe('EncryptionKeys', () => {
  test('creates one key per purpose, with an alias each', () => {
    // GIVEN / WHEN
    const template = stackWith((s) => new EncryptionKeys(s, 'Keys'));
    // THEN
    template.resourceCountIs('AWS::KMS::Key', 3);
    for (const purpose of ['data', 'logs', 'backup']) {
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: `alias/landfall/${purpose}` });
    }
  });

  test('rotates every key yearly by default', () => {
    const template = stackWith((s) => new EncryptionKeys(s, 'Keys'));
    for (const key of Object.values(template.findResources('AWS::KMS::Key'))) {
      expect(key.Properties).toMatchObject({ EnableKeyRotation: true, RotationPeriodInDays: 365 });
    }
  });

  test('takes another rotation period', () => {
    const template = stackWith(
      (s) => new EncryptionKeys(s, 'Keys', { rotationPeriod: Duration.days(90), purposes: [KeyPurpose.DATA] }),
    );
    template.hasResourceProperties('AWS::KMS::Key', { RotationPeriodInDays: 90 });
  });

  test('retains every key when the stack is deleted', () => {
    const template = stackWith((s) => new EncryptionKeys(s, 'Keys'));
    for (const key of Object.values(template.findResources('AWS::KMS::Key'))) {
      expect(key).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  test("lets CloudWatch Logs use the logs key only for this account's log groups", () => {
    const template = stackWith((s) => new EncryptionKeys(s, 'Keys', { purposes: [KeyPurpose.LOGS] }));
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'CloudWatchLogsOfThisAccount',
            Principal: { Service: 'logs.us-east-1.amazonaws.com' },
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:111111111111:*']],
                },
              },
            },
          }),
        ]),
      },
    });
  });

  test('lets Auto Scaling launch instances with volumes under the data key, granting only for AWS resources', () => {
    const template = stackWith((s) => new EncryptionKeys(s, 'Keys', { purposes: [KeyPurpose.DATA] }));
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AutoScalingGrantsForAttachedVolumes',
            Action: 'kms:CreateGrant',
            Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
          }),
        ]),
      },
    });
  });

  test('lets no principal create grants except for AWS resources or as an AWS service (CT.KMS.PR.3)', () => {
    const template = stackWith((s) => new EncryptionKeys(s, 'Keys'));
    const keys = Object.values(template.findResources('AWS::KMS::Key'));
    expect(keys).toHaveLength(3);
    for (const key of keys) {
      expect(key.Properties.KeyPolicy.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 'kms:CreateGrant',
          Resource: '*',
          Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
        }),
      );
    }
  });

  test('gives no service principal the backup key', () => {
    const template = stackWith((s) => new EncryptionKeys(s, 'Keys', { purposes: [KeyPurpose.BACKUP] }));
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    const principals = key.Properties.KeyPolicy.Statement.map((s: { Principal: unknown }) =>
      JSON.stringify(s.Principal),
    );
    expect(principals.filter((p: string) => p.includes('Service'))).toEqual([]);
  });

  test('lets the backup account use the data and backup keys for copies, granting only for AWS resources, and no more', () => {
    const template = stackWith((s) => new EncryptionKeys(s, 'Keys', { backupCopyAccounts: ['555555555555'] }));
    const keys = Object.values(template.findResources('AWS::KMS::Key'));
    const copyStatements = (key: any) =>
      key.Properties.KeyPolicy.Statement.filter((st: any) => JSON.stringify(st.Principal).includes('555555555555'));
    const byAlias = (purpose: string) => {
      const [, alias] = Object.entries(template.findResources('AWS::KMS::Alias')).find(
        ([, a]) => a.Properties.AliasName === `alias/landfall/${purpose}`,
      )!;
      const logicalId = alias.Properties.TargetKeyId['Fn::GetAtt'][0];
      return template.findResources('AWS::KMS::Key')[logicalId];
    };
    expect(keys).toHaveLength(3);
    for (const purpose of ['data', 'backup']) {
      const statements = copyStatements(byAlias(purpose));
      expect(statements.map((st: any) => st.Sid).sort()).toEqual([
        'BackupCopiesToTheBackupAccount',
        'BackupCopyGrantsToTheBackupAccount',
      ]);
      const services = {
        'kms:ViaService': [
          'ec2.us-east-1.amazonaws.com',
          'rds.us-east-1.amazonaws.com',
          'backup.us-east-1.amazonaws.com',
        ],
      };
      const grant = statements.find((st: any) => st.Action === 'kms:CreateGrant');
      expect(grant.Condition).toEqual({ Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: services });
      // Never a direct Decrypt of what the workload encrypts under the key.
      const use = statements.find((st: any) => st.Sid === 'BackupCopiesToTheBackupAccount');
      expect(use.Condition).toEqual({ StringEquals: services });
    }
    expect(copyStatements(byAlias('logs'))).toEqual([]);
  });

  test('fails when the rotation period is outside what KMS accepts', () => {
    expect(() => stackWith((s) => new EncryptionKeys(s, 'Keys', { rotationPeriod: Duration.days(30) }))).toThrow(
      'rotationPeriod is 30 days; AWS KMS accepts 90 to 2560',
    );
  });

  test('fails when asked for a key of a purpose it was not given', () => {
    const stack = new Stack(new App(), 'S', { env });
    const keys = new EncryptionKeys(stack, 'Keys', { purposes: [KeyPurpose.DATA] });
    expect(() => keys.keyFor(KeyPurpose.LOGS)).toThrow('no logs key — add KeyPurpose.LOGS to purposes');
  });
});

describe('EbsDefaultEncryption', () => {
  function template() {
    return stackWith(
      (s) => new EbsDefaultEncryption(s, 'Ebs', { key: new EncryptionKeys(s, 'Keys').keyFor(KeyPurpose.DATA) }),
    );
  }

  test('turns on EBS encryption by default and sets the data key, on create and update, never undoing on delete', () => {
    const calls = Object.values(template().findResources('Custom::AWS')).map((r) => JSON.stringify(r.Properties));
    expect(
      calls.some(
        (c) =>
          c.includes('enableEbsEncryptionByDefault') &&
          c.includes('"Create"') &&
          c.includes('"Update"') &&
          !c.includes('"Delete"'),
      ),
    ).toBe(true);
    expect(calls.some((c) => c.includes('modifyEbsDefaultKmsKeyId') && !c.includes('"Delete"'))).toBe(true);
  });

  test("creates the function's log group itself, encrypted with the given key, with a retention, retained, before the calls", () => {
    const t = stackWith((s) => {
      const keys = new EncryptionKeys(s, 'Keys');
      const logs = { logKey: keys.keyFor(KeyPurpose.LOGS), logRetention: RetentionDays.SIX_MONTHS };
      new EbsDefaultEncryption(s, 'Ebs', { key: keys.keyFor(KeyPurpose.DATA), ...logs });
      new AccountPublicAccessBlock(s, 'Bpa', logs);
    });
    const groups = t.findResources('AWS::Logs::LogGroup');
    expect(Object.values(groups)).toHaveLength(1);
    const [[id, group]] = Object.entries(groups);
    expect(group).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: {
        LogGroupName: '/aws/lambda/landfall-account-settings',
        RetentionInDays: 180,
        KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^KeyslogsKey/), 'Arn'] },
      },
    });
    for (const call of Object.values(t.findResources('Custom::AWS'))) expect(call.DependsOn).toContain(id);
  });

  test('keeps its logs a year when no retention is given', () => {
    const [group] = Object.values(template().findResources('AWS::Logs::LogGroup'));
    expect(group.Properties.RetentionInDays).toBe(365);
  });

  test('uses the SDK of the Lambda runtime (no download at deploy) and one function for both calls', () => {
    const t = template();
    t.resourceCountIs('AWS::Lambda::Function', 1);
    for (const r of Object.values(t.findResources('Custom::AWS'))) expect(r.Properties.InstallLatestAwsSdk).toBe(false);
  });
});

describe('AccountPublicAccessBlock', () => {
  test('blocks all four kinds of public access for the account', () => {
    const [resource] = Object.values(
      stackWith((s) => new AccountPublicAccessBlock(s, 'Bpa')).findResources('Custom::AWS'),
    );
    const create = JSON.stringify(resource.Properties.Create);
    for (const setting of ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets']) {
      expect(create).toContain(`\\"${setting}\\":true`);
    }
    expect(create).toContain('111111111111');
  });

  test('deploys nothing when an S3 organization policy manages the setting', () => {
    stackWith((s) => {
      const bpa = new AccountPublicAccessBlock(s, 'Bpa', { managedByOrganization: true });
      expect(bpa.deployed).toBe(false);
    }).resourceCountIs('Custom::AWS', 0);
  });
});
