import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { OrganizationsEmulator } from '@landfall/org-emulator';
import { REPO, landfall } from './landfall';

let emulator: OrganizationsEmulator;
let endpoint: string;
let dir: string;
let config: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-org-cli-'));
  config = join(dir, 'landing-zone.json');
  copyFileSync(join(REPO, 'landing-zone.json'), config);
});
afterEach(async () => emulator.stop());

async function start(options: ConstructorParameters<typeof OrganizationsEmulator>[0] = {}) {
  emulator = new OrganizationsEmulator({ createAccountMs: 50, ratePerOperation: 10000, ...options });
  endpoint = await emulator.start();
}

const plan = async () => JSON.parse((await landfall(['plan', '-c', config, '--endpoint', endpoint, '--json'])).stdout);

describe('landfall plan and apply against the emulator', () => {
  test("apply --yes creates the example's organization; a second plan --json reports no changes", async () => {
    await start();
    const first = await plan();
    expect(first.changes).toHaveLength(64);
    // The backup account does not exist yet: the backup policy's copy to its vault waits for it.
    expect(first.pending).toEqual([expect.stringContaining('backup account')]);
    const applied = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '20']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toMatch(/✔ applied 64 changes in [\d.]+s; 7 accounts recorded in /);
    // ...and the same run adds it once the account exists.
    expect(applied.stdout).toContain('now that the accounts exist:');
    expect(applied.stdout).toContain('~ update BACKUP_POLICY landfall-root-workloads-backup');
    expect(applied.stdout).toMatch(/✔ applied \d+ more changes/);
    expect(await plan()).toEqual({ changes: [], conflicts: [], unmanaged: [], pending: [] });
    const backupId = JSON.parse(readFileSync(join(dir, 'accounts.lock.json'), 'utf8')).accounts.backup;
    const policies = emulator.organization.call('ListPolicies', { Filter: 'BACKUP_POLICY' }) as {
      Policies: Array<{ Id: string }>;
    };
    const content = (
      emulator.organization.call('DescribePolicy', { PolicyId: policies.Policies[0].Id }) as {
        Policy: { Content: string };
      }
    ).Policy.Content;
    expect(content).toContain(`:${backupId}:backup-vault:landfall-central`);
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'accounts.lock.json'), 'utf8')).accounts)).toHaveLength(7);
  });

  test('plan prints the changes grouped, with counts, and no notice the user cannot act on', async () => {
    await start();
    const { code, stdout, stderr } = await landfall(['plan', '-c', config, '--endpoint', endpoint]);
    expect(code).toBe(0);
    // The AWS SDK's notice that its 2027 releases need Node 22: Landfall pins the SDK and supports Node 20.
    expect(stderr).not.toContain('NodeVersionSupportWarning');
    expect(stdout).toContain(
      'accounts (6)\n  + create account log-archive <aws-log-archive@example.com> in Root/Security',
    );
    expect(stdout).toContain('+ create BACKUP_POLICY landfall-root-workloads-backup');
    expect(stdout).toContain('64 changes: 6 organization, 6 OUs, 6 accounts, 10 policies, 14 attachments, 22 services');
    expect(stdout).toContain('waiting for an account that this plan creates (1)');
  });

  test('a policy changed outside Landfall is planned with its diff, in the text and in --json', async () => {
    await start();
    expect((await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '20'])).code).toBe(0);
    const org = emulator.organization as any;
    const id = org
      .call('ListPolicies', { Filter: 'SERVICE_CONTROL_POLICY' })
      .Policies.find((p: any) => p.Name === 'landfall-root-scp-1').Id;
    org.call('UpdatePolicy', {
      PolicyId: id,
      Description: 'widened by hand',
      Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    });
    const text = await landfall(['plan', '-c', config, '--endpoint', endpoint]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      '  ~ update SERVICE_CONTROL_POLICY landfall-root-scp-1\n      - description: widened by hand\n',
    );
    expect(text.stdout).toContain('\n      -      "Action": "*",\n');
    expect(text.stdout).toContain('\n      +      "Effect": "Deny",\n');
    const json = await plan();
    expect(json.changes).toHaveLength(1);
    expect(json.changes[0]).toMatchObject({
      kind: 'update-policy',
      name: 'landfall-root-scp-1',
      diff: { description: { from: 'widened by hand', to: expect.stringMatching(/^Landfall guardrails: /) } },
    });
    expect(json.changes[0].diff.content).toEqual(
      expect.arrayContaining(['-      "Action": "*",', '+      "Effect": "Deny",']),
    );
  });

  test("a management account whose email is not the definition's stops plan and apply, saying which to fix", async () => {
    await start({ managementEmail: 'aws-old-root@example.com' });
    // The organization is created by the account whose credentials these are: the run reads its email and stops
    // before it makes anything in it.
    const created = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '20']);
    expect(created.code).toBe(1);
    expect(created.stderr).toContain(
      "apply stopped: the organization's management account has the email aws-old-root@example.com, but the definition says aws-management@example.com",
    );
    expect((emulator.organization.call('ListAccounts', {}) as { Accounts: unknown[] }).Accounts).toHaveLength(1);
    const planned = await landfall(['plan', '-c', config, '--endpoint', endpoint]);
    expect(planned.code).toBe(1);
    expect(planned.stdout).toContain(
      "! management account: the organization's management account management (111111111111) has the email aws-old-root@example.com, but the definition says aws-management@example.com",
    );
    const applied = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes']);
    expect(applied.code).toBe(1);
    expect(applied.stderr).not.toMatch(/\n\s+at /);
  });

  test('an account removed from the definition is closed only when --allow-destroy names it', async () => {
    await start({ closeAccountMs: 10 });
    expect((await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '20'])).code).toBe(0);
    const devId = JSON.parse(readFileSync(join(dir, 'accounts.lock.json'), 'utf8')).accounts.dev;
    const def = JSON.parse(readFileSync(config, 'utf8'));
    def.organization.ous[2].ous = def.organization.ous[2].ous.filter((o: { name: string }) => o.name !== 'Dev');
    writeFileSync(config, JSON.stringify(def, undefined, 2));

    const shownPlan = await landfall(['plan', '-c', config, '--endpoint', endpoint]);
    expect(shownPlan.code).toBe(0);
    expect(shownPlan.stdout).toContain(
      `destroy (1)\n  ✘ close account dev (${devId}, <aws-dev@example.com>): no longer in the definition\n`,
    );
    expect(shownPlan.stdout).toContain('! destructive: apply refuses it unless --allow-destroy dev names it');
    expect((await plan()).changes).toContainEqual(expect.objectContaining({ kind: 'close-account', destroys: 'dev' }));

    const refused = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the plan destroys what the definition no longer has: close account dev');
    expect(refused.stderr).toContain('pass --allow-destroy dev; to keep them, put them back in the definition');
    const typo = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--allow-destroy', 'dve']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(
      '! --allow-destroy names dve, which this plan does not destroy (it destroys dev): a typo, or already destroyed',
    );
    expect(typo.stderr).toContain('pass --allow-destroy dev');
    expect(emulator.organization.call('DescribeAccount', { AccountId: devId })).toMatchObject({
      Account: { Status: 'ACTIVE' },
    });

    const closed = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--allow-destroy', 'dev']);
    expect(closed.stderr).toBe('');
    expect(closed.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'accounts.lock.json'), 'utf8')).accounts.dev).toBeUndefined();
    const after = await plan();
    expect(after.changes).toEqual([]);
    expect(after.unmanaged).toContainEqual(expect.stringContaining(`account dev (${devId}): closed`));
    // The same command again (a CI job that keeps the flag, or a resumed run) changes nothing and says why.
    const again = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--allow-destroy', 'dev']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(
      '--allow-destroy names dev, which this plan does not destroy: a typo, or already destroyed',
    );
  });

  test('an account and an OU renamed: plan says rename, apply renames both without --allow-destroy, and the account keeps its stacks', async () => {
    await start();
    expect((await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '20'])).code).toBe(0);
    const lockFile = join(dir, 'accounts.lock.json');
    const before = JSON.parse(readFileSync(lockFile, 'utf8'));
    const def = JSON.parse(readFileSync(config, 'utf8'));
    const devOu = def.organization.ous[2].ous[1];
    devOu.name = 'Development';
    devOu.accounts[0].name = 'development';
    writeFileSync(config, JSON.stringify(def, undefined, 2));

    const shown = await landfall(['plan', '-c', config, '--endpoint', endpoint]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(
      `OUs (1)\n  ~ rename OU Root/Workloads/Dev to Root/Workloads/Development (${before.ous['Root/Workloads/Dev']})\n`,
    );
    expect(shown.stdout).toContain(`  ~ rename account dev to development (${before.accounts.dev})\n`);
    expect(shown.stdout).not.toContain('destructive');

    const applied = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes']);
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    const after = JSON.parse(readFileSync(lockFile, 'utf8'));
    expect(after.accounts).toEqual(expect.objectContaining({ development: before.accounts.dev }));
    expect(after.accounts.dev).toBeUndefined();
    expect(after.ous['Root/Workloads/Development']).toBe(before.ous['Root/Workloads/Dev']);
    expect(after.stackPrefixes).toEqual({ development: 'dev' });
    expect((await plan()).changes).toEqual([]);

    // Synthesized with the lock file's IDs: the renamed account's stacks keep the names they were deployed under.
    const out = join(dir, 'out');
    const synth = await landfall(['synth', '-c', config, '-o', out]);
    expect(synth.code).toBe(0);
    const stacks = readdirSync(join(out, 'cdk.out')).filter((f) => f.endsWith('.template.json'));
    expect(stacks).toContain('dev-encryption-us-east-1.template.json');
    expect(stacks.filter((f) => f.startsWith('development-'))).toEqual([]);
  }, 180_000);

  test("the backup account renamed: the plan finds its ID by email, so the backup policy's copy to its vault stays as it is", async () => {
    await start();
    expect((await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '20'])).code).toBe(0);
    const { accounts } = JSON.parse(readFileSync(join(dir, 'accounts.lock.json'), 'utf8'));
    const def = JSON.parse(readFileSync(config, 'utf8'));
    def.organization.ous[0].accounts[2].name = 'vault';
    writeFileSync(config, JSON.stringify(def, undefined, 2));

    const renamed = await plan();
    expect(renamed.pending).toEqual([]);
    // The rename, and the trusted access PutAccountName needs: no update of the backup policy.
    expect(renamed.changes.map((c: { kind: string }) => c.kind).sort()).toEqual([
      'enable-trusted-access',
      'rename-account',
    ]);
    // And once applied (AWS and the lock file have the new name), nothing more.
    expect((await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes'])).code).toBe(0);
    const after = await plan();
    expect(after.changes).toEqual([]);
    expect(emulator.organization.call('DescribeAccount', { AccountId: accounts.backup })).toMatchObject({
      Account: { Name: 'vault' },
    });
  }, 120_000);

  test('a killed apply, run again, ends with exactly the defined accounts in their OUs', async () => {
    await start({ createAccountMs: 1500 });
    const killed = await landfall(
      ['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '50'],
      (child) => {
        const watch = setInterval(() => {
          if ((emulator.statistics.calls.CreateAccount ?? 0) >= 3) {
            clearInterval(watch);
            child.kill('SIGKILL');
          }
        }, 5);
      },
    );
    expect(killed.signal).toBe('SIGKILL');
    const again = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '50']);
    expect([again.code, again.stderr.includes('✘')]).toEqual([0, false]);
    const accounts = emulator.organization.call('ListAccounts', {}) as { Accounts: Array<{ Name: string }> };
    expect(accounts.Accounts.map((a) => a.Name).sort()).toEqual([
      'audit',
      'backup',
      'dev',
      'log-archive',
      'management',
      'prod',
      'shared-services',
    ]);
    expect(emulator.organization.snapshot().createRequests.filter((r) => r.state !== 'FAILED')).toHaveLength(6);
    expect((await plan()).changes).toEqual([]);
  });

  test('a lease held by a live process elsewhere still stops apply, naming the holder', async () => {
    await start();
    emulator.organization.call('CreateOrganization', { FeatureSet: 'ALL' });
    const root = (emulator.organization.call('ListRoots', {}) as { Roots: Array<{ Id: string }> }).Roots[0].Id;
    emulator.organization.call('TagResource', {
      ResourceId: root,
      Tags: [{ Key: 'landfall:lease', Value: `ci@build-host-7:4242|${new Date(Date.now() + 60_000).toISOString()}` }],
    });
    const { code, stderr } = await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes']);
    expect(code).toBe(1);
    expect(stderr).toContain('another landfall apply or deploy holds the organization: ci@build-host-7:4242');
  });

  test('apply without --yes and without a terminal refuses, changing nothing', async () => {
    await start();
    const { code, stderr } = await landfall(['apply', '-c', config, '--endpoint', endpoint]);
    expect(code).toBe(1);
    expect(stderr).toContain('pass --yes to apply without a prompt');
    expect(emulator.statistics.calls.CreateOrganization).toBeUndefined();
  });

  test('explains an unreachable endpoint in plain words', async () => {
    await start();
    const { code, stderr } = await landfall(['plan', '-c', config, '--endpoint', 'http://127.0.0.1:9']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /cannot read the organization: cannot reach the Organizations endpoint .*is --endpoint right, and is the emulator running\?/,
    );
  });

  test('names the profile when it gives no credentials', async () => {
    await start();
    const home = mkdtempSync(join(tmpdir(), 'landfall-home-'));
    const { code, stderr } = await landfall(['plan', '-c', config, '--profile', 'acme-mgmt'], undefined, {
      HOME: home,
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
    });
    expect(code).toBe(1);
    expect(stderr).toContain(
      'cannot read the organization: profile acme-mgmt gave no credentials — check its name (`aws configure list-profiles`)',
    );
  });

  test('explains an account AWS refuses, and says how to resume', async () => {
    await start({ takenEmails: ['aws-dev@example.com'] });
    const { code, stderr } = await landfall([
      'apply',
      '-c',
      config,
      '--endpoint',
      endpoint,
      '--yes',
      '--poll-ms',
      '20',
    ]);
    expect(code).toBe(1);
    expect(stderr).toContain('apply stopped: dev: another AWS account already uses this email');
    expect(stderr).toContain('Run `landfall apply` again to resume');
  });
});
