import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import {
  AddressPlan,
  HubVpc,
  HubVpcProps,
  PeeringHub,
  PeeringSpoke,
  ServiceDnsForwarding,
  TransitGatewayHub,
  TransitGatewayHubProps,
  TransitGatewaySpoke,
  WorkloadVpc,
} from '../src';

const ENV = { account: '111111111111', region: 'us-east-1' };
const AZS = ['us-east-1a', 'us-east-1b'];
const ENVIRONMENTS = [
  { name: 'prod', production: true, cidrs: ['10.16.0.0/12'] },
  { name: 'dev', cidrs: ['10.32.0.0/12'] },
  { name: 'staging', cidrs: ['10.48.0.0/12'] },
];
const SPOKES = [
  { name: 'prod', environment: 'prod', attachmentId: 'tgw-attach-0000000000000prod' },
  { name: 'dev', environment: 'dev', attachmentId: 'tgw-attach-00000000000000dev' },
  { name: 'staging', environment: 'staging', attachmentId: 'tgw-attach-0000000000staging' },
];

const ORGANIZATION = 'arn:aws:organizations::111111111111:organization/o-exampleorg1';

function hubStack(props: Partial<HubVpcProps> = {}): { stack: Stack; hub: HubVpc } {
  const stack = new Stack(new App(), 'Hub', { env: ENV });
  const hub = new HubVpc(stack, 'Hub', {
    cidr: '10.0.0.0/20',
    availabilityZones: AZS,
    logKey: new kms.Key(stack, 'Logs', { enableKeyRotation: true }),
    clientCidrs: ['10.16.0.0/12', '172.16.0.0/22'],
    interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM, ec2.InterfaceVpcEndpointAwsService.KMS],
    serviceDnsShareWith: [ORGANIZATION],
    ...props,
  });
  return { stack, hub };
}

function resolverEndpoint(
  template: Template,
  direction: string,
): [
  string,
  {
    DependsOn?: string[];
    Properties: { IpAddresses: Array<{ Ip?: string }>; SecurityGroupIds: Array<{ 'Fn::GetAtt': string[] }> };
  },
] {
  return Object.entries(
    template.findResources('AWS::Route53Resolver::ResolverEndpoint', { Properties: { Direction: direction } }),
  )[0] as never;
}

function transitGateway(props: Partial<TransitGatewayHubProps> = {}): { template: Template; tgw: TransitGatewayHub } {
  const { stack, hub } = hubStack();
  const tgw = new TransitGatewayHub(stack, 'Tgw', {
    hubVpc: hub.vpc,
    hubSubnets: { subnetGroupName: 'endpoints' },
    environments: ENVIRONMENTS,
    spokes: SPOKES,
    shareWith: [ORGANIZATION],
    ...props,
  });
  return { template: Template.fromStack(stack), tgw };
}

/** Route table logical ID → its `Name` tag. */
function tableNames(template: Template): Map<string, string> {
  return new Map(
    Object.entries(template.findResources('AWS::EC2::TransitGatewayRouteTable')).map(([id, r]) => [
      id,
      r.Properties.Tags[0].Value,
    ]),
  );
}

/**
 * Which route table (by name) each attachment propagates into / is associated with: the hub's own attachment by
 * native resources, the spokes' by the route domains their function places them in.
 */
function edges(template: Template, type: string): Array<[string, string]> {
  const names = tableNames(template);
  const table = (ref: { Ref: string }) => names.get(ref.Ref)!;
  const spoke = (attachment: string) => SPOKES.find((s) => s.attachmentId === attachment)!.name;
  const hub = Object.values(template.findResources(type)).map((r): [string, string] => {
    expect(typeof r.Properties.TransitGatewayAttachmentId).not.toBe('string');
    return ['hub', table(r.Properties.TransitGatewayRouteTableId)];
  });
  const domains = Object.values(template.findResources('Custom::LandfallRouteDomain')).flatMap((r) =>
    (r.Properties.Attachments as Array<{ Id: string }>).flatMap(({ Id: a }): Array<[string, string]> =>
      type === 'AWS::EC2::TransitGatewayRouteTableAssociation'
        ? [[spoke(a), table(r.Properties.RouteTableId)]]
        : r.Properties.PropagateInto.map((t: { Ref: string }) => [spoke(a), table(t)]),
    ),
  );
  return [...hub, ...domains];
}

