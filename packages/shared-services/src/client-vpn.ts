import { RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { Ipv4Range, contains, overlaps, parseCidr } from './checks';

/** One network that VPN clients may reach, and who may reach it. */
export interface ClientVpnAccess {
  /** The network, as an IPv4 CIDR block. */
  readonly cidr: string;
  /**
   * The identity provider's group whose members may reach it (with SAML federation, the IAM
   * Identity Center group's ID). Required with SAML; not allowed with mutual TLS, which cannot
   * tell groups apart.
   * @default - every authenticated client (mutual TLS only)
   */
  readonly groupId?: string;
  /** Why the access exists, shown on the authorization rule. */
  readonly description: string;
}

/** Props of `ClientVpn`. */
export interface ClientVpnProps {
  /** The hub VPC the endpoint is associated with. */
  readonly vpc: ec2.IVpc;
  /**
   * The subnets the endpoint is associated with (one per availability zone).
   * @default { subnetGroupName: 'services' }
   */
  readonly subnets?: ec2.SubnetSelection;
  /** The range client addresses are taken from, /12 to /22, outside the VPC and every authorized network. */
  readonly clientCidr: string;
  /** The ACM certificate the endpoint presents. */
  readonly serverCertificateArn: string;
  /**
   * Mutual TLS: the ACM certificate of the CA that signs client certificates. Give this or
   * `samlProviderArn`, not both.
   * @default - no mutual TLS
   */
  readonly clientRootCertificateArn?: string;
  /**
   * SAML federation (IAM Identity Center's Client VPN application): the IAM SAML provider
   * users authenticate with. Give this or `clientRootCertificateArn`, not both.
   * @default - no SAML federation
   */
  readonly samlProviderArn?: string;
  /**
   * The IAM SAML provider of the self-service portal's own application; with it, users
   * download their client configuration from the portal. SAML only.
   * @default - no self-service portal
   */
  readonly selfServiceSamlProviderArn?: string;
  /**
   * Whether only traffic to the authorized networks goes through the VPN.
   * @default true
   */
  readonly splitTunnel?: boolean;
  /**
   * DNS servers pushed to clients (at most two): the hub's inbound resolver addresses. Every
   * group's authorizations must cover them, or its clients cannot resolve names.
   * @default - the client device's own DNS servers
   */
  readonly dnsServers?: string[];
  /**
   * The longest a VPN session lasts; at its end the client is disconnected and must
   * authenticate again.
   * @default ec2.ClientVpnSessionTimeout.EIGHT_HOURS
   */
  readonly sessionTimeout?: ec2.ClientVpnSessionTimeout;
  /** The key the connection log group is encrypted with (the account's logs key). */
  readonly logKey: kms.IKey;
  /**
   * How long connection logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Text the AWS-provided client shows once connected (up to 1,400 characters).
   * @default - a notice that use is for authorized purposes only and is logged
   */
  readonly loginBanner?: string;
  /**
   * Ports clients may use towards the authorized networks.
   * @default [ec2.Port.tcp(443)]
   */
  readonly ports?: ec2.Port[];
  /** The networks clients may reach, one authorization rule each: nothing else is reachable. */
  readonly authorizations: ClientVpnAccess[];
}

const DEFAULT_BANNER =
  'Authorized use only. Connections to this network are logged and reviewed; disconnect now if you are not authorized.';

/**
 * An AWS Client VPN endpoint in the hub VPC, through which administrators reach the shared
 * services (the bastion, the interface endpoints). Clients authenticate with mutual TLS or
 * through SAML federation with IAM Identity Center, and reach only the networks listed in
 * `authorizations` (by Identity Center group with SAML), on the listed ports: the endpoint's
 * security group has no inbound rule and allows outbound only those ports to those networks
 * and DNS to the given servers. Every connection attempt is logged to an encrypted log group
 * that outlives the stack, and sessions end after the session timeout.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(a)(2)(iii) automatic logoff; 164.312(b) audit
 * controls; 164.312(d) person or entity authentication; 164.312(e)(1) transmission security.
 */
export class ClientVpn extends Construct {
  public readonly endpoint: ec2.ClientVpnEndpoint;
  public readonly securityGroup: ec2.SecurityGroup;
  /** Connection logs: every connection attempt, its outcome and its bytes. */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ClientVpnProps) {
    super(scope, id);
    const saml = validate(props);
    const vpcRange = parseCidr(vpcCidrOf(props.vpc), 'ClientVpn: vpc');
    const clientRange = parseCidr(props.clientCidr, 'ClientVpn: clientCidr');
    if (overlaps(vpcRange, clientRange)) {
      throw new Error(`ClientVpn: clientCidr '${props.clientCidr}' overlaps the VPC; give a range outside it`);
    }
    const networks = [...new Set(props.authorizations.map((a) => a.cidr))];
    const ranges = networks.map((cidr) => parseCidr(cidr, 'ClientVpn: authorizations'));
    const clash = networks.find((_, i) => overlaps(ranges[i], clientRange));
    if (clash) {
      throw new Error(
        `ClientVpn: clientCidr '${props.clientCidr}' overlaps authorized '${clash}'; give disjoint ranges`,
      );
    }

    this.logGroup = new logs.LogGroup(this, 'ConnectionLogs', {
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.securityGroup = this.ownSecurityGroup(props, networks);
    this.endpoint = new ec2.ClientVpnEndpoint(this, 'Endpoint', {
      vpc: props.vpc,
      vpcSubnets: props.subnets ?? { subnetGroupName: 'services' },
      cidr: props.clientCidr,
      serverCertificateArn: props.serverCertificateArn,
      clientCertificateArn: props.clientRootCertificateArn,
      userBasedAuthentication: saml ? this.federation(props) : undefined,
      selfServicePortal: props.selfServiceSamlProviderArn !== undefined,
      splitTunnel: props.splitTunnel ?? true,
      dnsServers: props.dnsServers,
      sessionTimeout: props.sessionTimeout ?? ec2.ClientVpnSessionTimeout.EIGHT_HOURS,
      disconnectOnSessionTimeout: true,
      clientLoginBanner: props.loginBanner ?? DEFAULT_BANNER,
      logging: true,
      logGroup: this.logGroup,
      securityGroups: [this.securityGroup],
      authorizeAllUsersToVpcCidr: false,
      description: 'Landfall: administrators into the shared-services hub',
    });
    props.authorizations.forEach((access, i) =>
      this.endpoint.addAuthorizationRule(`Authorization${i}`, {
        cidr: access.cidr,
        groupId: access.groupId,
        description: access.description,
      }),
    );
    this.routeOutsideTheVpc(props, networks, ranges, vpcRange);
  }

  private federation(props: ClientVpnProps): ec2.ClientVpnUserBasedAuthentication {
    const provider = iam.SamlProvider.fromSamlProviderArn(this, 'SamlProvider', props.samlProviderArn!);
    const portal = props.selfServiceSamlProviderArn
      ? iam.SamlProvider.fromSamlProviderArn(this, 'SelfServiceSamlProvider', props.selfServiceSamlProviderArn)
      : undefined;
    return ec2.ClientVpnUserBasedAuthentication.federated(provider, portal);
  }

  /** No inbound rule; outbound only DNS to the given servers and the allowed ports to the authorized networks. */
  private ownSecurityGroup(props: ClientVpnProps, networks: string[]): ec2.SecurityGroup {
    const sg = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      allowAllOutbound: false,
      description: 'Landfall client VPN: DNS to the resolver, allowed ports to authorized networks only',
    });
    for (const server of props.dnsServers ?? []) {
      for (const port of [ec2.Port.tcp(53), ec2.Port.udp(53)]) {
        sg.addEgressRule(ec2.Peer.ipv4(`${server}/32`), port, `DNS to ${server}`);
      }
    }
    for (const cidr of networks) {
      for (const port of props.ports ?? [ec2.Port.tcp(443)]) sg.addEgressRule(ec2.Peer.ipv4(cidr), port, `to ${cidr}`);
    }
    return sg;
  }

  /** The VPC's own CIDR is routed already; every other authorized network needs a route through each subnet. */
  private routeOutsideTheVpc(props: ClientVpnProps, networks: string[], ranges: Ipv4Range[], vpc: Ipv4Range): void {
    const subnets = props.vpc.selectSubnets(props.subnets ?? { subnetGroupName: 'services' }).subnets;
    networks.forEach((cidr, n) => {
      if (contains(vpc, ranges[n])) return;
      subnets.forEach((subnet, s) =>
        this.endpoint.addRoute(`Route${n}-${s}`, {
          cidr,
          target: ec2.ClientVpnRouteTarget.subnet(subnet),
          description: `to ${cidr}`,
        }),
      );
    });
  }
}

