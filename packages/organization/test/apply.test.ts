import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { compileGuardrails } from '@landfall/guardrails';
import { validateOrThrow } from '@landfall/model';
import {
  DestroyRefused,
  ManagementAccountMismatch,
  Interrupted,
  LeaseHeldError,
  acquireLease,
  describeStep,
  desiredOrganization,
  explainError,
  policyName,
  retryingSend,
} from '../src';
import { COMPILATION, DESIRED, EXAMPLE, FAST, Harness, harness, layout } from './harness';

let h: Harness;
afterEach(async () => h?.stop());

const expectedAccounts = {
  management: 'Root',
  'log-archive': 'Root/Security',
  audit: 'Root/Security',
  backup: 'Root/Security',
  'shared-services': 'Root/Infrastructure',
  prod: 'Root/Workloads/Prod',
  dev: 'Root/Workloads/Dev',
};
const expectedPolicies = Object.fromEntries(
  COMPILATION.policies.map((p) => [policyName(p.file), [...p.targets].sort()]),
);

async function expectConverged() {
  const now = await layout(h);
  expect(now.accounts).toEqual(expectedAccounts);
  expect(now.accountCount).toBe(7);
  expect(now.ous).toEqual([
    'Root',
    'Root/Infrastructure',
    'Root/Sandbox',
    'Root/Security',
    'Root/Workloads',
    'Root/Workloads/Dev',
    'Root/Workloads/Prod',
  ]);
  expect(now.policies).toEqual(expectedPolicies);
  expect((await h.plan()).steps).toEqual([]);
}

describe('apply on the example', () => {
  test('plans every step type from an empty account', async () => {
    h = await harness();
    const counts: Record<string, number> = {};
    for (const step of (await h.plan()).steps) counts[step.kind] = (counts[step.kind] ?? 0) + 1;
    expect(counts).toEqual({
      'create-organization': 1,
      'enable-policy-type': 5,
      'create-ou': 6,
      'create-account': 6,
      'create-policy': 10,
      'attach-policy': 14,
      'enable-trusted-access': 11,
      'register-delegated-admin': 5,
      'enable-service-admin': 6,
    });
  });

  test('creates the whole layout and attaches every policy of the manifest; a second plan has no changes', async () => {
    h = await harness();
    await h.apply();
    await expectConverged();
    const now = await layout(h);
    expect(now.policyTypes).toEqual([
      'BACKUP_POLICY',
      'DECLARATIVE_POLICY_EC2',
      'RESOURCE_CONTROL_POLICY',
      'S3_POLICY',
      'SERVICE_CONTROL_POLICY',
    ]);
    // Five registered with Organizations, three by GuardDuty, Security Hub and Macie when they designated audit.
    expect(now.delegatedAdmins).toBe(8);
  });

  test('records account and OU IDs in the lock file', async () => {
    h = await harness();
    const lockFile = join(mkdtempSync(join(tmpdir(), 'landfall-lock-')), 'accounts.lock.json');
    await h.apply({ lockFile });
    const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(Object.keys(lock.accounts).sort()).toEqual([
      'audit',
      'backup',
      'dev',
      'log-archive',
      'management',
      'prod',
      'shared-services',
    ]);
    expect(lock.accounts.management).toMatch(/^\d{12}$/);
    expect(lock.ous['Root/Workloads/Prod']).toMatch(/^ou-/);
    expect(lock.ous.Root).toMatch(/^r-/);
    expect(lock.organizationId).toMatch(/^o-/);
  });

  test('keeps the IDs recorded between deployment phases (network, logging) when it rewrites the lock file', async () => {
    h = await harness();
    const lockFile = join(mkdtempSync(join(tmpdir(), 'landfall-lock-')), 'accounts.lock.json');
    const network = {
      transitGatewayId: 'tgw-0123456789abcdef0',
      attachments: { prod: 'tgw-attach-00000000000000001' },
    };
    const logging = { archiveKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/00000000-0000-0000-0000-000000000000' };
    writeFileSync(lockFile, JSON.stringify({ accounts: {}, ous: {}, network, logging }));
    await h.apply({ lockFile });
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ network, logging });
  });

  test('converges with 30% of requests throttled and 10% failing with server errors', async () => {
    h = await harness({ faults: { throttleRate: 0.3, errorRate: 0.1, seed: 20261202 } });
    await h.apply();
    expect(h.emulator.statistics.throttled).toBeGreaterThan(10);
    expect(h.emulator.statistics.failed).toBeGreaterThan(3);
    await expectConverged();
  });

  test('adopts an existing account by email instead of creating another, and moves it into its OU', async () => {
    h = await harness();
    h.emulator.organization.call('CreateOrganization', { FeatureSet: 'ALL' });
    h.emulator.organization.call('CreateAccount', { Email: 'aws-prod@example.com', AccountName: 'prod' });
    await new Promise((r) => setTimeout(r, 30));
    await h.apply();
    await expectConverged();
  });

  test('reports an account of the same name but another email as a conflict', async () => {
    h = await harness();
    h.emulator.organization.call('CreateOrganization', { FeatureSet: 'ALL' });
    h.emulator.organization.call('CreateAccount', { Email: 'someone-else@example.com', AccountName: 'prod' });
    await new Promise((r) => setTimeout(r, 30));
    const plan = await h.plan();
    expect(plan.conflicts).toEqual([
      expect.stringContaining(
        'account prod: the organization has an account of that name with email someone-else@example.com',
      ),
    ]);
    expect(plan.unmanaged).toEqual([expect.stringMatching(/^account prod \(\d{12}\)$/)]);
  });
});