describe('HubVpc', () => {
  test('has isolated subnets only, flow logs of all traffic and DNS query logs, both retained', () => {
    const template = Template.fromStack(hubStack().stack);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', ResourceType: 'VPC' });
    template.resourceCountIs('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', 1);
    const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(2);
    for (const group of groups) {
      expect(group.DeletionPolicy).toBe('Retain');
      expect(group.Properties.KmsKeyId).toBeDefined();
    }
  });

  test('answers DNS from the hub, the workloads and VPN clients through an inbound resolver, and nothing else', () => {
    const template = Template.fromStack(hubStack().stack);
    template.hasResourceProperties('AWS::Route53Resolver::ResolverEndpoint', { Direction: 'INBOUND' });
    const sg = Object.values(template.findResources('AWS::EC2::SecurityGroup')).find((g) =>
      g.Properties.GroupDescription.startsWith('DNS'),
    )!;
    expect(sg.Properties.SecurityGroupIngress.map((r: { CidrIp: string }) => r.CidrIp).sort()).toEqual([
      '10.0.0.0/20',
      '10.0.0.0/20',
      '10.16.0.0/12',
      '10.16.0.0/12',
      '172.16.0.0/22',
      '172.16.0.0/22',
    ]);
  });

  test('serves interface endpoints with private DNS, reachable on 443 from its clients only', () => {
    const template = Template.fromStack(hubStack().stack);
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 4);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', PrivateDnsEnabled: true });
    const sg = Object.values(template.findResources('AWS::EC2::SecurityGroup')).find((g) =>
      g.Properties.GroupDescription.startsWith('HTTPS'),
    )!;
    expect(
      sg.Properties.SecurityGroupIngress.every(
        (r: { FromPort: number; ToPort: number }) => r.FromPort === 443 && r.ToPort === 443,
      ),
    ).toBe(true);
  });

  test("gives the inbound resolver fixed addresses, the last usable one of each endpoints subnet, taken before any endpoint's", () => {
    const { stack, hub } = hubStack();
    const template = Template.fromStack(stack);
    expect(hub.inboundResolverIps).toEqual(['10.0.1.254', '10.0.3.254']);
    const [id, inbound] = resolverEndpoint(template, 'INBOUND');
    expect(inbound.Properties.IpAddresses.map((a) => a.Ip)).toEqual(['10.0.1.254', '10.0.3.254']);
    const endpoints = Object.values(
      template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } }),
    );
    expect(endpoints).toHaveLength(2);
    for (const endpoint of endpoints) expect(endpoint.DependsOn).toContain(id);
  });

  test("forwards the region's AWS service names through an outbound resolver to the inbound resolver, shared inside the organization", () => {
    const template = Template.fromStack(hubStack().stack);
    const [outboundId] = resolverEndpoint(template, 'OUTBOUND');
    const rules = Object.entries(template.findResources('AWS::Route53Resolver::ResolverRule'));
    expect(rules).toHaveLength(1);
    const [ruleId, rule] = rules[0];
    expect(rule.Properties).toMatchObject({
      RuleType: 'FORWARD',
      DomainName: 'us-east-1.amazonaws.com',
      ResolverEndpointId: { 'Fn::GetAtt': [outboundId, 'ResolverEndpointId'] },
      TargetIps: [
        { Ip: '10.0.1.254', Port: '53' },
        { Ip: '10.0.3.254', Port: '53' },
      ],
    });
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      AllowExternalPrincipals: false,
      Principals: [ORGANIZATION],
      ResourceArns: [{ 'Fn::GetAtt': [ruleId, 'Arn'] }],
    });
  });

  test('never associates the forwarding rule with the hub itself, where it would forward in a loop', () => {
    Template.fromStack(hubStack().stack).resourceCountIs('AWS::Route53Resolver::ResolverRuleAssociation', 0);
  });

  test("lets the outbound resolver send DNS to the inbound resolver's addresses only, and receive nothing", () => {
    const template = Template.fromStack(hubStack().stack);
    const [, outbound] = resolverEndpoint(template, 'OUTBOUND');
    const sg =
      template.findResources('AWS::EC2::SecurityGroup')[outbound.Properties.SecurityGroupIds[0]['Fn::GetAtt'][0]];
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    expect(
      sg.Properties.SecurityGroupEgress.map(
        (r: { CidrIp: string; IpProtocol: string; FromPort: number }) => `${r.IpProtocol} ${r.CidrIp}:${r.FromPort}`,
      ).sort(),
    ).toEqual(['tcp 10.0.1.254/32:53', 'tcp 10.0.3.254/32:53', 'udp 10.0.1.254/32:53', 'udp 10.0.3.254/32:53']);
  });

  test('keeps the forwarding rule to its own account unless told whom to share it with, and makes none without interface endpoints', () => {
    const unshared = Template.fromStack(hubStack({ serviceDnsShareWith: undefined }).stack);
    unshared.resourceCountIs('AWS::Route53Resolver::ResolverRule', 1);
    unshared.resourceCountIs('AWS::RAM::ResourceShare', 0);
    const { stack, hub } = hubStack({ interfaceEndpoints: [] });
    Template.fromStack(stack).resourceCountIs('AWS::Route53Resolver::ResolverRule', 0);
    expect(hub.serviceDnsRuleId).toBeUndefined();
  });

  test('fails when the inbound resolver would stand in one availability zone', () => {
    expect(() => hubStack({ availabilityZones: ['us-east-1a'] })).toThrow(
      'the inbound resolver needs two or more availability zones and availabilityZones gives 1',
    );
    expect(() => hubStack({ availabilityZones: ['us-east-1a'], inboundResolver: false })).not.toThrow();
  });

  test('fails when the forwarding is given fewer than two resolver addresses', () => {
    const { stack, hub } = hubStack();
    expect(
      () =>
        new ServiceDnsForwarding(stack, 'Dns', {
          vpc: hub.vpc,
          subnets: { subnetGroupName: 'endpoints' },
          inboundResolverIps: ['10.0.1.254'],
        }),
    ).toThrow('inboundResolverIps has 1 address(es)');
  });

  test("fails when the outbound resolver's subnets stand in one availability zone", () => {
    const { stack, hub } = hubStack();
    expect(
      () =>
        new ServiceDnsForwarding(stack, 'Dns', {
          vpc: hub.vpc,
          subnets: { subnets: [hub.vpc.isolatedSubnets[0]] },
          inboundResolverIps: hub.inboundResolverIps,
        }),
    ).toThrow('subnets selects 1 subnet(s); the outbound resolver needs subnets in two or more AZs');
  });

  test('fails when the CIDR is not /16 to /24', () => {
    const stack = new Stack();
    expect(() => new HubVpc(stack, 'Hub', { cidr: '10.0.0.0/8', logKey: new kms.Key(stack, 'K') })).toThrow(
      /not a \/16 to \/24 block/,
    );
  });
});

