import { HipaaConformancePack, SecurityAlertCatalog } from '@landfall/logging';
import { Template } from 'aws-cdk-lib/assertions';
import { renderLoggingDocs } from '../src';
import { APPLIED, ARCHIVE_KEY, build, definition, withoutCertificates } from './fixtures';

const RECORDED = { ...APPLIED, logging: { archiveKeyArn: ARCHIVE_KEY } };
const DEPLOYED = build({ ids: RECORDED, placeholders: false });
const ACCOUNTS = ['management', 'log-archive', 'audit', 'backup', 'shared-services', 'prod', 'dev'];
const DELIVERY = 'acme-health-log-delivery-222222222222';

function only(templates: Map<string, Template>, name: string): Template {
  const t = templates.get(name);
  if (!t) throw new Error(`no stack ${name}; stacks: ${[...templates.keys()].join(', ')}`);
  return t;
}

function resource(t: Template, type: string): any {
  const all = Object.values(t.findResources(type));
  expect(all).toHaveLength(1);
  return all[0];
}

describe('the logging baseline in every account', () => {
  test('a Config recorder and delivery channel in every account and governed region, global resources in the home region only', () => {
    for (const account of ACCOUNTS) {
      for (const region of ['us-east-1', 'us-west-2']) {
        const t = only(DEPLOYED.templates, `${account}-logging-${region}`);
        expect([account, region, resource(t, 'AWS::Config::ConfigurationRecorder').Properties.RecordingGroup]).toEqual([
          account,
          region,
          { AllSupported: true, IncludeGlobalResourceTypes: region === 'us-east-1' },
        ]);
        expect(resource(t, 'AWS::Config::DeliveryChannel').Properties).toMatchObject({
          S3BucketName: DELIVERY,
          S3KmsKeyArn: ARCHIVE_KEY,
        });
        expect(resource(t, 'AWS::Events::Rule').Properties.Targets[0].Arn).toBe(
          'arn:aws:events:us-east-1:333333333333:event-bus/landfall-security-alerts',
        );
      }
    }
  });

  test('forwards sign-in and Organizations events from us-east-1 even when it is not governed, and records nothing there', () => {
    const { templates } = build({
      ids: RECORDED,
      placeholders: false,
      definition: definition((d) => {
        withoutCertificates(d);
        d.homeRegion = 'us-west-2';
        d.regions = ['us-west-2', 'eu-west-1'];
        d.backup.copyRegion = 'eu-west-1';
        d.network.availabilityZones = {
          'us-west-2': ['us-west-2a', 'us-west-2b'],
          'eu-west-1': ['eu-west-1a', 'eu-west-1b'],
        };
      }),
    });
    // Without a public entry, the workload OUs deploy as StackSets: their templates are named after the OU.
    const owners = ACCOUNTS.map((a) => ({ prod: 'ou-workloads-prod', dev: 'ou-workloads-dev' })[a] ?? a);
    expect(owners).toContain('ou-workloads-prod');
    for (const account of owners) {
      const t = only(templates, `${account}-logging-us-east-1`);
      t.resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
      expect(resource(t, 'AWS::Events::Rule').Properties.Targets[0].Arn).toBe(
        'arn:aws:events:us-west-2:333333333333:event-bus/landfall-security-alerts',
      );
      only(templates, `${account}-logging-eu-west-1`).resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
    }
  });

  test('without the archive key recorded, the trail and recorders wait for it and say so; alert forwarding does not wait', () => {
    const { templates, pending } = build({ ids: APPLIED, placeholders: false });
    expect(templates.has('management-trail-us-east-1')).toBe(false);
    only(templates, 'prod-logging-us-east-1').resourceCountIs('AWS::Config::ConfigurationRecorder', 0);
    only(templates, 'prod-logging-us-east-1').resourceCountIs('AWS::Events::Rule', 1);
    expect(pending).toContain(
      'the organization trail and the AWS Config recorders: record logging.archiveKeyArn (output of the log archive stack)',
    );
  });
});

