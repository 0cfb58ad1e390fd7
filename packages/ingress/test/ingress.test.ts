import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as targets from 'aws-cdk-lib/aws-elasticloadbalancingv2-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import {
  IngressLogBucket,
  IngressLogBucketProps,
  IngressWebAcl,
  MANAGED_RULE_GROUPS,
  SecureIngress,
  SecureIngressProps,
  ViewerTlsVersion,
  WebAclScope,
} from '../src';

const ACCOUNT = '444444444444';
const ARCHIVE_KEY = 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555';
const ORIGIN_CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
const VIEWER_CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee`;
const EDGE_ACL = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/landfall-ingress-cloudfront/0a1b2c3d`;

const LOG_BUCKET: IngressLogBucketProps = {
  bucketName: `acme-ingress-logs-${ACCOUNT}`,
  accessLogsBucketName: `acme-ingress-access-logs-${ACCOUNT}`,
  archiveBucketArn: 'arn:aws:s3:::acme-log-archive-222222222222',
  archiveKeyArn: ARCHIVE_KEY,
  archivePrefix: `ingress/${ACCOUNT}/`,
};

type Overrides = Partial<Omit<SecureIngressProps, 'vpc' | 'logBucket' | 'logKey' | 'originSecretKey'>>;

/** A workload account's stack: its VPC (ingress subnets in two zones), keys, log bucket, and the entry with one service. */
function workload(overrides: Overrides = {}, options: { region?: string; nag?: boolean } = {}) {
  const region = options.region ?? 'us-east-1';
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-ingress-')) });
  if (options.nag) {
    Validations.of(app).addPlugins(
      new HIPAASecurityChecks(app),
      new AwsSolutionsChecks(app),
      new NIST80053R5Checks(app),
    );
  }
  const stack = new Stack(app, 'Workload', { env: { account: ACCOUNT, region } });
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: [`${region}a`, `${region}b`],
    publicSubnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
    publicSubnetNames: ['ingress'],
    privateSubnetIds: ['subnet-0cccccccccccccccc', 'subnet-0dddddddddddddddd'],
    privateSubnetNames: ['workload'],
  });
  const logKey = new kms.Key(stack, 'LogsKey', { enableKeyRotation: true });
  const originSecretKey = new kms.Key(stack, 'SecretsKey', { enableKeyRotation: true });
  const logBucket = new IngressLogBucket(stack, 'IngressLogs', LOG_BUCKET);
  const ingress = new SecureIngress(stack, 'Ingress', {
    vpc,
    originDomainName: 'origin.example.com',
    originCertificate: acm.Certificate.fromCertificateArn(stack, 'OriginCertificate', ORIGIN_CERT),
    domainNames: ['app.example.com'],
    viewerCertificate: acm.Certificate.fromCertificateArn(stack, 'ViewerCertificate', VIEWER_CERT),
    logKey,
    logBucket,
    originSecretKey,
    ...overrides,
  });
  ingress.addTargets('App', {
    port: 8443,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    targets: [new targets.IpTarget('10.0.2.10')],
    healthCheck: { path: '/health', protocol: elbv2.Protocol.HTTPS },
  });
  return { app, stack, ingress };
}

const templateOf = (overrides: Overrides = {}, options: { region?: string } = {}) =>
  Template.fromStack(workload(overrides, options).stack);

function webAcls(template: Template, scope: 'REGIONAL' | 'CLOUDFRONT') {
  return Object.values(template.findResources('AWS::WAFv2::WebACL', { Properties: { Scope: scope } }));
}

