import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
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

  test('gives no service principal the backup key', () => {
    const template = stackWith((s) => new EncryptionKeys(s, 'Keys', { purposes: [KeyPurpose.BACKUP] }));
    const [key] = Object.values(template.findResources('AWS::KMS::Key'));
    expect(JSON.stringify(key.Properties.KeyPolicy)).not.toContain('Service');
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
