import { BREAK_GLASS_ROLE_NAME, PERMISSION_SETS } from '@landfall/guardrails';
import { IdentityNames } from '@landfall/identity';
import { PERMISSION_SET_BASES } from '@landfall/model';
import { DeploymentIds, renderAccessDocs } from '../src';
import { APPLIED, ARCHIVE_KEY, build, definition, only, resources } from './fixtures';

const RECORDED = { ...APPLIED, logging: { archiveKeyArn: ARCHIVE_KEY } };
const ACCOUNT_NAMES = Object.fromEntries(Object.entries(APPLIED.accounts).map(([name, id]) => [id, name]));
/** The AWS managed policies that change resources. */
const WRITING_POLICIES = ['AdministratorAccess', 'PowerUserAccess'];

const EXAMPLE = build({ ids: RECORDED, placeholders: false });
const identity = () => only(EXAMPLE.templates, 'management-identity-us-east-1');

/** Each assignment of the identity stack with its permission set's properties and the account's name. */
function assignments() {
  const t = identity().toJSON().Resources as Record<string, any>;
  // One resource per group and set, listing the accounts (IdentityCenterAssignments).
  return Object.values(t)
    .filter((r) => r.Type === 'Custom::LandfallIdentityCenterAssignments')
    .flatMap((a) => {
      const set = t[a.Properties.PermissionSetArn['Fn::GetAtt'][0]].Properties;
      return (a.Properties.Accounts as string[]).map((id) => ({
        account: ACCOUNT_NAMES[id],
        groupId: a.Properties.GroupId,
        set,
      }));
    });
}

describe('permission sets and assignments', () => {
  test("Landfall's templates and the model agree on what each set does", () => {
    for (const [name, base] of Object.entries(PERMISSION_SET_BASES)) {
      const template = PERMISSION_SETS.get(name)!;
      expect([name, template.writes, template.readsData, template.defaultSessionHours]).toEqual([
        name,
        base.writes,
        base.readsData,
        base.sessionHours,
      ]);
    }
  });

  test('no assignment in a production account carries a policy that writes: only read-only sets with the data-plane deny', () => {
    const inProd = assignments().filter((a) => a.account === 'prod');
    expect(inProd.length).toBeGreaterThan(0);
    for (const { set } of inProd) {
      const managed = (set.ManagedPolicies ?? []).map((arn: string) => arn.split(':policy/')[1]);
      expect([set.Name, managed.filter((m: string) => WRITING_POLICIES.includes(m))]).toEqual([set.Name, []]);
      expect(set.CustomerManagedPolicyReferences).toBeUndefined();
      const denies = set.InlinePolicy.Statement.filter((s: any) => s.Effect === 'Deny').flatMap((s: any) =>
        [s.Action].flat(),
      );
      expect(denies).toEqual(expect.arrayContaining(['s3:GetObject', 'kms:Decrypt', 'secretsmanager:GetSecretValue']));
      const allowed = set.InlinePolicy.Statement.filter((s: any) => s.Effect === 'Allow').flatMap((s: any) =>
        [s.Action].flat(),
      );
      expect(allowed.filter((a: string) => !/^[a-z0-9-]+:(Get|List|Describe|Decrypt)/.test(a))).toEqual([]);
    }
    // The developers in particular: full in dev, read-only in prod.
    const developers = assignments().filter((a) => a.groupId === 'a1b2c3d4-0000-4000-8000-00000000de01');
    expect(developers.map((a) => `${a.account}:${a.set.Name}`).sort()).toEqual(['dev:Developer', 'prod:ReadOnly']);
  });

  test('the Auditor reads the log archive only in the accounts that hold it, once their IDs are recorded', () => {
    const [auditor] = resources(identity(), 'AWS::SSO::PermissionSet').filter((p) => p.Properties.Name === 'Auditor');
    const reads = auditor.Properties.InlinePolicy.Statement.filter((s: any) => s.Sid === 'ReadLogArchiveObjects');
    expect(reads[0].Condition).toEqual({
      StringEquals: { 's3:ResourceAccount': [APPLIED.accounts['log-archive'], APPLIED.accounts.backup] },
    });
  });

  test('every session is within the access policy: permission sets at most identity.maxSessionHours, break-glass one hour', () => {
    const max = definition().identity!.maxSessionHours;
    const sets = resources(identity(), 'AWS::SSO::PermissionSet');
    expect(sets.map((s) => s.Properties.Name).sort()).toEqual([
      'Administrator',
      'Auditor',
      'BastionSession',
      'Developer',
      'ReadOnly',
      'SecurityTriage',
    ]);
    for (const s of sets) {
      const hours = Number(/^PT(\d+)H$/.exec(s.Properties.SessionDuration)![1]);
      expect([s.Properties.Name, hours <= max]).toEqual([s.Properties.Name, true]);
    }
    for (const name of Object.keys(APPLIED.accounts).filter((n) => n !== 'management')) {
      const [role] = resources(only(EXAMPLE.templates, `${name}-break-glass-us-east-1`), 'AWS::IAM::Role');
      expect(role.Properties.MaxSessionDuration).toBe(3600);
    }
  });

  test('a shorter access policy shortens every set', () => {
    const short = build({
      ids: RECORDED,
      placeholders: false,
      definition: definition((d) => (d.identity.maxSessionHours = 1)),
    });
    const sets = resources(only(short.templates, 'management-identity-us-east-1'), 'AWS::SSO::PermissionSet');
    expect(new Set(sets.map((s) => s.Properties.SessionDuration))).toEqual(new Set(['PT1H']));
  });

  test('without the Identity Center instance, only break-glass deploys, and synth says what is missing', () => {
    const without = build({
      ids: RECORDED,
      placeholders: false,
      definition: definition((d) => delete d.identity.instanceArn),
    });
    const t = only(without.templates, 'management-identity-us-east-1');
    expect(resources(t, 'AWS::SSO::PermissionSet')).toEqual([]);
    expect(resources(t, 'AWS::IAM::User')).toHaveLength(2);
    expect(without.pending.join('\n')).toContain('set identity.instanceArn');
  });

  test('the bastion groups reach the session role through their permission set, in the shared-services account only', () => {
    const bastion = assignments().filter((a) => a.set.Name === 'BastionSession');
    expect(bastion.map((a) => a.account)).toEqual(['shared-services']);
    expect(bastion[0].set.InlinePolicy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: `arn:aws:iam::${APPLIED.accounts['shared-services']}:role/landfall-session-admin`,
      }),
    ]);
    const [role] = resources(only(EXAMPLE.templates, 'shared-services-access-us-east-1'), 'AWS::IAM::Role').filter(
      (r) => r.Properties.RoleName === 'landfall-session-admin',
    );
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('AWSReservedSSO_BastionSession_*');
  });
});

