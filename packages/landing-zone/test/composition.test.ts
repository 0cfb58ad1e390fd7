import { LANDFALL_TAG } from '@landfall/guardrails';
import { App, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { RECORD_OUTPUT_METADATA, buildLandingZone } from '../src';
import {
  APPLIED,
  ARCHIVE_KEY,
  NETWORK_IDS,
  build,
  definition,
  resources,
  templatesOf,
  withAttachments,
} from './fixtures';

const ALL = build();

function resourcesOf(type: string): Array<[string, any]> {
  return [...ALL.templates].flatMap(([stack, t]) =>
    Object.values(t.findResources(type)).map((r) => [stack, r] as [string, any]),
  );
}

describe('stacks per account role', () => {
  test('every account gets an encryption stack in every governed region; workloads a network stack; shared services the hub', () => {
    const names = [...ALL.templates.keys()].sort();
    for (const account of ['management', 'log-archive', 'audit', 'backup', 'shared-services', 'prod', 'dev']) {
      expect(names).toContain(`${account}-encryption-us-east-1`);
      expect(names).toContain(`${account}-encryption-us-west-2`);
    }
    expect(names.filter((n) => n.includes('-network-'))).toEqual([
      'dev-network-us-east-1',
      'dev-network-us-west-2',
      'prod-network-us-east-1',
      'prod-network-us-west-2',
    ]);
    expect(names.filter((n) => n.includes('-hub-'))).toEqual([
      'shared-services-hub-spokes-us-east-1-1',
      'shared-services-hub-spokes-us-west-2-1',
      'shared-services-hub-us-east-1',
      'shared-services-hub-us-west-2',
    ]);
  });

  test('protects every stack from deletion', () => {
    for (const stack of ALL.stacks) expect(stack.terminationProtection).toBe(true);
  });

  test("deploys every stack through Landfall's own CDK bootstrap, never the stock one workload teams use", () => {
    for (const [name, template] of ALL.templates) {
      const version = template.toJSON().Parameters?.BootstrapVersion?.Default;
      expect([name, version]).toEqual([name, '/cdk-bootstrap/landfall/version']);
    }
    const custom = build({
      definition: definition((d) => {
        d.guardrails.cdkQualifier = 'acme';
        delete d.guardrails.exemptRoleNames; // the default follows the qualifier
      }),
    });
    for (const template of custom.templates.values()) {
      expect(template.toJSON().Parameters.BootstrapVersion.Default).toBe('/cdk-bootstrap/acme/version');
    }
  });

  test('tags every stack with the landing zone, the tag ProtectLandfallStacks and ProtectFlowLogs key on', () => {
    for (const stack of ALL.stacks) expect(stack.tags.tagValues()[LANDFALL_TAG]).toBe('acme-health');
  });

  test('no stack template is over the size a reviewer can read', () => {
    for (const [name, template] of ALL.templates) {
      expect([name, Object.keys(template.toJSON().Resources).length < 100]).toEqual([name, true]);
    }
  });
});

describe('encryption everywhere', () => {
  test('every key rotates and is retained', () => {
    const keys = resourcesOf('AWS::KMS::Key');
    // Three per account and region, the log archive's own key, the alert topic's and the delivery pipeline's.
    expect(keys).toHaveLength(7 * 2 * 3 + 3);
    for (const [, key] of keys) {
      expect(key).toMatchObject({ DeletionPolicy: 'Retain', Properties: { EnableKeyRotation: true } });
    }
  });

  test('every log group is encrypted and retained', () => {
    const groups = resourcesOf('AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThan(0);
    for (const [, group] of groups) {
      expect(group).toMatchObject({ DeletionPolicy: 'Retain', Properties: { KmsKeyId: expect.anything() } });
    }
  });

  test('sets S3 Block Public Access in the management account only: the S3 organization policy covers members', () => {
    const blocks = [...ALL.templates]
      .filter(([, t]) => JSON.stringify(t.toJSON()).includes('putPublicAccessBlock'))
      .map(([n]) => n);
    expect(blocks).toEqual(['management-encryption-us-east-1']);
  });

  test('turns on EBS encryption by default in every account and region', () => {
    const stacks = [...ALL.templates]
      .filter(([, t]) => JSON.stringify(t.toJSON()).includes('enableEbsEncryptionByDefault'))
      .map(([n]) => n);
    expect(stacks).toHaveLength(14);
  });
});

describe('network', () => {
  test('no subnet anywhere maps public IPs, and only accounts with an ingress have an internet gateway', () => {
    const subnets = resourcesOf('AWS::EC2::Subnet');
    expect(subnets.length).toBeGreaterThan(0);
    for (const [, subnet] of subnets) expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
    // prod and dev have a public entry (ingress in the definition), in the home region.
    expect(resourcesOf('AWS::EC2::InternetGateway').map(([name]) => name)).toEqual([
      'prod-network-us-east-1',
      'dev-network-us-east-1',
    ]);
  });

  test('every VPC has flow logs of all traffic (in CloudWatch Logs and in the log archive), DNS query logs, a closed default security group and S3 and DynamoDB gateway endpoints', () => {
    for (const [name, template] of ALL.templates) {
      const vpcs = Object.keys(template.findResources('AWS::EC2::VPC'));
      if (vpcs.length === 0) continue;
      expect([
        name,
        Object.values(template.findResources('AWS::EC2::FlowLog')).map((f) => [
          f.Properties.TrafficType,
          f.Properties.LogDestinationType,
          f.Properties.LogDestination,
        ]),
      ]).toEqual([
        name,
        [
          ['ALL', 'cloud-watch-logs', undefined],
          ['ALL', 's3', 'arn:aws:s3:::acme-health-log-delivery-placeholder'],
        ],
      ]);
      template.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', 1);
      template.resourceCountIs('Custom::VpcRestrictDefaultSG', 1);
      template.resourcePropertiesCountIs('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway' }, 2);
    }
  });

  test("places subnets in the definition's availability zones", () => {
    const { templates } = build({
      definition: definition((d) => {
        d.network.availabilityZones['us-west-2'] = ['us-west-2c', 'us-west-2d'];
      }),
    });
    const zones = Object.values(templates.get('prod-network-us-west-2')!.findResources('AWS::EC2::Subnet')).map(
      (s) => s.Properties.AvailabilityZone,
    );
    expect(new Set(zones)).toEqual(new Set(['us-west-2c', 'us-west-2d']));
  });

  test("allocates workload VPCs from their environment's pool in each region", () => {
    ALL.templates.get('dev-network-us-west-2')!.hasResourceProperties('AWS::EC2::VPC', {
      Ipv4IpamPoolId: 'ipam-pool-PLACEHOLDER-dev-us-west-2',
      Ipv4NetmaskLength: 20,
    });
  });

  test.each(['us-east-1', 'us-west-2'])(
    'transit gateway in %s: dev and prod each propagate only into shared, and no table routes one to the other',
    (region) => {
      const hub = ALL.templates.get(`shared-services-hub-${region}`)!;
      const tables = new Map(
        Object.entries(hub.findResources('AWS::EC2::TransitGatewayRouteTable')).map(([id, r]) => [
          id,
          r.Properties.Tags.find((t: { Key: string }) => t.Key === 'Name').Value,
        ]),
      );
      // The spokes stack refers to the hub's tables through exports named after their logical IDs.
      const tableOf = (ref: any) =>
        ref.Ref ? tables.get(ref.Ref) : [...tables].find(([id]) => ref['Fn::ImportValue'].includes(id))![1];
      const spokes = ALL.templates.get(`shared-services-hub-spokes-${region}-1`)!;
      const spoke = (attachment: string) => attachment.replace('tgw-attach-PLACEHOLDER-', '').replace(`-${region}`, '');
      // The hub's own attachment by native resources; the spokes' by their environments' route domains.
      const edges = (type: string) =>
        [
          ...Object.values(hub.findResources(type)).map((r) => {
            expect(typeof r.Properties.TransitGatewayAttachmentId).not.toBe('string');
            return ['hub', tableOf(r.Properties.TransitGatewayRouteTableId)];
          }),
          ...Object.values(spokes.findResources('Custom::LandfallRouteDomain')).flatMap((r) =>
            (r.Properties.Attachments as Array<{ Id: string }>).flatMap(({ Id: a }) =>
              type === 'AWS::EC2::TransitGatewayRouteTableAssociation'
                ? [[spoke(a), tableOf(r.Properties.RouteTableId)]]
                : r.Properties.PropagateInto.map((t: any) => [spoke(a), tableOf(t)]),
            ),
          ),
        ].sort();
      expect(edges('AWS::EC2::TransitGatewayRouteTablePropagation')).toEqual([
        ['dev', 'shared'],
        ['hub', 'dev'],
        ['hub', 'prod'],
        ['prod', 'shared'],
      ]);
      expect(edges('AWS::EC2::TransitGatewayRouteTableAssociation')).toEqual([
        ['dev', 'dev'],
        ['hub', 'shared'],
        ['prod', 'prod'],
      ]);
    },
  );

  test('workload VPCs route only the hub and VPN blocks to the hub, never the other environment', () => {
    for (const name of ['prod-network-us-east-1', 'dev-network-us-east-1']) {
      const routes = Object.values(ALL.templates.get(name)!.findResources('AWS::EC2::Route'));
      // The ingress subnets' default route goes to the internet gateway, for the load balancer only.
      const toHub = routes.filter((r) => !r.Properties.GatewayId);
      expect(new Set(toHub.map((r) => r.Properties.DestinationCidrBlock))).toEqual(
        new Set(['10.0.0.0/20', '172.16.0.0/22']),
      );
      expect(routes.filter((r) => r.Properties.GatewayId).map((r) => r.Properties.DestinationCidrBlock)).toEqual([
        '0.0.0.0/0',
        '0.0.0.0/0',
      ]);
    }
  });

  test('peering: the hub peers with each workload VPC and no peering or route joins dev and prod', () => {
    const { templates } = build({
      definition: definition((d) => {
        d.network.topology = 'peering';
      }),
    });
    const all = [...templates.values()];
    const peerings = all.flatMap((t) => Object.values(t.findResources('AWS::EC2::VPCPeeringConnection')));
    expect(peerings.map((p) => p.Properties.PeerVpcId).sort()).toEqual([
      'vpc-PLACEHOLDER-dev',
      'vpc-PLACEHOLDER-dev-us-west-2',
      'vpc-PLACEHOLDER-prod',
      'vpc-PLACEHOLDER-prod-us-west-2',
    ]);
    expect(all.flatMap((t) => Object.values(t.findResources('AWS::EC2::TransitGateway')))).toEqual([]);
    for (const name of ['prod-network-us-east-1', 'dev-network-us-east-1']) {
      const routes = Object.values(templates.get(name)!.findResources('AWS::EC2::Route')).filter(
        (r) => !r.Properties.GatewayId,
      );
      expect(routes.map((r) => r.Properties.VpcPeeringConnectionId)).toEqual(
        Array(8).fill(`pcx-PLACEHOLDER-${name.split('-')[0]}`),
      );
      expect(new Set(routes.map((r) => r.Properties.DestinationCidrBlock))).toEqual(
        new Set(['10.0.0.0/20', '172.16.0.0/22']),
      );
    }
  });

  test("shares each environment's IPAM pools with that environment's OU and the transit gateway inside the organization", () => {
    const { templates } = build({ ids: APPLIED, placeholders: false });
    const hub = templates.get('shared-services-hub-us-east-1')!;
    const shares = Object.values(hub.findResources('AWS::RAM::ResourceShare')).map((s) => [
      s.Properties.Name,
      s.Properties.Principals,
    ]);
    expect(shares).toEqual(
      expect.arrayContaining([
        ['landfall-ipam-prod', ['arn:aws:organizations::111111111111:ou/o-exampleorg1/ou-work-prod0001']],
        ['landfall-ipam-dev', ['arn:aws:organizations::111111111111:ou/o-exampleorg1/ou-work-dev00001']],
        ['landfall-transit-gateway', ['arn:aws:organizations::111111111111:organization/o-exampleorg1']],
        ['landfall-aws-service-endpoints-dns', ['arn:aws:organizations::111111111111:organization/o-exampleorg1']],
      ]),
    );
  });

  test("every workload VPC, in every governed region, resolves AWS service names through its region's hub, in either topology; the hub itself does not", () => {
    for (const topology of ['transit-gateway', 'peering'] as const) {
      const { templates } = build({
        definition: definition((d) => {
          d.network.topology = topology;
        }),
      });
      for (const region of ['us-east-1', 'us-west-2']) {
        templates.get(`shared-services-hub-${region}`)!.hasResourceProperties('AWS::Route53Resolver::ResolverRule', {
          RuleType: 'FORWARD',
          DomainName: `${region}.amazonaws.com`,
        });
      }
      const associations = [...templates].flatMap(([name, t]) =>
        Object.values(t.findResources('AWS::Route53Resolver::ResolverRuleAssociation')).map((a) => [
          name,
          a.Properties.ResolverRuleId,
        ]),
      );
      expect([topology, associations.sort()]).toEqual([
        topology,
        [
          ['dev-network-us-east-1', 'rslvr-rr-PLACEHOLDER'],
          ['dev-network-us-west-2', 'rslvr-rr-PLACEHOLDER-us-west-2'],
          ['prod-network-us-east-1', 'rslvr-rr-PLACEHOLDER'],
          ['prod-network-us-west-2', 'rslvr-rr-PLACEHOLDER-us-west-2'],
        ],
      ]);
    }
  });
});

describe('scale', () => {
  test("keeps the spokes' wiring well under 500 resources a stack: one route domain per environment, peerings in shares", () => {
    // 160 spokes: with a transit gateway, one stack whose size does not grow with them; with peering, a full
    // hub-spokes stack (75 peerings) and part-filled ones.
    const many = definition((d) => {
      const accounts = (env: string) =>
        Array.from({ length: 80 }, (_, i) => ({
          name: `${env}-${i}`,
          email: `aws-${env}-${i}@example.com`,
          role: 'workload',
          environment: env,
        }));
      d.regions = ['us-east-1'];
      delete d.backup.copyRegion;
      delete d.network.availabilityZones['us-west-2'];
      d.organization.ous[2] = {
        name: 'Workloads',
        ous: [
          { name: 'Prod', accounts: accounts('prod') },
          { name: 'Dev', accounts: accounts('dev') },
        ],
      };
    });
    for (const topology of ['transit-gateway', 'peering'] as const) {
      const app = new App();
      const built = buildLandingZone(app, {
        definition: { ...many, network: { ...many.network, topology } },
        placeholders: true,
      });
      const hubStacks = built.accounts.find((a) => a.account.name === 'shared-services')!.stacks;
      const hubs = Object.entries(hubStacks)
        .filter(([k]) => k.startsWith('hub'))
        .map(([, s]) => s);
      const templates = templatesOf(app, hubs);
      const sizes = [...templates.values()].map((t) => Object.keys(t.toJSON().Resources).length);
      expect(sizes.length).toBe(topology === 'transit-gateway' ? 2 : 4);
      for (const size of sizes) expect([topology, size < 450]).toEqual([topology, true]);
      if (topology === 'transit-gateway') {
        const spokes = templates.get('shared-services-hub-spokes-us-east-1-1')!;
        const domains = Object.values(spokes.findResources('Custom::LandfallRouteDomain'));
        expect(domains.map((d) => d.Properties.Attachments.length)).toEqual([80, 80]);
        // The function, its role, policy and log group, and a resource per environment.
        expect(sizes[1]).toBeLessThan(10);
      }
    }
  });
});

describe('deployment IDs', () => {
  test('fails, naming every account without an ID, when accounts.lock.json lacks them and placeholders are off', () => {
    expect(() => build({ placeholders: false })).toThrow(
      /no ID for 'management', 'log-archive', .*'dev' — run `landfall apply`.*--placeholders/,
    );
  });

  test("fails when the organization's ID is missing, rather than share the hub with a stand-in", () => {
    expect(() => build({ ids: { ...APPLIED, organizationId: undefined }, placeholders: false })).toThrow(
      'accounts.lock.json: no organizationId — run `landfall apply` first',
    );
  });

  test("deploys each account's stacks to that account, and leaves cross-account wiring for the phase that knows its IDs", () => {
    const { stacks, templates, pending } = build({ ids: APPLIED, placeholders: false });
    expect(stacks.find((s) => s.stackName === 'dev-encryption-us-west-2')!.account).toBe('777777777777');
    // Phase 1: no pools, gateway or attachments recorded yet: no workload VPC, no attachment in the hub.
    expect([...templates.keys()].filter((n) => n.includes('-network-'))).toEqual([]);
    expect(pending).toEqual(expect.arrayContaining([expect.stringContaining('network.ipamPools["dev/us-east-1"]')]));
    templates.get('shared-services-hub-us-east-1')!.resourceCountIs('AWS::EC2::TransitGatewayRouteTableAssociation', 1);
  });

  test("wires the spokes once the hub's and spokes' outputs are recorded", () => {
    const ids = { ...APPLIED, logging: { archiveKeyArn: ARCHIVE_KEY }, network: withAttachments() };
    const { templates, pending } = build({ ids, placeholders: false });
    expect(pending).toEqual([]);
    // Each region's VPCs attach to, resolve through and are placed by the hub of their own region.
    const wiring = [
      ['us-east-1', 'tgw-0123456789abcdef0', 'rslvr-rr-0123456789abcdef0', 'tgw-attach-00000000000000002'],
      ['us-west-2', 'tgw-0123456789abcdef1', 'rslvr-rr-0123456789abcdef1', 'tgw-attach-00000000000000004'],
    ];
    for (const [region, tgw, rule, devAttachment] of wiring) {
      const dev = templates.get(`dev-network-${region}`)!;
      dev.hasResourceProperties('AWS::EC2::TransitGatewayVpcAttachment', { TransitGatewayId: tgw });
      dev.hasResourceProperties('AWS::Route53Resolver::ResolverRuleAssociation', { ResolverRuleId: rule });
      templates.get(`shared-services-hub-spokes-${region}-1`)!.hasResourceProperties('Custom::LandfallRouteDomain', {
        Attachments: Match.arrayWith([Match.objectLike({ Id: devAttachment })]),
      });
    }
    // The client VPN ends in the home region: only the home region's VPCs route its clients to the hub.
    const routed = (name: string) =>
      Object.values(templates.get(name)!.findResources('AWS::EC2::Route'))
        .filter((r: any) => r.Properties.TransitGatewayId)
        .map((r: any) => r.Properties.DestinationCidrBlock);
    expect(new Set(routed('dev-network-us-east-1'))).toEqual(new Set(['10.0.0.0/20', '172.16.0.0/22']));
    expect(new Set(routed('dev-network-us-west-2'))).toEqual(new Set(['10.0.0.0/20']));
  });

  test('the hubs of different regions are not joined: no transit gateway peering, no VPC peering between them', () => {
    const { templates } = build({ ids: { ...APPLIED, network: withAttachments() }, placeholders: false });
    const all = [...templates.values()];
    for (const type of ['AWS::EC2::TransitGatewayPeeringAttachment', 'AWS::EC2::VPCPeeringConnection']) {
      expect([type, all.flatMap((t) => resources(t, type))]).toEqual([type, []]);
    }
  });
});

describe('renamed accounts', () => {
  test("an account renamed after `landfall apply` keeps its stacks (CloudFormation cannot rename one) and its spoke's wiring", () => {
    const ids = { ...APPLIED, logging: { archiveKeyArn: ARCHIVE_KEY }, network: withAttachments() };
    const before = build({ ids, placeholders: false });
    // What apply records for dev renamed to development (packages/organization, renamedInLock).
    const { dev, ...others } = ids.accounts;
    const renamedIds = {
      ...ids,
      accounts: { ...others, development: dev },
      stackPrefixes: { development: 'dev' },
      network: withAttachments('development'),
    };
    const after = build({
      ids: renamedIds,
      placeholders: false,
      definition: definition((d) => (d.organization.ous[2].ous[1].accounts[0].name = 'development')),
    });
    expect(after.pending).toEqual([]);
    expect([...after.templates.keys()].sort()).toEqual([...before.templates.keys()].sort());
    // CloudFormation replaces a resource whose logical ID changes: a rename changes none, in any stack.
    for (const [name, template] of before.templates) {
      const logicalIds = (t: typeof template) => Object.keys(t.toJSON().Resources ?? {}).sort();
      expect({ stack: name, resources: logicalIds(after.templates.get(name)!) }).toEqual({
        stack: name,
        resources: logicalIds(template),
      });
    }
    expect(after.stacks.find((s) => s.stackName === 'dev-network-us-east-1')!.account).toBe(dev);
    after.templates
      .get('shared-services-hub-spokes-us-east-1-1')!
      .hasResourceProperties('Custom::LandfallRouteDomain', {
        Attachments: Match.arrayWith([Match.objectLike({ Id: 'tgw-attach-00000000000000002' })]),
      });
  });

  test("peering: a renamed account keeps its peering's resources, and the peering's ID is recorded under its new name", () => {
    const { dev, ...others } = APPLIED.accounts;
    const vpcs = {
      prod: { vpcId: 'vpc-0000000000000000a', cidr: '10.16.0.0/24' },
      dev: { vpcId: 'vpc-0000000000000000b', cidr: '10.32.0.0/24' },
    };
    const west = {
      prod: { vpcId: 'vpc-0000000000000000c', cidr: '10.20.0.0/24' },
      dev: { vpcId: 'vpc-0000000000000000d', cidr: '10.36.0.0/24' },
    };
    const network = (devName: string) => ({
      ...NETWORK_IDS,
      vpcs: { prod: vpcs.prod, [devName]: vpcs.dev },
      regions: {
        'us-west-2': { ...NETWORK_IDS.regions!['us-west-2'], vpcs: { prod: west.prod, [devName]: west.dev } },
      },
    });
    const peered = (d: any) => (d.network.topology = 'peering');
    const ids = { ...APPLIED, logging: { archiveKeyArn: ARCHIVE_KEY }, network: network('dev') };
    const before = build({ ids, placeholders: false, definition: definition(peered) });
    const after = build({
      ids: {
        ...ids,
        accounts: { ...others, development: dev },
        stackPrefixes: { development: 'dev' },
        network: network('development'),
      },
      placeholders: false,
      definition: definition((d) => {
        peered(d);
        d.organization.ous[2].ous[1].accounts[0].name = 'development';
      }),
    });
    // Only the peerings' own IDs wait (for the spokes' routes): every VPC is known in both regions.
    expect(after.pending.every((p) => p.includes('.peeringConnections.'))).toBe(true);
    const logicalIds = (t: Template) => Object.keys(t.toJSON().Resources).sort();
    const recordedIn = (spokes: string) =>
      after.stacks
        .find((s) => s.stackName === spokes)!
        .node.metadata.filter((m) => m.type === RECORD_OUTPUT_METADATA)
        .map((m) => (m.data as { path: string[] }).path.join('.'))
        .sort();
    for (const spokes of ['shared-services-hub-spokes-us-east-1-1', 'shared-services-hub-spokes-us-west-2-1']) {
      expect(logicalIds(after.templates.get(spokes)!)).toEqual(logicalIds(before.templates.get(spokes)!));
    }
    expect(recordedIn('shared-services-hub-spokes-us-east-1-1')).toEqual([
      'network.peeringConnections.development',
      'network.peeringConnections.prod',
    ]);
    expect(recordedIn('shared-services-hub-spokes-us-west-2-1')).toEqual([
      'network.regions.us-west-2.peeringConnections.development',
      'network.regions.us-west-2.peeringConnections.prod',
    ]);
    // Each region's hub peers with the region's VPC of the account, accepted by the role of that region.
    after.templates
      .get('shared-services-hub-spokes-us-west-2-1')!
      .hasResourceProperties('AWS::EC2::VPCPeeringConnection', {
        PeerVpcId: 'vpc-0000000000000000d',
        PeerRoleArn: 'arn:aws:iam::777777777777:role/landfall-hub-peering-us-west-2',
      });
  });

  test('a new account named as a renamed account was fails, naming both and the fix, instead of two stacks of one name', () => {
    const { dev, ...others } = APPLIED.accounts;
    const ids = {
      ...APPLIED,
      accounts: { ...others, development: dev, dev: '888888888888' },
      stackPrefixes: { development: 'dev' },
    };
    const both = definition((d) => {
      const devOu = d.organization.ous[2].ous[1];
      const { ingress: _ingress, ...again } = devOu.accounts[0];
      devOu.accounts[0].name = 'development';
      devOu.accounts.push({ ...again, email: 'aws-dev-2@example.com' });
    });
    expect(() => build({ ids, placeholders: false, definition: both })).toThrow(
      'accounts.lock.json, stackPrefixes: accounts development and dev would both name their stacks dev-* — development was dev when its stacks were deployed — give dev another name in the definition',
    );
  });
});

describe('checks before synthesis', () => {
  test('fails, naming the field, when an interface endpoint service does not exist', () => {
    expect(() =>
      build({
        definition: definition((d) => {
          d.network.interfaceEndpoints = ['ssm', 'kms', 'secretmanager'];
        }),
      }),
    ).toThrow(
      expect.objectContaining({
        errors: [
          expect.objectContaining({ path: 'network.interfaceEndpoints[2]', fix: "did you mean 'secretsmanager'?" }),
        ],
      }),
    );
  });

  test('suggests the short name when given a full endpoint service name', () => {
    expect(() =>
      build({
        definition: definition((d) => {
          d.network.interfaceEndpoints = ['com.amazonaws.us-east-1.ssm'] as string[];
        }),
      }),
    ).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ fix: 'write the short name: ssm' })] }));
  });

  test('fails when the keys the baselines encrypt with are not configured', () => {
    expect(() =>
      build({
        definition: definition((d) => {
          d.encryption = { keyPurposes: ['backup'] };
        }),
      }),
    ).toThrow(
      expect.objectContaining({
        errors: [
          expect.objectContaining({ path: 'encryption.keyPurposes', message: 'has no data key' }),
          expect.objectContaining({ message: 'has no logs key' }),
        ],
      }),
    );
  });
});

