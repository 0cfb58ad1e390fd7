import { DeployTimeLogsProps } from '@landfall/encryption';
import { DeployTimeReconciler } from '@landfall/encryption/lib/deploy-time-reconciler';
import { Aws, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ram from 'aws-cdk-lib/aws-ram';
import { Construct } from 'constructs';
import { checkLinks } from './check-links';
import { EnvironmentLink, NetworkEnvironment } from './environment';
import { MAX_SPOKES_PER_ROUTE_DOMAIN, ROUTE_DOMAIN_SOURCE } from './route-domain-reconciler';

/** A workload VPC's attachment to the hub's transit gateway (made in its own account). */
export interface TransitGatewaySpokeAttachment {
  /** A name for the spoke, unique in the hub (e.g. the account name). */
  readonly name: string;
  /** The spoke's environment. */
  readonly environment: string;
  /** The attachment's ID (`tgw-attach-...`), an output of the spoke's stack. */
  readonly attachmentId: string;
  /**
   * The ID of the account the attachment belongs to: placing refuses an attachment of another account (a wrong
   * or altered record would otherwise move someone else's VPC into this environment).
   * @default - not checked
   */
  readonly accountId?: string;
}

/** Props of `TransitGatewayHub`. */
export interface TransitGatewayHubProps extends DeployTimeLogsProps {
  /** The hub VPC (shared services), attached to the transit gateway. */
  readonly hubVpc: ec2.IVpc;

  /** Subnets of the hub VPC the attachment uses, one per AZ. */
  readonly hubSubnets: ec2.SubnetSelection;

  /** The workload environments; each gets its own route table. */
  readonly environments: NetworkEnvironment[];

  /**
   * Extra routes between environments of the same production class.
   * @default - none: environments reach only the hub
   */
  readonly links?: EnvironmentLink[];

  /**
   * Spoke attachments to associate and propagate (by `TransitGatewaySpokeRouting`, whose function logs with
   * `logKey` and `logRetention`). Attachments are made in the workload accounts, so their IDs are known only
   * after those stacks deploy.
   * @default - none yet
   */
  readonly spokes?: TransitGatewaySpokeAttachment[];

  /**
   * Principals the transit gateway is shared with through RAM: the organization's
   * or OUs' ARNs.
   */
  readonly shareWith: string[];

  /**
   * Private ASN of the transit gateway.
   * @default 64512
   */
  readonly amazonSideAsn?: number;
}

/**
 * A transit gateway with route domains: one route table per environment plus
 * one for shared services. The hub VPC is associated with the shared table and
 * propagates into every environment's table; each spoke is associated with its
 * environment's table and propagates only into the shared one (and into
 * environments it is explicitly linked with, never across production classes).
 * So no environment's table ever holds a route to another environment unless
 * linked, and production never reaches non-production. Attachments shared
 * in are accepted automatically but associated with nothing until listed here.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(e)(1) transmission security.
 */
export class TransitGatewayHub extends Construct {
  public readonly transitGatewayId: string;
  /** The route table of each environment, by name, and `shared`. */
  public readonly routeTableIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: TransitGatewayHubProps) {
    super(scope, id);
    checkLinks('TransitGatewayHub', props.environments, props.links ?? []);
    if (props.environments.some((e) => e.name === 'shared')) {
      throw new Error("TransitGatewayHub: 'shared' is the hub's own route table; rename that environment");
    }

    const tgw = new ec2.CfnTransitGateway(this, 'TransitGateway', {
      amazonSideAsn: props.amazonSideAsn ?? 64512,
      autoAcceptSharedAttachments: 'enable',
      defaultRouteTableAssociation: 'disable',
      defaultRouteTablePropagation: 'disable',
      dnsSupport: 'enable',
      vpnEcmpSupport: 'disable',
      description: 'Landfall hub: one route domain per environment, plus shared services',
    });
    this.transitGatewayId = tgw.ref;
    Validations.of(tgw).acknowledge({
      id: 'cdk-validator-cfnguard::ec2_transit_gateway_auto_vpc_attach_disabled_check',
      reason:
        'Spoke attachments come from other accounts and CloudFormation cannot accept them, so the gateway accepts them itself; an accepted attachment reaches nothing (default association and propagation are off) until the hub associates it with its route domain.',
    });
    const table = (name: string) => {
      const rt = new ec2.CfnTransitGatewayRouteTable(this, `RouteTable-${name}`, {
        transitGatewayId: tgw.ref,
        tags: [{ key: 'Name', value: name }],
      });
      this.routeTableIds[name] = rt.ref;
      return rt.ref;
    };
    table('shared');
    for (const env of props.environments) table(env.name);

    const hubAttachment = new ec2.CfnTransitGatewayVpcAttachment(this, 'HubAttachment', {
      transitGatewayId: tgw.ref,
      vpcId: props.hubVpc.vpcId,
      subnetIds: props.hubVpc.selectSubnets(props.hubSubnets).subnetIds,
    });
    this.associate('Hub', hubAttachment.ref, 'shared');
    for (const env of props.environments) this.propagate(`Hub-${env.name}`, hubAttachment.ref, env.name);

    if ((props.spokes ?? []).length > 0) {
      new TransitGatewaySpokeRouting(this, 'Spokes', {
        transitGatewayId: tgw.ref,
        productionEnvironments: props.environments.filter((e) => e.production).map((e) => e.name),
        routeTableIds: this.routeTableIds,
        logKey: props.logKey,
        logRetention: props.logRetention,
        links: props.links,
        spokes: props.spokes!,
      });
    }

    // Routes from the hub's subnets to every environment, through the transit gateway.
    props.hubVpc.isolatedSubnets.concat(props.hubVpc.privateSubnets).forEach((subnet, s) => {
      props.environments
        .flatMap((e) => e.cidrs)
        .forEach((cidr, c) => {
          const route = new ec2.CfnRoute(this, `HubRoute${s}-${c}`, {
            routeTableId: subnet.routeTable.routeTableId,
            destinationCidrBlock: cidr,
            transitGatewayId: tgw.ref,
          });
          route.node.addDependency(hubAttachment);
        });
    });

    new ram.CfnResourceShare(this, 'Share', {
      name: 'landfall-transit-gateway',
      allowExternalPrincipals: false,
      principals: props.shareWith,
      resourceArns: [Stack.of(this).formatArn({ service: 'ec2', resource: 'transit-gateway', resourceName: tgw.ref })],
    });
  }

  private associate(id: string, attachmentId: string, table: string): void {
    new ec2.CfnTransitGatewayRouteTableAssociation(this, `Associate-${id}`, {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: this.routeTableIds[table],
    });
  }

  private propagate(id: string, attachmentId: string, table: string): void {
    new ec2.CfnTransitGatewayRouteTablePropagation(this, `Propagate-${id}`, {
      transitGatewayAttachmentId: attachmentId,
      transitGatewayRouteTableId: this.routeTableIds[table],
    });
  }
}

