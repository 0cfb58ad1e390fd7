import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { AddressPlan, EnvironmentPool, HubVpc, NetworkEnvironment, PeeredVpc, PeeringHub, TransitGatewayHub, TransitGatewaySpokeAttachment, EnvironmentLink } from '@landfall/network';
import { Construct } from 'constructs';

export interface HubStackProps extends StackProps {
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  readonly availabilityZones?: string[];
  readonly hubCidr: string;
  readonly interfaceEndpoints: string[];
  /** Workload blocks and VPN clients: who may use the hub's endpoints and resolver. */
  readonly clientCidrs: string[];
  readonly environments: NetworkEnvironment[];
  readonly links: EnvironmentLink[];
  /** IPAM: the governed regions and one pool per environment that has an IPAM block. */
  readonly addressPlan?: { readonly regions: string[]; readonly pools: EnvironmentPool[] };
  readonly transitGateway?: { readonly shareWith: string[]; readonly spokes: TransitGatewaySpokeAttachment[] };
  readonly peering?: { readonly spokes: PeeredVpc[] };
}

/** The shared-services account's network: hub VPC, address plan, and the topology joining every workload VPC to it. */
export class HubStack extends Stack {
  constructor(scope: Construct, id: string, props: HubStackProps) {
    super(scope, id, props);
    const hub = new HubVpc(this, 'Hub', {
      cidr: props.hubCidr,
      ...(props.availabilityZones ? { availabilityZones: props.availabilityZones } : {}),
      interfaceEndpoints: props.interfaceEndpoints.map((name) => new ec2.InterfaceVpcEndpointAwsService(name)),
      clientCidrs: props.clientCidrs,
      logKey: props.logKey,
      logRetention: props.logRetention,
    });
    if (props.addressPlan) {
      const plan = new AddressPlan(this, 'AddressPlan', { regions: props.addressPlan.regions, environments: props.addressPlan.pools });
      for (const pool of props.addressPlan.pools) {
        for (const region of props.addressPlan.regions) {
          new CfnOutput(this, `IpamPool-${pool.name}-${region}`, { value: plan.poolId(pool.name, region), description: `network.ipamPools["${pool.name}/${region}"] in accounts.lock.json` });
        }
      }
    }
    if (props.transitGateway) {
      const tgw = new TransitGatewayHub(this, 'TransitGateway', {
        hubVpc: hub.vpc,
        hubSubnets: { subnetGroupName: 'endpoints' },
        environments: props.environments,
        links: props.links,
        spokes: props.transitGateway.spokes,
        shareWith: props.transitGateway.shareWith,
      });
      new CfnOutput(this, 'TransitGatewayId', { value: tgw.transitGatewayId, description: 'network.transitGatewayId in accounts.lock.json' });
    }
    if (props.peering) {
      const peering = new PeeringHub(this, 'Peering', { hubVpc: hub.vpc, spokes: props.peering.spokes });
      for (const [name, id] of Object.entries(peering.peeringConnectionIds)) {
        new CfnOutput(this, `Peering-${name}`, { value: id, description: `network.peeringConnections.${name} in accounts.lock.json` });
      }
    }
  }
}