/** Checks the props AWS would refuse or that would open more than asked; returns whether it is SAML. */
function validate(props: ClientVpnProps): boolean {
  const saml = props.samlProviderArn !== undefined;
  if (saml === (props.clientRootCertificateArn !== undefined)) {
    throw new Error(
      'ClientVpn: give exactly one of clientRootCertificateArn (mutual TLS) and samlProviderArn (SAML federation)',
    );
  }
  if (!saml && props.selfServiceSamlProviderArn !== undefined) {
    throw new Error('ClientVpn: selfServiceSamlProviderArn needs samlProviderArn; give both, or neither');
  }
  const prefix = Number(props.clientCidr.split('/')[1]);
  if (!(prefix >= 12 && prefix <= 22)) {
    throw new Error(
      `ClientVpn: clientCidr '${props.clientCidr}' is not a /12 to /22 block; give one such as 10.100.0.0/22`,
    );
  }
  if (props.authorizations.length === 0) {
    throw new Error('ClientVpn: authorizations is empty — give each network clients may reach');
  }
  props.authorizations.forEach((access, i) => {
    parseCidr(access.cidr, `ClientVpn: authorizations[${i}].cidr`);
    if (saml && !access.groupId) {
      throw new Error(
        `ClientVpn: authorizations[${i}] (${access.cidr}) has no groupId; with SAML every access names the Identity Center group it is for`,
      );
    }
    if (!saml && access.groupId) {
      throw new Error(
        `ClientVpn: authorizations[${i}] (${access.cidr}) names groupId '${access.groupId}'; mutual TLS cannot tell groups apart — remove it, or use samlProviderArn`,
      );
    }
  });
  if (props.ports !== undefined && props.ports.length === 0) {
    throw new Error('ClientVpn: ports is empty — give the ports clients may use, or leave it out for HTTPS only');
  }
  const servers = props.dnsServers ?? [];
  if (servers.length > 2) {
    throw new Error(`ClientVpn: dnsServers has ${servers.length} addresses; give at most two (the inbound resolver's)`);
  }
  servers.forEach((ip) => parseCidr(`${ip}/32`, 'ClientVpn: dnsServers'));
  checkResolversAuthorized(props.authorizations, servers);
  return saml;
}

