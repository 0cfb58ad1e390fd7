import { DeployTimeLogsProps } from '@landfall/encryption';
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
import { acknowledgeImportedLogKeys } from './imported-log-key';

export interface HubSpokesStackProps extends StackProps, DeployTimeLogsProps {
  readonly transitGateway?: {
    readonly transitGatewayId: string;
    readonly productionEnvironments: string[];
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
 * The workload VPCs' wiring in the hub account: their route-domain placement (transit gateway: one resource per
 * environment, whatever the number of accounts, in one stack per region) or a share of the peerings and the hub's
 * routes to them (five resources per VPC, so several stacks in a large organization). Split from the hub stack,
 * which does not change as accounts come and go.
 */
export class HubSpokesStack extends Stack {
  constructor(scope: Construct, id: string, props: HubSpokesStackProps) {
    super(scope, id, props);
    if (props.transitGateway) {
      new TransitGatewaySpokeRouting(this, 'RouteDomains', {
        ...props.transitGateway,
        logKey: props.logKey,
        logRetention: props.logRetention,
      });
      acknowledgeImportedLogKeys(this);
    }
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