describe('the load balancer', () => {
  const template = templateOf();

  test('its security group admits only CloudFront origin-facing servers, on 443', () => {
    const [groupId] = Object.keys(
      template.findResources('AWS::EC2::SecurityGroup', {
        Properties: { GroupDescription: Match.stringLikeRegexp('Landfall ingress load balancer') },
      }),
    );
    const ingress = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress'));
    expect(ingress.map((r) => r.Properties)).toEqual([
      {
        Description: 'HTTPS from CloudFront origin-facing servers',
        FromPort: 443,
        GroupId: { 'Fn::GetAtt': [groupId, 'GroupId'] },
        IpProtocol: 'tcp',
        SourcePrefixListId: 'pl-3b927c52',
        ToPort: 443,
      },
    ]);
    expect(template.toJSON().Resources[groupId].Properties.SecurityGroupIngress).toBeUndefined();
  });

  test('is internet-facing in the ingress subnets, with deletion protection, invalid headers dropped and the strictest desync mitigation', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Subnets: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'routing.http.desync_mitigation_mode', Value: 'strictest' },
      ]),
    });
  });

  test('writes access logs to the ingress log bucket under the archive prefix', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: Match.stringLikeRegexp('IngressLogsBucket') } },
        { Key: 'access_logs.s3.prefix', Value: `ingress/${ACCOUNT}/alb` },
      ]),
    });
  });

  test('serves HTTPS with the origin certificate and the TLS 1.3 restricted policy', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
      Certificates: [{ CertificateArn: ORIGIN_CERT }],
    });
  });

  test('has no HTTP listener: CloudFront redirects viewers to HTTPS and reaches it by HTTPS only', () => {
    const listeners = Object.values(template.findResources('AWS::ElasticLoadBalancingV2::Listener'));
    expect(listeners.map((l) => [l.Properties.Port, l.Properties.Protocol])).toEqual([[443, 'HTTPS']]);
  });

  test("the workload's targets are reached over HTTPS behind the HTTPS listener", () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      Port: 8443,
      Protocol: 'HTTPS',
      TargetType: 'ip',
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 50000,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      Actions: [
        { Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('IngressLoadBalancerHttpsAppGroup') } },
      ],
    });
  });

  test('answers 503 until a service is attached', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      DefaultActions: [
        Match.objectLike({ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '503' }) }),
      ],
    });
  });
});

describe('addTargetGroup', () => {
  test('puts an empty HTTPS group of the given target type behind the listener, for every path by default', () => {
    const { stack, ingress } = workload();
    ingress.addTargetGroup('Service', {
      targetType: elbv2.TargetType.IP,
      port: 8443,
      healthCheck: { path: '/health' },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', {
      TargetType: 'ip',
      Port: 8443,
      Protocol: 'HTTPS',
      HealthCheckProtocol: 'HTTPS',
      HealthCheckPath: '/health',
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 50000,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('IngressServiceTargetGroup') } }],
    });
  });
});

