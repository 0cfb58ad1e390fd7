import { validate } from '../src';
import { mutable } from './fixtures';
import { errorAt, errorsOf } from './helpers';

const SERVER_CERT = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-000000000001';
const CLIENT_CA = 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-000000000002';
const SAML = 'arn:aws:iam::111111111111:saml-provider/landfall-vpn';

function withSamlVpn(groups: unknown[]): any {
  const def = mutable();
  def.access = {
    vpn: { serverCertificateArn: SERVER_CERT, authentication: { type: 'saml', samlProviderArn: SAML }, groups },
  };
  return def;
}

function withIngress(account: string, ingress: Record<string, unknown>): any {
  const def = mutable();
  const workloads = def.organization.ous.find((o: any) => o.name === 'Workloads');
  const all = [
    ...def.organization.ous.flatMap((o: any) => o.accounts ?? []),
    ...workloads.ous.flatMap((o: any) => o.accounts),
  ];
  all.find((a: any) => a.name === account).ingress = {
    originDomainName: `origin.${account}.example.com`,
    originCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-000000000003',
    domainNames: [`${account}.example.com`],
    viewerCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-000000000004',
    ...ingress,
  };
  return def;
}

describe('client VPN', () => {
  test('without a certificate, the VPN resolves to its defaults: one admins group that reaches the hub only', () => {
    const result = validate(mutable());
    if (!result.valid) throw new Error('expected valid');
    expect(result.definition.access.vpn).toEqual({
      clientCidr: '172.16.0.0/22',
      splitTunnel: true,
      sessionTimeoutHours: 8,
      groups: [{ name: 'admins', environments: [] }],
    });
  });

  test('a SAML VPN with a developers group that reaches dev validates', () => {
    const result = validate(
      withSamlVpn([
        { name: 'admins', groupId: 'g-admins' },
        { name: 'developers', groupId: 'g-dev', environments: ['dev'] },
      ]),
    );
    expect(result.errors).toEqual([]);
  });

  test('fails when one group reaches production and non-production', () => {
    const error = errorAt(
      withSamlVpn([{ name: 'developers', groupId: 'g-dev', environments: ['dev', 'prod'] }]),
      'access.vpn.groups[0].environments',
    );
    expect(error.message).toContain('reaches production prod and non-production dev');
    expect(error.fix).toBe('split the group: one for prod, one for dev');
  });

  test('fails when a group names an environment that does not exist', () => {
    expect(
      errorAt(
        withSamlVpn([{ name: 'developers', groupId: 'g-dev', environments: ['deev'] }]),
        'access.vpn.groups[0].environments[0]',
      ).fix,
    ).toBe("did you mean 'dev'?");
  });

  test('fails when a SAML group has no group ID (it would admit every user)', () => {
    expect(errorAt(withSamlVpn([{ name: 'developers' }]), 'access.vpn.groups[0].groupId').message).toContain(
      'admit every user',
    );
  });

  test('fails when mutual TLS is given groups it cannot tell apart', () => {
    const def = mutable();
    def.access = {
      vpn: {
        serverCertificateArn: SERVER_CERT,
        authentication: { type: 'mutual-tls', clientRootCertificateArn: CLIENT_CA },
        groups: [{ name: 'admins' }, { name: 'developers', environments: ['dev'] }],
      },
    };
    expect(errorAt(def, 'access.vpn.groups').fix).toContain("type: 'saml'");
  });

  test('fails when authentication is missing its certificate or provider, naming the field', () => {
    const def = mutable();
    def.access = { vpn: { serverCertificateArn: SERVER_CERT, authentication: { type: 'mutual-tls' } } };
    expect(errorAt(def, 'access.vpn.authentication.clientRootCertificateArn').message).toContain('missing');
    def.access = { vpn: { authentication: { type: 'saml', samlProviderArn: SAML } } };
    expect(errorAt(def, 'access.vpn.serverCertificateArn').message).toContain('no server certificate');
  });

  test('fails when the server certificate is not in the home region', () => {
    const def = mutable();
    def.access = {
      vpn: {
        serverCertificateArn: SERVER_CERT.replace('us-east-1', 'us-west-2'),
        authentication: { type: 'saml', samlProviderArn: SAML },
        groups: [{ name: 'admins', groupId: 'g' }],
      },
    };
    expect(errorAt(def, 'access.vpn.serverCertificateArn').fix).toContain('ACM in us-east-1');
  });

  test('fails when a certificate ARN is malformed, with the fix from the schema', () => {
    const def = mutable();
    def.access = { vpn: { serverCertificateArn: 'my-cert' } };
    expect(errorsOf(def).some((e) => e.path === 'access.vpn.serverCertificateArn' && /arn:aws:acm/.test(e.fix))).toBe(
      true,
    );
  });
});