describe('TransitGatewayHub', () => {
  test('leaves default association and propagation off, so a new attachment reaches nothing until placed', () => {
    transitGateway().template.hasResourceProperties('AWS::EC2::TransitGateway', {
      DefaultRouteTableAssociation: 'disable',
      DefaultRouteTablePropagation: 'disable',
      AutoAcceptSharedAttachments: 'enable',
    });
  });

  test('has one route table per environment plus shared', () => {
    expect([...tableNames(transitGateway().template).values()].sort()).toEqual(['dev', 'prod', 'shared', 'staging']);
  });

  test("associates each spoke with its own environment's table and the hub with shared", () => {
    expect(edges(transitGateway().template, 'AWS::EC2::TransitGatewayRouteTableAssociation').sort()).toEqual([
      ['dev', 'dev'],
      ['hub', 'shared'],
      ['prod', 'prod'],
      ['staging', 'staging'],
    ]);
  });

  test('propagates every spoke only into shared, and the hub into every environment: no path between environments', () => {
    const propagations = edges(transitGateway().template, 'AWS::EC2::TransitGatewayRouteTablePropagation');
    expect(propagations.sort()).toEqual([
      ['dev', 'shared'],
      ['hub', 'dev'],
      ['hub', 'prod'],
      ['hub', 'staging'],
      ['prod', 'shared'],
      ['staging', 'shared'],
    ]);
    // An environment's table learns routes only from the hub: dev never reaches prod, nor prod dev.
    for (const [from, into] of propagations) if (into !== 'shared') expect(from).toBe('hub');
  });

  test('propagates linked non-production environments into each other, and still never into prod', () => {
    const propagations = edges(
      transitGateway({ links: [{ from: 'dev', to: 'staging' }] }).template,
      'AWS::EC2::TransitGatewayRouteTablePropagation',
    );
    expect(propagations).toContainEqual(['dev', 'staging']);
    expect(propagations).toContainEqual(['staging', 'dev']);
    expect(propagations.filter(([from, into]) => into === 'prod' || from === 'prod')).toEqual([
      ['hub', 'prod'],
      ['prod', 'shared'],
    ]);
  });

  test('fails when a link joins production with non-production', () => {
    expect(() => transitGateway({ links: [{ from: 'prod', to: 'dev' }] })).toThrow(
      "joins production 'prod' with non-production 'dev'",
    );
  });

  test('fails when a spoke names an unknown environment', () => {
    expect(() => transitGateway({ spokes: [{ name: 'qa', environment: 'qa', attachmentId: 'tgw-attach-1' }] })).toThrow(
      "spokes[0] ('qa') is in unknown environment 'qa'",
    );
  });

  test("routes the hub's subnets to every environment through the gateway and shares it inside the organization only", () => {
    const { template } = transitGateway();
    template.resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationCidrBlock: '10.32.0.0/12', TransitGatewayId: Match.anyValue() },
      4,
    );
    template.hasResourceProperties('AWS::RAM::ResourceShare', {
      AllowExternalPrincipals: false,
      Principals: ['arn:aws:organizations::111111111111:organization/o-exampleorg1'],
    });
  });
});

