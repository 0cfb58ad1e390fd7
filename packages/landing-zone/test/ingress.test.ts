import { Template } from 'aws-cdk-lib/assertions';
import { INGRESS_LOGS_REPLICATION_ROLE } from '../src';
import { APPLIED, ARCHIVE_KEY, NETWORK_IDS, build, definition, only, resources } from './fixtures';

/** Every ID recorded: the workload VPCs exist, so their public entries do. */
const RECORDED = { ...APPLIED, logging: { archiveKeyArn: ARCHIVE_KEY }, network: NETWORK_IDS };

function deployed(overrides?: (d: any) => void) {
  return build({ ids: RECORDED, placeholders: false, ...(overrides ? { definition: definition(overrides) } : {}) });
}

const EXAMPLE = deployed();
const prod = () => only(EXAMPLE.templates, 'prod-ingress-us-east-1');

describe('the public entry of a workload account', () => {
  test('exists where the definition asks for it (prod and dev), and nowhere else', () => {
    const ingress = [...EXAMPLE.templates.keys()].filter((n) => n.includes('-ingress-'));
    expect(ingress.sort()).toEqual(['dev-ingress-us-east-1', 'prod-ingress-us-east-1']);
    const without = deployed((d) => delete d.organization.ous[2].ous[1].accounts[0].ingress);
    expect([...without.templates.keys()].filter((n) => n.includes('-ingress-'))).toEqual(['prod-ingress-us-east-1']);
  });

  test('the VPC gets ingress subnets, excluded from VPC Block Public Access, only where there is an ingress', () => {
    const exclusions = (t: Template) => resources(t, 'AWS::EC2::VPCBlockPublicAccessExclusion').length;
    expect(exclusions(only(EXAMPLE.templates, 'prod-network-us-east-1'))).toBe(2);
    expect(exclusions(only(EXAMPLE.templates, 'prod-network-us-west-2'))).toBe(0);
    const without = deployed((d) => delete d.organization.ous[2].ous[0].accounts[0].ingress);
    // Without its public entry the Prod OU deploys as a StackSet, whose template is named after the OU.
    expect(exclusions(only(without.templates, 'ou-workloads-prod-network-us-east-1'))).toBe(0);
    only(without.templates, 'ou-workloads-prod-network-us-east-1').resourceCountIs('AWS::EC2::InternetGateway', 0);
  });

  test("the load balancer's security group admits only CloudFront's origin-facing prefix list", () => {
    const t = prod();
    const groups = t.findResources('AWS::EC2::SecurityGroup');
    const [id, lb] = Object.entries(groups).find(([, sg]) => /load balancer/i.test(sg.Properties.GroupDescription))!;
    // The prefix list's ID is read in the account at deployment (IDs differ by region), so the rule is its own resource.
    const inbound = [
      ...(lb.Properties.SecurityGroupIngress ?? []),
      ...resources(t, 'AWS::EC2::SecurityGroupIngress')
        .filter((r) => JSON.stringify(r.Properties.GroupId).includes(id))
        .map((r) => r.Properties),
    ];
    expect(inbound).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourcePrefixListId: expect.anything() }),
    ]);
    expect(JSON.stringify(inbound)).not.toContain('CidrIp');
    expect(JSON.stringify(only(EXAMPLE.templates, 'prod-encryption-us-east-1').toJSON())).toContain(
      'com.amazonaws.global.cloudfront.origin-facing',
    );
  });

  test('AWS WAF guards both CloudFront and the load balancer, with the rate limit of the definition', () => {
    const rate = (t: Template, scope: string) =>
      resources(t, 'AWS::WAFv2::WebACL')
        .filter((a) => a.Properties.Scope === scope)
        .flatMap((a) => a.Properties.Rules)
        .find((r: any) => r.Statement.RateBasedStatement)?.Statement.RateBasedStatement.Limit;
    expect([rate(prod(), 'CLOUDFRONT'), rate(prod(), 'REGIONAL')]).toEqual([2000, 2000]);
    prod().resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    const [distribution] = resources(prod(), 'AWS::CloudFront::Distribution');
    expect(distribution.Properties.DistributionConfig.WebACLId).toBeDefined();
    const changed = only(deployed((d) => (d.ingress.wafRateLimit = 500)).templates, 'prod-ingress-us-east-1');
    expect([rate(changed, 'CLOUDFRONT'), rate(changed, 'REGIONAL')]).toEqual([500, 500]);
  });

  test("TLS: the definition's viewer minimum, HTTPS only to viewers and to the origin, TLS 1.3 on the load balancer", () => {
    const config = (t: Template) => resources(t, 'AWS::CloudFront::Distribution')[0].Properties.DistributionConfig;
    expect(config(prod()).ViewerCertificate.MinimumProtocolVersion).toBe('TLSv1.2_2021');
    expect(config(prod()).DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config(prod()).Origins[0].CustomOriginConfig).toMatchObject({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
    expect(config(prod()).Aliases).toEqual(['app.acme-health.example.com']);
    const listeners = resources(prod(), 'AWS::ElasticLoadBalancingV2::Listener');
    expect(listeners.map((l) => [l.Properties.Protocol, l.Properties.SslPolicy])).toEqual([
      ['HTTPS', 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06'],
    ]);
    const tls13 = only(
      deployed((d) => (d.ingress.minimumTlsVersion = 'TLSv1.3_2025')).templates,
      'prod-ingress-us-east-1',
    );
    expect(config(tls13).ViewerCertificate.MinimumProtocolVersion).toBe('TLSv1.3_2025');
  });

  test("CloudFront serves only the definition's countries", () => {
    const config = (t: Template) => resources(t, 'AWS::CloudFront::Distribution')[0].Properties.DistributionConfig;
    expect(config(prod()).Restrictions.GeoRestriction).toEqual({ RestrictionType: 'whitelist', Locations: ['US'] });
    const changed = only(
      deployed((d) => (d.ingress.allowedCountries = ['US', 'CA'])).templates,
      'prod-ingress-us-east-1',
    );
    expect(config(changed).Restrictions.GeoRestriction.Locations).toEqual(['US', 'CA']);
  });

  test('the load balancer drops invalid headers, cannot be deleted by accident and logs every request', () => {
    const [lb] = resources(prod(), 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    const attributes = Object.fromEntries(lb.Properties.LoadBalancerAttributes.map((a: any) => [a.Key, a.Value]));
    expect(attributes).toMatchObject({
      'deletion_protection.enabled': 'true',
      'routing.http.drop_invalid_header_fields.enabled': 'true',
      'access_logs.s3.enabled': 'true',
    });
    expect(lb.Properties.Scheme).toBe('internet-facing');
  });

  test('its logs replicate into the log archive, under its own prefix, as the archive admits', () => {
    const replication = resources(prod(), 'AWS::S3::Bucket').find((b) => b.Properties.ReplicationConfiguration)
      .Properties.ReplicationConfiguration;
    expect(JSON.stringify(replication)).toContain('acme-health-log-archive-222222222222');
    expect(JSON.stringify(replication.Rules)).toContain('ingress/prod/');
    const archive = JSON.stringify(only(EXAMPLE.templates, 'log-archive-log-archive-us-east-1').toJSON());
    expect(archive).toContain(`arn:aws:iam::666666666666:role/${INGRESS_LOGS_REPLICATION_ROLE}`);
    expect(archive).toContain('/ingress/prod/*');
  });

  test('the origin secret rotates', () => {
    prod().resourceCountIs('AWS::SecretsManager::RotationSchedule', 1);
  });
});
