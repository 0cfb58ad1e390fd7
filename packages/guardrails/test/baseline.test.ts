import { readdirSync } from 'fs';
import { join } from 'path';
import { CATALOG, HIPAA_BASELINE, contextOf, isIamGuardrail } from '../src';
import { EXAMPLE } from './simulation';

describe('the hipaa baseline', () => {
  test('attaches exactly these guardrails, there (changing it is a reviewed decision)', () => {
    expect(Object.fromEntries(HIPAA_BASELINE.map(([id, where]) => [id, where.join(',')]))).toEqual({
      DenyLeaveOrganization: 'root',
      DenyRootUser: 'root',
      DenyUngovernedRegions: 'root',
      ProtectCloudTrail: 'root',
      ProtectConfig: 'root',
      ProtectGuardDuty: 'root',
      ProtectSecurityHub: 'root',
      ProtectAccessAnalyzer: 'root',
      ProtectKmsKeys: 'root',
      ProtectBackups: 'root',
      ProtectLandfallRoles: 'root',
      DenyS3AccountPublicAccessChanges: 'root',
      RequireEbsEncryption: 'workloads,infrastructure,security,sandbox',
      RequireImdsV2: 'workloads,infrastructure,security,sandbox',
      DenyPublicNetworkEdges: 'workloads,infrastructure,security,sandbox',
      EnforceIdentityPerimeter: 'root',
      EnforceTls: 'root',
      PreventConfusedDeputy: 'root',
      Ec2VpcBlockPublicAccess: 'root',
      Ec2BlockPublicSharing: 'root',
      Ec2SerialConsoleOff: 'root',
      Ec2ImdsV2Defaults: 'root',
      S3OrganizationBlockPublicAccess: 'root',
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
      const exempted = g
        .statements(context)
        .map((s) => JSON.stringify(s.Condition?.ArnNotLike?.['aws:PrincipalArn'] ?? null));
      const expected = {
        'exempt-principals': context.exemptPrincipalArns,
        'network-principals': context.networkPrincipalArns,
        none: null,
      }[g.exemptions];
      expect(new Set(exempted)).toEqual(new Set([JSON.stringify(expected)]));
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
