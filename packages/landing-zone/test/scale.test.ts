import { mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CheckReport, MACIE_MEMBERS_IN_SECURITY_STACK, synthesizeLandingZone } from '../src';
import { build, definition } from './fixtures';
import { assignmentBucket } from '../src/identity-baseline';

/** The Prod OU with `count` workload accounts and no public entry (so its baselines are StackSets), /24 VPCs. */
function organizationOf(count: number) {
  return definition((d) => {
    const prod = d.organization.ous.find((o: any) => o.name === 'Workloads').ous.find((o: any) => o.name === 'Prod');
    prod.accounts = Array.from({ length: count }, (_, i) => ({
      name: `prod-${i}`,
      email: `aws-prod-${i}@example.com`,
      role: 'workload',
      environment: 'prod',
    }));
    d.network.environments.prod.vpcNetmask = 24;
  });
}

describe('an organization of 1,000 workload accounts', () => {
  let report: CheckReport;
  let outdir: string;
  const template = (name: string) => JSON.parse(readFileSync(join(outdir, `${name}.template.json`), 'utf8'));
  beforeAll(() => {
    outdir = join(mkdtempSync(join(tmpdir(), 'landfall-scale-')), 'cdk.out');
    report = synthesizeLandingZone({ definition: organizationOf(1000), placeholders: true, outdir });
  });

  test('synthesizes within every template quota and passes every check; its baselines are the OU StackSets', () => {
    expect(report.findings.filter((f) => !f.onPlaceholder)).toEqual([]);
    expect(report.ok).toBe(true);
    const names = readdirSync(outdir).filter((f) => f.endsWith('.template.json'));
    expect(names.filter((n) => n.startsWith('prod-'))).toEqual([]);
    expect(names.filter((n) => n.startsWith('ou-workloads-prod-'))).toHaveLength(11);
  });

  test('Macie enrolments move out of the security stack into stacks of their own, each account once per region', () => {
    for (const region of ['us-east-1', 'us-west-2']) {
      const security = JSON.stringify(template(`audit-security-${region}`));
      expect(security).not.toContain('createMember');
      const enrolled = new Map<string, string>();
      for (const file of readdirSync(outdir).filter(
        (f) => f.startsWith(`audit-macie-members-${region}-`) && f.endsWith('.template.json'),
      )) {
        const stack = file.replace('.template.json', '');
        const t = template(stack);
        expect(Object.keys(t.Resources).length).toBeLessThanOrEqual(500);
        for (const r of Object.values<any>(t.Resources)) {
          if (r.Type !== 'Custom::AWS') continue;
          const email = /aws-([\w-]+)@example\.com/.exec(JSON.stringify(r.Properties.Create))?.[1];
          expect(email).toBeDefined();
          expect(enrolled.has(email!)).toBe(false);
          enrolled.set(email!, stack);
        }
      }
      // Every account but the audit account itself, in the stack its name hashes to (stable as accounts come and go).
      expect(enrolled.size).toBe(1000 + 5);
      expect(enrolled.has('audit')).toBe(false);
      expect(enrolled.get('prod-7')).toBe(
        `audit-macie-members-${region}-${String(assignmentBucket('prod-7')).padStart(2, '0')}`,
      );
    }
  });

  test(`up to ${MACIE_MEMBERS_IN_SECURITY_STACK} enrolments stay in the security stack (the example's)`, () => {
    const { templates } = build();
    expect([...templates.keys()].filter((n) => n.startsWith('audit-macie-members-'))).toEqual([]);
    const enrolments = Object.values<any>(
      templates.get('audit-security-us-east-1')!.findResources('Custom::AWS'),
    ).filter((r) => JSON.stringify(r.Properties.Create).includes('createMember'));
    expect(enrolments).toHaveLength(6);
  });
});
