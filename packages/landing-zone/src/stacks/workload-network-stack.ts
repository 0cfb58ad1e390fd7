import { PeeringSpoke, TransitGatewaySpoke, WorkloadVpc } from '@landfall/network';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeImportedLogKey } from './imported-log-key';

export interface WorkloadNetworkStackProps extends StackProps {
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** The log archive's delivery bucket: flow logs also go there. */
  readonly archiveBucketArn?: string;
  readonly availabilityZones?: string[];
  /** Exactly one: an explicit CIDR or the environment's regional IPAM pool. */
  readonly cidr?: string;
  readonly ipamPoolId?: string;
  readonly ipamNetmask?: number;
  /** Ingress subnets for the account's internet-facing load balancer (its public entry). @default false */
  readonly internetFacing?: boolean;
  /** The hub's blocks (hub VPC, VPN clients): what the spoke routes to the hub. */
  readonly hubDestinations: string[];
  /** The hub's forwarding of AWS service names to its interface endpoints, once it exists. */
  readonly serviceDnsRuleId?: string;
  /** Transit gateway topology: the gateway, once it exists. */
  readonly transitGatewayId?: string;
  /** Peering topology: the hub account, and the peering once the hub has made it. */
  readonly peering?: { readonly hubAccount: string; readonly peeringConnectionId?: string };
  /** Where its region's network IDs are in accounts.lock.json, as people read it. @default 'network' */
  readonly recordedAt?: string;
}

/** A workload account's VPC in one region, and its connection to the shared-services hub. */
export class WorkloadNetworkStack extends Stack {
  public readonly network: WorkloadVpc;

  constructor(scope: Construct, id: string, props: WorkloadNetworkStackProps) {
    super(scope, id, props);
    this.network = new WorkloadVpc(this, 'Vpc', {
      ...(props.cidr ? { cidr: props.cidr } : { ipamPoolId: props.ipamPoolId, ipamNetmask: props.ipamNetmask }),
      ...(props.availabilityZones ? { availabilityZones: props.availabilityZones } : {}),
      logKey: props.logKey,
      logRetention: props.logRetention,
      archiveBucketArn: props.archiveBucketArn,
      internetFacing: props.internetFacing,
      ...(props.serviceDnsRuleId ? { resolverRuleIds: [props.serviceDnsRuleId] } : {}),
    });
    acknowledgeImportedLogKey(this.network.flowLogGroup, this.network.dnsQueryLogGroup);
    const vpc = this.network.vpc;
    const at = props.recordedAt ?? 'network';
    new CfnOutput(this, 'VpcId', {
      value: vpc.vpcId,
      description: `${at}.vpcs.<account>.vpcId in accounts.lock.json (peering topology)`,
    });
    new CfnOutput(this, 'VpcCidr', {
      value: vpc.vpcCidrBlock,
      description: `${at}.vpcs.<account>.cidr in accounts.lock.json (peering topology)`,
    });
    if (props.transitGatewayId) {
      const spoke = new TransitGatewaySpoke(this, 'Hub', {
        vpc,
        transitGatewayId: props.transitGatewayId,
        destinations: props.hubDestinations,
      });
      new CfnOutput(this, 'TransitGatewayAttachmentId', {
        value: spoke.attachmentId,
        description: `${at}.attachments.<account> in accounts.lock.json`,
      });
    }
    if (props.peering) {
      new PeeringSpoke(this, 'Hub', {
        vpc,
        hubAccount: props.peering.hubAccount,
        destinations: props.hubDestinations,
        peeringConnectionId: props.peering.peeringConnectionId,
      });
    }
  }
}
