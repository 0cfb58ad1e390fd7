import { Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';
import { LandfallVpcProps } from './landfall-vpc-props';
import { BASELINE_VPC_PROPS, recordVpcActivity } from './vpc-baseline';

/** Why the ingress subnets, and only they, route to the internet gateway. */
const INGRESS_ROUTE_REASON =
  'Only the ingress subnets of an account that hosts the internet-facing ALB of the ingress pattern (CloudFront -> WAF -> ALB) route to the internet gateway; they assign no public IPs, VPC Block Public Access blocks inbound traffic to every subnet the network role has not excluded, and servers and data sit in subnets with no such route.';

/** Props of `WorkloadVpc`. Give exactly one of `cidr` and `ipamPoolId`. */
export interface WorkloadVpcProps extends LandfallVpcProps {
  /**
   * The VPC's CIDR, /16 to /24.
   * @default - allocated from `ipamPoolId`
   */
  readonly cidr?: string;

  /**
   * IPAM pool the VPC's CIDR is allocated from (the environment's pool, shared
   * through RAM by the shared-services account).
   * @default - `cidr` is used
   */
  readonly ipamPoolId?: string;

  /**
   * Netmask allocated from the IPAM pool.
   * @default 20
   */
  readonly ipamNetmask?: number;

  /**
   * Availability zones to spread subnets over.
   * @default 2
   */
  readonly maxAzs?: number;

  /**
   * Whether the account hosts an internet-facing load balancer, which needs public
   * subnets (they never assign public IPs to instances), excluded from VPC Block
   * Public Access so that the internet reaches them and no other subnet.
   * @default false
   */
  readonly internetFacing?: boolean;

  /**
   * Route 53 Resolver rules to associate with the VPC, such as the hub's
   * forwarding of AWS service names to its interface endpoints
   * (`HubVpc.serviceDnsRuleId`, shared through RAM).
   * @default - none: the VPC resolves names on its own
   */
  readonly resolverRuleIds?: string[];
}

/**
 * A workload account's VPC: private subnets for servers and isolated subnets for
 * data in every AZ, no NAT gateway (AWS services are reached through the hub's
 * shared interface endpoints, by name once `resolverRuleIds` holds the hub's
 * forwarding rule), public subnets only for an internet-facing load balancer
 * and never with auto-assigned public IPs. All traffic is recorded in encrypted
 * flow logs, and every DNS query in Route 53 Resolver query logs, both outliving the stack; the default security group allows nothing;
 * S3 and DynamoDB are reached through gateway endpoints.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(b) audit controls (flow logs);
 * 164.312(e)(1) transmission security.
 */
export class WorkloadVpc extends Construct {
  public readonly vpc: ec2.Vpc;
  /** Flow logs of all traffic, encrypted, retained. */
  public readonly flowLogGroup: logs.LogGroup;
  /** Route 53 Resolver query logs of the VPC, encrypted, retained. */
  public readonly dnsQueryLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WorkloadVpcProps) {
    super(scope, id);
    if ((props.cidr === undefined) === (props.ipamPoolId === undefined)) {
      throw new Error(
        "WorkloadVpc: give exactly one of cidr (an explicit VPC CIDR) and ipamPoolId (the environment's IPAM pool)",
      );
    }
    const netmask = props.ipamNetmask ?? 20;
    if (props.ipamPoolId && (netmask < 16 || netmask > 24)) {
      throw new Error(`WorkloadVpc: ipamNetmask is /${netmask}; use /16 to /24`);
    }
    const subnetMask = (props.cidr ? Number(props.cidr.split('/')[1]) : netmask) + 3;

    const subnetConfiguration: ec2.SubnetConfiguration[] = [
      { name: 'servers', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: subnetMask },
      { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: subnetMask },
    ];
    if (props.internetFacing) {
      subnetConfiguration.push({
        name: 'ingress',
        subnetType: ec2.SubnetType.PUBLIC,
        cidrMask: subnetMask + 1,
        mapPublicIpOnLaunch: false,
      });
    }
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ...BASELINE_VPC_PROPS,
      ipAddresses: props.cidr
        ? ec2.IpAddresses.cidr(props.cidr)
        : ec2.IpAddresses.awsIpamAllocation({
            ipv4IpamPoolId: props.ipamPoolId!,
            ipv4NetmaskLength: netmask,
            defaultSubnetIpv4NetmaskLength: subnetMask,
          }),
      ...(props.availabilityZones ? { availabilityZones: props.availabilityZones } : { maxAzs: props.maxAzs ?? 2 }),
      subnetConfiguration,
    });
    for (const [i, subnet] of this.vpc.publicSubnets.entries()) {
      // VPC Block Public Access (the organization's declarative policy) blocks inbound internet traffic to every
      // subnet but those excluded: the ingress subnets, where only the load balancer lives.
      new ec2.CfnVPCBlockPublicAccessExclusion(this, `IngressExclusion${i + 1}`, {
        internetGatewayExclusionMode: 'allow-bidirectional',
        subnetId: subnet.subnetId,
      });
      for (const ruleId of [
        'HIPAA.Security::HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
        'NIST.800.53.R5::NIST.800.53.R5-VPCNoUnrestrictedRouteToIGW',
      ]) {
        Validations.of(subnet).acknowledge({ id: ruleId, reason: INGRESS_ROUTE_REASON });
      }
    }
    const recorded = recordVpcActivity(
      this,
      this.vpc,
      props.logKey,
      props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      props.archiveBucketArn,
    );
    this.flowLogGroup = recorded.flowLogGroup;
    this.dnsQueryLogGroup = recorded.dnsQueryLogGroup;
    (props.resolverRuleIds ?? []).forEach((resolverRuleId, i) => {
      new route53resolver.CfnResolverRuleAssociation(this, `ResolverRule${i}`, {
        resolverRuleId,
        vpcId: this.vpc.vpcId,
      });
    });
  }
}
