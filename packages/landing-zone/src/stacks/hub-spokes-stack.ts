import {
  EnvironmentLink,
  PeeredVpc,
  PeeringHub,
  TransitGatewaySpokeAttachment,
  TransitGatewaySpokeRouting,
} from '@landfall/network';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { lockFileName, recordOutput } from '../stack-helpers';

export interface HubSpokesStackProps extends StackProps {
  readonly transitGateway?: {
    readonly routeTableIds: Record<string, string>;
    readonly links: EnvironmentLink[];
    readonly spokes: TransitGatewaySpokeAttachment[];
  };
  readonly peering?: {
    readonly hubVpc: ec2.IVpc;
    readonly spokes: PeeredVpc[];
    /**
     * The account of each spoke, by spoke name (the account's stack prefix, which a rename does not change): the
     * peering's ID is recorded under the account's name. @default - the spoke's name
     */
    readonly accountNames?: Readonly<Record<string, string>>;
  };
  /** Where the peerings' IDs are recorded in accounts.lock.json (see `HubStackProps.recordPath`). @default ['network'] */
  readonly recordPath?: string[];
}

/**
 * A share of the workload VPCs' wiring in the hub account: route-domain placement
 * (transit gateway) or peerings and the hub's routes to them. Split from the hub
 * stack so that an organization of any size stays under CloudFormation's 500
 * resources per stack.
 */
export class HubSpokesStack extends Stack {
  constructor(scope: Construct, id: string, props: HubSpokesStackProps) {
    super(scope, id, props);
    if (props.transitGateway) new TransitGatewaySpokeRouting(this, 'RouteDomains', props.transitGateway);
    if (props.peering) {
      const peering = new PeeringHub(this, 'Peering', { hubVpc: props.peering.hubVpc, spokes: props.peering.spokes });
      for (const [name, connectionId] of Object.entries(peering.peeringConnectionIds)) {
        const account = props.peering.accountNames?.[name] ?? name;
        const path = props.recordPath ?? ['network'];
        recordOutput(
          new CfnOutput(this, `Peering-${name}`, {
            value: connectionId,
            description: `${lockFileName(path)}.peeringConnections.${account} in accounts.lock.json`,
          }),
          [...path, 'peeringConnections', account],
        );
      }
    }
  }
}