describe('TransitGatewaySpoke', () => {
  function spoke(internetFacing: boolean): Template {
    const stack = new Stack(new App(), 'Dev', { env: ENV });
    const vpc = new WorkloadVpc(stack, 'Vpc', {
      cidr: '10.32.0.0/20',
      availabilityZones: AZS,
      internetFacing,
      logKey: new kms.Key(stack, 'K', { enableKeyRotation: true }),
    });
    new TransitGatewaySpoke(stack, 'Spoke', {
      vpc: vpc.vpc,
      transitGatewayId: 'tgw-0123456789abcdef0',
      destinations: ['10.0.0.0/20', '172.16.0.0/22'],
    });
    return Template.fromStack(stack);
  }

  test("attaches through the servers subnets and routes only the hub's blocks, from private and isolated subnets only", () => {
    const template = spoke(true);
    template.hasResourceProperties('AWS::EC2::TransitGatewayVpcAttachment', {
      SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('serversSubnet1') }]),
    });
    const routes = Object.values(
      template.findResources('AWS::EC2::Route', { Properties: { TransitGatewayId: Match.anyValue() } }),
    );
    expect(routes).toHaveLength(8); // 4 non-public subnets × 2 destinations
    expect(new Set(routes.map((r) => r.Properties.DestinationCidrBlock))).toEqual(
      new Set(['10.0.0.0/20', '172.16.0.0/22']),
    );
    expect(routes.some((r) => JSON.stringify(r.Properties.RouteTableId).includes('ingress'))).toBe(false);
  });

  test('fails when asked to route everything to the hub', () => {
    const stack = new Stack();
    const vpc = new WorkloadVpc(stack, 'Vpc', { cidr: '10.32.0.0/20', logKey: new kms.Key(stack, 'K') });
    expect(
      () =>
        new TransitGatewaySpoke(stack, 'Spoke', {
          vpc: vpc.vpc,
          transitGatewayId: 'tgw-1',
          destinations: ['0.0.0.0/0'],
        }),
    ).toThrow('0.0.0.0/0');
  });
});

