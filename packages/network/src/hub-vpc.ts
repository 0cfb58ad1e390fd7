import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { lastUsableAddress } from './ipv4';
import { LandfallVpcProps } from './landfall-vpc-props';
import { ServiceDnsForwarding } from './service-dns-forwarding';
import { BASELINE_VPC_PROPS, recordVpcActivity } from './vpc-baseline';

/** Props of `HubVpc`. */
export interface HubVpcProps extends LandfallVpcProps {
  /** The hub VPC's CIDR, /16 to /24. */
  readonly cidr: string;

  /**
   * AWS services reached through interface endpoints in the hub, by the
   * endpoint service's short name (`ssm`, `kms`, `logs`, ...).
   * @default - none
   */
  readonly interfaceEndpoints?: ec2.InterfaceVpcEndpointAwsService[];

  /**
   * CIDRs allowed to reach the interface endpoints (HTTPS) and the inbound
   * resolver (DNS): the workload VPCs and the VPN clients.
   * @default - the hub VPC only
   */
  readonly clientCidrs?: string[];

  /**
   * Whether to create a Route 53 Resolver inbound endpoint, so that clients
   * outside the VPC (VPN users, workload VPCs) resolve the hub's private names.
   * @default true
   */
  readonly inboundResolver?: boolean;

  /**
   * Principals (the organization's ARN, OU ARNs or account IDs) with which the
   * rule that forwards AWS service names to the hub is shared, so that their
   * VPCs reach the interface endpoints by name. The rule exists when the hub has
   * interface endpoints and the inbound resolver.
   * @default - not shared: the rule serves only this account's other VPCs
   */
  readonly serviceDnsShareWith?: string[];
}

/**
 * The shared-services hub VPC: isolated subnets only (no internet gateway, no
 * NAT), one set for interface endpoints and one for shared services (the VPN
 * and the bastion). Flow logs and DNS query logs like every Landfall VPC, the
 * default security group closed, and a Route 53 Resolver inbound endpoint. With
 * interface endpoints and the inbound resolver, a `ServiceDnsForwarding` rule
 * lets the spoke VPCs that associate it reach those endpoints by name.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(b) audit controls;
 * 164.312(e)(1) transmission security.
 */
export class HubVpc extends Construct {
  public readonly vpc: ec2.Vpc;
  public readonly flowLogGroup: logs.LogGroup;
  public readonly dnsQueryLogGroup: logs.LogGroup;
  /** The inbound resolver's ID, when there is one. */
  public readonly inboundResolverId?: string;
  /** The inbound resolver's addresses, one per endpoints subnet (the last usable address of each): DNS servers for VPN clients. */
  public readonly inboundResolverIps: string[] = [];
  /** The rule that forwards AWS service names to the hub, when there is one: associate it with the spoke VPCs. */
  public readonly serviceDnsRuleId?: string;

  constructor(scope: Construct, id: string, props: HubVpcProps) {
    super(scope, id);
    const prefix = Number(props.cidr.split('/')[1]);
    if (!(prefix >= 16 && prefix <= 24)) {
      throw new Error(`HubVpc: cidr '${props.cidr}' is not a /16 to /24 block; give one such as 10.0.0.0/20`);
    }
    const subnetMask = prefix + 3;
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ...BASELINE_VPC_PROPS,
      ipAddresses: ec2.IpAddresses.cidr(props.cidr),
      ...(props.availabilityZones ? { availabilityZones: props.availabilityZones } : { maxAzs: 2 }),
      subnetConfiguration: [
        { name: 'endpoints', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: subnetMask },
        { name: 'services', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: subnetMask },
      ],
    });
    const recorded = recordVpcActivity(
      this,
      this.vpc,
      props.logKey,
      props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      props.archiveBucketArn,
    );
    this.flowLogGroup = recorded.flowLogGroup;
    this.dnsQueryLogGroup = recorded.dnsQueryLogGroup;

    const clients = [props.cidr, ...(props.clientCidrs ?? [])];
    const endpointSubnets = { subnetGroupName: 'endpoints' };
    let resolver: route53resolver.CfnResolverEndpoint | undefined;
    if (props.inboundResolver ?? true) {
      const sg = this.clientSecurityGroup(
        'ResolverClients',
        'DNS from the hub, the workload VPCs and VPN clients to the inbound resolver',
        clients,
        [ec2.Port.tcp(53), ec2.Port.udp(53)],
      );
      // Fixed addresses: forwarding rules and VPN clients need them, and CloudFormation does not return them.
      const subnets = this.vpc.selectSubnets(endpointSubnets).subnets;
      if (subnets.length < 2) {
        throw new Error(
          `HubVpc: the inbound resolver needs two or more availability zones and availabilityZones gives ${subnets.length}; list at least two, or set inboundResolver: false`,
        );
      }
      this.inboundResolverIps = subnets.map((subnet) => lastUsableAddress(subnet.ipv4CidrBlock, 'HubVpc'));
      resolver = new route53resolver.CfnResolverEndpoint(this, 'InboundResolver', {
        direction: 'INBOUND',
        ipAddresses: subnets.map((subnet, i) => ({ subnetId: subnet.subnetId, ip: this.inboundResolverIps[i] })),
        securityGroupIds: [sg.securityGroupId],
      });
      this.inboundResolverId = resolver.attrResolverEndpointId;
    }
    const endpoints = props.interfaceEndpoints ?? [];
    if (endpoints.length > 0) {
      const sg = this.clientSecurityGroup(
        'EndpointClients',
        'HTTPS from the hub, the workload VPCs and VPN clients to the interface endpoints',
        clients,
        [ec2.Port.tcp(443)],
      );
      for (const service of endpoints) {
        const endpoint = this.vpc.addInterfaceEndpoint(`Endpoint-${service.shortName}`, {
          service,
          subnets: endpointSubnets,
          securityGroups: [sg],
          open: false,
          privateDnsEnabled: true,
        });
        // The resolver takes its fixed addresses before endpoint interfaces take addresses of their own.
        if (resolver) endpoint.node.addDependency(resolver);
      }
      if (resolver) {
        const forwarding = new ServiceDnsForwarding(this, 'ServiceDns', {
          vpc: this.vpc,
          subnets: endpointSubnets,
          inboundResolverIps: this.inboundResolverIps,
          shareWith: props.serviceDnsShareWith,
        });
        forwarding.node.addDependency(resolver);
        this.serviceDnsRuleId = forwarding.resolverRuleId;
      }
    }
  }

  private clientSecurityGroup(id: string, description: string, cidrs: string[], ports: ec2.Port[]): ec2.SecurityGroup {
    const sg = new ec2.SecurityGroup(this, id, { vpc: this.vpc, description, allowAllOutbound: false });
    for (const cidr of cidrs) for (const port of ports) sg.addIngressRule(ec2.Peer.ipv4(cidr), port, `from ${cidr}`);
    return sg;
  }
}
