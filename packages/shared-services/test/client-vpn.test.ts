import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { ClientVpn, ClientVpnProps } from '../src';
import { HUB_CIDR, RESOLVER_IPS, importedHub, key, ownHub, sharedServicesStack } from './hub';

const SERVER_CERT = 'arn:aws:acm:us-east-1:333333333333:certificate/server';
const CLIENT_CA = 'arn:aws:acm:us-east-1:333333333333:certificate/client-ca';
const SAML = 'arn:aws:iam::333333333333:saml-provider/landfall-client-vpn';
const ADMINS = 'identity-center-group-admins';
const DBAS = 'identity-center-group-dbas';

/** A SAML endpoint: administrators reach the hub and the production VPC, DBAs the production VPC only. */
function samlVpn(stack: Stack, overrides: Partial<ClientVpnProps> = {}): ClientVpn {
  return new ClientVpn(stack, 'Vpn', {
    vpc: ownHub(stack),
    clientCidr: '10.100.0.0/22',
    serverCertificateArn: SERVER_CERT,
    samlProviderArn: SAML,
    dnsServers: RESOLVER_IPS,
    logKey: key(stack, 'LogsKey'),
    authorizations: [
      { cidr: HUB_CIDR, groupId: ADMINS, description: 'administrators to the hub' },
      { cidr: '10.20.0.0/16', groupId: ADMINS, description: 'administrators to production' },
      { cidr: '10.20.0.0/16', groupId: DBAS, description: 'DBAs to production' },
      { cidr: HUB_CIDR, groupId: DBAS, description: 'DBAs to the hub' },
    ],
    ...overrides,
  });
}

function mutualTlsVpn(stack: Stack, overrides: Partial<ClientVpnProps> = {}): ClientVpn {
  return new ClientVpn(stack, 'Vpn', {
    vpc: importedHub(stack),
    clientCidr: '10.100.0.0/22',
    serverCertificateArn: SERVER_CERT,
    clientRootCertificateArn: CLIENT_CA,
    logKey: key(stack, 'LogsKey'),
    authorizations: [{ cidr: '10.0.4.0/23', description: 'the bastion' }],
    ...overrides,
  });
}

function rules(template: Template): any[] {
  return Object.values(template.findResources('AWS::EC2::ClientVpnAuthorizationRule')).map((r) => r.Properties);
}

