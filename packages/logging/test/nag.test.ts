import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import {
  AlertForwarding,
  ConfigRecorder,
  LogArchive,
  OrganizationConfigAggregator,
  OrganizationHipaaRules,
  OrganizationTrail,
  SecurityAlerts,
  ThreatDetection,
} from '../src';

/** Every construct of the package in one app, as the audit, log-archive and management accounts hold them. */
function everything(): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-logging-nag-')) });
  Validations.of(app).addPlugins(new HIPAASecurityChecks(app), new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  const names = {
    bucketName: 'acme-log-archive',
    deliveryBucketName: 'acme-log-delivery',
    accessLogsBucketName: 'acme-s3-access-logs',
  };
  const archive = new Stack(app, 'Archive', { env: { account: '222222222222', region: 'us-east-1' } });
  new LogArchive(archive, 'Archive', {
    organizationId: 'o-exampleorg1',
    accounts: ['111111111111', '222222222222', '333333333333'],
    trail: { account: '111111111111', region: 'us-east-1', name: 'acme-organization-trail' },
    ...names,
  });
  const management = new Stack(app, 'Management', { env: { account: '111111111111', region: 'us-east-1' } });
  const logKey = new kms.Key(management, 'LogsKey', { enableKeyRotation: true });
  new OrganizationTrail(management, 'Trail', {
    trailName: 'acme-organization-trail',
    organizationId: 'o-exampleorg1',
    bucketName: names.deliveryBucketName,
    keyArn: 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555',
    logKey,
  });
  const audit = new Stack(app, 'Audit', { env: { account: '333333333333', region: 'us-east-1' } });
  const auditKey = new kms.Key(audit, 'LogsKey', { enableKeyRotation: true });
  new ThreatDetection(audit, 'Detection', {
    home: true,
    linkedRegions: ['us-west-2'],
    rootId: 'r-abcd',
    logs: { logKey: auditKey },
  });
  new OrganizationHipaaRules(audit, 'Rules');
  new OrganizationConfigAggregator(audit, 'Aggregator', { regions: ['us-east-1', 'us-west-2'] });
  new SecurityAlerts(audit, 'Alerts', { organizationId: 'o-exampleorg1', emails: ['security@example.com'] });
  const member = new Stack(app, 'Member', { env: { account: '666666666666', region: 'us-west-2' } });
  new ConfigRecorder(member, 'Config', {
    bucketName: names.deliveryBucketName,
    keyArn: 'arn:aws:kms:us-east-1:222222222222:key/k',
    recordGlobalResources: true,
  });
  new AlertForwarding(member, 'Forward', {
    eventBusArn: 'arn:aws:events:us-east-1:333333333333:event-bus/landfall-security-alerts',
  });
  return app;
}

describe('cdk-nag (HIPAA.Security, AwsSolutions, NIST.800-53.R5)', () => {
  test('finds nothing unacknowledged in the logging baseline, and every acknowledgement has its reason', () => {
    const app = everything();
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
    // The deploy-time function (GuardDuty, Macie), the wildcards IAM requires, and the log archive's access-log and two-bucket design.
    expect([...suppressed].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-security-settings:log-stream:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-log-archive/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-log-delivery/*]',
      'LambdaConcurrency',
      'LambdaDLQ',
      'LambdaInsideVPC',
      'S3BucketReplicationEnabled',
      'S3DefaultEncryptionKMS',
    ]);
  });
});