describe('AWS WAF', () => {
  const template = templateOf();

  test('both web ACLs run the four AWS managed rule groups and a rate limit of 2000 per client', () => {
    for (const scope of ['REGIONAL', 'CLOUDFRONT'] as const) {
      const [acl] = webAcls(template, scope);
      const rules = acl.Properties.Rules;
      const groups = rules.filter((r: any) => r.Statement.ManagedRuleGroupStatement);
      expect(groups.map((r: any) => r.Statement.ManagedRuleGroupStatement)).toEqual(
        MANAGED_RULE_GROUPS.map((Name) => ({ VendorName: 'AWS', Name })),
      );
      const [rate] = rules.filter((r: any) => r.Statement.RateBasedStatement);
      expect(rate.Action).toEqual({ Block: {} });
      expect(rate.Statement.RateBasedStatement).toMatchObject({ Limit: 2000, EvaluationWindowSec: 300 });
    }
  });

  test('the load balancer web ACL is associated with it and counts the client address CloudFront forwards', () => {
    const [acl] = webAcls(template, 'REGIONAL');
    const [rate] = acl.Properties.Rules.filter((r: any) => r.Statement.RateBasedStatement);
    expect(rate.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'FORWARDED_IP',
      ForwardedIPConfig: { HeaderName: 'X-Forwarded-For', FallbackBehavior: 'MATCH' },
    });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: Match.stringLikeRegexp('IngressLoadBalancer') },
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngressLoadBalancerWebAcl'), 'Arn'] },
    });
  });

  test('the distribution uses the CloudFront web ACL', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        WebACLId: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngressDistributionWebAcl'), 'Arn'] },
      }),
    });
  });

  test('rateLimit changes the limit on both web ACLs', () => {
    const changed = templateOf({ rateLimit: 500 });
    for (const scope of ['REGIONAL', 'CLOUDFRONT'] as const) {
      const [acl] = webAcls(changed, scope);
      const [rate] = acl.Properties.Rules.filter((r: any) => r.Statement.RateBasedStatement);
      expect(rate.Statement.RateBasedStatement.Limit).toBe(500);
    }
  });

  test('the load balancer web ACL first blocks every request without the origin secret, which CloudFront sends', () => {
    const [acl] = webAcls(template, 'REGIONAL');
    const [first] = acl.Properties.Rules;
    expect(first.Name).toBe('RequireOriginSecret');
    expect(first.Action).toEqual({ Block: {} });
    const match = first.Statement.NotStatement.Statement.ByteMatchStatement;
    expect(match.FieldToMatch).toEqual({ SingleHeader: { Name: 'x-origin-verify' } });
    expect(match.PositionalConstraint).toBe('EXACTLY');
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const [origin] = distribution.Properties.DistributionConfig.Origins;
    expect(origin.OriginCustomHeaders).toEqual([{ HeaderName: 'X-Origin-Verify', HeaderValue: match.SearchString }]);
    expect(JSON.stringify(match.SearchString)).toMatch(/\{\{resolve:secretsmanager:.*:SecretString:value::\}\}/);
  });

  test('each web ACL logs to its own encrypted, retained aws-waf-logs- group, with credentials and the secret redacted', () => {
    for (const name of ['aws-waf-logs-landfall-ingress-alb', 'aws-waf-logs-landfall-ingress-cloudfront']) {
      template.hasResource('AWS::Logs::LogGroup', {
        DeletionPolicy: 'Retain',
        Properties: {
          LogGroupName: name,
          RetentionInDays: 365,
          KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogsKey'), 'Arn'] },
        },
      });
    }
    template.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      ResourceArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngressLoadBalancerWebAcl'), 'Arn'] },
      RedactedFields: [
        { SingleHeader: { Name: 'authorization' } },
        { SingleHeader: { Name: 'cookie' } },
        { SingleHeader: { Name: 'x-origin-verify' } },
      ],
    });
    template.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 2);
  });
});