describe('restart', () => {
  // Every boundary: stop after k steps (as if killed there), then apply again from the live state.
  const total = 64;
  test('plans the number of steps this test walks through', async () => {
    h = await harness();
    expect((await h.plan()).steps).toHaveLength(total);
  });

  test.each(Array.from({ length: total }, (_, k) => [k + 1]))(
    'converges when stopped after step %i and run again',
    async (k) => {
      h = await harness();
      await expect(h.apply({ stopAfterSteps: k })).rejects.toBeInstanceOf(Interrupted);
      await h.apply();
      await expectConverged();
    },
  );

  test('finishes account creations a killed run left in flight, without creating them again', async () => {
    h = await harness({ createAccountMs: 300 });
    // What a run killed just after its CreateAccount calls leaves behind.
    h.emulator.organization.call('CreateOrganization', { FeatureSet: 'ALL' });
    h.emulator.organization.call('CreateAccount', { Email: 'aws-prod@example.com', AccountName: 'prod' });
    h.emulator.organization.call('CreateAccount', { Email: 'aws-dev@example.com', AccountName: 'dev' });
    const plan = await h.plan();
    expect(
      plan.steps
        .filter((s) => s.kind === 'await-account')
        .map((s) => (s as { name: string }).name)
        .sort(),
    ).toEqual(['dev', 'prod']);
    await h.apply();
    await expectConverged();
    expect(h.emulator.organization.snapshot().createRequests).toHaveLength(6);
    expect(h.emulator.statistics.calls.CreateAccount).toBe(4);
  });
});

const RETIRED = '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}';

