import { readdirSync } from 'fs';
import { join } from 'path';
import { CATALOG, HIPAA_BASELINE, contextOf, exemptedBy, isIamGuardrail } from '../src';
import { EXAMPLE } from './simulation';

describe('the hipaa baseline', () => {
  test('attaches exactly these guardrails, there (changing it is a reviewed decision)', () => {
    const SERVERS = 'workloads,infrastructure,security,sandbox';
    expect(Object.fromEntries(HIPAA_BASELINE.map(([id, where]) => [id, where.join(',')]))).toEqual({
      DenyLeaveOrganization: 'root',
      DenyRootUser: 'root',
      DenyUngovernedRegions: 'root',
      ProtectPrivilegedRoles: 'root',
      ProtectLandfallStacks: 'root',
      DenyIamUsers: 'root',
      DenyIdentityProviders: 'root',
      DenyUntrustedFederation: 'root',
      ProtectAccountSettings: 'root',
      ProtectCloudTrail: 'root',
      ProtectLogArchive: 'security',
      ProtectSecurityAlerts: SERVERS,
      ProtectAlertBusPolicy: 'security',
      ProtectLandfallFunctions: SERVERS,
      ProtectSecurityAdministration: 'security',
      ProtectConfig: 'root',
      ProtectGuardDuty: 'root',
      ProtectSecurityHub: 'root',
      ProtectAccessAnalyzer: 'root',
      ProtectMacie: 'root',
      ProtectFlowLogs: 'root',
      ProtectFindings: 'workloads,infrastructure,sandbox',
      ProtectKmsKeys: 'root',
      ProtectBackups: 'root',
      DenyS3AccountPublicAccessChanges: 'root',
      EnforceResourcePerimeter: 'root',
      DenyExternalSharing: SERVERS,
      RequireEbsEncryption: SERVERS,
      ProtectEbsDefaultKey: SERVERS,
      RequireDataStoreEncryption: SERVERS,
      RequireImdsV2: SERVERS,
      RequireRecordedSessions: SERVERS,
      ProtectSessionPreferences: SERVERS,
      ProtectIngress: SERVERS,
      DenyPublicNetworkEdges: SERVERS,
      DenyDefaultVpc: SERVERS,
      DenyNatGateways: SERVERS,
      DenyVpnConnections: SERVERS,
      DenyTransitGatewayChanges: SERVERS,
      DenyDirectConnect: SERVERS,
      DenyExternalVpcEndpoints: SERVERS,
      EnforceIdentityPerimeter: 'root',
      EnforceTls: 'root',
      RequireModernTls: 'root',
      PreventConfusedDeputy: 'root',
      Ec2VpcBlockPublicAccess: 'root',
      Ec2BlockPublicSharing: 'root',
      Ec2SerialConsoleOff: 'root',
      Ec2ImdsV2Defaults: 'root',
      S3OrganizationBlockPublicAccess: 'root',
      OrganizationBackupPolicy: 'backup',
    });
  });

  test('names only guardrails of the catalog, and every catalog guardrail is in it', () => {
    expect(HIPAA_BASELINE.map(([id]) => id).sort()).toEqual([...CATALOG.keys()].sort());
  });
});

describe('the catalog', () => {
  test.each([...CATALOG.values()].map((g) => [g.id, g]))(
    '%s states the HIPAA Security Rule sections it serves',
    (_id, g) => {
      expect(g.hipaa.length).toBeGreaterThan(0);
      for (const section of g.hipaa) {
        expect(section).toMatch(/^164\.(308|310|312|316)\([a-z]\)(\(\d+\))?(\((i|ii|iii|iv|v|vi)\))?(\([A-Z]\))?$/);
      }
      expect(g.title.length).toBeGreaterThan(10);
      expect(g.rationale.length).toBeGreaterThan(20);
    },
  );

  test.each([...CATALOG.values()].filter(isIamGuardrail).map((g) => [g.id, g]))(
    '%s says truthfully who may still act (docs/guardrails.md shows it)',
    (_id, g) => {
      const context = contextOf(EXAMPLE);
      const statements = g.statements(context);
      const narrow = g.narrowExemption?.principalArn;
      // Statements that narrow what the declared extra principal may do apply to it alone.
      const narrowing = statements.filter((s) => narrow && s.Condition?.ArnLike?.['aws:PrincipalArn'] === narrow);
      const exempted = statements
        .filter((s) => !narrowing.includes(s))
        .map((s) => JSON.stringify(s.Condition?.ArnNotLike?.['aws:PrincipalArn'] ?? null));
      const declared = exemptedBy(g.exemptions, context);
      // Every statement lets through the declared principals, some also the declared narrow one, nobody else.
      const allowed = [JSON.stringify(declared), ...(narrow ? [JSON.stringify([...(declared ?? []), narrow])] : [])];
      for (const e of exempted) expect(allowed).toContain(e);
      expect(exempted).toContain(JSON.stringify(declared));
      if (narrow) expect(narrowing.length).toBeGreaterThan(0);
    },
  );

  test('keeps one guardrail per file, the file named after its id', () => {
    const dir = join(__dirname, '..', 'src', 'catalog');
    const files = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) =>
        readdirSync(join(dir, d.name))
          .filter((f) => /^[A-Z]\w+\.ts$/.test(f))
          .map((f) => f.replace(/\.ts$/, '')),
      );
    expect(files.sort()).toEqual([...CATALOG.keys()].sort());
  });
});
