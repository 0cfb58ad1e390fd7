import { Aws, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Props of `PeeringSpoke`. */
export interface PeeringSpokeProps {
  /** The workload VPC. */
  readonly vpc: ec2.IVpc;
  /** The shared-services account, which requests the peering. */
  readonly hubAccount: string;
  /** The hub's address blocks (hub VPC, VPN clients), routed through the peering. */
  readonly destinations: string[];
  /**
   * The peering connection, once the hub has made it.
   * @default - none yet: no routes
   */
  readonly peeringConnectionId?: string;
  /**
   * Name of the role the hub assumes to accept the peering.
   * @default - `landfall-hub-peering-<region>`
   */
  readonly acceptRoleName?: string;
}

/**
 * The workload side of hub peering: a role that lets the shared-services
 * account accept a peering into this VPC (and nothing else), and, once the
 * peering exists, routes to the hub from every private and isolated subnet.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(e)(1) transmission security.
 */
export class PeeringSpoke extends Construct {
  public readonly acceptRoleArn: string;

  constructor(scope: Construct, id: string, props: PeeringSpokeProps) {
    super(scope, id);
    if (props.destinations.includes('0.0.0.0/0')) {
      throw new Error("PeeringSpoke: destinations include 0.0.0.0/0; route only the hub's and VPN clients' blocks");
    }
    const stack = Stack.of(this);
    const role = new iam.Role(this, 'AcceptRole', {
      roleName: props.acceptRoleName ?? `landfall-hub-peering-${stack.region}`,
      assumedBy: new iam.AccountPrincipal(props.hubAccount),
      description: 'Lets the shared-services hub accept its peering into this VPC',
    });
    new iam.ManagedPolicy(this, 'AcceptPeering', {
      path: '/landfall/',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['ec2:AcceptVpcPeeringConnection'],
          // Pseudo parameters rather than the stack's literal region and account: one acknowledgement fits every stack.
          resources: [`arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:vpc-peering-connection/*`],
          conditions: {
            ArnEquals: {
              'ec2:AccepterVpc': stack.formatArn({ service: 'ec2', resource: 'vpc', resourceName: props.vpc.vpcId }),
            },
          },
        }),
      ],
    });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:vpc-peering-connection/*]',
      reason:
        'The peering connection does not exist when the role is made; the policy allows accepting only peerings into this VPC (ec2:AccepterVpc condition).',
    });
    this.acceptRoleArn = role.roleArn;
    if (props.peeringConnectionId) {
      props.vpc.isolatedSubnets.concat(props.vpc.privateSubnets).forEach((subnet, s) => {
        props.destinations.forEach((cidr, d) => {
          new ec2.CfnRoute(this, `Route${s}-${d}`, {
            routeTableId: subnet.routeTable.routeTableId,
            destinationCidrBlock: cidr,
            vpcPeeringConnectionId: props.peeringConnectionId,
          });
        });
      });
    }
  }
}
