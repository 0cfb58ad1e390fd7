import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** A workload VPC the hub peers with. */
export interface PeeredVpc {
  /** A name for the spoke, unique in the hub (e.g. the account name). */
  readonly name: string;
  /** The spoke's environment. */
  readonly environment: string;
  /** The VPC's ID, an output of the spoke's stack. */
  readonly vpcId: string;
  /** The VPC's CIDR. */
  readonly cidr: string;
  /** The spoke's account ID. */
  readonly account: string;
  /**
   * The spoke's region.
   * @default - the hub's region
   */
  readonly region?: string;
  /** The role in the spoke's account that accepts the peering (see `PeeringSpoke.acceptRoleArn`). */
  readonly acceptRoleArn: string;
}

/** Props of `PeeringHub`. */
export interface PeeringHubProps {
  /** The hub VPC (shared services). */
  readonly hubVpc: ec2.IVpc;
  /**
   * The workload VPCs to peer with, each known once its stack has deployed.
   * @default - none yet
   */
  readonly spokes?: PeeredVpc[];
}

/**
 * VPC peering from the shared-services hub to each workload VPC, with routes
 * from the hub's subnets. Peering is not transitive and is only ever made
 * between the hub and one spoke, so two workload VPCs (dev and prod) never
 * share a path.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(e)(1) transmission security.
 */
export class PeeringHub extends Construct {
  /** The peering connection ID of each spoke, by name. */
  public readonly peeringConnectionIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: PeeringHubProps) {
    super(scope, id);
    const names = new Set<string>();
    for (const [i, spoke] of (props.spokes ?? []).entries()) {
      if (names.has(spoke.name)) {
        throw new Error(`PeeringHub: spokes[${i}] repeats the name '${spoke.name}'; each spoke needs its own`);
      }
      names.add(spoke.name);
      const peering = new ec2.CfnVPCPeeringConnection(this, `Peering-${spoke.name}`, {
        vpcId: props.hubVpc.vpcId,
        peerVpcId: spoke.vpcId,
        peerOwnerId: spoke.account,
        peerRoleArn: spoke.acceptRoleArn,
        ...(spoke.region ? { peerRegion: spoke.region } : {}),
        tags: [
          { key: 'Name', value: `hub-${spoke.name}` },
          { key: 'landfall:environment', value: spoke.environment },
        ],
      });
      this.peeringConnectionIds[spoke.name] = peering.ref;
      props.hubVpc.isolatedSubnets.concat(props.hubVpc.privateSubnets).forEach((subnet, s) => {
        new ec2.CfnRoute(this, `Route-${spoke.name}-${s}`, {
          routeTableId: subnet.routeTable.routeTableId,
          destinationCidrBlock: spoke.cidr,
          vpcPeeringConnectionId: peering.ref,
        });
      });
    }
  }
}