describe('the distribution', () => {
  const template = templateOf();
  const config = () =>
    Object.values(template.findResources('AWS::CloudFront::Distribution'))[0].Properties.DistributionConfig;

  test('redirects viewers to HTTPS over HTTP/2 and HTTP/3, with caching off and the viewer request forwarded but Host', () => {
    expect(config().HttpVersion).toBe('http2and3');
    expect(config().DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    });
  });

  test('reaches the origin by HTTPS only, TLS 1.2 or later', () => {
    expect(config().Origins[0]).toMatchObject({
      DomainName: 'origin.example.com',
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
    });
  });

  test('serves its names with the viewer certificate, SNI, TLSv1.2_2021 by default', () => {
    expect(config().Aliases).toEqual(['app.example.com']);
    expect(config().ViewerCertificate).toEqual({
      AcmCertificateArn: VIEWER_CERT,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });

  test('minimumTlsVersion changes the security policy', () => {
    const tls13 = templateOf({ minimumTlsVersion: ViewerTlsVersion.TLS_V1_3_2025 });
    tls13.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.3_2025' }),
      }),
    });
  });

  test('writes standard logs to the ingress log bucket under the archive prefix, and serves the United States only', () => {
    const { Bucket: bucket, ...logging } = config().Logging;
    expect(bucket['Fn::GetAtt']).toEqual([expect.stringMatching(/^IngressLogsBucket/), 'RegionalDomainName']);
    expect(logging).toEqual({ IncludeCookies: false, Prefix: `ingress/${ACCOUNT}/cloudfront/` });
    expect(config().Restrictions).toEqual({ GeoRestriction: { Locations: ['US'], RestrictionType: 'whitelist' } });
  });

  test('without a viewer certificate, the distribution answers on its cloudfront.net name, with a warning', () => {
    const { stack } = workload({ domainNames: undefined, viewerCertificate: undefined });
    const [distribution] = Object.values(Template.fromStack(stack).findResources('AWS::CloudFront::Distribution'));
    expect(distribution.Properties.DistributionConfig.ViewerCertificate).toBeUndefined();
    Annotations.fromStack(stack).hasWarning('/Workload/Ingress', Match.stringLikeRegexp('No viewerCertificate'));
  });

  test('a CloudFront web ACL from a us-east-1 stack lets the entry live in another Region', () => {
    const elsewhere = templateOf(
      { cloudFrontWebAclArn: EDGE_ACL, cloudFrontPrefixListId: 'pl-4fa04526' },
      { region: 'eu-west-1' },
    );
    expect(webAcls(elsewhere, 'CLOUDFRONT')).toHaveLength(0);
    elsewhere.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: EDGE_ACL }),
    });
    elsewhere.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      SourcePrefixListId: 'pl-4fa04526',
      FromPort: 443,
    });
  });
});

describe('the origin secret', () => {
  const template = templateOf();

  test('is encrypted with its key and rotates every 30 days through its function, which only Secrets Manager may invoke for it', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecretsKey'), 'Arn'] },
      GenerateSecretString: Match.objectLike({ GenerateStringKey: 'value', PasswordLength: 43 }),
    });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      SecretId: { Ref: Match.stringLikeRegexp('IngressOriginSecret') },
      RotationLambdaARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngressOriginSecretFunction'), 'Arn'] },
      RotationRules: { AutomaticallyAfterDays: 30 },
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'secretsmanager.amazonaws.com',
      SourceAccount: ACCOUNT,
      SourceArn: { Ref: Match.stringLikeRegexp('IngressOriginSecret') },
    });
  });

  test('originSecretRotationDays changes the schedule', () => {
    templateOf({ originSecretRotationDays: 7 }).hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      RotationRules: { AutomaticallyAfterDays: 7 },
    });
  });

  test('the function knows its web ACL, rule, header and origin, and logs to its own encrypted, retained group', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'landfall-ingress-origin-secret',
      Runtime: 'nodejs24.x',
      Environment: {
        Variables: {
          WEB_ACL_ARN: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngressLoadBalancerWebAcl'), 'Arn'] },
          RULE_NAME: 'RequireOriginSecret',
          HEADER_NAME: 'X-Origin-Verify',
          ORIGIN_DOMAIN_NAME: 'origin.example.com',
        },
      },
    });
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        LogGroupName: '/aws/lambda/landfall-ingress-origin-secret',
        RetentionInDays: 365,
      }),
    });
  });

  test('the function may touch only its secret, its web ACL, the distributions, their log bucket ACL and its log streams, through no AWS managed policy', () => {
    const [policy] = Object.values(
      template.findResources('AWS::IAM::ManagedPolicy', {
        Properties: { Roles: [{ Ref: Match.stringLikeRegexp('IngressOriginSecretRole') }] },
      }),
    );
    const statements = policy.Properties.PolicyDocument.Statement.map((s: any) => [
      s.Action,
      JSON.stringify(s.Resource),
    ]);
    expect(statements).toEqual([
      [
        [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        expect.stringMatching(/^\{"Ref":"IngressOriginSecret.*"\}$/),
      ],
      [['kms:Decrypt', 'kms:GenerateDataKey'], expect.stringMatching(/SecretsKey/)],
      ['cloudfront:ListDistributions', '"*"'],
      [
        ['cloudfront:GetDistributionConfig', 'cloudfront:UpdateDistribution'],
        expect.stringMatching(/:distribution\/\*/),
      ],
      [
        ['logs:CreateLogStream', 'logs:PutLogEvents'],
        expect.stringMatching(/landfall-ingress-origin-secret:log-stream:\*/),
      ],
      [
        ['wafv2:GetWebACL', 'wafv2:UpdateWebACL'],
        expect.stringMatching(/^\{"Fn::GetAtt":\["IngressLoadBalancerWebAcl.*","Arn"\]\}$/),
      ],
      [
        ['s3:GetBucketAcl', 's3:PutBucketAcl'],
        expect.stringMatching(/^\{"Fn::GetAtt":\["IngressLogsBucket.*","Arn"\]\}$/),
      ],
    ]);
    const [role] = Object.values(
      template.findResources('AWS::IAM::Role', {
        Properties: {
          AssumeRolePolicyDocument: Match.objectLike({
            Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
          }),
        },
      }),
    );
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
  });

  test('its first rotation waits for the distribution and the web ACL', () => {
    const [schedule] = Object.values(template.findResources('AWS::SecretsManager::RotationSchedule'));
    expect(schedule.DependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^IngressDistribution/),
        expect.stringMatching(/^IngressLoadBalancerWebAcl/),
      ]),
    );
  });
});