describe('the log archive, the trail and the audit account', () => {
  test("the archive is locked for the definition's retention, and outputs the key other accounts need", () => {
    const archive = only(DEPLOYED.templates, 'log-archive-log-archive-us-east-1');
    const locked = (t: Template) =>
      (Object.values(t.findResources('AWS::S3::Bucket')) as any[]).find((b) => b.Properties.ObjectLockConfiguration)!;
    expect(locked(archive).Properties.BucketName).toBe('acme-health-log-archive-222222222222');
    expect(locked(archive).Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({
      Mode: 'COMPLIANCE',
      Days: 2192,
    });
    expect(archive.toJSON().Outputs.ArchiveKeyArn).toBeDefined();
    const longer = build({
      ids: RECORDED,
      placeholders: false,
      definition: definition((d) => (d.logging = { archiveRetentionDays: 3000 })),
    });
    expect(
      locked(only(longer.templates, 'log-archive-log-archive-us-east-1')).Properties.ObjectLockConfiguration.Rule
        .DefaultRetention.Days,
    ).toBe(3000);
  });

  test('the organization trail: organization-wide, every region, validated, encrypted with the archive key, delivered to the archive', () => {
    const trail = resource(only(DEPLOYED.templates, 'management-trail-us-east-1'), 'AWS::CloudTrail::Trail');
    expect(trail.Properties).toMatchObject({
      TrailName: 'acme-health-organization-trail',
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      KMSKeyId: ARCHIVE_KEY,
      S3BucketName: DELIVERY,
    });
    const data = trail.Properties.AdvancedEventSelectors[1];
    expect(data.Name).toBe('S3 data events of every bucket');
    expect(JSON.stringify(data)).toContain(':s3:::acme-health-log-archive-222222222222/');
  });

  test('logging.phiBucketPrefixes narrows the S3 data events to the PHI buckets', () => {
    const { templates } = build({
      ids: RECORDED,
      placeholders: false,
      definition: definition((d) => (d.logging = { phiBucketPrefixes: ['acme-phi-', 'acme-claims-'] })),
    });
    const trail = resource(only(templates, 'management-trail-us-east-1'), 'AWS::CloudTrail::Trail');
    const arns = trail.Properties.AdvancedEventSelectors[1].FieldSelectors[2];
    expect(JSON.stringify(arns.StartsWith)).toMatch(/:s3:::acme-phi-".*:s3:::acme-claims-"/);
  });

  test('the audit account deploys at least 100 HIPAA Config rules to the organization in every governed region', () => {
    for (const region of ['us-east-1', 'us-west-2']) {
      const pack = resource(
        only(DEPLOYED.templates, `audit-security-${region}`),
        'AWS::Config::OrganizationConformancePack',
      );
      const rules = Object.values(JSON.parse(pack.Properties.TemplateBody).Resources);
      expect(rules.length).toBeGreaterThanOrEqual(100);
      expect(rules.length + HipaaConformancePack.RULES.filter((r) => r.notDeployed).length).toBe(130);
    }
  });

  test('every alert rule exists with its target, and the definition decides who hears and from which severity', () => {
    const audit = only(DEPLOYED.templates, 'audit-security-us-east-1');
    const topic = Object.keys(audit.findResources('AWS::SNS::Topic'))[0];
    for (const kind of SecurityAlertCatalog.kinds()) {
      const rule = Object.values(
        audit.findResources('AWS::Events::Rule', { Properties: { Name: `landfall-alert-${kind.id}` } }),
      )[0] as any;
      expect([kind.id, rule?.Properties.Targets[0].Arn]).toEqual([kind.id, { Ref: topic }]);
    }
    audit.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com' });
    only(DEPLOYED.templates, 'audit-security-us-west-2').resourceCountIs('AWS::SNS::Topic', 0);

    const changed = build({
      ids: RECORDED,
      placeholders: false,
      definition: definition(
        (d) => (d.alerts = { emails: ['soc@example.com', 'oncall@example.com'], findingSeverity: 'CRITICAL' }),
      ),
    });
    const t = only(changed.templates, 'audit-security-us-east-1');
    t.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email' }, 2);
    const guardduty = Object.values(
      t.findResources('AWS::Events::Rule', { Properties: { Name: 'landfall-alert-guardduty-finding' } }),
    )[0] as any;
    expect(guardduty.Properties.EventPattern.detail.severity).toEqual([{ numeric: ['>=', 9] }]);
  });

  test("Security Hub's policy is associated with the organization root once its ID is recorded", () => {
    only(DEPLOYED.templates, 'audit-security-us-east-1').hasResourceProperties('AWS::SecurityHub::PolicyAssociation', {
      TargetType: 'ROOT',
      TargetId: 'r-exam',
    });
  });
});

describe('nothing that holds data is deleted with its stack', () => {
  const DATA = [
    'AWS::S3::Bucket',
    'AWS::KMS::Key',
    'AWS::Logs::LogGroup',
    'AWS::DynamoDB::Table',
    'AWS::RDS::DBInstance',
    'AWS::RDS::DBCluster',
    'AWS::EFS::FileSystem',
    'AWS::Backup::BackupVault',
    'AWS::Backup::LogicallyAirGappedBackupVault',
  ];

  // What CloudFormation may delete with its stack: deploy-time calls and reconcilers, which hold nothing (deleting a
  // route domain or assignments undoes their placements and grants; Macie's members stay members).
  // The ingress' origin secret is a credential CloudFront and WAF share, regenerated at will: nothing is lost with it.
  const STATELESS = [
    'Custom::AWS',
    'Custom::VpcRestrictDefaultSG',
    'Custom::LandfallRouteDomain',
    'Custom::LandfallIdentityCenterAssignments',
    'Custom::LandfallMacieMembers',
    'AWS::SecretsManager::Secret',
  ];

  test.each([
    ['the example, for review', build()],
    ['the example, deployed', DEPLOYED],
  ])('walks every template of %s', (_, built) => {
    let seen = 0;
    for (const [name, template] of built.templates) {
      for (const [id, r] of Object.entries(template.toJSON().Resources as Record<string, any>)) {
        if (r.DeletionPolicy === 'Delete') expect([name, id, STATELESS.includes(r.Type)]).toEqual([name, id, true]);
        if (DATA.includes(r.Type)) {
          seen++;
          expect([name, id, r.DeletionPolicy, r.UpdateReplacePolicy]).toEqual([name, id, 'Retain', 'Retain']);
        }
      }
    }
    expect(seen).toBeGreaterThan(50);
  });
});

describe('docs/logging.md', () => {
  test('says what the definition deploys: retention, data events, rules, alerts and their recipients', () => {
    const doc = renderLoggingDocs(definition());
    expect(doc).toContain('2192 days (6.0 years');
    expect(doc).toContain('every bucket of the organization except the log archive');
    expect(doc).toContain(`${HipaaConformancePack.RULES.filter((r) => !r.notDeployed).length} of its 130 rules`);
    for (const r of HipaaConformancePack.RULES) expect(doc).toContain(`| \`${r.name}\` | ${r.identifier} |`);
    for (const k of SecurityAlertCatalog.kinds()) expect(doc).toContain(`\`landfall-alert-${k.id}\``);
    expect(doc).toContain('`security@example.com`');
    const phi = renderLoggingDocs(definition((d) => (d.logging = { phiBucketPrefixes: ['acme-phi-'] })));
    expect(phi).toContain('names starting with `acme-phi-`');
  });
});