describe('customization hooks', () => {
  test("calls each account's hook with its definition, environment and stacks", () => {
    const seen: string[] = [];
    build({
      customizations: {
        prod: (account) => {
          seen.push(
            account.account.name,
            account.ouPath,
            Object.keys(account.stacks).sort().join(','),
            String(account.env('us-west-2').region),
          );
        },
      },
    });
    expect(seen).toEqual([
      'prod',
      'Root/Workloads/Prod',
      'backup/us-east-1,backup/us-west-2,break-glass/us-east-1,encryption/us-east-1,encryption/us-west-2,ingress/us-east-1,logging/us-east-1,logging/us-west-2,network/us-east-1,network/us-west-2,sessions/us-east-1,sessions/us-west-2',
      'us-west-2',
    ]);
  });

  test("a stack added by a hook is part of the app, beside the account's Landfall stacks, in the region it asks for", () => {
    let added: Stack | undefined;
    build({
      customizations: {
        dev: (account) => {
          added = new Stack(account.app, 'dev-app', { env: account.env('us-west-2') });
          new CfnWaitConditionHandle(added, 'Marker');
        },
      },
    });
    const inApp = added!.node.root.node
      .findAll()
      .filter((c): c is Stack => Stack.isStack(c))
      .map((s) => s.stackName);
    expect(inApp).toEqual(expect.arrayContaining(['dev-app', 'dev-network-us-east-1', 'dev-encryption-us-west-2']));
    expect(added!.region).toBe('us-west-2');
    Template.fromStack(added!).resourceCountIs('AWS::CloudFormation::WaitConditionHandle', 1);
  });
});