/** Props of `TransitGatewaySpokeRouting`. */
export interface TransitGatewaySpokeRoutingProps extends DeployTimeLogsProps {
  /** The hub's transit gateway (`TransitGatewayHub.transitGatewayId`). */
  readonly transitGatewayId: string;
  /** The hub's route tables by name: `shared` and one per environment (`TransitGatewayHub.routeTableIds`). */
  readonly routeTableIds: Record<string, string>;
  /**
   * Extra routes between environments (already checked by the hub).
   * @default - none
   */
  readonly links?: EnvironmentLink[];
  /** The spoke attachments to place. */
  readonly spokes: TransitGatewaySpokeAttachment[];
  /**
   * The production environments, by name: a spoke is never taken out of a table of the other production class
   * (that move needs a person).
   * @default - none: every environment is non-production
   */
  readonly productionEnvironments?: string[];
  /**
   * Name of the function that places them; a second `TransitGatewaySpokeRouting` in the same account and region
   * needs another.
   * @default 'landfall-route-domains'
   */
  readonly functionName?: string;
}

/**
 * Places spoke attachments in the hub's route domains: each is associated with
 * its environment's table and propagates only into `shared` (and linked
 * environments). One resource per environment, whatever the number of spokes:
 * a deploy-time function (`DeployTimeReconciler`) brings the transit gateway to
 * the environment's list whenever the list (or the domain) changes, moves an attachment
 * listed in another environment of its production class out of that environment's table
 * first (never out of the other class's: that needs a person), refuses an attachment of
 * another account than the spoke's, and removes from the table an attachment the list
 * no longer holds. An attachment no route domain lists is
 * accepted by the gateway but associated with nothing, so it reaches nothing.
 * Separate from `TransitGatewayHub` so that the spokes, which change with the
 * accounts, deploy in a stack of their own.
 *
 * HIPAA: 164.312(a)(1) access control.
 */