describe('the ingress log bucket', () => {
  const template = templateOf();

  test('is versioned, SSE-S3, private, TLS-only and retained, with ACLs for CloudFront and its own server access logs', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketName: LOG_BUCKET.bucketName,
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.anyValue() }, LogFilePrefix: 'ingress-logs/' },
      }),
    });
  });

  test("admits Elastic Load Balancing's log delivery for this account's logs only", () => {
    const [policy] = Object.values(
      template.findResources('AWS::S3::BucketPolicy', {
        Properties: { Bucket: { Ref: Match.stringLikeRegexp('IngressLogsBucket') } },
      }),
    );
    const statement = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'LoadBalancerAccessLogs');
    expect(statement.Principal).toEqual({
      Service: 'logdelivery.elasticloadbalancing.amazonaws.com',
      AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::127311923021:root']] },
    });
    expect(statement.Action).toBe('s3:PutObject');
    expect(JSON.stringify(statement.Resource)).toContain(`/ingress/${ACCOUNT}/alb/AWSLogs/${ACCOUNT}/*`);
  });

  test('replicates every log into the log archive within 15 minutes', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: LOG_BUCKET.bucketName,
      ReplicationConfiguration: {
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('IngressLogsReplicationRole'), 'Arn'] },
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            Filter: { Prefix: `ingress/${ACCOUNT}/` },
            Destination: Match.objectLike({
              Bucket: LOG_BUCKET.archiveBucketArn,
              Account: '222222222222',
              EncryptionConfiguration: { ReplicaKmsKeyID: ARCHIVE_KEY },
              ReplicationTime: { Status: 'Enabled', Time: { Minutes: 15 } },
            }),
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'landfall-ingress-logs-replication' });
  });
});

