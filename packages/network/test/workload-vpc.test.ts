import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { WorkloadVpc, WorkloadVpcProps } from '../src';

function synth(props: Partial<WorkloadVpcProps> = {}): Template {
  const stack = new Stack(new App(), 'Network');
  const key = new kms.Key(stack, 'LogsKey', { enableKeyRotation: true });
  new WorkloadVpc(stack, 'Vpc', { logKey: key, ...(props.ipamPoolId ? {} : { cidr: '10.16.0.0/20' }), ...props });
  return Template.fromStack(stack);
}

describe('WorkloadVpc', () => {
  test('has private server subnets and isolated data subnets in two AZs, and no public subnet by default', () => {
    const template = synth();
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
  });

  test('never maps public IPs on launch, even with internet-facing subnets', () => {
    const template = synth({ internetFacing: true });
    template.resourceCountIs('AWS::EC2::Subnet', 6);
    for (const subnet of Object.values(template.findResources('AWS::EC2::Subnet'))) {
      expect(subnet.Properties.MapPublicIpOnLaunch).toBe(false);
    }
  });

  test('excludes the ingress subnets, and only them, from VPC Block Public Access', () => {
    const template = synth({ internetFacing: true });
    const exclusions = Object.values(template.findResources('AWS::EC2::VPCBlockPublicAccessExclusion'));
    const ingress = Object.entries(template.findResources('AWS::EC2::Subnet'))
      .filter(([, s]) => JSON.stringify(s.Properties.Tags).includes('ingress'))
      .map(([id]) => id);
    expect(ingress).toHaveLength(2);
    expect(exclusions.map((e) => [e.Properties.SubnetId.Ref, e.Properties.InternetGatewayExclusionMode])).toEqual(
      ingress.map((id) => [id, 'allow-bidirectional']),
    );
    synth().resourceCountIs('AWS::EC2::VPCBlockPublicAccessExclusion', 0);
  });

  test('records all traffic in flow logs, to an encrypted log group retained on deletion', () => {
    const template = synth();
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      ResourceType: 'VPC',
    });
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { KmsKeyId: Match.anyValue(), RetentionInDays: 365 },
      DeletionPolicy: 'Retain',
    });
  });

  test('records every DNS query of the VPC in Route 53 Resolver query logs, to a second encrypted, retained log group', () => {
    const template = synth();
    const groups = template.findResources('AWS::Logs::LogGroup');
    const config = Object.values(template.findResources('AWS::Route53Resolver::ResolverQueryLoggingConfig'))[0];
    const destination = config.Properties.DestinationArn['Fn::GetAtt'][0];
    expect(groups[destination]).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { KmsKeyId: expect.anything() },
    });
    template.hasResourceProperties('AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation', {
      ResourceId: { Ref: Match.stringLikeRegexp('Vpc') },
    });
  });

  test('closes the default security group: its rules are removed at deployment, and nothing adds one', () => {
    const template = synth();
    const [vpcId] = Object.keys(template.findResources('AWS::EC2::VPC'));
    template.resourcePropertiesCountIs(
      'Custom::VpcRestrictDefaultSG',
      { DefaultSecurityGroupId: { 'Fn::GetAtt': [vpcId, 'DefaultSecurityGroup'] } },
      1,
    );
    expect(JSON.stringify(template.findResources('AWS::EC2::SecurityGroupIngress'))).not.toContain(
      'DefaultSecurityGroup',
    );
    expect(JSON.stringify(template.findResources('AWS::EC2::SecurityGroupEgress'))).not.toContain(
      'DefaultSecurityGroup',
    );
  });

  test('reaches S3 and DynamoDB through gateway endpoints', () => {
    const template = synth();
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['.s3'])]) }),
    });
  });

  test("associates the resolver rules it is given, such as the hub's forwarding of AWS service names, and none by default", () => {
    synth().resourceCountIs('AWS::Route53Resolver::ResolverRuleAssociation', 0);
    synth({ resolverRuleIds: ['rslvr-rr-0123456789abcdef0'] }).hasResourceProperties(
      'AWS::Route53Resolver::ResolverRuleAssociation',
      {
        ResolverRuleId: 'rslvr-rr-0123456789abcdef0',
        VPCId: { Ref: Match.stringLikeRegexp('Vpc') },
      },
    );
  });

  test('allocates its CIDR from an IPAM pool when given one', () => {
    synth({ ipamPoolId: 'ipam-pool-0123456789abcdef0', ipamNetmask: 20 }).hasResourceProperties('AWS::EC2::VPC', {
      Ipv4IpamPoolId: 'ipam-pool-0123456789abcdef0',
      Ipv4NetmaskLength: 20,
    });
  });

  test('fails when given both a CIDR and an IPAM pool', () => {
    expect(() => synth({ cidr: '10.16.0.0/20', ipamPoolId: 'ipam-pool-0123456789abcdef0' })).toThrow(
      'give exactly one of cidr',
    );
  });
});
