import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

/** Props of `TransitGatewaySpoke`. */
export interface TransitGatewaySpokeProps {
  /** The workload VPC to attach. */
  readonly vpc: ec2.IVpc;

  /** The hub's transit gateway, shared with this account through RAM. */
  readonly transitGatewayId: string;

  /**
   * Subnets the attachment uses, one per AZ.
   * @default - the VPC's `servers` subnets
   */
  readonly subnets?: ec2.SubnetSelection;

  /**
   * Destinations routed to the transit gateway from every private and isolated
   * subnet: the hub VPC and the VPN clients. Which of them answer is decided by
   * the hub's route tables, never by the spoke.
   */
  readonly destinations: string[];
}

/**
 * Attaches a workload VPC to the hub's transit gateway and routes the hub's
 * addresses through it. Public (ingress) subnets get no such route. The hub
 * decides the attachment's route domain (see `TransitGatewayHub`).
 *
 * HIPAA: 164.312(e)(1) transmission security (private connectivity only).
 */
export class TransitGatewaySpoke extends Construct {
  /** The attachment's ID, which the hub associates with the environment's route table. */
  public readonly attachmentId: string;

  constructor(scope: Construct, id: string, props: TransitGatewaySpokeProps) {
    super(scope, id);
    if (props.destinations.length === 0) {
      throw new Error("TransitGatewaySpoke: give at least one destination (the hub VPC's CIDR)");
    }
    if (props.destinations.includes('0.0.0.0/0')) {
      throw new Error(
        "TransitGatewaySpoke: destinations include 0.0.0.0/0; route only the hub's and VPN clients' blocks",
      );
    }
    const attachment = new ec2.CfnTransitGatewayVpcAttachment(this, 'Attachment', {
      transitGatewayId: props.transitGatewayId,
      vpcId: props.vpc.vpcId,
      subnetIds: props.vpc.selectSubnets(props.subnets ?? { subnetGroupName: 'servers' }).subnetIds,
    });
    this.attachmentId = attachment.ref;
    props.vpc.isolatedSubnets.concat(props.vpc.privateSubnets).forEach((subnet, s) => {
      props.destinations.forEach((cidr, d) => {
        const route = new ec2.CfnRoute(this, `Route${s}-${d}`, {
          routeTableId: subnet.routeTable.routeTableId,
          destinationCidrBlock: cidr,
          transitGatewayId: props.transitGatewayId,
        });
        route.node.addDependency(attachment);
      });
    });
  }
}