export class TransitGatewaySpokeRouting extends Construct {
  constructor(scope: Construct, id: string, props: TransitGatewaySpokeRoutingProps) {
    super(scope, id);
    const linked = (env: string) =>
      (props.links ?? []).flatMap((l) => (l.from === env ? [l.to] : l.to === env ? [l.from] : []));
    const table = (name: string) => {
      const routeTableId = props.routeTableIds[name];
      if (!routeTableId) {
        throw new Error(
          `TransitGatewaySpokeRouting: no route table '${name}'; the hub has ${Object.keys(props.routeTableIds).join(', ')}`,
        );
      }
      return routeTableId;
    };
    const byEnvironment = new Map<string, Array<{ Id: string; Account?: string }>>();
    const placed = new Map<string, string>();
    for (const [i, spoke] of props.spokes.entries()) {
      if (spoke.environment === 'shared' || !props.routeTableIds[spoke.environment]) {
        throw new Error(
          `TransitGatewaySpokeRouting: spokes[${i}] ('${spoke.name}') is in unknown environment '${spoke.environment}'`,
        );
      }
      const twice = placed.get(spoke.attachmentId);
      if (twice !== undefined) {
        throw new Error(
          `TransitGatewaySpokeRouting: spokes[${i}] ('${spoke.name}') has the attachment of '${twice}' (${spoke.attachmentId}); each spoke records its own`,
        );
      }
      placed.set(spoke.attachmentId, spoke.name);
      byEnvironment.set(spoke.environment, [
        ...(byEnvironment.get(spoke.environment) ?? []),
        { Id: spoke.attachmentId, ...(spoke.accountId !== undefined ? { Account: spoke.accountId } : {}) },
      ]);
    }
    for (const [environment, attachments] of byEnvironment) {
      if (attachments.length > MAX_SPOKES_PER_ROUTE_DOMAIN) {
        throw new Error(
          `TransitGatewaySpokeRouting: environment '${environment}' has ${attachments.length} spokes in one region, more than the ${MAX_SPOKES_PER_ROUTE_DOMAIN} one route domain places; split it into more environments or regions`,
        );
      }
    }
    if (byEnvironment.size === 0) return;
    // The hub's own route tables, by ID; a spoke's attachment is another account's resource, shared with the gateway's
    // owner. Pseudo parameters, not the stack's literal region and account, so the acknowledgement is one rule.
    const routeTables = Object.values(props.routeTableIds).map(
      (tableId) => `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:transit-gateway-route-table/${tableId}`,
    );
    const attachments = `arn:${Aws.PARTITION}:ec2:${Aws.REGION}:*:transit-gateway-attachment/*`;
    const production = new Set(props.productionEnvironments ?? []);
    for (const name of production) table(name);
    const reconciler = new DeployTimeReconciler(this, 'Placement', {
      functionName: props.functionName ?? 'landfall-route-domains',
      description: "Landfall network: places the spokes' attachments in their environments' route domains",
      source: ROUTE_DOMAIN_SOURCE,
      logKey: props.logKey,
      logRetention: props.logRetention,
      statements: [
        new iam.PolicyStatement({ actions: ['ec2:DescribeTransitGatewayAttachments'], resources: ['*'] }),
        new iam.PolicyStatement({ actions: ['ec2:GetTransitGatewayRouteTablePropagations'], resources: routeTables }),
        new iam.PolicyStatement({
          actions: [
            'ec2:AssociateTransitGatewayRouteTable',
            'ec2:DisassociateTransitGatewayRouteTable',
            'ec2:EnableTransitGatewayRouteTablePropagation',
            'ec2:DisableTransitGatewayRouteTablePropagation',
          ],
          resources: [...routeTables, attachments],
        }),
      ],
    });
    // One domain after another: an account moved between environments leaves one before it joins the other.
    let previous: Construct | undefined;
    for (const [environment, spokes] of byEnvironment) {
      const foreign = Object.keys(props.routeTableIds).filter(
        (name) => name !== 'shared' && production.has(name) !== production.has(environment),
      );
      const domain = reconciler.resource(this, `RouteDomain-${environment}`, 'Custom::LandfallRouteDomain', {
        TransitGatewayId: props.transitGatewayId,
        Tables: Object.values(props.routeTableIds),
        RouteTableId: table(environment),
        PropagateInto: ['shared', ...linked(environment)].map(table),
        Foreign: foreign.map(table),
        Attachments: spokes,
      });
      if (previous) domain.node.addDependency(previous);
      previous = domain;
    }
  }
}