/** Clients reach their DNS servers only through an authorization: each group needs one that covers every server. */
function checkResolversAuthorized(authorizations: ClientVpnAccess[], servers: string[]): void {
  const groups = [...new Set(authorizations.map((a) => a.groupId))];
  for (const group of groups) {
    const networks = authorizations.filter((a) => a.groupId === group).map((a) => parseCidr(a.cidr, 'ClientVpn'));
    const unreachable = servers.find((ip) => !networks.some((n) => contains(n, parseCidr(`${ip}/32`, 'ClientVpn'))));
    if (unreachable) {
      const who = group ? `group '${group}'` : 'clients';
      throw new Error(
        `ClientVpn: dnsServers '${unreachable}' is outside every network authorized for ${who}, which could not resolve names; authorize a CIDR that contains it (the hub's) for them`,
      );
    }
  }
}

/** The VPC's CIDR as a literal: an `ec2.Vpc`'s own is a token, but its CloudFormation resource holds the literal. */
function vpcCidrOf(vpc: ec2.IVpc): string {
  if (!Token.isUnresolved(vpc.vpcCidrBlock)) return vpc.vpcCidrBlock;
  const cfn = vpc.node.defaultChild;
  if (cfn instanceof ec2.CfnVPC && cfn.cidrBlock && !Token.isUnresolved(cfn.cidrBlock)) return cfn.cidrBlock;
  throw new Error(
    'ClientVpn: the VPC CIDR is not known at synth time; import the VPC with ec2.Vpc.fromVpcAttributes and a literal vpcCidrBlock',
  );
}
