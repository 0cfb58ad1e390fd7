import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  AlertForwarding,
  ConfigRecorder,
  FindingSeverity,
  LogArchive,
  LogArchiveProps,
  MacieMembers,
  OrganizationConfigAggregator,
  OrganizationTrail,
  OrganizationTrailProps,
  SecurityAlertCatalog,
  SecurityAlerts,
  ThreatDetection,
} from '../src';

const ENV = { account: '222222222222', region: 'us-east-1' };
const ORG = 'o-exampleorg1';
const NAMES = {
  bucketName: 'acme-log-archive',
  deliveryBucketName: 'acme-log-delivery',
  accessLogsBucketName: 'acme-s3-access-logs',
};
const TRAIL = { account: '111111111111', region: 'us-east-1', name: 'acme-organization-trail' };
const TRAIL_ARN = {
  'Fn::Join': [
    '',
    ['arn:', { Ref: 'AWS::Partition' }, ':cloudtrail:us-east-1:111111111111:trail/acme-organization-trail'],
  ],
};

/** An S3 ARN as CloudFormation resolves it in any partition. */
const ARN = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${rest}`]] });

function stack(): Stack {
  return new Stack(new App(), 'Test', { env: ENV });
}

function archive(props: Partial<LogArchiveProps> = {}): Template {
  const s = stack();
  new LogArchive(s, 'Archive', {
    organizationId: ORG,
    accounts: ['111111111111', '222222222222'],
    trail: TRAIL,
    ...NAMES,
    ...props,
  });
  return Template.fromStack(s);
}

function bucket(template: Template, name: string): any {
  return Object.values(template.findResources('AWS::S3::Bucket', { Properties: { BucketName: name } }))[0];
}

function policyOf(template: Template, name: string): any[] {
  const ids = Object.keys(template.findResources('AWS::S3::Bucket', { Properties: { BucketName: name } }));
  const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).filter(
    (p: any) => p.Properties.Bucket.Ref === ids[0],
  );
  return policies.flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('LogArchive', () => {
  const t = archive();

  test('admits a replica source from another account only under its own prefix of the locked archive', () => {
    const role = 'arn:aws:iam::555555555555:role/landfall-backup-reports-replication';
    const withSource = archive({ replicaSources: [{ roleArn: role, prefix: 'backup-reports' }] });
    const statements = policyOf(withSource, NAMES.bucketName).filter((st) =>
      JSON.stringify(st.Principal).includes(role),
    );
    expect(statements.map((st) => [st.Sid, st.Action, JSON.stringify(st.Resource)])).toEqual([
      [
        'ReplicaSource1Objects',
        ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'],
        expect.stringContaining('/backup-reports/*'),
      ],
      ['ReplicaSource1Bucket', ['s3:GetBucketVersioning', 's3:ListBucket'], expect.any(String)],
    ]);
    // Never the delivery bucket, and never a delete.
    expect(JSON.stringify(policyOf(withSource, NAMES.deliveryBucketName))).not.toContain(role);
    expect(JSON.stringify(statements)).not.toContain('Delete');
    const [key] = Object.values(withSource.findResources('AWS::KMS::Key')) as any[];
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({ Sid: 'ReplicaSource1Encrypts', Action: ['kms:Encrypt', 'kms:GenerateDataKey'] }),
    );
    expect(JSON.stringify(policyOf(t, NAMES.bucketName))).not.toContain('ReplicaSource');
  });

  test("admits session logs from the organization's instances, each account only under its own prefix", () => {
    const withSessions = archive({ sessionLogsPrefix: 'session-manager' });
    const writes = policyOf(withSessions, NAMES.deliveryBucketName).find(
      (st) => st.Sid === 'SessionManagerWritesSessionLogs',
    );
    expect(writes).toMatchObject({
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 's3:PutObject',
      Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } },
    });
    expect(JSON.stringify(writes.Resource)).toContain('/session-manager/${aws:PrincipalAccount}/*');
    // Never the locked archive itself, and nothing without the option.
    expect(JSON.stringify(policyOf(withSessions, NAMES.bucketName))).not.toContain('SessionManager');
    expect(JSON.stringify(policyOf(t, NAMES.deliveryBucketName))).not.toContain('SessionManager');
    const [key] = Object.values(withSessions.findResources('AWS::KMS::Key')) as any[];
    expect(key.Properties.KeyPolicy.Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'SessionManagerEncryptsSessionLogs',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG, 'kms:ViaService': 's3.us-east-1.amazonaws.com' } },
      }),
    );
  });

  test('locks every archived object in compliance mode for the retention (six years by default), versioned, with its own rotated key', () => {
    expect(bucket(t, NAMES.bucketName).Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 2192 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          {
            ServerSideEncryptionByDefault: {
              SSEAlgorithm: 'aws:kms',
              KMSMasterKeyID: { 'Fn::GetAtt': [expect.stringMatching(/^ArchiveKey/), 'Arn'] },
            },
            BucketKeyEnabled: true,
          },
        ],
      },
    });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    expect(
      bucket(archive({ retention: Duration.days(3653) }), NAMES.bucketName).Properties.ObjectLockConfiguration.Rule
        .DefaultRetention.Days,
    ).toBe(3653);
  });

  test('refuses a retention S3 Object Lock does not accept', () => {
    expect(() => archive({ retention: Duration.days(0) })).toThrow(
      /retention is 0 days; S3 Object Lock accepts 1 to 36500/,
    );
  });

  test('producers deliver to a KMS-encrypted, versioned bucket replicated into the archive within 15 minutes; deletions are not replicated', () => {
    const delivery = bucket(t, NAMES.deliveryBucketName).Properties;
    expect(delivery.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(
      delivery.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm,
    ).toBe('aws:kms');
    expect(delivery.ObjectLockEnabled).toBeUndefined(); // AWS Config cannot deliver to a locked bucket
    const [rule] = delivery.ReplicationConfiguration.Rules;
    expect(rule).toMatchObject({
      Status: 'Enabled',
      DeleteMarkerReplication: { Status: 'Disabled' },
      SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
      Destination: { ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } } },
    });
    expect(JSON.stringify(rule.Destination.Bucket)).toContain('ArchiveBucket');
  });

  test('every bucket refuses plain HTTP, TLS below 1.2 and principals outside the organization; all are retained', () => {
    for (const name of Object.values(NAMES)) {
      const statements = policyOf(t, name);
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      );
      expect(statements).toContainEqual(
        expect.objectContaining({
          Sid: 'OnlyTheOrganization',
          Effect: 'Deny',
          Action: 's3:*',
          Condition: {
            StringNotEqualsIfExists: {
              'aws:PrincipalOrgID': ORG,
              'aws:SourceAccount': ['111111111111', '222222222222'],
            },
          },
        }),
      );
      expect(bucket(t, name)).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
      expect(bucket(t, name).Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
    for (const key of Object.values(t.findResources('AWS::KMS::Key'))) expect(key.DeletionPolicy).toBe('Retain');
  });

  test('admits exactly the producers, each scoped to the organization trail or to the organization’s accounts', () => {
    const allows = policyOf(t, NAMES.deliveryBucketName).filter((s) => s.Effect === 'Allow');
    const services = allows.map((s) => [s.Sid, s.Principal.Service ?? s.Principal.AWS, s.Condition]);
    expect(services.map(([sid]) => sid).sort()).toEqual([
      'CloudTrailChecksTheBucket',
      'CloudTrailWritesTheOrganizationTrail',
      'ConfigChecksTheBucket',
      'ConfigDelivers',
      'LogDeliveryChecksTheBucket',
      'LogDeliveryWritesFlowAndQueryLogs',
    ]);
    for (const s of allows) {
      const scoped =
        JSON.stringify(s.Condition?.StringEquals?.['aws:SourceArn']) === JSON.stringify(TRAIL_ARN) ||
        JSON.stringify(s.Condition?.StringEquals?.['aws:SourceAccount']) ===
          JSON.stringify(['111111111111', '222222222222']);
      expect([s.Sid, scoped]).toEqual([s.Sid, true]);
    }
    const trailWrite = allows.find((s) => s.Sid === 'CloudTrailWritesTheOrganizationTrail');
    expect(JSON.stringify(trailWrite.Resource)).toContain('/AWSLogs/111111111111/*');
    expect(JSON.stringify(trailWrite.Resource)).toContain(`/AWSLogs/${ORG}/*`);
    // Nobody but the replication role writes the archive itself.
    expect(policyOf(t, NAMES.bucketName).filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  test('the key lets CloudTrail encrypt only for the organization trail, and mints grants only for AWS services', () => {
    const key = Object.values(t.findResources('AWS::KMS::Key'))[0] as any;
    const statements = key.Properties.KeyPolicy.Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'CloudTrailEncryptsTheOrganizationTrail',
        Condition: expect.objectContaining({ StringEquals: { 'aws:SourceArn': TRAIL_ARN } }),
      }),
    );
    expect(statements).toContainEqual(expect.objectContaining({ Sid: 'GrantsOnlyForAwsServices', Effect: 'Deny' }));
  });

  test('server access logs of the archive and the delivery bucket go to an SSE-S3 bucket, through its policy (ACLs stay off)', () => {
    expect(bucket(t, NAMES.bucketName).Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: expect.stringMatching(/^ArchiveAccessLogs/) },
      LogFilePrefix: 'archive/',
    });
    expect(
      bucket(t, NAMES.accessLogsBucketName).Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]
        .ServerSideEncryptionByDefault,
    ).toEqual({ SSEAlgorithm: 'AES256' });
    expect(bucket(t, NAMES.accessLogsBucketName).Properties.OwnershipControls.Rules[0].ObjectOwnership).toBe(
      'BucketOwnerEnforced',
    );
    expect(policyOf(t, NAMES.accessLogsBucketName).map((s) => s.Sid)).toEqual(
      expect.arrayContaining(['ServerAccessLogsOfTheArchive', 'ServerAccessLogsOfTheDeliveryBucket']),
    );
  });
});

function trail(props: Partial<OrganizationTrailProps> = {}): Template {
  const s = new Stack(new App(), 'Trail', { env: { account: '111111111111', region: 'us-east-1' } });
  new OrganizationTrail(s, 'Trail', {
    trailName: TRAIL.name,
    organizationId: ORG,
    bucketName: NAMES.deliveryBucketName,
    keyArn: 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555',
    logKey: new kms.Key(s, 'Logs'),
    ...props,
  });
  return Template.fromStack(s);
}

describe('OrganizationTrail', () => {
  test('is organization-wide, multi-region, validated, encrypted with the archive key, and also in CloudWatch Logs', () => {
    const t = trail();
    t.hasResourceProperties('AWS::CloudTrail::Trail', {
      TrailName: TRAIL.name,
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      IncludeGlobalServiceEvents: true,
      EnableLogFileValidation: true,
      IsLogging: true,
      S3BucketName: NAMES.deliveryBucketName,
      KMSKeyId: 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555',
      CloudWatchLogsLogGroupArn: Match.anyValue(),
      CloudWatchLogsRoleArn: Match.anyValue(),
    });
    t.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain', Properties: { KmsKeyId: Match.anyValue() } });
    expect(Object.values(t.findResources('AWS::CloudTrail::Trail'))[0].Properties.EventSelectors).toBeUndefined();
  });

  test('records management events and, by default, S3 data events of every bucket but the excluded ones', () => {
    const t = trail({ s3DataEvents: { excludeBucketNames: ['acme-log-archive'] } });
    const selectors = Object.values(t.findResources('AWS::CloudTrail::Trail'))[0].Properties.AdvancedEventSelectors;
    expect(selectors).toEqual([
      {
        Name: 'Management events, read and write',
        FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }],
      },
      {
        Name: 'S3 data events of every bucket',
        FieldSelectors: [
          { Field: 'eventCategory', Equals: ['Data'] },
          { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          { Field: 'resources.ARN', NotStartsWith: [ARN('acme-log-archive/')] },
        ],
      },
    ]);
  });

  test('records only the PHI buckets when they are named, and no data events for an empty list', () => {
    const phi = trail({
      s3DataEvents: { bucketNamePrefixes: ['acme-phi-'], excludeBucketNames: ['acme-log-archive'] },
    });
    const [, data] = Object.values(phi.findResources('AWS::CloudTrail::Trail'))[0].Properties.AdvancedEventSelectors;
    expect(data.FieldSelectors[2]).toEqual({
      Field: 'resources.ARN',
      StartsWith: [ARN('acme-phi-')],
      NotStartsWith: [ARN('acme-log-archive/')],
    });
    const none = trail({ s3DataEvents: { bucketNamePrefixes: [] } });
    expect(
      Object.values(none.findResources('AWS::CloudTrail::Trail'))[0].Properties.AdvancedEventSelectors,
    ).toHaveLength(1);
  });
});

describe('ConfigRecorder', () => {
  test.each([true, false])(
    'records every resource type (global ones: %s) through the service-linked role, delivering to the archive',
    (global) => {
      const s = stack();
      new ConfigRecorder(s, 'Config', {
        bucketName: NAMES.deliveryBucketName,
        keyArn: 'arn:aws:kms:us-east-1:222222222222:key/k',
        recordGlobalResources: global,
      });
      const t = Template.fromStack(s);
      t.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
        RoleARN: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':iam::222222222222:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
            ],
          ],
        },
        RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: global },
      });
      t.hasResourceProperties('AWS::Config::DeliveryChannel', {
        S3BucketName: NAMES.deliveryBucketName,
        S3KmsKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/k',
      });
      t.resourceCountIs('AWS::IAM::ServiceLinkedRole', global ? 1 : 0);
    },
  );
});

describe('SecurityAlerts and AlertForwarding', () => {
  function alerts(severity?: FindingSeverity): Template {
    const s = new Stack(new App(), 'Audit', { env: { account: '333333333333', region: 'us-east-1' } });
    new SecurityAlerts(s, 'Alerts', {
      organizationId: ORG,
      emails: ['security@example.com'],
      findingSeverity: severity,
    });
    return Template.fromStack(s);
  }

  test('one rule per alert kind, each publishing to the encrypted topic a message naming the account, the principal and the action', () => {
    const t = alerts();
    const kinds = SecurityAlertCatalog.kinds();
    expect(kinds.map((k) => k.id)).toEqual([
      'root-sign-in',
      'console-sign-in-failure',
      'unauthorized-api-call',
      'organization-policy-change',
      'cloudtrail-change',
      'config-change',
      'security-group-change',
      'network-acl-change',
      'route-table-change',
      'kms-key-disabled-or-deleted',
      'break-glass-use',
      'guardduty-finding',
      'securityhub-finding',
      'backup-failure',
      'restore-test-result',
    ]);
    const topic = Object.keys(t.findResources('AWS::SNS::Topic'))[0];
    for (const kind of kinds) {
      const [rule] = Object.values(
        t.findResources('AWS::Events::Rule', { Properties: { Name: `landfall-alert-${kind.id}` } }),
      ) as any[];
      expect([kind.id, rule.Properties.Targets[0].Arn]).toEqual([kind.id, { Ref: topic }]);
      const transformer = rule.Properties.Targets[0].InputTransformer;
      const template = transformer.InputTemplate as string;
      expect(template).toMatch(/Account </);
      // CloudTrail's events name a principal and an action; findings and AWS Backup's job events do not.
      if (!kind.id.endsWith('-finding') && !['backup-failure', 'restore-test-result'].includes(kind.id)) {
        expect(transformer.InputPathsMap).toMatchObject({
          account: '$.account',
          'detail-userIdentity-arn': '$.detail.userIdentity.arn',
          'detail-eventName': '$.detail.eventName',
        });
      }
      expect(kind.hipaa.length).toBeGreaterThan(0);
    }
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'security@example.com' });
    t.hasResourceProperties('AWS::Events::EventBus', {
      Name: 'landfall-security-alerts',
      Policy: {
        Statement: [
          Match.objectLike({ Action: 'events:PutEvents', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } }),
        ],
      },
    });
  });

  test('the finding severity decides which GuardDuty and Security Hub findings are alerts', () => {
    const pattern = (t: Template, id: string) =>
      (Object.values(t.findResources('AWS::Events::Rule', { Properties: { Name: `landfall-alert-${id}` } }))[0] as any)
        .Properties.EventPattern;
    expect(pattern(alerts(), 'guardduty-finding').detail.severity).toEqual([{ numeric: ['>=', 7] }]);
    expect(pattern(alerts(FindingSeverity.MEDIUM), 'guardduty-finding').detail.severity).toEqual([
      { numeric: ['>=', 4] },
    ]);
    expect(pattern(alerts(), 'securityhub-finding').detail.findings.Severity.Label).toEqual(['HIGH', 'CRITICAL']);
    expect(pattern(alerts(FindingSeverity.LOW), 'securityhub-finding').detail.findings.Severity.Label).toEqual([
      'LOW',
      'MEDIUM',
      'HIGH',
      'CRITICAL',
    ]);
  });

  test('every assumption of a break-glass role is an alert naming the person, forwarded by every account', () => {
    const t = alerts();
    const [rule] = Object.values(
      t.findResources('AWS::Events::Rule', { Properties: { Name: 'landfall-alert-break-glass-use' } }),
    ) as any[];
    const expected = {
      source: ['aws.sts'],
      'detail-type': ['AWS API Call via CloudTrail'],
      detail: {
        eventName: ['AssumeRole'],
        requestParameters: { roleArn: [{ suffix: { 'equals-ignore-case': ':role/landfall-break-glass' } }] },
      },
    };
    expect(rule.Properties.EventPattern).toEqual(expected);
    expect(rule.Properties.Targets[0].InputTransformer.InputPathsMap).toMatchObject({
      'detail-requestParameters-roleSessionName': '$.detail.requestParameters.roleSessionName',
    });
    const s = new Stack(new App(), 'Dev', { env: { account: '666666666666', region: 'us-east-1' } });
    new AlertForwarding(s, 'Forward', {
      eventBusArn: 'arn:aws:events:us-east-1:333333333333:event-bus/landfall-security-alerts',
    });
    const forwarding = Object.values(Template.fromStack(s).findResources('AWS::Events::Rule'))[0] as any;
    expect(forwarding.Properties.EventPattern.$or).toContainEqual(expected);
    // AssumeRole is a read-only call: EventBridge hands it to rules only in this state.
    expect(forwarding.Properties.State).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
  });

  test('failed backup, copy and restore jobs are alerts, and every restore test result reaches the topic once', () => {
    const t = alerts();
    const pattern = (id: string) =>
      (Object.values(t.findResources('AWS::Events::Rule', { Properties: { Name: `landfall-alert-${id}` } }))[0] as any)
        .Properties.EventPattern;
    expect(pattern('backup-failure')).toEqual({
      source: ['aws.backup'],
      $or: [
        {
          'detail-type': ['Backup Job State Change', 'Copy Job State Change'],
          detail: { state: ['FAILED', 'ABORTED', 'EXPIRED'] },
        },
        {
          'detail-type': ['Restore Job State Change'],
          detail: { status: ['FAILED', 'ABORTED', 'EXPIRED'], restoreTestingPlanArn: [{ exists: false }] },
        },
      ],
    });
    expect(pattern('restore-test-result')).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Restore Job State Change'],
      detail: { status: ['COMPLETED', 'FAILED', 'ABORTED', 'EXPIRED'], restoreTestingPlanArn: [{ exists: true }] },
    });
    const [rule] = Object.values(
      t.findResources('AWS::Events::Rule', { Properties: { Name: 'landfall-alert-restore-test-result' } }),
    ) as any[];
    expect(rule.Properties.Targets[0].InputTransformer.InputPathsMap).toMatchObject({
      'detail-status': '$.detail.status',
      'detail-restoreTestingPlanArn': '$.detail.restoreTestingPlanArn',
    });
  });

  test("each account forwards its security events, read-only denials included, to the audit account's bus through a role that may only do that", () => {
    const s = new Stack(new App(), 'Prod', { env: { account: '666666666666', region: 'us-west-2' } });
    const bus = 'arn:aws:events:us-east-1:333333333333:event-bus/landfall-security-alerts';
    new AlertForwarding(s, 'Forward', { eventBusArn: bus });
    const t = Template.fromStack(s);
    const rule = Object.values(t.findResources('AWS::Events::Rule'))[0] as any;
    expect(rule.Properties.State).toBe('ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
    expect(rule.Properties.Targets[0]).toMatchObject({
      Arn: bus,
      RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^ForwardRole/), 'Arn'] },
    });
    const pattern = JSON.stringify(rule.Properties.EventPattern);
    for (const name of [
      'AccessDenied',
      'UpdatePolicy',
      'StopLogging',
      'StopConfigurationRecorder',
      'AuthorizeSecurityGroupIngress',
      'CreateNetworkAclEntry',
      'CreateRoute',
      'ScheduleKeyDeletion',
      'GuardDuty Finding',
      'Backup Job State Change',
      'Copy Job State Change',
      'Restore Job State Change',
    ]) {
      expect([name, pattern.includes(name)]).toEqual([name, true]);
    }
    expect(pattern).toContain('AWS Console Sign In via CloudTrail');
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: bus }] },
    });
  });
});

describe('ThreatDetection and the aggregator', () => {
  function detection(home: boolean, rootId?: string): Template {
    const s = new Stack(new App(), 'Audit', {
      env: { account: '333333333333', region: home ? 'us-east-1' : 'us-west-2' },
    });
    new ThreatDetection(s, 'Detection', { home, linkedRegions: ['us-west-2'], rootId });
    return Template.fromStack(s);
  }

  test('turns GuardDuty on for every account with every protection plan, Macie with automated discovery, and an organization analyzer', () => {
    const t = detection(false);
    const calls = Object.values(t.findResources('Custom::AWS')).map((r: any) =>
      JSON.parse(r.Properties.Create['Fn::Join'] ? r.Properties.Create['Fn::Join'][1].join('') : r.Properties.Create),
    );
    const byAction = Object.fromEntries(calls.map((c) => [`${c.service}.${c.action}`, c.parameters]));
    expect(byAction['GuardDuty.updateOrganizationConfiguration']).toMatchObject({
      AutoEnableOrganizationMembers: 'ALL',
    });
    expect(
      byAction['GuardDuty.updateOrganizationConfiguration'].Features.map((f: any) => [f.Name, f.AutoEnable]),
    ).toEqual(ThreatDetection.GUARDDUTY_PLANS.map((p) => [p, 'ALL']));
    expect(byAction['Macie2.updateAutomatedDiscoveryConfiguration']).toEqual({
      status: 'ENABLED',
      autoEnableOrganizationMembers: 'ALL',
    });
    expect(byAction['Macie2.updateOrganizationConfiguration']).toEqual({ autoEnable: true });
    t.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ORGANIZATION' });
    t.resourceCountIs('AWS::SecurityHub::ConfigurationPolicy', 0);
  });

  test("enrols the existing accounts in Macie in one resource, after Macie's organization setting, by a function of its own", () => {
    const members = [
      { accountId: '444444444444', email: 'aws-prod@example.com' },
      { accountId: '555555555555', email: 'aws-dev@example.com' },
    ];
    const s = new Stack(new App(), 'Audit', { env: { account: '333333333333', region: 'us-east-1' } });
    new ThreatDetection(s, 'Detection', { home: false, macieMembers: members });
    const t = Template.fromStack(s);
    const enrolments = Object.values(t.findResources('Custom::LandfallMacieMembers'));
    expect(enrolments).toHaveLength(1);
    expect(enrolments[0].Properties.Members).toEqual([
      { AccountId: '444444444444', Email: 'aws-prod@example.com' },
      { AccountId: '555555555555', Email: 'aws-dev@example.com' },
    ]);
    // Macie is on, with its organization setting, before any enrolment.
    const organization = Object.keys(t.findResources('Custom::AWS')).find((id) => id.includes('MacieOrganization'))!;
    expect(enrolments[0].DependsOn).toContain(organization);
    t.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'landfall-macie-members' });
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/aws/lambda/landfall-macie-members' });
    expect(() => new MacieMembers(s, 'Twice', { members: [members[0], members[0]], functionName: 'x' })).toThrow(
      'account 444444444444 is listed twice',
    );
  });

  test('spreads more than 3,000 Macie members over resources of at most 3,000, the first keeping its logical ID', () => {
    const s = new Stack(new App(), 'Audit', { env: { account: '333333333333', region: 'us-east-1' } });
    const ids = Array.from({ length: 3001 }, (_, i) => String(100000000000 + i));
    new MacieMembers(s, 'Many', {
      members: ids.map((accountId) => ({ accountId, email: `aws-${accountId}@example.com` })),
    });
    const t = Template.fromStack(s);
    const enrolments = t.findResources('Custom::LandfallMacieMembers');
    const lists = Object.entries(enrolments)
      .map(([id, r]) => [id.replace(/[A-F0-9]{8}$/, ''), r.Properties.Members.length])
      .sort(([a], [b]) => String(a).localeCompare(String(b)));
    expect(lists).toEqual([
      ['ManyMembers', 3000],
      ['ManyMembers2', 1],
    ]);
    const enrolled = Object.values(enrolments).flatMap((r) => r.Properties.Members.map((m: any) => m.AccountId));
    expect(new Set(enrolled)).toEqual(new Set(ids));
    t.resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('in the home region, Security Hub central configuration with the FSBP and NIST 800-53 standards at the root, aggregating the other regions', () => {
    const t = detection(true, 'r-abcd');
    t.hasResourceProperties('AWS::SecurityHub::OrganizationConfiguration', {
      ConfigurationType: 'CENTRAL',
      AutoEnable: false,
      AutoEnableStandards: 'NONE',
    });
    t.hasResourceProperties('AWS::SecurityHub::FindingAggregator', {
      RegionLinkingMode: 'SPECIFIED_REGIONS',
      Regions: ['us-west-2'],
    });
    const policy = Object.values(t.findResources('AWS::SecurityHub::ConfigurationPolicy'))[0] as any;
    expect(JSON.stringify(policy.Properties.ConfigurationPolicy.SecurityHub.EnabledStandardIdentifiers)).toMatch(
      /aws-foundational-security-best-practices\/v\/1\.0\.0.*nist-800-53\/v\/5\.0\.0/,
    );
    t.hasResourceProperties('AWS::SecurityHub::PolicyAssociation', { TargetType: 'ROOT', TargetId: 'r-abcd' });
    detection(true).resourceCountIs('AWS::SecurityHub::PolicyAssociation', 0);
  });

  test('the aggregator covers every governed region of every account, and its role may only read the organization', () => {
    const s = stack();
    new OrganizationConfigAggregator(s, 'Aggregator', { regions: ['us-east-1', 'us-west-2'] });
    const t = Template.fromStack(s);
    t.hasResourceProperties('AWS::Config::ConfigurationAggregator', {
      OrganizationAggregationSource: { AwsRegions: ['us-east-1', 'us-west-2'], AllAwsRegions: false },
    });
    const statements = (Object.values(t.findResources('AWS::IAM::ManagedPolicy'))[0] as any).Properties.PolicyDocument
      .Statement;
    expect(
      statements.flatMap((x: any) => x.Action).every((a: string) => /^organizations:(Describe|List)/.test(a)),
    ).toBe(true);
    expect(() => new OrganizationConfigAggregator(stack(), 'None', { regions: [] })).toThrow(/regions is empty/);
  });
});
