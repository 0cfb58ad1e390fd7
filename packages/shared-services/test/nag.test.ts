import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { WILDCARD_REASON } from '@landfall/encryption/lib/account-settings-call';
import { App, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import { BastionSessionRole, ClientVpn, RecordedBastion, SessionManagerPreferences } from '../src';
import {
  ENDPOINT_CIDRS,
  HUB_CIDR,
  LOG_BUCKET,
  RESOLVER_IPS,
  importedHub,
  key,
  operationsTopic,
  sharedServicesStack,
} from './hub';

/** The shared-services account's constructs, as the landing zone composes them. */
function everything(): App {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-shared-services-')) });
  Validations.of(app).addPlugins(new HIPAASecurityChecks(app), new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  const stack = sharedServicesStack(app);
  const vpc = importedHub(stack);
  const logKey = key(stack, 'LogsKey');
  const sessionKey = key(stack, 'SessionKey');
  new ClientVpn(stack, 'Vpn', {
    vpc,
    clientCidr: '10.100.0.0/22',
    serverCertificateArn: 'arn:aws:acm:us-east-1:333333333333:certificate/server',
    samlProviderArn: 'arn:aws:iam::333333333333:saml-provider/landfall-client-vpn',
    selfServiceSamlProviderArn: 'arn:aws:iam::333333333333:saml-provider/landfall-client-vpn-portal',
    dnsServers: RESOLVER_IPS,
    logKey,
    authorizations: [
      { cidr: HUB_CIDR, groupId: 'admins', description: 'administrators to the hub' },
      { cidr: HUB_CIDR, groupId: 'dbas', description: 'DBAs to the hub' },
      { cidr: '10.20.0.0/16', groupId: 'dbas', description: 'DBAs to production' },
    ],
  });
  const preferences = new SessionManagerPreferences(stack, 'Preferences', {
    logBucketName: LOG_BUCKET,
    logBucketKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/archive',
    sessionKey,
    logKey,
  });
  new RecordedBastion(stack, 'Bastion', {
    vpc,
    endpointCidrs: ENDPOINT_CIDRS,
    forwardTo: [{ cidr: '10.20.8.0/22', port: 5432, description: 'production PostgreSQL' }],
    sessionPolicy: preferences.instancePolicy,
    notificationTopic: operationsTopic(stack),
    volumeKey: key(stack, 'VolumeKey'),
  });
  new BastionSessionRole(stack, 'SessionAdmin', {
    trustedPrincipals: [new iam.ArnPrincipal('arn:aws:iam::333333333333:user/alice')],
    sessionKey,
  });
  return app;
}

const NAG_PACKS = ['HIPAA.Security', 'AwsSolutions', 'NIST.800.53.R5'];

describe('cdk-nag (HIPAA.Security, AwsSolutions, NIST.800-53.R5)', () => {
  let reports: any[];
  beforeAll(() => {
    const app = everything();
    reports = JSON.parse(readFileSync(join(app.synth().directory, 'validation-report.json'), 'utf8')).pluginReports;
  });
  const findings = (plugins: any[]) =>
    plugins.flatMap((p) =>
      p.violations.map((v: any) => `${v.ruleName} ${v.violatingConstructs.map((c: any) => c.constructPath)}`),
    );

  test('finds nothing unacknowledged, and acknowledges only wildcards, each under WILDCARD_REASON', () => {
    const nag = reports.filter((p) => NAG_PACKS.includes(p.pluginName));
    expect(findings(nag)).toEqual([]);
    const suppressed = new Set<string>();
    for (const v of nag.flatMap((p) => p.suppressedViolations ?? [])) {
      expect(v.reason).toBe(WILDCARD_REASON);
      suppressed.add(v.ruleName.replace(/^(HIPAA\.Security|NIST\.800\.53\.R5)-/, ''));
    }
    // Only the wildcards IAM requires: Session Manager's channels, instance registration and session listing (no
    // resource-level permissions); the session log objects under one prefix of one bucket; the caller's own sessions,
    // whose IDs Session Manager makes at run time; the bastion's instance, which Auto Scaling launches at run time and
    // the session role reaches only by its tag.
    expect([...suppressed].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*]',
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${LOG_BUCKET}/session-manager/*]`,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:session/<aws:userid>-*]',
    ]);
  });

  test("CloudFormation's linter warns only of the bastion group's zones, named from the imported hub", () => {
    // The group names its subnets' zones (CT.AUTOSCALING.PR.1). Imported with literal zones, the hub makes them
    // literals (W3010, a warning); in the stack that makes the hub VPC, CDK itself acknowledges them.
    const others = reports.filter((p) => !NAG_PACKS.includes(p.pluginName));
    expect(findings(others)).toEqual([
      'W3010 SharedServices/Bastion/Group/ASG',
      'W3010 SharedServices/Bastion/Group/ASG',
    ]);
    expect(others.flatMap((p) => p.violations.map((v: any) => v.severity))).toEqual(['warning', 'warning']);
  });
});
