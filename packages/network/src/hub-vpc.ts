import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { LandfallVpcProps } from './landfall-vpc-props';
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
}

/**
 * The shared-services hub VPC: isolated subnets only (no internet gateway, no
 * NAT), one set for interface endpoints and one for shared services (the VPN
 * and the bastion). Flow logs and DNS query logs like every Landfall VPC, the
 * default security group closed, and a Route 53 Resolver inbound endpoint.
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

  constructor(scope: Construct, id: string, props: HubVpcProps) {
    super(scope, id);
    const prefix = Number(props.cidr.split('/')[1]);
    if (!(prefix >= 16 && prefix <= 24)) throw new Error(`HubVpc: cidr '${props.cidr}' is not a /16 to /24 block; give one such as 10.0.0.0/20`);
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
    const recorded = recordVpcActivity(this, this.vpc, props.logKey, props.logRetention ?? logs.RetentionDays.ONE_YEAR);
    this.flowLogGroup = recorded.flowLogGroup;
    this.dnsQueryLogGroup = recorded.dnsQueryLogGroup;

    const clients = [props.cidr, ...(props.clientCidrs ?? [])];
    const endpointSubnets = { subnetGroupName: 'endpoints' };
    if ((props.interfaceEndpoints ?? []).length > 0) {
      const sg = this.clientSecurityGroup('EndpointClients', 'HTTPS from the hub, the workload VPCs and VPN clients to the interface endpoints', clients, [ec2.Port.tcp(443)]);
      for (const service of props.interfaceEndpoints!) {
        this.vpc.addInterfaceEndpoint(`Endpoint-${service.shortName}`, { service, subnets: endpointSubnets, securityGroups: [sg], open: false, privateDnsEnabled: true });
      }
    }
    if (props.inboundResolver ?? true) {
      const sg = this.clientSecurityGroup('ResolverClients', 'DNS from the hub, the workload VPCs and VPN clients to the inbound resolver', clients, [ec2.Port.tcp(53), ec2.Port.udp(53)]);
      const resolver = new route53resolver.CfnResolverEndpoint(this, 'InboundResolver', {
        direction: 'INBOUND',
        ipAddresses: this.vpc.selectSubnets(endpointSubnets).subnetIds.map((subnetId) => ({ subnetId })),
        securityGroupIds: [sg.securityGroupId],
      });
      this.inboundResolverId = resolver.attrResolverEndpointId;
    }
  }

  private clientSecurityGroup(id: string, description: string, cidrs: string[], ports: ec2.Port[]): ec2.SecurityGroup {
    const sg = new ec2.SecurityGroup(this, id, { vpc: this.vpc, description, allowAllOutbound: false });
    for (const cidr of cidrs) for (const port of ports) sg.addIngressRule(ec2.Peer.ipv4(cidr), port, `from ${cidr}`);
    return sg;
  }
}
