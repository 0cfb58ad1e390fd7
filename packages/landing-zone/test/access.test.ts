import {
  BASTION_TAG as GUARDRAIL_BASTION_TAG,
  PORT_FORWARDING_DOCUMENTS,
  SESSION_PREFERENCES_DOCUMENT,
  SESSION_ROLE_NAME,
} from '@landfall/guardrails';
import { BASTION_TAG, SessionDocumentNames } from '@landfall/shared-services';
import { renderAccessDocs, vpnAuthorizations } from '../src';
import { APPLIED, ARCHIVE_KEY, build, definition, only, resources } from './fixtures';

const RECORDED = { ...APPLIED, logging: { archiveKeyArn: ARCHIVE_KEY } };
const REGIONS = ['us-east-1', 'us-west-2'];
const PROD_CIDR = '10.16.0.0/12';
const DEV_CIDR = '10.32.0.0/12';

/** The stacks of the example with every ID recorded, or of the example changed by `overrides`. */
function deployed(overrides?: (d: any) => void) {
  return build({ ids: RECORDED, placeholders: false, ...(overrides ? { definition: definition(overrides) } : {}) });
}

const EXAMPLE = deployed();
const access = () => only(EXAMPLE.templates, 'shared-services-access-us-east-1');

describe('names the guardrails and the stacks agree on', () => {
  test('the session role, the documents and the bastion tag are the ones RequireRecordedSessions admits', () => {
    expect(SESSION_ROLE_NAME).toBe('landfall-session-admin');
    expect([SessionDocumentNames.RUN_SHELL]).toEqual([SESSION_PREFERENCES_DOCUMENT]);
    expect([SessionDocumentNames.PORT_FORWARDING, SessionDocumentNames.PORT_FORWARDING_TO_REMOTE_HOST]).toEqual(
      PORT_FORWARDING_DOCUMENTS,
    );
    expect(BASTION_TAG.key).toBe(GUARDRAIL_BASTION_TAG);
    const [role] = resources(access(), 'AWS::IAM::Role').filter((r) => r.Properties.RoleName === SESSION_ROLE_NAME);
    expect(role).toBeDefined();
  });
});

describe('the recorded bastion', () => {
  test('has no public IP, no inbound rule, IMDSv2 and an encrypted root volume', () => {
    const t = access();
    const [template] = resources(t, 'AWS::EC2::LaunchTemplate');
    const data = template.Properties.LaunchTemplateData;
    expect(data.NetworkInterfaces.map((n: any) => n.AssociatePublicIpAddress)).toEqual([false]);
    expect(data.MetadataOptions.HttpTokens).toBe('required');
    expect(data.BlockDeviceMappings.map((b: any) => b.Ebs.Encrypted)).toEqual([true]);
    t.resourceCountIs('AWS::EC2::Instance', 0);
    t.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    for (const sg of resources(t, 'AWS::EC2::SecurityGroup')) {
      expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    }
  });

  test('is reached through the hub: HTTPS to the hub and S3, and the forwarded database ports of prod and dev', () => {
    const t = access();
    const egress = resources(t, 'AWS::EC2::SecurityGroup')
      .filter((sg) => /bastion/i.test(sg.Properties.GroupDescription))
      .flatMap((sg) => sg.Properties.SecurityGroupEgress ?? [])
      .map((e: any) => `${e.FromPort} ${e.CidrIp}`);
    expect(egress).toEqual(['443 10.0.0.0/20', `5432 ${PROD_CIDR}`, `5432 ${DEV_CIDR}`]);
    t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { FromPort: 443, DestinationPrefixListId: {} });
  });

  test("the session role is assumed only with MFA, by default by the shared-services account's own principals", () => {
    const t = only(deployed((d) => (d.access.bastion.groups = [])).templates, 'shared-services-access-us-east-1');
    const [role] = resources(t, 'AWS::IAM::Role').filter((r) => r.Properties.RoleName === SESSION_ROLE_NAME);
    const trust = JSON.stringify(role.Properties.AssumeRolePolicyDocument);
    expect(trust).toContain('"aws:MultiFactorAuthPresent":"true"');
    // No admins in the definition: the shared-services account's own principals, through its IAM policies.
    expect(trust).toContain(':iam::555555555555:root');
  });

  test("the definition's admins are who the session role trusts", () => {
    const admin = 'arn:aws:iam::111111111111:role/platform-admin';
    const t = only(deployed((d) => (d.access.bastion.admins = [admin])).templates, 'shared-services-access-us-east-1');
    const [role] = resources(t, 'AWS::IAM::Role').filter((r) => r.Properties.RoleName === SESSION_ROLE_NAME);
    const [mfa, identityCenter] = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(mfa.Principal).toEqual({ AWS: admin });
    expect(mfa.Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    // The example's bastion group, platform-admins, through its permission set's role only.
    expect(JSON.stringify(identityCenter.Condition.ArnLike)).toContain('AWSReservedSSO_BastionSession_*');
  });

  test("with bastion groups and no admins, only the groups' permission set role is trusted, not the account's principals", () => {
    const [role] = resources(access(), 'AWS::IAM::Role').filter((r) => r.Properties.RoleName === SESSION_ROLE_NAME);
    const statements = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(statements).toHaveLength(1);
    expect(JSON.stringify(statements[0].Condition)).toContain(
      ':role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BastionSession_*',
    );
  });
});