describe('ClientVpn', () => {
  test('connection logging is on, to an encrypted log group of its own that is kept', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    samlVpn(stack);
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::ClientVpnEndpoint', {
      ConnectionLogOptions: { Enabled: true, CloudwatchLogGroup: { Ref: Match.stringLikeRegexp('VpnConnectionLogs') } },
    });
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogsKey'), 'Arn'] }, RetentionInDays: 365 },
    });
  });

  test('SAML federation with split tunnel, the resolvers, an eight-hour session and disconnect at its end', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    samlVpn(stack);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::ClientVpnEndpoint', {
      AuthenticationOptions: [{ Type: 'federated-authentication', FederatedAuthentication: { SAMLProviderArn: SAML } }],
      SplitTunnel: true,
      DnsServers: RESOLVER_IPS,
      SessionTimeoutHours: 8,
      DisconnectOnSessionTimeout: true,
      SelfServicePortal: 'disabled',
      ClientLoginBannerOptions: { Enabled: true, BannerText: Match.stringLikeRegexp('Authorized use only') },
    });
  });

  test("a SAML group's authorization rules are exactly the given CIDRs", () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    samlVpn(stack);
    // THEN
    const all = rules(Template.fromStack(stack));
    const of = (group: string) =>
      all
        .filter((r) => r.AccessGroupId === group)
        .map((r) => r.TargetNetworkCidr)
        .sort();
    expect(all).toHaveLength(4);
    expect(all.every((r) => r.AuthorizeAllGroups !== true)).toBe(true);
    expect(of(ADMINS)).toEqual([HUB_CIDR, '10.20.0.0/16'].sort());
    expect(of(DBAS)).toEqual(['10.20.0.0/16', HUB_CIDR].sort());
  });

  test('mutual TLS authorizes all clients only to the given CIDRs', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    mutualTlsVpn(stack);
    // THEN
    const template = Template.fromStack(stack);
    expect(rules(template).map(({ ClientVpnEndpointId, ...rule }) => rule)).toEqual([
      { TargetNetworkCidr: '10.0.4.0/23', AuthorizeAllGroups: true, Description: 'the bastion' },
    ]);
    template.hasResourceProperties('AWS::EC2::ClientVpnEndpoint', {
      AuthenticationOptions: [
        { Type: 'certificate-authentication', MutualAuthentication: { ClientRootCertificateChainArn: CLIENT_CA } },
      ],
    });
  });

  test('routes every authorized CIDR outside the VPC through each associated subnet, and none inside it', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    samlVpn(stack);
    // THEN
    const template = Template.fromStack(stack);
    const routes = Object.values(template.findResources('AWS::EC2::ClientVpnRoute')).map((r) => r.Properties);
    expect(routes.map((r) => r.DestinationCidrBlock)).toEqual(['10.20.0.0/16', '10.20.0.0/16']);
    const associated = Object.values(template.findResources('AWS::EC2::ClientVpnTargetNetworkAssociation')).map(
      (a) => a.Properties.SubnetId,
    );
    expect(routes.map((r) => r.TargetVpcSubnetId)).toEqual(associated);
    expect(JSON.stringify(associated)).toMatch(/HubservicesSubnet1.*HubservicesSubnet2/);
  });

  test('its security group has no inbound rule and lets out only DNS to the resolvers and HTTPS to authorized networks', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const vpn = samlVpn(stack);
    // THEN
    const template = Template.fromStack(stack);
    const sg =
      template.toJSON().Resources[stack.getLogicalId(vpn.securityGroup.node.defaultChild as ec2.CfnSecurityGroup)];
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    expect(
      sg.Properties.SecurityGroupEgress.map((e: any) => `${e.IpProtocol} ${e.FromPort}-${e.ToPort} ${e.CidrIp}`).sort(),
    ).toEqual(
      [
        'tcp 53-53 10.0.1.254/32',
        'udp 53-53 10.0.1.254/32',
        'tcp 53-53 10.0.3.254/32',
        'udp 53-53 10.0.3.254/32',
        `tcp 443-443 ${HUB_CIDR}`,
        'tcp 443-443 10.20.0.0/16',
      ].sort(),
    );
  });

  test('fails when both authentications are given', () => {
    const stack = sharedServicesStack();
    expect(() => samlVpn(stack, { clientRootCertificateArn: CLIENT_CA })).toThrow(
      /exactly one of clientRootCertificateArn \(mutual TLS\) and samlProviderArn/,
    );
  });

  test('fails when neither authentication is given', () => {
    const stack = sharedServicesStack();
    expect(() => mutualTlsVpn(stack, { clientRootCertificateArn: undefined })).toThrow(/exactly one of/);
  });

  test('fails when clientCidr is not /12 to /22', () => {
    const stack = sharedServicesStack();
    expect(() => mutualTlsVpn(stack, { clientCidr: '10.100.0.0/24' })).toThrow(
      /clientCidr '10.100.0.0\/24' is not a \/12 to \/22 block/,
    );
  });

  test('fails when clientCidr overlaps the VPC', () => {
    const stack = sharedServicesStack();
    expect(() => mutualTlsVpn(stack, { clientCidr: '10.0.0.0/16' })).toThrow(
      /clientCidr '10.0.0.0\/16' overlaps the VPC/,
    );
  });

  test('fails when a SAML authorization names no group', () => {
    const stack = sharedServicesStack();
    expect(() => samlVpn(stack, { authorizations: [{ cidr: HUB_CIDR, description: 'everyone' }] })).toThrow(
      /authorizations\[0\] \(10.0.0.0\/20\) has no groupId/,
    );
  });

  test('fails when a mutual TLS authorization names a group', () => {
    const stack = sharedServicesStack();
    expect(() =>
      mutualTlsVpn(stack, { authorizations: [{ cidr: HUB_CIDR, groupId: ADMINS, description: 'admins' }] }),
    ).toThrow(/authorizations\[0\].*mutual TLS cannot tell groups apart/);
  });

  test('fails when authorizations is empty', () => {
    const stack = sharedServicesStack();
    expect(() => mutualTlsVpn(stack, { authorizations: [] })).toThrow(/authorizations is empty/);
  });

  test('fails when a self-service SAML provider is given without SAML', () => {
    const stack = sharedServicesStack();
    expect(() => mutualTlsVpn(stack, { selfServiceSamlProviderArn: SAML })).toThrow(
      /selfServiceSamlProviderArn needs samlProviderArn/,
    );
  });

  test('fails when more than two DNS servers are given', () => {
    const stack = sharedServicesStack();
    expect(() => mutualTlsVpn(stack, { dnsServers: ['10.0.1.254', '10.0.3.254', '10.0.5.254'] })).toThrow(
      /dnsServers has 3 addresses; give at most two/,
    );
  });

  test("fails when a group's authorizations do not cover the DNS servers", () => {
    const stack = sharedServicesStack();
    expect(() =>
      samlVpn(stack, { authorizations: [{ cidr: '10.20.0.0/16', groupId: DBAS, description: 'DBAs to production' }] }),
    ).toThrow(/dnsServers '10.0.1.254' is outside every network authorized for group 'identity-center-group-dbas'/);
  });

  test('fails when ports is empty', () => {
    const stack = sharedServicesStack();
    expect(() => mutualTlsVpn(stack, { ports: [] })).toThrow(/ports is empty/);
  });
});
