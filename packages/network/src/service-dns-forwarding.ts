import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ram from 'aws-cdk-lib/aws-ram';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import { Construct } from 'constructs';

/** Props of `ServiceDnsForwarding`. */
export interface ServiceDnsForwardingProps {
  /** The VPC that holds the interface endpoints and the inbound resolver (the hub). */
  readonly vpc: ec2.IVpc;

  /** Subnets for the outbound resolver's network interfaces, in two or more AZs. */
  readonly subnets: ec2.SubnetSelection;

  /** The inbound resolver's addresses in `vpc`: where the forwarded queries go. */
  readonly inboundResolverIps: string[];

  /**
   * Principals the rule is shared with through AWS RAM, inside the organization
   * only: the organization's ARN, OU ARNs or account IDs.
   * @default - not shared: only this account's VPCs can use the rule
   */
  readonly shareWith?: string[];

  /**
   * The domain whose queries are forwarded (with every name below it).
   * @default - `<region>.amazonaws.com`, the names of the region's AWS service endpoints
   */
  readonly domainName?: string;
}

/**
 * Lets other VPCs reach the interface endpoints of a central VPC by name: a
 * Route 53 Resolver rule forwards the region's AWS service names through an
 * outbound resolver to the inbound resolver of the VPC that holds the endpoints,
 * which answers with the endpoints' private addresses (and with the public ones
 * for services that have no endpoint there). Associate the rule with a spoke VPC
 * (`WorkloadVpcProps.resolverRuleIds`), never with the central VPC itself: that
 * would forward its queries in a loop.
 *
 * HIPAA: 164.312(e)(1) transmission security (AWS API calls stay on private
 * addresses); 164.312(b) audit controls (the forwarded queries appear in the
 * central VPC's query logs).
 */
export class ServiceDnsForwarding extends Construct {
  /** The forwarding rule, for `CfnResolverRuleAssociation` in the spoke VPCs. */
  public readonly resolverRuleId: string;

  constructor(scope: Construct, id: string, props: ServiceDnsForwardingProps) {
    super(scope, id);
    if (props.inboundResolverIps.length < 2) {
      throw new Error(
        `ServiceDnsForwarding: inboundResolverIps has ${props.inboundResolverIps.length} address(es); give the inbound resolver's addresses in two or more AZs`,
      );
    }
    const subnetIds = props.vpc.selectSubnets(props.subnets).subnetIds;
    if (subnetIds.length < 2) {
      throw new Error(
        `ServiceDnsForwarding: subnets selects ${subnetIds.length} subnet(s); the outbound resolver needs subnets in two or more AZs`,
      );
    }
    const sg = new ec2.SecurityGroup(this, 'OutboundResolver', {
      vpc: props.vpc,
      allowAllOutbound: false,
      description: 'Outbound resolver: DNS queries to the inbound resolver only',
    });
    for (const ip of props.inboundResolverIps) {
      for (const port of [ec2.Port.tcp(53), ec2.Port.udp(53)]) {
        sg.addEgressRule(ec2.Peer.ipv4(`${ip}/32`), port, `to the inbound resolver at ${ip}`);
      }
    }
    const outbound = new route53resolver.CfnResolverEndpoint(this, 'Outbound', {
      direction: 'OUTBOUND',
      ipAddresses: subnetIds.map((subnetId) => ({ subnetId })),
      securityGroupIds: [sg.securityGroupId],
    });
    const rule = new route53resolver.CfnResolverRule(this, 'Rule', {
      name: 'landfall-aws-service-endpoints',
      ruleType: 'FORWARD',
      domainName: props.domainName ?? `${Stack.of(this).region}.amazonaws.com`,
      resolverEndpointId: outbound.attrResolverEndpointId,
      targetIps: props.inboundResolverIps.map((ip) => ({ ip, port: '53' })),
    });
    this.resolverRuleId = rule.attrResolverRuleId;
    if ((props.shareWith ?? []).length > 0) {
      new ram.CfnResourceShare(this, 'Share', {
        name: 'landfall-aws-service-endpoints-dns',
        allowExternalPrincipals: false,
        principals: props.shareWith,
        resourceArns: [rule.attrArn],
      });
    }
  }
}