describe('Session Manager preferences', () => {
  test.each(['prod', 'dev', 'shared-services'].flatMap((a) => REGIONS.map((r) => [a, r])))(
    '%s in %s: every session logged to the archive and to CloudWatch, encrypted, idle sessions end',
    (account, region) => {
      const t = only(EXAMPLE.templates, `${account}-sessions-${region}`);
      const [doc] = resources(t, 'AWS::SSM::Document');
      expect(doc.Properties.Name).toBe(SESSION_PREFERENCES_DOCUMENT);
      const inputs = doc.Properties.Content.inputs;
      expect(inputs).toMatchObject({
        s3BucketName: 'acme-health-log-delivery-222222222222',
        s3KeyPrefix: `session-manager/${RECORDED.accounts[account]}`,
        s3EncryptionEnabled: true,
        cloudWatchEncryptionEnabled: true,
        cloudWatchStreamingEnabled: true,
        idleSessionTimeout: '20',
      });
      expect(inputs.kmsKeyId).toBeDefined();
      const [group] = resources(t, 'AWS::Logs::LogGroup').filter((g) => g.Properties.KmsKeyId);
      expect(group).toBeDefined();
    },
  );

  test('accounts without servers have none', () => {
    for (const account of ['management', 'log-archive', 'audit', 'backup']) {
      expect(EXAMPLE.templates.has(`${account}-sessions-us-east-1`)).toBe(false);
    }
  });

  test("the definition's idle timeout is the preferences'", () => {
    const t = only(
      deployed((d) => (d.access.bastion.idleSessionTimeoutMinutes = 7)).templates,
      'prod-sessions-us-east-1',
    );
    expect(resources(t, 'AWS::SSM::Document')[0].Properties.Content.inputs.idleSessionTimeout).toBe('7');
  });

  test('the log archive admits the session logs under each account prefix', () => {
    const archive = JSON.stringify(only(EXAMPLE.templates, 'log-archive-log-archive-us-east-1').toJSON());
    expect(archive).toContain('session-manager/${aws:PrincipalAccount}/*');
  });
});