describe('answers that mean "already done"', () => {
  test.each([
    ['AlreadyInOrganizationException', (e: any) => e.call('CreateOrganization', { FeatureSet: 'ALL' })],
    [
      'PolicyTypeAlreadyEnabledException and DuplicateOrganizationalUnitException',
      (e: any) => {
        e.call('CreateOrganization', { FeatureSet: 'ALL' });
        const root = e.call('ListRoots', {}).Roots[0].Id;
        e.call('EnablePolicyType', { RootId: root, PolicyType: 'SERVICE_CONTROL_POLICY' });
        e.call('CreateOrganizationalUnit', { ParentId: root, Name: 'Security' });
      },
    ],
    [
      'DuplicatePolicyException',
      (e: any) => {
        e.call('CreateOrganization', { FeatureSet: 'ALL' });
        e.call('CreatePolicy', { Name: 'landfall-root-s3', Type: 'S3_POLICY', Content: '{}', Description: 'stale' });
      },
    ],
  ])('%s: a step racing another client still succeeds', async (_name, raceAfterPlan) => {
    h = await harness();
    const { planChanges, applyPlan } = await import('../src');
    const plan = planChanges(DESIRED, await h.read());
    raceAfterPlan(h.emulator.organization);
    await applyPlan(plan, h.client, FAST);
    await h.apply();
    await expectConverged();
  });

  test('DuplicatePolicyException, DuplicatePolicyAttachmentException, AccountAlreadyRegisteredException, an administrator already designated: the same plan applied twice succeeds twice', async () => {
    h = await harness();
    const { applyPlan } = await import('../src');
    const plan = await h.plan();
    await applyPlan(plan, h.client, FAST);
    await applyPlan(plan, h.client, FAST);
    await expectConverged();
    expect(h.emulator.statistics.calls.CreateAccount).toBe(6);
  });

  test('DuplicateAccountException: moving an account another client already moved', async () => {
    h = await harness();
    await h.apply();
    const org = h.emulator.organization as any;
    const root = org.call('ListRoots', {}).Roots[0].Id;
    const prod = org.call('ListAccounts', {}).Accounts.find((a: any) => a.Name === 'prod').Id;
    const prodOu = org.call('ListParents', { ChildId: prod }).Parents[0].Id;
    org.call('MoveAccount', { AccountId: prod, SourceParentId: prodOu, DestinationParentId: root });
    const { applyPlan } = await import('../src');
    const plan = await h.plan();
    org.call('MoveAccount', { AccountId: prod, SourceParentId: root, DestinationParentId: prodOu });
    await applyPlan(plan, h.client, FAST);
    await expectConverged();
  });

  test('PolicyNotAttachedException: a policy Landfall no longer generates is detached, and detaching it again is done', async () => {
    h = await harness();
    await h.apply();
    const org = h.emulator.organization as any;
    const root = org.call('ListRoots', {}).Roots[0].Id;
    const old = org.call('CreatePolicy', {
      Name: 'landfall-retired',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: RETIRED,
      Description: '',
    }).Policy.PolicySummary.Id;
    org.call('AttachPolicy', { PolicyId: old, TargetId: root });
    const plan = await h.plan();
    expect(plan.steps).toEqual([
      expect.objectContaining({ kind: 'detach-policy', name: 'landfall-retired', target: 'Root' }),
      { kind: 'delete-policy', name: 'landfall-retired', policyType: 'SERVICE_CONTROL_POLICY' },
    ]);
    const { applyPlan } = await import('../src');
    // The same plan twice, as a run that stopped after its calls arrived and ran again: detached and deleted once.
    await applyPlan(plan, h.client, { ...FAST, allowDestroy: ['landfall-retired'] });
    await applyPlan(plan, h.client, { ...FAST, allowDestroy: ['landfall-retired'] });
    expect((await layout(h)).policies['landfall-retired']).toBeUndefined();
  });

  test('MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED: the last SCP of a target stays attached, and the run says so', async () => {
    h = await harness();
    await h.apply();
    const org = h.emulator.organization as any;
    const root = org.call('ListRoots', {}).Roots[0].Id;
    // An OU outside the definition whose only SCP is a policy Landfall no longer generates.
    const extra = org.call('CreateOrganizationalUnit', { ParentId: root, Name: 'Extra' }).OrganizationalUnit.Id;
    const old = org.call('CreatePolicy', {
      Name: 'landfall-retired',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: RETIRED,
      Description: '',
    }).Policy.PolicySummary.Id;
    org.call('AttachPolicy', { PolicyId: old, TargetId: extra });
    org.call('DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: extra });
    const notes: string[] = [];
    await h.apply({
      allowDestroy: ['landfall-retired'],
      onEvent: (e) => {
        if (e.type === 'note') notes.push(e.message);
      },
    });
    expect((await layout(h)).policies['landfall-retired']).toEqual(['Root/Extra']);
    expect(notes).toEqual([
      "left landfall-retired attached to Root/Extra: it is the target's last SERVICE_CONTROL_POLICY",
      'kept landfall-retired: it is still attached where AWS keeps it as the last policy of its type (see above)',
    ]);
  });
});

describe('the backup policy', () => {
  test('is created as BACKUP_POLICY on the workload OUs; once the backup account exists, its central copy is added by an update', async () => {
    h = await harness();
    await h.apply();
    const before = await layout(h);
    expect(before.policies['landfall-root-workloads-backup']).toEqual(['Root/Workloads']);
    const live = await h.read();
    const stored = live.policies.get('landfall-root-workloads-backup')!;
    expect(stored.type).toBe('BACKUP_POLICY');
    expect(stored.content).not.toContain('landfall-central');
    // What `landfall apply` compiles once the live organization has the backup account.
    const ids = Object.fromEntries(live.accounts.map((a) => [a.name, a.id]));
    const withIds = compileGuardrails(EXAMPLE, undefined, ids);
    if (!withIds.ok) throw new Error('does not compile');
    expect(withIds.compilation.pending).toEqual([]);
    const desired = desiredOrganization(EXAMPLE, withIds.compilation.policies);
    // The backup policy gains its central copy; the SCPs that let AWS Backup share with that account change with it,
    // in place: the same policies, updated (none created, attached or detached).
    const steps = (await h.plan(desired)).steps;
    const update = steps.find((s) => s.kind === 'update-policy' && s.name === 'landfall-root-workloads-backup');
    expect(update).toMatchObject({ kind: 'update-policy', policyType: 'BACKUP_POLICY' });
    // The plan says what changes in the policy, line by line: the copy to the central vault, added.
    const added = (update as Extract<typeof update, { kind: 'update-policy' }>)!.diff.content.filter((l) =>
      l.startsWith('+'),
    );
    expect(added.join('\n')).toContain(`arn:aws:backup:us-east-1:${ids.backup}:backup-vault:landfall-central`);
    expect(new Set(steps.map((s) => s.kind))).toEqual(new Set(['update-policy']));
    await h.apply({}, desired);
    const after = (await h.read()).policies.get('landfall-root-workloads-backup')!;
    expect(after.content).toContain(`arn:aws:backup:us-east-1:${ids.backup}:backup-vault:landfall-central`);
    expect((await h.plan(desired)).steps).toEqual([]);
  });
});

describe('drift', () => {
  test('a guardrail policy edited outside Landfall is planned as update-policy and restored', async () => {
    h = await harness();
    await h.apply();
    const org = h.emulator.organization as any;
    const id = org
      .call('ListPolicies', { Filter: 'SERVICE_CONTROL_POLICY' })
      .Policies.find((p: any) => p.Name === 'landfall-root-scp-1').Id;
    org.call('UpdatePolicy', {
      PolicyId: id,
      Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    });
    const steps = (await h.plan()).steps;
    expect(steps).toEqual([
      {
        kind: 'update-policy',
        name: 'landfall-root-scp-1',
        policyType: 'SERVICE_CONTROL_POLICY',
        diff: { content: expect.any(Array) },
      },
    ]);
    // The diff reads as what was done to the policy: the Allow-everything statement is what Landfall takes out,
    // and its own statements are what it puts back, each line of the policy's JSON on a line of its own.
    const diff = (steps[0] as Extract<(typeof steps)[0], { kind: 'update-policy' }>).diff.content;
    expect(diff[0]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);
    expect(diff).toContain('-      "Effect": "Allow",');
    expect(diff).toContain('-      "Action": "*",');
    expect(diff).toContain('+      "Effect": "Deny",');
    expect(diff.filter((l) => !/^[-+ @]/.test(l))).toEqual([]);
    await h.apply();
    expect(org.call('DescribePolicy', { PolicyId: id }).Policy.Content).toBe(
      COMPILATION.policies.find((p) => p.file === 'root.scp.1.json')!.content,
    );
    await expectConverged();
  });
});

describe('destruction is explicit', () => {
  /** The example with `dev` gone and its OU Root/Workloads/Dev with it. */
  function withoutDev() {
    const def = JSON.parse(JSON.stringify(EXAMPLE));
    def.organization.ous[2].ous = def.organization.ous[2].ous.filter((o: { name: string }) => o.name !== 'Dev');
    const lz = validateOrThrow(def);
    const compiled = compileGuardrails(lz);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    return desiredOrganization(lz, compiled.compilation.policies);
  }

  test('an account, its OU and a policy gone from the definition: planned, refused unless named, then closed and deleted', async () => {
    h = await harness({ closeAccountMs: 10 });
    const lockFile = join(mkdtempSync(join(tmpdir(), 'landfall-destroy-')), 'accounts.lock.json');
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    // A Landfall policy that the guardrails no longer generate (as when they pack into fewer policies).
    const org = h.emulator.organization as any;
    const stale = org.call('CreatePolicy', {
      Name: 'landfall-root-scp-9',
      Description: 'Landfall guardrails: an older packing',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteBucket","Resource":"*"}]}',
    }).Policy.PolicySummary.Id;
    org.call('AttachPolicy', { PolicyId: stale, TargetId: recorded.ous['Root/Security'] });

    const desired = withoutDev();
    const plan = await h.plan(desired, recorded);
    const destructive = plan.steps.filter((s) => ['close-account', 'delete-ou', 'delete-policy'].includes(s.kind));
    expect(destructive).toEqual([
      { kind: 'delete-policy', name: 'landfall-root-scp-9', policyType: 'SERVICE_CONTROL_POLICY' },
      { kind: 'close-account', name: 'dev', accountId: recorded.accounts.dev, email: 'aws-dev@example.com' },
    ]);
    // The OU holds the account being closed, which stays there for AWS's 90 days: kept, and said.
    expect(plan.unmanaged).toContainEqual(
      expect.stringContaining(
        'OU Root/Workloads/Dev, no longer in the definition: kept until its closed accounts (dev)',
      ),
    );
    expect(plan.steps).toContainEqual(
      expect.objectContaining({ kind: 'detach-policy', name: 'landfall-root-scp-9', target: 'Root/Security' }),
    );

    // Without --allow-destroy, or naming only part of it: nothing at all is applied.
    const before = h.emulator.organization.snapshot();
    await expect(h.apply({ lockFile }, desired, recorded)).rejects.toThrow(DestroyRefused);
    await expect(h.apply({ lockFile, allowDestroy: ['dev'] }, desired, recorded)).rejects.toThrow(
      'the plan destroys landfall-root-scp-9, which it was not allowed to: nothing was applied',
    );
    expect(h.emulator.organization.snapshot()).toEqual(before);

    await h.apply({ lockFile, allowDestroy: ['dev', 'landfall-root-scp-9'] }, desired, recorded);
    const after = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(after.accounts.dev).toBeUndefined();
    expect(org.call('DescribeAccount', { AccountId: recorded.accounts.dev }).Account.Status).toMatch(
      /^(PENDING_CLOSURE|SUSPENDED)$/,
    );
    expect(() => org.call('DescribePolicy', { PolicyId: stale })).toThrow();
    // Converged: the closed account is listed as closed, nothing is planned again.
    const again = await h.plan(desired, after);
    expect(again.steps).toEqual([]);
    expect(again.unmanaged).toContainEqual(expect.stringContaining(`account dev (${recorded.accounts.dev}): closed`));
  });

  test('an OU gone from the definition whose account moves elsewhere is deleted once empty; an OU never recorded is left alone', async () => {
    h = await harness();
    const lockFile = join(mkdtempSync(join(tmpdir(), 'landfall-destroy-')), 'accounts.lock.json');
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    const org = h.emulator.organization as any;
    org.call('CreateOrganizationalUnit', { ParentId: recorded.ous.Root, Name: 'Hand-made' });
    // dev joins Prod's OU (an environment is the account's, not the OU's); Root/Workloads/Dev is gone.
    const def = JSON.parse(JSON.stringify(EXAMPLE));
    const dev = def.organization.ous[2].ous.find((o: { name: string }) => o.name === 'Dev').accounts[0];
    def.organization.ous[2].ous = def.organization.ous[2].ous.filter((o: { name: string }) => o.name !== 'Dev');
    def.organization.ous[2].ous[0].accounts.push(dev);
    const lz = validateOrThrow(def);
    const compiled = compileGuardrails(lz);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    const desired = desiredOrganization(lz, compiled.compilation.policies);
    const plan = await h.plan(desired, recorded);
    expect(plan.steps).toContainEqual({
      kind: 'move-account',
      name: 'dev',
      fromPath: 'Root/Workloads/Dev',
      toPath: 'Root/Workloads/Prod',
    });
    expect(plan.steps).toContainEqual({
      kind: 'delete-ou',
      path: 'Root/Workloads/Dev',
      ouId: recorded.ous['Root/Workloads/Dev'],
    });
    expect(plan.unmanaged).toContain('OU Root/Hand-made');
    await h.apply({ lockFile, allowDestroy: ['Root/Workloads/Dev'] }, desired, recorded);
    const after = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(after.ous['Root/Workloads/Dev']).toBeUndefined();
    expect((await layout(h)).ous).not.toContain('Root/Workloads/Dev');
    expect((await layout(h)).accounts.dev).toBe('Root/Workloads/Prod');
    expect((await h.plan(desired, after)).steps).toEqual([]);
  });
});

describe("what a lock file says is Landfall's", () => {
  test("a lock file from before version 2 recorded every OU: none of its OUs is planned for deletion, and apply rewrites it with the definition's", async () => {
    h = await harness();
    const lockFile = join(mkdtempSync(join(tmpdir(), 'landfall-lock-')), 'accounts.lock.json');
    await h.apply({ lockFile });
    const org = h.emulator.organization as any;
    const root = JSON.parse(readFileSync(lockFile, 'utf8')).ous.Root;
    const handMade = org.call('CreateOrganizationalUnit', { ParentId: root, Name: 'Hand-made' }).OrganizationalUnit.Id;
    const old = JSON.parse(readFileSync(lockFile, 'utf8'));
    delete old.version;
    old.ous['Root/Hand-made'] = handMade;
    writeFileSync(lockFile, JSON.stringify(old));
    const plan = await h.plan(DESIRED, old);
    expect(plan.steps).toEqual([]);
    expect(plan.unmanaged).toContain('OU Root/Hand-made');
    // The next apply that runs keeps only the definition's OUs, as version 2.
    const withPolicy = {
      ...DESIRED,
      policies: DESIRED.policies.map((p, i) => (i === 0 ? { ...p, description: `${p.description} ` } : p)),
    };
    await h.apply({ lockFile }, withPolicy, old);
    const rewritten = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(rewritten.version).toBe(2);
    expect(rewritten.ous['Root/Hand-made']).toBeUndefined();
  });

  test('a lock file of another organization is a conflict, and destroys nothing', async () => {
    h = await harness();
    const lockFile = join(mkdtempSync(join(tmpdir(), 'landfall-lock-')), 'accounts.lock.json');
    await h.apply({ lockFile });
    const recorded = { ...JSON.parse(readFileSync(lockFile, 'utf8')), organizationId: 'o-otherorg123' };
    const def = JSON.parse(JSON.stringify(EXAMPLE));
    def.organization.ous[2].ous = def.organization.ous[2].ous.filter((o: { name: string }) => o.name !== 'Dev');
    const lz = validateOrThrow(def);
    const compiled = compileGuardrails(lz);
    if (!compiled.ok) throw new Error('does not compile');
    const plan = await h.plan(desiredOrganization(lz, compiled.compilation.policies), recorded);
    expect(plan.conflicts).toEqual([
      expect.stringContaining('accounts.lock.json records organization o-otherorg123, but these credentials reach o-'),
    ]);
    expect(plan.steps.filter((s) => s.kind === 'close-account' || s.kind === 'delete-ou')).toEqual([]);
  });
});

describe("the management account's details", () => {
  test('an email that differs from the definition is a conflict: these may be another organization', async () => {
    h = await harness({ managementEmail: 'aws-old-root@example.com' });
    // A new organization is the caller's: apply stops as soon as it reads the email, having made nothing in it.
    await expect(h.apply()).rejects.toThrow(ManagementAccountMismatch);
    expect((await layout(h)).ous).toEqual(['Root']);
    const plan = await h.plan();
    expect(plan.conflicts).toEqual([
      expect.stringContaining(
        "management account: the organization's management account management (111111111111) has the email aws-old-root@example.com, but the definition says aws-management@example.com for management",
      ),
    ]);
    expect(plan.conflicts[0]).toContain('put aws-old-root@example.com in the definition');
    // The same email in another case is the same address.
    const h2 = await harness({ managementEmail: 'AWS-Management@Example.com' });
    await h2.apply();
    expect((await h2.plan()).conflicts).toEqual([]);
    await h2.stop();
  });
});

describe('limits and failures, explained', () => {
  test("the organization's account quota", async () => {
    h = await harness({ limits: { maxAccounts: 4 } });
    const error = await h.apply().catch((e) => e);
    expect(explainError(error)).toMatch(
      /^ACCOUNT_NUMBER_LIMIT_EXCEEDED: the organization reached its account quota — request an increase/,
    );
  });

  test('an email another AWS account already uses', async () => {
    h = await harness({ takenEmails: ['aws-dev@example.com'] });
    const error = await h.apply().catch((e) => e);
    expect(explainError(error)).toBe(
      "dev: another AWS account already uses this email — give the account an address no AWS account has used (a new alias of the client's distribution list)",
    );
  });

  test('a policy larger than the organization accepts', async () => {
    h = await harness({
      limits: { policyMaxCharacters: { SERVICE_CONTROL_POLICY: 2000, RESOURCE_CONTROL_POLICY: 5120 } },
    });
    const error = await h.apply().catch((e) => e);
    expect(explainError(error)).toMatch(
      /^POLICY_CONTENT_LIMIT_EXCEEDED: a policy is larger than this organization accepts/,
    );
  });

  test('an organization that allows fewer account creations at once: ConcurrentModificationException is waited out', async () => {
    h = await harness({ limits: { maxCreateAccountInProgress: 2 }, createAccountMs: 50 });
    // Count the refusals the organization answers with, so the test proves they happened and were waited out.
    const organization = h.emulator.organization;
    const call = organization.call.bind(organization);
    let refused = 0;
    jest.spyOn(organization, 'call').mockImplementation((operation: string, input: any) => {
      try {
        return call(operation, input);
      } catch (error) {
        if ((error as { type?: string }).type === 'ConcurrentModificationException') refused++;
        throw error;
      }
    });
    await h.apply();
    expect(refused).toBeGreaterThan(0);
    await expectConverged();
  });

  test('OUs nested deeper than the organization allows', async () => {
    h = await harness({ limits: { maxOuDepth: 1 } });
    const error = await h.apply().catch((e) => e);
    expect(explainError(error)).toBe(
      'OU_DEPTH_LIMIT_EXCEEDED: OUs nest too deep for this organization — flatten the OU tree',
    );
  });

  test('a target that already holds as many policies as allowed', async () => {
    h = await harness({ limits: { policiesPerTarget: { SERVICE_CONTROL_POLICY: 1, RESOURCE_CONTROL_POLICY: 5 } } });
    const error = await h.apply().catch((e) => e);
    expect(explainError(error)).toMatch(/^MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED/);
  });
});

describe('the lease', () => {
  test('a second apply refuses while another holds the organization, and names the holder', async () => {
    h = await harness();
    await h.apply({ stopAfterSteps: 1 }).catch(() => undefined);
    const org = h.emulator.organization as any;
    const root = org.call('ListRoots', {}).Roots[0].Id;
    org.call('TagResource', {
      ResourceId: root,
      Tags: [{ Key: 'landfall:lease', Value: `alice@ci-runner:4242|${new Date(Date.now() + 60_000).toISOString()}` }],
    });
    await expect(h.apply({ holder: 'bob@laptop:1' })).rejects.toThrow(
      /another landfall apply or deploy holds the organization: alice@ci-runner:4242, until /,
    );
  });

  test('a refresh after another run took the lapsed lease refuses, leaving the other run its lease', async () => {
    h = await harness();
    await h.apply({ stopAfterSteps: 1 }).catch(() => undefined);
    const send = retryingSend(h.client);
    const root = (h.emulator.organization as any).call('ListRoots', {}).Roots[0].Id;
    const mine = await acquireLease(send, root, 'bob@laptop:1', 60_000);
    const theirs = `alice@ci-runner:4242|${new Date(Date.now() + 60_000).toISOString()}`;
    (h.emulator.organization as any).call('TagResource', {
      ResourceId: root,
      Tags: [{ Key: 'landfall:lease', Value: theirs }],
    });
    await expect(mine.refresh()).rejects.toBeInstanceOf(LeaseHeldError);
    expect((h.emulator.organization as any).call('ListTagsForResource', { ResourceId: root }).Tags).toEqual([
      { Key: 'landfall:lease', Value: theirs },
    ]);
  });

  test('an expired lease of a crashed run is taken over, and released at the end', async () => {
    h = await harness();
    await h.apply({ stopAfterSteps: 1 }).catch(() => undefined);
    const org = h.emulator.organization as any;
    const root = org.call('ListRoots', {}).Roots[0].Id;
    org.call('TagResource', {
      ResourceId: root,
      Tags: [{ Key: 'landfall:lease', Value: `crashed@host:1|${new Date(Date.now() - 1000).toISOString()}` }],
    });
    await h.apply({ holder: 'bob@laptop:1' });
    expect(org.call('ListTagsForResource', { ResourceId: root }).Tags).toEqual([]);
  });
});

describe('renames keep identity', () => {
  /** The example's desired organization after `change` to its definition. */
  function desiredAfter(change: (def: any) => void) {
    const def = JSON.parse(JSON.stringify(EXAMPLE));
    change(def);
    const lz = validateOrThrow(def);
    const compiled = compileGuardrails(lz);
    if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
    return desiredOrganization(lz, compiled.compilation.policies);
  }
  const devAccount = (def: any) => def.organization.ous[2].ous[1].accounts[0];
  const lockIn = () => join(mkdtempSync(join(tmpdir(), 'landfall-rename-')), 'accounts.lock.json');

  test('an account renamed in the definition is renamed in AWS; the lock file and what deployments recorded follow, its stacks keep their names', async () => {
    h = await harness();
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    const devId = recorded.accounts.dev;
    // What `landfall deploy` recorded for dev by its name, in the home region and in another region's hub.
    const west = (name: string) => ({
      transitGatewayId: 'tgw-2',
      attachments: { [name]: 'tgw-attach-2', prod: 'tgw-attach-3' },
      vpcs: { [name]: { vpcId: 'vpc-2', cidr: '10.64.0.0/22' } },
    });
    writeFileSync(
      lockFile,
      JSON.stringify({
        ...recorded,
        network: {
          transitGatewayId: 'tgw-1',
          attachments: { dev: 'tgw-attach-1' },
          regions: { 'us-west-2': west('dev') },
        },
      }),
    );
    const renamed = desiredAfter((def) => (devAccount(def).name = 'development'));
    const plan = await h.plan(renamed, recorded);
    expect(plan.steps).toEqual([
      { kind: 'rename-account', name: 'development', fromName: 'dev', accountId: devId, inAws: true },
      { kind: 'enable-trusted-access', servicePrincipal: 'account.amazonaws.com' },
    ]);
    expect(plan.conflicts).toEqual([]);

    await h.apply({ lockFile }, renamed, recorded);
    const org = h.emulator.organization as any;
    expect(org.call('DescribeAccount', { AccountId: devId }).Account.Name).toBe('development');
    const after = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(after.accounts.development).toBe(devId);
    expect(after.accounts.dev).toBeUndefined();
    expect(after.stackPrefixes).toEqual({ development: 'dev' });
    expect(after.network).toEqual({
      transitGatewayId: 'tgw-1',
      attachments: { development: 'tgw-attach-1' },
      regions: { 'us-west-2': west('development') },
    });
    expect((await h.plan(renamed, after)).steps).toEqual([]);

    // Renamed back: its stacks are named after it again, nothing to remember.
    await h.apply({ lockFile }, DESIRED, after);
    const back = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(back.accounts.dev).toBe(devId);
    expect(back.stackPrefixes).toBeUndefined();
    expect(org.call('DescribeAccount', { AccountId: devId }).Account.Name).toBe('dev');
  });

  test('two accounts swapping names, stopped after any step: the lock file never files an account under the other name, and a run started again finishes the swap', async () => {
    const swapped = desiredAfter((def) => {
      const [, audit, backup] = def.organization.ous[0].accounts;
      [audit.name, backup.name] = [backup.name, audit.name];
    });
    let renamedAlready = 0;
    for (let k = 0; ; k++) {
      if (k > 0) await h.stop();
      h = await harness();
      const lockFile = lockIn();
      await h.apply({ lockFile });
      const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
      const { audit, backup } = recorded.accounts;
      const plan = await h.plan(swapped, recorded);
      expect(
        plan.steps
          .filter((s) => s.kind === 'rename-account')
          .map((s: any) => `${s.fromName}→${s.name}`)
          .sort(),
      ).toEqual(['audit→backup', 'backup→audit']);
      // One step at a time, so that a stop falls between the two renames too.
      const stopped = await h
        .apply({ lockFile, stopAfterSteps: k, concurrency: 1 }, swapped, recorded)
        .then(() => false)
        .catch((e) => {
          expect(e).toBeInstanceOf(Interrupted);
          return true;
        });
      const between = JSON.parse(readFileSync(lockFile, 'utf8'));
      // Either every rename is recorded or none: exactly the state before, or exactly the state after.
      const before = { audit, backup, stackPrefixes: undefined };
      const swappedState = { audit: backup, backup: audit, stackPrefixes: { audit: 'backup', backup: 'audit' } };
      expect([before, swappedState]).toContainEqual({
        audit: between.accounts.audit,
        backup: between.accounts.backup,
        stackPrefixes: between.stackPrefixes,
      });
      // A rename AWS already has (the run stopped after it) is said as such when planned again.
      for (const step of (await h.plan(swapped, between)).steps) {
        if (step.kind !== 'rename-account' || step.inAws) continue;
        expect(describeStep(step)).toContain(`in accounts.lock.json (its AWS name is ${step.name} already)`);
        renamedAlready++;
      }
      await h.apply({ lockFile }, swapped, between);
      const after = JSON.parse(readFileSync(lockFile, 'utf8'));
      expect(after.accounts.audit).toBe(backup);
      expect(after.accounts.backup).toBe(audit);
      expect(after.stackPrefixes).toEqual({ audit: 'backup', backup: 'audit' });
      const org = h.emulator.organization as any;
      expect(org.call('DescribeAccount', { AccountId: audit }).Account.Name).toBe('backup');
      expect(org.call('DescribeAccount', { AccountId: backup }).Account.Name).toBe('audit');
      expect((await h.plan(swapped, after)).steps).toEqual([]);
      if (!stopped) break;
    }
    expect(renamedAlready).toBeGreaterThan(0);
  });

  test('the management account renamed in the definition: the lock file follows and its stacks keep their names; its AWS name is left as it is', async () => {
    h = await harness();
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    const managementId = recorded.accounts.management;
    const org = h.emulator.organization as any;
    const awsName = org.call('DescribeAccount', { AccountId: managementId }).Account.Name;
    const renamed = desiredAfter((def) => (def.organization.accounts[0].name = 'payer'));

    const plan = await h.plan(renamed, recorded);
    expect(plan.conflicts).toEqual([]);
    expect(plan.steps).toEqual([
      {
        kind: 'rename-account',
        name: 'payer',
        fromName: 'management',
        accountId: managementId,
        inAws: false,
        management: true,
      },
    ]);
    expect(describeStep(plan.steps[0])).toContain('Landfall never changes the management account');
    await h.apply({ lockFile }, renamed, recorded);
    const after = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(after.accounts.payer).toBe(managementId);
    expect(after.accounts.management).toBeUndefined();
    expect(after.stackPrefixes).toEqual({ payer: 'management' });
    expect(org.call('DescribeAccount', { AccountId: managementId }).Account.Name).toBe(awsName);
    expect((await h.plan(renamed, after)).steps).toEqual([]);
  });

  test('an account renamed to the name of one removed from the definition: the removed one is closed (when allowed), and only the renamed one is filed under the name', async () => {
    h = await harness({ closeAccountMs: 10 });
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    // What deployments recorded for both, by name.
    writeFileSync(
      lockFile,
      JSON.stringify({
        ...recorded,
        stackPrefixes: { dev: 'dev-old' },
        network: { attachments: { prod: 'tgw-attach-prod', dev: 'tgw-attach-dev' } },
      }),
    );
    const withPrefix = JSON.parse(readFileSync(lockFile, 'utf8'));
    const reused = desiredAfter((def) => {
      def.organization.ous[2].ous[1].accounts = [];
      def.organization.ous[2].ous[0].accounts[0].name = 'dev';
    });

    const plan = await h.plan(reused, withPrefix);
    expect(plan.conflicts).toEqual([]);
    expect(plan.steps.filter((s) => ['rename-account', 'close-account'].includes(s.kind))).toEqual([
      { kind: 'rename-account', name: 'dev', fromName: 'prod', accountId: recorded.accounts.prod, inAws: true },
      { kind: 'close-account', name: 'dev', accountId: recorded.accounts.dev, email: 'aws-dev@example.com' },
    ]);
    // Refused without the closure allowed: nothing renamed either.
    await expect(h.apply({ lockFile }, reused, withPrefix)).rejects.toBeInstanceOf(DestroyRefused);
    await h.apply({ lockFile, allowDestroy: ['dev'] }, reused, withPrefix);
    const after = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(after.accounts.dev).toBe(recorded.accounts.prod);
    expect(after.accounts.prod).toBeUndefined();
    // The closed account's stack prefix and network IDs are gone; the renamed one's follow it.
    expect(after.stackPrefixes).toEqual({ dev: 'prod' });
    expect(after.network).toEqual({ attachments: { dev: 'tgw-attach-prod' } });
    const org = h.emulator.organization as any;
    expect(org.call('DescribeAccount', { AccountId: recorded.accounts.dev }).Account.Status).not.toBe('ACTIVE');
    expect((await h.plan(reused, after)).steps).toEqual([]);
  });

  test("a new account may not take the name an account renamed had: that account's stacks carry it", async () => {
    h = await harness();
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    const conflict =
      "account dev: a new account cannot take this name: account development's stacks are named dev-* (its name when they were deployed; CloudFormation cannot rename a stack) — give the new account another name";
    const newDev = (def: any) => {
      const { ingress: _ingress, ...account } = devAccount(def);
      return { ...account, name: 'dev', email: 'aws-dev-2@example.com' };
    };
    // Renamed in this plan, with a new account of the old name beside it.
    const both = desiredAfter((def) => {
      const again = newDev(def);
      devAccount(def).name = 'development';
      def.organization.ous[2].ous[1].accounts.push(again);
    });
    const plan = await h.plan(both, recorded);
    expect(plan.conflicts).toEqual([conflict]);
    expect(plan.steps.filter((s) => s.kind === 'create-account')).toEqual([]);
    // Renamed before: the lock file's stack prefix says so.
    const renamed = desiredAfter((def) => (devAccount(def).name = 'development'));
    await h.apply({ lockFile }, renamed, recorded);
    const after = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect((await h.plan(both, after)).conflicts).toEqual([conflict]);
  });

  test("the management account's old name is kept from new accounts too; a removed account's stack prefix is not", async () => {
    h = await harness();
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    const newAccount = (def: any, name: string) => {
      const { ingress: _ingress, ...account } = devAccount(def);
      def.organization.ous[2].ous[1].accounts.push({ ...account, name, email: `aws-${name}-2@example.com` });
    };
    const payer = desiredAfter((def) => {
      def.organization.accounts[0].name = 'payer';
      newAccount(def, 'management');
    });
    expect((await h.plan(payer, recorded)).conflicts).toEqual([
      "account management: a new account cannot take this name: account payer's stacks are named management-* (its name when they were deployed; CloudFormation cannot rename a stack) — give the new account another name",
    ]);
    // dev, renamed once (its stacks are old-dev-*), now removed: a new account may be named old-dev.
    const withPrefix = { ...recorded, stackPrefixes: { dev: 'old-dev' } };
    const replaced = desiredAfter((def) => {
      newAccount(def, 'old-dev');
      def.organization.ous[2].ous[1].accounts.shift();
    });
    const plan = await h.plan(replaced, withPrefix);
    expect(plan.conflicts).toEqual([]);
    expect(plan.steps).toContainEqual(expect.objectContaining({ kind: 'close-account', name: 'dev' }));
    expect(plan.steps).toContainEqual(expect.objectContaining({ kind: 'create-account', name: 'old-dev' }));
  });

  test('an account whose AWS name was not its old name keeps its AWS name; only the lock file follows', async () => {
    h = await harness();
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    const org = h.emulator.organization as any;
    org.call('EnableAWSServiceAccess', { ServicePrincipal: 'account.amazonaws.com' });
    h.emulator.organization.putAccountName(org.managementAccountId, recorded.accounts.dev, 'Acme Dev');
    const renamed = desiredAfter((def) => (devAccount(def).name = 'development'));
    const plan = await h.plan(renamed, recorded);
    expect(plan.steps).toEqual([
      {
        kind: 'rename-account',
        name: 'development',
        fromName: 'dev',
        accountId: recorded.accounts.dev,
        inAws: false,
        awsName: 'Acme Dev',
      },
    ]);
    expect(describeStep(plan.steps[0])).toBe(
      `rename account dev to development (${recorded.accounts.dev}) in accounts.lock.json (its AWS name, Acme Dev, is not dev: left as it is)`,
    );
    await h.apply({ lockFile }, renamed, recorded);
    expect(org.call('DescribeAccount', { AccountId: recorded.accounts.dev }).Account.Name).toBe('Acme Dev');
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).accounts.development).toBe(recorded.accounts.dev);
  });

  test('an account whose email changed in the definition only is a conflict that says how AWS changes it, not a second account', async () => {
    h = await harness();
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    const plan = await h.plan(
      desiredAfter((def) => (devAccount(def).email = 'aws-development@example.com')),
      recorded,
    );
    expect(plan.steps).toEqual([]);
    expect(plan.conflicts).toEqual([
      `account dev (${recorded.accounts.dev}): its email is aws-dev@example.com, but the definition says aws-development@example.com — AWS changes an account's primary email only once a code sent to the new address is confirmed (aws account start-primary-email-update --account-id ${recorded.accounts.dev} --primary-email aws-development@example.com, then accept-primary-email-update); do that and plan again, or put aws-dev@example.com back in the definition`,
    ]);
  });

  test('an OU renamed in the definition is renamed in place: same ID, accounts and policies, nothing created, moved or deleted', async () => {
    h = await harness();
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    const devOu = recorded.ous['Root/Workloads/Dev'];
    const renamed = desiredAfter((def) => (def.organization.ous[2].ous[1].name = 'Development'));
    const plan = await h.plan(renamed, recorded);
    expect(plan.steps).toEqual([
      {
        kind: 'rename-ou',
        fromPath: 'Root/Workloads/Dev',
        path: 'Root/Workloads/Development',
        name: 'Development',
        ouId: devOu,
      },
    ]);
    await h.apply({ lockFile }, renamed, recorded);
    const now = await layout(h);
    expect(now.accounts.dev).toBe('Root/Workloads/Development');
    expect(now.ous).not.toContain('Root/Workloads/Dev');
    const after = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(after.ous['Root/Workloads/Development']).toBe(devOu);
    expect(after.ous['Root/Workloads/Dev']).toBeUndefined();
    expect((await h.plan(renamed, after)).steps).toEqual([]);
  });

  test('a parent OU renamed: its children keep their IDs under the new path, and every policy stays where it is', async () => {
    h = await harness();
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    const renamed = desiredAfter((def) => {
      def.organization.ous[2].name = 'Applications';
      def.backup.ous = ['Root/Applications'];
    });
    const plan = await h.plan(renamed, recorded);
    // The guardrails name a policy after its OU: the backup policy is renamed (same ID and attachment), not
    // created again and the old one deleted; nothing destructive, so no --allow-destroy.
    expect(plan.steps).toEqual([
      {
        kind: 'rename-ou',
        fromPath: 'Root/Workloads',
        path: 'Root/Applications',
        name: 'Applications',
        ouId: recorded.ous['Root/Workloads'],
      },
      {
        kind: 'update-policy',
        name: 'landfall-root-applications-backup',
        fromName: 'landfall-root-workloads-backup',
        policyType: 'BACKUP_POLICY',
        diff: { content: [] },
      },
    ]);
    const policyId = (await h.read()).policies.get('landfall-root-workloads-backup')!.id;
    await h.apply({ lockFile }, renamed, recorded);
    const policies = (await h.read()).policies;
    expect(policies.get('landfall-root-applications-backup')!.id).toBe(policyId);
    expect(policies.has('landfall-root-workloads-backup')).toBe(false);
    expect((await layout(h)).policies['landfall-root-applications-backup']).toEqual(['Root/Applications']);
    const after = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(after.ous['Root/Applications']).toBe(recorded.ous['Root/Workloads']);
    expect(after.ous['Root/Applications/Prod']).toBe(recorded.ous['Root/Workloads/Prod']);
    expect(Object.keys(after.ous).filter((p) => p.startsWith('Root/Workloads'))).toEqual([]);
    expect((await layout(h)).accounts.prod).toBe('Root/Applications/Prod');
    expect((await h.plan(renamed, after)).steps).toEqual([]);
  });

  test.each([
    [
      'an account Landfall does not manage',
      (org: any, devOu: string) => {
        const request = org.call('CreateAccount', { Email: 'someone-else@example.com', AccountName: 'theirs' });
        const { CreateAccountStatus } = org.call('DescribeCreateAccountStatus', {
          CreateAccountRequestId: request.CreateAccountStatus.Id,
        });
        org.call('MoveAccount', {
          AccountId: CreateAccountStatus.AccountId,
          SourceParentId: org.call('ListRoots', {}).Roots[0].Id,
          DestinationParentId: devOu,
        });
      },
    ],
    [
      'an OU Landfall did not make',
      (org: any, devOu: string) => org.call('CreateOrganizationalUnit', { ParentId: devOu, Name: 'Theirs' }),
    ],
  ])(
    "an OU that also holds %s is not renamed (what it holds would take the new OU's policies): its accounts move to a new OU",
    async (_what, add) => {
      h = await harness({ createAccountMs: 0 });
      const lockFile = lockIn();
      await h.apply({ lockFile });
      const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
      add(h.emulator.organization as any, recorded.ous['Root/Workloads/Dev']);
      const renamed = desiredAfter((def) => (def.organization.ous[2].ous[1].name = 'Development'));
      const plan = await h.plan(renamed, recorded);
      const kinds = plan.steps.map((s) => s.kind);
      expect(kinds).not.toContain('rename-ou');
      expect(plan.steps).toContainEqual(
        expect.objectContaining({ kind: 'create-ou', path: 'Root/Workloads/Development' }),
      );
      expect(plan.steps).toContainEqual(
        expect.objectContaining({ kind: 'move-account', name: 'dev', toPath: 'Root/Workloads/Development' }),
      );
      expect(kinds).not.toContain('delete-ou');
    },
  );

  test('an OU replaced by one that holds none of its accounts is not taken for a rename', async () => {
    h = await harness();
    const lockFile = lockIn();
    await h.apply({ lockFile });
    const recorded = JSON.parse(readFileSync(lockFile, 'utf8'));
    // Dev goes (its account joins Prod), Staging comes: two changes, not one rename.
    const desired = desiredAfter((def) => {
      const workloads = def.organization.ous[2];
      const dev = workloads.ous[1].accounts[0];
      workloads.ous = [workloads.ous[0], { name: 'Staging' }];
      workloads.ous[0].accounts.push(dev);
    });
    const kinds = (await h.plan(desired, recorded)).steps.map((s) => s.kind);
    expect(kinds).toContain('create-ou');
    expect(kinds).toContain('delete-ou');
    expect(kinds).not.toContain('rename-ou');
  });
});