describe('refuses what AWS or HIPAA would refuse, naming the prop', () => {
  test('fails when rateLimit is out of range', () => {
    expect(() => workload({ rateLimit: 5 })).toThrow(/rateLimit is 5 — .*10 to 2,000,000,000/);
  });

  test('fails when domainNames come without a viewer certificate', () => {
    expect(() => workload({ viewerCertificate: undefined })).toThrow(/domainNames and viewerCertificate go together/);
  });

  test('fails when the viewer certificate is not in us-east-1', () => {
    expect(() =>
      workload({
        viewerCertificate: acm.Certificate.fromCertificateArn(
          new Stack(),
          'C',
          `arn:aws:acm:eu-west-1:${ACCOUNT}:certificate/ffffffff-bbbb-cccc-dddd-eeeeeeeeeeee`,
        ),
      }),
    ).toThrow(/viewerCertificate is in eu-west-1 — .*us-east-1/);
  });

  test('fails when the stack is outside us-east-1 and no CloudFront web ACL is given', () => {
    expect(() => workload({ cloudFrontPrefixListId: 'pl-4fa04526' }, { region: 'eu-west-1' })).toThrow(
      /cloudFrontWebAclArn is not given and this stack is in eu-west-1 — .*IngressWebAcl/,
    );
  });

  test('fails when the stack is outside us-east-1 and no prefix list is given', () => {
    expect(() => workload({ cloudFrontWebAclArn: EDGE_ACL }, { region: 'eu-west-1' })).toThrow(
      /cloudFrontPrefixListId is required outside us-east-1/,
    );
  });

  test("fails when the origin is the load balancer's own elb.amazonaws.com name", () => {
    expect(() => workload({ originDomainName: 'my-alb-123.us-east-1.elb.amazonaws.com' })).toThrow(
      /originDomainName .* no ACM certificate covers an elb.amazonaws.com name/,
    );
  });

  test('fails when logs would be kept less than a year', () => {
    expect(() => workload({ logRetention: logs.RetentionDays.ONE_MONTH })).toThrow(/logRetention is 30 days/);
  });

  test('fails when targets would be reached over HTTP', () => {
    const { ingress } = workload();
    expect(() => ingress.addTargets('Plain', { port: 8080, targets: [new targets.IpTarget('10.0.2.11')] })).toThrow(
      /addTargets\('Plain'\): protocol is HTTP — .*ApplicationProtocol.HTTPS/,
    );
  });

  test('fails when the archive prefix does not end with a slash', () => {
    const stack = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: 'us-east-1' } });
    expect(() => new IngressLogBucket(stack, 'L', { ...LOG_BUCKET, archivePrefix: 'ingress' })).toThrow(
      /archivePrefix is 'ingress' — .*ending with '\/'/,
    );
  });

  test('fails when the archive is not named by its ARNs', () => {
    const stack = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: 'us-east-1' } });
    expect(() => new IngressLogBucket(stack, 'L', { ...LOG_BUCKET, archiveKeyArn: 'alias/archive' })).toThrow(
      /archiveKeyArn is 'alias\/archive' — .*names the archive's account/,
    );
  });

  test('fails when the load balancer subnets are not there', () => {
    expect(() => workload({ albSubnets: { subnetGroupName: 'public' } })).toThrow(
      /albSubnets selects nothing in the VPC/,
    );
  });

  test('fails when a CloudFront web ACL is made outside us-east-1', () => {
    const stack = new Stack(new App(), 'S', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    expect(
      () =>
        new IngressWebAcl(stack, 'Edge', {
          webAclScope: WebAclScope.CLOUDFRONT,
          name: 'edge',
          logKey: new kms.Key(stack, 'K', { enableKeyRotation: true }),
        }),
    ).toThrow(/webAclScope CLOUDFRONT needs a stack in us-east-1 \(this one's region is eu-west-1\)/);
  });
});

describe('cdk-nag (HIPAA.Security, AwsSolutions, NIST.800-53.R5)', () => {
  test('finds nothing unacknowledged, and every acknowledgement has its reason', () => {
    const { app } = workload({}, { nag: true });
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
    // The wildcards IAM requires; the rotation function (an upkeep function); the log bucket (a landing bucket
    // replicating into the log archive) and its access-log bucket.
    expect([...suppressed].sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-ingress-origin-secret:log-stream:*]',
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-ingress-logs-${ACCOUNT}/ingress/${ACCOUNT}/*]`,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-log-archive-222222222222/ingress/${ACCOUNT}/*]`,
      'LambdaConcurrency',
      'LambdaDLQ',
      'LambdaInsideVPC',
      'S3BucketReplicationEnabled',
      'S3DefaultEncryptionKMS',
    ]);
  });
});