describe('the client VPN', () => {
  test('logs every connection to an encrypted log group', () => {
    const t = access();
    const [endpoint] = resources(t, 'AWS::EC2::ClientVpnEndpoint');
    expect(endpoint.Properties.ConnectionLogOptions.Enabled).toBe(true);
    expect(endpoint.Properties.SplitTunnel).toBe(true);
    expect(endpoint.Properties.AuthenticationOptions[0].Type).toBe('federated-authentication');
    const groups = resources(t, 'AWS::Logs::LogGroup');
    expect(groups.every((g) => g.Properties.KmsKeyId)).toBe(true);
  });

  test('no authorization rule gives the developers group a production network', () => {
    const rules = resources(access(), 'AWS::EC2::ClientVpnAuthorizationRule').map((r) => [
      r.Properties.AccessGroupId,
      r.Properties.TargetNetworkCidr,
    ]);
    const developers = 'a1b2c3d4-0000-4000-8000-00000000de01';
    const admins = 'a1b2c3d4-0000-4000-8000-00000000ad01';
    expect(rules.filter(([g]) => g === developers).map(([, c]) => c)).toEqual(['10.0.0.0/20', DEV_CIDR]);
    expect(rules.filter(([g]) => g === admins).map(([, c]) => c)).toEqual(['10.0.0.0/20']);
    expect(rules.filter(([g]) => g !== developers && g !== admins)).toEqual([]);
    expect(rules.some(([, c]) => c === PROD_CIDR)).toBe(false);
  });

  test("the definition's groups and split tunnel change the endpoint", () => {
    const t = only(
      deployed((d) => {
        d.access.vpn.splitTunnel = false;
        d.access.vpn.groups.push({ name: 'prod-operators', environments: ['prod'] });
        d.identity.groups.push({ name: 'prod-operators', groupId: 'a1b2c3d4-0000-4000-8000-0000000000f1' });
      }).templates,
      'shared-services-access-us-east-1',
    );
    expect(resources(t, 'AWS::EC2::ClientVpnEndpoint')[0].Properties.SplitTunnel).toBe(false);
    const prod = resources(t, 'AWS::EC2::ClientVpnAuthorizationRule').filter(
      (r) => r.Properties.TargetNetworkCidr === PROD_CIDR,
    );
    expect(prod.map((r) => r.Properties.AccessGroupId)).toEqual(['a1b2c3d4-0000-4000-8000-0000000000f1']);
  });

  test('without a certificate there is no VPN, and synthesis says why', () => {
    const built = deployed((d) => {
      delete d.access.vpn.serverCertificateArn;
      delete d.access.vpn.authentication;
      d.access.vpn.groups = [{ name: 'admins', environments: [] }];
    });
    only(built.templates, 'shared-services-access-us-east-1').resourceCountIs('AWS::EC2::ClientVpnEndpoint', 0);
    expect(built.pending.join('\n')).toContain('the client VPN: set access.vpn.serverCertificateArn');
  });

  test('each group reaches the hub, and only the environments it lists', () => {
    expect(vpnAuthorizations(definition()).map((a) => a.description)).toEqual([
      'platform-admins: the hub (interface endpoints, DNS, Session Manager)',
      'developers: the hub (interface endpoints, DNS, Session Manager)',
      'developers: dev workload networks',
    ]);
  });
});

describe('before the log archive key is recorded', () => {
  test('the session, bastion and VPN stacks wait for it, and synthesis says so', () => {
    const built = build({ ids: APPLIED, placeholders: false });
    expect([...built.templates.keys()].filter((n) => /-(sessions|access)-/.test(n))).toEqual([]);
    expect(built.pending.join('\n')).toContain('Session Manager preferences, the bastion and the client VPN');
  });
});

describe('docs/access.md', () => {
  test('says who reaches what, and changes with the definition', () => {
    const docs = renderAccessDocs(definition());
    expect(docs).toContain(
      '| developers | `a1b2c3d4-0000-4000-8000-00000000de01` | the hub (10.0.0.0/20: endpoints, DNS, Session Manager); dev (10.32.0.0/12) |',
    );
    expect(docs).toContain('it ends after 20 idle minutes');
    expect(docs).toContain('| prod | app.acme-health.example.com | origin.prod.acme-health.example.com |');
    const changed = renderAccessDocs(
      definition((d) => {
        d.access.bastion.idleSessionTimeoutMinutes = 5;
        d.ingress.allowedCountries = ['US', 'CA'];
      }),
    );
    expect(changed).toContain('it ends after 5 idle minutes');
    expect(changed).toContain('viewers from US, CA only');
  });

  test('says plainly when the VPN is not deployed', () => {
    const docs = renderAccessDocs(
      definition((d) => {
        delete d.access.vpn.serverCertificateArn;
        delete d.access.vpn.authentication;
        d.access.vpn.groups = [{ name: 'admins', environments: [] }];
      }),
    );
    expect(docs).toContain('Not deployed yet: `access.vpn.serverCertificateArn`');
  });
});