describe('peering topology', () => {
  test('peers the hub with each workload VPC and never one workload VPC with another', () => {
    const { stack, hub } = hubStack();
    new PeeringHub(stack, 'Peering', {
      hubVpc: hub.vpc,
      spokes: [
        {
          name: 'prod',
          environment: 'prod',
          vpcId: 'vpc-0000000000000prod',
          cidr: '10.16.0.0/20',
          account: '222222222222',
          acceptRoleArn: 'arn:aws:iam::222222222222:role/landfall-hub-peering-us-east-1',
        },
        {
          name: 'dev',
          environment: 'dev',
          vpcId: 'vpc-00000000000000dev',
          cidr: '10.32.0.0/20',
          account: '333333333333',
          acceptRoleArn: 'arn:aws:iam::333333333333:role/landfall-hub-peering-us-east-1',
        },
      ],
    });
    const template = Template.fromStack(stack);
    const peerings = Object.values(template.findResources('AWS::EC2::VPCPeeringConnection'));
    expect(peerings.map((p) => p.Properties.PeerVpcId).sort()).toEqual([
      'vpc-00000000000000dev',
      'vpc-0000000000000prod',
    ]);
    const hubVpcId = { Ref: Object.keys(template.findResources('AWS::EC2::VPC'))[0] };
    for (const p of peerings) expect(p.Properties.VpcId).toEqual(hubVpcId);
    template.resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationCidrBlock: '10.32.0.0/20', VpcPeeringConnectionId: Match.anyValue() },
      4,
    );
  });

  test('lets only the hub account accept peerings into the spoke VPC, and routes to the hub once peered', () => {
    const stack = new Stack(new App(), 'Dev', { env: ENV });
    const vpc = new WorkloadVpc(stack, 'Vpc', {
      cidr: '10.32.0.0/20',
      availabilityZones: AZS,
      logKey: new kms.Key(stack, 'K', { enableKeyRotation: true }),
    });
    new PeeringSpoke(stack, 'Spoke', {
      vpc: vpc.vpc,
      hubAccount: '444444444444',
      destinations: ['10.0.0.0/20'],
      peeringConnectionId: 'pcx-0123456789abcdef0',
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'landfall-hub-peering-us-east-1',
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: {
              AWS: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith([':iam::444444444444:root'])]) }),
            },
          }),
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: 'ec2:AcceptVpcPeeringConnection', Condition: { ArnEquals: Match.anyValue() } }),
        ],
      },
    });
    template.resourcePropertiesCountIs(
      'AWS::EC2::Route',
      { DestinationCidrBlock: '10.0.0.0/20', VpcPeeringConnectionId: 'pcx-0123456789abcdef0' },
      4,
    );
  });
});

describe('AddressPlan', () => {
  function plan(vpcNetmask = 20): Template {
    const stack = new Stack(new App(), 'Ipam', { env: ENV });
    new AddressPlan(stack, 'Plan', {
      regions: ['us-east-1', 'us-west-2'],
      environments: [
        {
          name: 'prod',
          cidr: '10.16.0.0/12',
          vpcNetmask,
          shareWith: ['arn:aws:organizations::111111111111:ou/o-exampleorg1/ou-prod-11111111'],
        },
        {
          name: 'dev',
          cidr: '10.32.0.0/12',
          vpcNetmask,
          shareWith: ['arn:aws:organizations::111111111111:ou/o-exampleorg1/ou-dev-22222222'],
        },
      ],
    });
    return Template.fromStack(stack);
  }

  test("splits each environment's block evenly between regions, allocating only VPC-sized blocks", () => {
    const template = plan();
    template.hasResourceProperties('AWS::EC2::IPAMPool', {
      Locale: 'us-east-1',
      ProvisionedCidrs: [{ Cidr: '10.16.0.0/13' }],
      AllocationDefaultNetmaskLength: 20,
      AllocationMaxNetmaskLength: 20,
    });
    template.hasResourceProperties('AWS::EC2::IPAMPool', {
      Locale: 'us-west-2',
      ProvisionedCidrs: [{ Cidr: '10.24.0.0/13' }],
    });
    template.resourceCountIs('AWS::EC2::IPAMPool', 6);
  });

  test("shares each environment's pools with that environment's OUs only", () => {
    const shares = Object.values(plan().findResources('AWS::RAM::ResourceShare'));
    expect(shares.map((s) => [s.Properties.Name, s.Properties.Principals[0].split('/')[2]]).sort()).toEqual([
      ['landfall-ipam-dev', 'ou-dev-22222222'],
      ['landfall-ipam-prod', 'ou-prod-11111111'],
    ]);
    for (const s of shares) expect(s.Properties.AllowExternalPrincipals).toBe(false);
  });

  test('fails when a regional share of the block is smaller than one VPC', () => {
    expect(() => plan(12)).toThrow(/too small for \/12 VPCs/);
  });
});
