import { mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CheckReport, synthesizeLandingZone } from '../src';
import { build, definition } from './fixtures';

/** The Prod OU with `count` workload accounts and no public entry (so its baselines are StackSets), /24 VPCs. */
function organizationOf(count: number, prodPool?: string) {
  return definition((d) => {
    const prod = d.organization.ous.find((o: any) => o.name === 'Workloads').ous.find((o: any) => o.name === 'Prod');
    prod.accounts = Array.from({ length: count }, (_, i) => ({
      name: `prod-${i}`,
      email: `aws-prod-${i}@example.com`,
      role: 'workload',
      environment: 'prod',
    }));
    d.network.environments.prod.vpcNetmask = 24;
    if (prodPool) d.network.environments.prod.ipamPoolCidr = prodPool;
  });
}

// The CDK's CloudFormation schema validation stays on here (fixtures.ts turns it off): findings only a thousand
// accounts cause (list sizes, template sizes) must show up.
process.env.CDK_VALIDATION = 'true';

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

  test("the stacks that wire, grant and watch every account stay about the example's size", () => {
    // The hub's route domains and Macie's enrolments: one resource per environment, or region, listing the accounts;
    // Identity Center's assignments: at most 16 per group and permission set. Not one per account.
    const { templates } = build();
    const sizes = (of: (name: string) => any) =>
      Object.fromEntries(
        ['shared-services-hub-spokes-us-east-1-1', 'audit-security-us-west-2'].map((n) => [
          n,
          Object.keys(of(n).Resources).length,
        ]),
      );
    expect(sizes(template)).toEqual(sizes((n) => templates.get(n)!.toJSON()));
    const identity = Object.values<any>(template('management-identity-us-east-1').Resources);
    expect(identity.length).toBeLessThan(250);
    const shares = new Map<string, number>();
    for (const r of identity.filter((x) => x.Type === 'Custom::LandfallIdentityCenterAssignments')) {
      const key = `${JSON.stringify(r.Properties.PermissionSetArn)}|${r.Properties.GroupId}`;
      shares.set(key, (shares.get(key) ?? 0) + 1);
    }
    expect(Math.max(...shares.values())).toBeLessThanOrEqual(16);
    expect(readdirSync(outdir).filter((f) => /identity-assignments|macie-members/.test(f))).toEqual([]);
  });

  test('Macie enrols every account but the audit account itself, once per region, in one resource', () => {
    for (const region of ['us-east-1', 'us-west-2']) {
      const members = Object.values<any>(template(`audit-security-${region}`).Resources).filter(
        (r) => r.Type === 'Custom::LandfallMacieMembers',
      );
      expect(members).toHaveLength(1);
      const emails = members[0].Properties.Members.map((m: { Email: string }) => m.Email);
      expect(new Set(emails).size).toBe(1000 + 5);
      expect(emails).not.toContain('aws-audit@example.com');
      expect(emails).toContain('aws-prod-999@example.com');
    }
  });

  test('the hub places every prod account in the prod route domain, and no other environment lists one', () => {
    const domains = Object.values<any>(template('shared-services-hub-spokes-us-east-1-1').Resources).filter(
      (r) => r.Type === 'Custom::LandfallRouteDomain',
    );
    const listed = domains.map((d) => (d.Properties.Attachments as Array<{ Id: string }>).map((a) => a.Id));
    const prod = listed.filter((a) => a.some((id) => id.includes('prod-')));
    expect(prod).toHaveLength(1);
    expect(prod[0].filter((id) => id.includes('prod-'))).toHaveLength(1000);
    expect(listed.flat().filter((id) => id.includes('dev'))).toHaveLength(1);
  });
});

describe('lists longer than one resource of the reconcilers carries', () => {
  const outdir = () => join(mkdtempSync(join(tmpdir(), 'landfall-limits-')), 'cdk.out');

  test('an environment with more than 2,000 VPCs in a region is refused before any stack is built, naming the environment and the fix', () => {
    expect(() =>
      synthesizeLandingZone({ definition: organizationOf(2001), placeholders: true, outdir: outdir() }),
    ).toThrow(
      /network\.environments\.prod: 2001 workload accounts, each with a VPC in us-east-1: more than the 2000 one route domain[\s\S]*move some of them to another environment/,
    );
  });

  test('a group given one permission set in more than 5,000 accounts is refused before any stack is built, naming the assignment', () => {
    const dir = outdir();
    let message = '';
    try {
      synthesizeLandingZone({ definition: organizationOf(5001, '10.64.0.0/10'), placeholders: true, outdir: dir });
    } catch (e) {
      message = (e as Error).message;
    }
    // platform-admins: ReadOnly in every prod account; auditors: Auditor in every account under Root.
    expect(message).toMatch(/identity\.groups\[0\]\.assignments\[2\].*ReadOnly in 5001 accounts/);
    expect(message).toMatch(/identity\.groups\[2\]\.assignments\[0\].*Auditor in 50\d\d accounts/);
    expect(message).toMatch(/another group/);
    expect(message).not.toMatch(/Developer/);
  });
});