describe('bastion', () => {
  test('fails when port forwarding names an unknown environment or repeats itself', () => {
    const def = mutable();
    def.access = {
      bastion: {
        portForwarding: [
          { environment: 'prd', port: 5432 },
          { environment: 'dev', port: 5432 },
          { environment: 'dev', port: 5432 },
        ],
      },
    };
    expect(errorAt(def, 'access.bastion.portForwarding[0].environment').fix).toBe("did you mean 'prod'?");
    expect(errorAt(def, 'access.bastion.portForwarding[2]').message).toBe('duplicate of dev:5432');
  });

  test('fails when a country is not an ISO code', () => {
    const def = mutable();
    def.ingress = { allowedCountries: ['usa'] };
    expect(errorsOf(def).some((e) => e.path === 'ingress.allowedCountries[0]')).toBe(true);
  });

  test('admins must be IAM role or user ARNs', () => {
    const def = mutable();
    def.access = { bastion: { admins: ['arn:aws:iam::111111111111:group/admins'] } };
    expect(errorsOf(def).some((e) => e.path === 'access.bastion.admins[0]')).toBe(true);
  });
});

describe('account ingress', () => {
  test('a workload account with ingress validates, and the ingress is kept on the account', () => {
    const result = validate(withIngress('prod', {}));
    if (!result.valid) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    expect(JSON.stringify(result.definition.organization)).toContain('origin.prod.example.com');
  });

  test('fails when a non-workload account has ingress', () => {
    expect(errorAt(withIngress('audit', {}), 'organization.ous[0].accounts[1].ingress').message).toContain(
      'role is audit',
    );
  });

  test('fails when the viewer certificate is not in us-east-1, where CloudFront takes them', () => {
    const def = withIngress('prod', {
      viewerCertificateArn: 'arn:aws:acm:us-west-2:111111111111:certificate/00000000-0000-4000-8000-000000000004',
    });
    expect(errorAt(def, 'organization.ous[2].ous[0].accounts[0].ingress.viewerCertificateArn').fix).toContain(
      'us-east-1',
    );
  });

  test('fails when the origin certificate is not in the home region', () => {
    const def = withIngress('prod', {
      originCertificateArn: 'arn:aws:acm:us-west-2:111111111111:certificate/00000000-0000-4000-8000-000000000003',
    });
    expect(errorAt(def, 'organization.ous[2].ous[0].accounts[0].ingress.originCertificateArn').message).toContain(
      'home region is us-east-1',
    );
  });

  test('fails when the home region is not us-east-1, naming the way around', () => {
    const def = withIngress('prod', {
      originCertificateArn: 'arn:aws:acm:us-west-2:111111111111:certificate/00000000-0000-4000-8000-000000000003',
    });
    def.homeRegion = 'us-west-2';
    def.regions = ['us-west-2', 'us-east-1'];
    const error = errorAt(def, 'organization.ous[2].ous[0].accounts[0].ingress');
    expect(error.message).toContain('home region is us-west-2');
    expect(error.fix).toContain('cloudFrontWebAclArn');
  });

  test('fails when two accounts claim the same name', () => {
    const def = withIngress('prod', { domainNames: ['app.example.com'] });
    const dev = def.organization.ous[2].ous[1].accounts[0];
    dev.ingress = { ...def.organization.ous[2].ous[0].accounts[0].ingress, originDomainName: 'origin.dev.example.com' };
    expect(errorAt(def, 'organization.ous[2].ous[1].accounts[0].ingress.domainNames[0]').message).toContain(
      'already used at organization.ous[2].ous[0].accounts[0].ingress.domainNames[0]',
    );
  });

  test('fails when a domain name is not a DNS name', () => {
    const def = withIngress('prod', { originDomainName: 'Origin_Prod' });
    expect(errorsOf(def).some((e) => e.path.endsWith('ingress.originDomainName'))).toBe(true);
  });
});