describe('break-glass', () => {
  test('every member account has the role; the guardrails, the constructs and the alert agree on its name', () => {
    expect(IdentityNames.BREAK_GLASS_ROLE).toBe(BREAK_GLASS_ROLE_NAME);
    const members = Object.keys(APPLIED.accounts).filter((n) => n !== 'management');
    for (const name of members) {
      const [role] = resources(only(EXAMPLE.templates, `${name}-break-glass-us-east-1`), 'AWS::IAM::Role');
      expect(role.Properties.RoleName).toBe(BREAK_GLASS_ROLE_NAME);
      // Assumed through a governed region's STS: where the event reaches the forwarding rule below.
      expect(
        role.Properties.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals['aws:RequestedRegion'],
      ).toEqual(definition().regions);
    }
    expect([...EXAMPLE.templates.keys()].filter((n) => n.startsWith('management-break-glass'))).toEqual([]);
  });

  test("every use is alerted: each account forwards the assumption from every governed region, and the audit account's rule publishes it", () => {
    const suffix = `:role/${BREAK_GLASS_ROLE_NAME}`;
    const expected = expect.objectContaining({
      source: ['aws.sts'],
      detail: {
        eventName: ['AssumeRole'],
        requestParameters: { roleArn: [{ suffix: { 'equals-ignore-case': suffix } }] },
      },
    });
    const forwarding = [...EXAMPLE.templates.entries()].filter(([n]) => /-logging-/.test(n));
    const covered = new Set<string>();
    for (const [name, t] of forwarding) {
      const rules = resources(t, 'AWS::Events::Rule').filter(
        (r) => r.Properties.Name === 'landfall-security-alert-forwarding',
      );
      for (const r of rules) {
        expect(r.Properties.EventPattern.$or).toContainEqual(expected);
        covered.add(name);
      }
    }
    const members = Object.keys(APPLIED.accounts).filter((n) => n !== 'management');
    for (const account of members.filter((m) => m !== 'audit')) {
      for (const region of definition().regions) expect(covered).toContain(`${account}-logging-${region}`);
    }
    const alert = [...EXAMPLE.templates.values()]
      .flatMap((t) => resources(t, 'AWS::Events::Rule'))
      .filter((r) => r.Properties.Name === 'landfall-alert-break-glass-use');
    expect(alert.length).toBeGreaterThan(0);
    for (const r of alert) expect(r.Properties.EventPattern).toEqual(expected);
  });

  test('the break-glass users can do nothing without MFA, and with it only assume the role', () => {
    const policy = resources(identity(), 'AWS::IAM::ManagedPolicy').find(
      (p) => p.Properties.Path === '/landfall/break-glass/',
    );
    const statements = policy.Properties.PolicyDocument.Statement;
    expect(statements.find((s: any) => s.Sid === 'NothingElseWithoutMfa').Effect).toBe('Deny');
    expect(statements.find((s: any) => s.Sid === 'BreakTheGlassWithMfa').Condition.StringEquals).toEqual({
      'aws:ResourceOrgID': APPLIED.organizationId,
    });
  });
});

