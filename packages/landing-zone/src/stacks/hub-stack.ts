import {
  AddressPlan,
  EnvironmentLink,
  EnvironmentPool,
  HubVpc,
  NetworkEnvironment,
  TransitGatewayHub,
} from '@landfall/network';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { lockFileName, recordOutput } from '../stack-helpers';
import { acknowledgeImportedLogKey } from './imported-log-key';

export interface HubStackProps extends StackProps {
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** The log archive's delivery bucket: flow logs also go there. */
  readonly archiveBucketArn?: string;
  readonly availabilityZones?: string[];
  readonly hubCidr: string;
  readonly interfaceEndpoints: string[];
  /** Workload blocks and VPN clients: who may use the hub's endpoints and resolver. */
  readonly clientCidrs: string[];
  readonly environments: NetworkEnvironment[];
  readonly links: EnvironmentLink[];
  /** IPAM: the governed regions and one pool per environment that has an IPAM block. */
  readonly addressPlan?: { readonly regions: string[]; readonly pools: EnvironmentPool[] };
  /** Who may associate the hub's forwarding of AWS service names with their VPCs (the organization). */
  readonly serviceDnsShareWith: string[];
  /** Transit gateway topology (else peering, whose connections live in `HubSpokesStack`s). */
  readonly transitGateway?: { readonly shareWith: string[] };
  /**
   * Where its IDs are recorded in accounts.lock.json: `network` for the home region's hub, `network.regions.<region>`
   * for another region's. @default ['network']
   */
  readonly recordPath?: string[];
}

/** The shared-services account's network: hub VPC, address plan, transit gateway. Spokes are placed by `HubSpokesStack`s. */
export class HubStack extends Stack {
  public readonly hub: HubVpc;
  /** The transit gateway's route tables, by environment and `shared`. */
  public readonly routeTableIds: Record<string, string> = {};
  /** The transit gateway's ID (transit gateway topology). */
  public transitGatewayId?: string;

  constructor(scope: Construct, id: string, props: HubStackProps) {
    super(scope, id, props);
    const hub = (this.hub = new HubVpc(this, 'Hub', {
      cidr: props.hubCidr,
      ...(props.availabilityZones ? { availabilityZones: props.availabilityZones } : {}),
      interfaceEndpoints: props.interfaceEndpoints.map((name) => new ec2.InterfaceVpcEndpointAwsService(name)),
      clientCidrs: props.clientCidrs,
      logKey: props.logKey,
      logRetention: props.logRetention,
      archiveBucketArn: props.archiveBucketArn,
      serviceDnsShareWith: props.serviceDnsShareWith,
    }));
    acknowledgeImportedLogKey(hub.flowLogGroup, hub.dnsQueryLogGroup);
    const path = props.recordPath ?? ['network'];
    const described = (key: string) => `${lockFileName(path)}.${key} in accounts.lock.json`;
    if (hub.serviceDnsRuleId) {
      recordOutput(
        new CfnOutput(this, 'ServiceDnsRuleId', {
          value: hub.serviceDnsRuleId,
          description: described('serviceDnsRuleId'),
        }),
        [...path, 'serviceDnsRuleId'],
      );
    }
    if (props.addressPlan) {
      const plan = new AddressPlan(this, 'AddressPlan', {
        regions: props.addressPlan.regions,
        environments: props.addressPlan.pools,
      });
      for (const pool of props.addressPlan.pools) {
        for (const region of props.addressPlan.regions) {
          recordOutput(
            new CfnOutput(this, `IpamPool-${pool.name}-${region}`, {
              value: plan.poolId(pool.name, region),
              description: `network.ipamPools["${pool.name}/${region}"] in accounts.lock.json`,
            }),
            ['network', 'ipamPools', `${pool.name}/${region}`],
          );
        }
      }
    }
    if (props.transitGateway) {
      const tgw = new TransitGatewayHub(this, 'TransitGateway', {
        hubVpc: hub.vpc,
        hubSubnets: { subnetGroupName: 'endpoints' },
        environments: props.environments,
        links: props.links,
        shareWith: props.transitGateway.shareWith,
      });
      Object.assign(this.routeTableIds, tgw.routeTableIds);
      this.transitGatewayId = tgw.transitGatewayId;
      recordOutput(
        new CfnOutput(this, 'TransitGatewayId', {
          value: tgw.transitGatewayId,
          description: described('transitGatewayId'),
        }),
        [...path, 'transitGatewayId'],
      );
    }
  }
}
