import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import { AccountPublicAccessBlock, EbsDefaultEncryption, EncryptionKeys, KeyPurpose } from '../src';

function baseline(env?: { account: string; region: string }): { app: App; stack: Stack } {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-nag-')) });
  Validations.of(app).addPlugins(new HIPAASecurityChecks(app), new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  const stack = new Stack(app, 'Encryption', { env });
  const keys = new EncryptionKeys(stack, 'Keys');
  const logs = { logKey: keys.keyFor(KeyPurpose.LOGS) };
  new EbsDefaultEncryption(stack, 'Ebs', { key: keys.keyFor(KeyPurpose.DATA), ...logs });
  new AccountPublicAccessBlock(stack, 'S3', logs);
  return { app, stack };
}

describe('cdk-nag (HIPAA.Security, AwsSolutions, NIST.800-53.R5)', () => {
  test.each([
    ['an explicit environment', { account: '111111111111', region: 'us-east-1' }],
    ['an account-agnostic stack', undefined],
  ])('finds nothing unacknowledged in the encryption baseline, in %s', (_, env) => {
    const { app } = baseline(env);
    expect(() => app.synth()).not.toThrow();
  });

  test("acknowledges only the shared function's deploy-time findings and the two wildcards IAM requires, each with a reason", () => {
    const { app } = baseline({ account: '111111111111', region: 'us-east-1' });
    const report = JSON.parse(readFileSync(join(app.synth().directory, 'validation-report.json'), 'utf8'));
    const suppressed = new Set<string>();
    for (const plugin of report.pluginReports) {
      expect(plugin.violations).toEqual([]);
      for (const v of plugin.suppressedViolations ?? []) {
        expect(v.reason.length).toBeGreaterThan(60);
        suppressed.add(v.ruleName);
      }
    }
    expect([...suppressed].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-account-settings:log-stream:*]',
      'HIPAA.Security-LambdaConcurrency',
      'HIPAA.Security-LambdaDLQ',
      'HIPAA.Security-LambdaInsideVPC',
      'NIST.800.53.R5-LambdaConcurrency',
      'NIST.800.53.R5-LambdaDLQ',
      'NIST.800.53.R5-LambdaInsideVPC',
    ]);
  });

  test('gives the deploy-time function one role with a managed policy, no inline policy and no AWS managed policy', () => {
    const { stack } = baseline({ account: '111111111111', region: 'us-east-1' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    const roles = Object.values(template.findResources('AWS::IAM::Role'));
    expect(roles).toHaveLength(1);
    expect(roles[0].Properties.ManagedPolicyArns).toBeUndefined();
    const policy = Object.values(template.findResources('AWS::IAM::ManagedPolicy'))[0];
    const logStatements = policy.Properties.PolicyDocument.Statement.filter((s: { Action: string | string[] }) =>
      String(s.Action).includes('logs:'),
    );
    expect(JSON.stringify(logStatements)).toContain('log-group:/aws/lambda/landfall-account-settings');
    // The stack creates the log group; the function cannot create one of its own.
    expect(JSON.stringify(logStatements)).not.toContain('logs:CreateLogGroup');
  });
});