describe('the access report', () => {
  test('shows the group × account matrix and who can touch production', () => {
    const docs = renderAccessDocs(definition());
    expect(docs).toContain(
      '| group | management | log-archive | audit | backup | shared-services | prod (prod) | dev |',
    );
    expect(docs).toMatch(
      /\| developers \| — \| — \| — \| — \| — \| ReadOnly \(reads configuration\) \| Developer \(changes, reads data\) \|/,
    );
    expect(docs).toContain('No group can change production through IAM Identity Center');
    expect(docs).toContain('— none of it in production');
  });

  test('changes when the definition changes', () => {
    const before = renderAccessDocs(definition());
    const after = renderAccessDocs(
      definition((d) => {
        d.identity.groups.push({
          name: 'data-engineers',
          groupId: 'a1b2c3d4-0000-4000-8000-00000000da7a',
          assignments: [{ permissionSet: 'Developer', environments: ['dev'] }],
        });
      }),
    );
    expect(after).not.toEqual(before);
    expect(after).toMatch(/\| data-engineers \| — \| — \| — \| — \| — \| — \| Developer \(changes, reads data\) \|/);
  });

  test('without an identity section it says so instead of a matrix', () => {
    const without = definition((d) => {
      delete d.identity;
      d.access.bastion.groups = [];
      d.access.vpn.groups = [{ name: 'admins', groupId: 'a1b2c3d4-0000-4000-8000-00000000ad01' }];
    });
    expect(renderAccessDocs(without)).toContain('The definition has no `identity` section');
  });
});

describe('many accounts', () => {
  const withAccounts = (n: number, name = (i: number) => `dev-${i}`) =>
    definition((d) => {
      d.regions = ['us-east-1'];
      delete d.backup.copyRegion;
      delete d.network.availabilityZones['us-west-2'];
      d.organization.ous[2].ous[1].accounts = Array.from({ length: n }, (_, i) => ({
        name: name(i),
        email: `aws-dev-${i}@example.com`,
        role: 'workload',
        environment: 'dev',
      }));
    });
  /** The identity stack's size, and each group's set (by logical ID) with the accounts it is assigned in. */
  const assignmentsOf = (def: ReturnType<typeof definition>, ids?: DeploymentIds) => {
    const { templates } = build({ definition: def, ...(ids ? { ids } : {}) });
    expect([...templates.keys()].filter((n) => n.startsWith('management-identity'))).toEqual([
      'management-identity-us-east-1',
    ]);
    const t = templates.get('management-identity-us-east-1')!;
    const all = t.toJSON().Resources as Record<string, any>;
    const byResource = new Map<string, string[]>();
    for (const [id, r] of Object.entries(all)) {
      if (r.Type === 'Custom::LandfallIdentityCenterAssignments') byResource.set(id, r.Properties.Accounts);
    }
    return { size: Object.keys(all).length, byResource };
  };

  test('at most 16 resources per group and set, whatever the number of accounts: the identity stack stops growing', () => {
    const small = assignmentsOf(withAccounts(150));
    const large = assignmentsOf(withAccounts(250));
    expect(large.size).toBe(small.size);
    expect(small.size).toBeLessThan(250);
    // The same resources (so CloudFormation updates each, never replaces one), each keeping its accounts.
    expect([...large.byResource.keys()]).toEqual([...small.byResource.keys()]);
    for (const [id, accounts] of small.byResource) {
      expect(large.byResource.get(id)).toEqual(expect.arrayContaining(accounts));
    }
    const listed = (r: typeof large) => [...r.byResource.values()].flat().length;
    // The dev accounts' grants for 100 more accounts, and the example's other grants unchanged.
    expect(listed(large) - listed(small)).toBeGreaterThanOrEqual(100);
  });

  test('an account renamed after `landfall apply` keeps its assignments: they name it by ID', () => {
    const renamed = (i: number) => (i < 20 ? `renamed-${i}` : `dev-${i}`);
    const { dev: _dev, ...others } = APPLIED.accounts;
    const ids = (name: (i: number) => string) => ({
      ...APPLIED,
      accounts: {
        ...others,
        ...Object.fromEntries(Array.from({ length: 160 }, (_, i) => [name(i), String(100_000_000_000 + i)])),
      },
    });
    const before = assignmentsOf(
      withAccounts(160),
      ids((i) => `dev-${i}`),
    );
    // What apply records for a rename (packages/organization): the account under its new name, its old as prefix.
    const after = assignmentsOf(withAccounts(160, renamed), {
      ...ids(renamed),
      stackPrefixes: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [renamed(i), `dev-${i}`])),
    });
    expect(after.byResource).toEqual(before.byResource);
  });
});
