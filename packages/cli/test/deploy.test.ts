import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { OrganizationsEmulator } from '@landfall/org-emulator';
import { REPO, landfall } from './landfall';

let emulator: OrganizationsEmulator;
let endpoint: string;
let dir: string;
let config: string;

/**
 * The example has 63 stacks in 7 accounts and 2 Regions: the CDK bootstrap is a stack in each of the management
 * account's Regions and a StackSet instance in each member account and Region (14 in all).
 */
const STACKS = 63;
const BOOTSTRAPS = 14;
/** What deploy counts, each once: every stack, the management account's 2 bootstrap stacks, the bootstrap StackSet. */
const DEPLOYED = STACKS + 2 + 1;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'landfall-deploy-cli-'));
  config = join(dir, 'landing-zone.json');
  copyFileSync(join(REPO, 'landing-zone.json'), config);
});
afterEach(async () => emulator.stop());

async function start(options: ConstructorParameters<typeof OrganizationsEmulator>[0] = {}) {
  emulator = new OrganizationsEmulator({
    createAccountMs: 20,
    ratePerOperation: 10000,
    ...options,
    cloudFormation: { operationMs: 20, ...options.cloudFormation },
  });
  endpoint = await emulator.start();
}

/** `landfall deploy --yes` of the example against the emulator; `onStart` gets the child process (to kill it). */
const deploy = (...extra: string[]) => deployWatched(extra);
function deployWatched(extra: string[], onStart?: Parameters<typeof landfall>[1]) {
  const args = ['-c', config, '--endpoint', endpoint, '--out', join(dir, 'out'), '--yes'];
  return landfall(['deploy', ...args, '--poll-ms', '20', '--stack-poll-ms', '20', ...extra], onStart);
}
const lock = () => JSON.parse(readFileSync(join(dir, 'accounts.lock.json'), 'utf8'));
const stacks = () => emulator.cloudFormation.listStacks();
const settled = () => stacks().every((s) => /^(CREATE|UPDATE)_COMPLETE$/.test(s.status));

// Each test deploys the example (63 stacks) once or more, through child processes: 20-40 s on an idle 2-core
// machine, more than the package's 60 s when the machine is busy (measured: three timeouts in a CI run beside
// another build). The limit catches a hang, not slowness.
jest.setTimeout(240_000);

describe('landfall deploy against the loopback Organizations and CloudFormation', () => {
  test('converges the example from nothing in one command, recording every output the next phase needs; a rerun changes nothing', async () => {
    await start();
    const first = await deploy();
    expect([first.code, first.stderr]).toEqual([0, '']);
    expect(first.stdout).toMatch(/✔ applied 64 changes/);
    expect(first.stdout).toMatch(
      new RegExp(
        `✔ deployed: ${STACKS} stacks and the CDKToolkit-landfall bootstrap \\(a stack in the management account, a StackSet for the members\\), 2 rounds \\(${DEPLOYED} created\\) in`,
      ),
    );
    expect(stacks()).toHaveLength(STACKS + BOOTSTRAPS);
    expect(settled()).toBe(true);
    // Every stack in the account the lock file names for it.
    const ids = lock();
    for (const s of stacks().filter((x) => !x.name.includes('CDKToolkit'))) {
      expect(s.accountId).toBe(
        ids.accounts[
          s.name.split(
            /-(?:encryption|network|logging|sessions|backup|break-glass|ingress|security|hub|access|trail|identity|log-archive|pipeline)/,
          )[0]
        ],
      );
    }
    // Recorded by the deployment, not by hand: the hub's IDs, the spokes' VPCs and attachments, the log archive's key.
    expect(ids.network.transitGatewayId).toMatch(/^tgw-/);
    expect(Object.keys(ids.network.ipamPools).sort()).toEqual([
      'dev/us-east-1',
      'dev/us-west-2',
      'prod/us-east-1',
      'prod/us-west-2',
    ]);
    expect(Object.keys(ids.network.attachments).sort()).toEqual(['dev', 'prod']);
    expect(ids.logging.archiveKeyArn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${ids.accounts['log-archive']}:key/`));
    // ...and used: the hub's second round associates each recorded attachment with its route domain.
    const hub = JSON.stringify(
      emulator.cloudFormation.template(
        ids.accounts['shared-services'],
        'us-east-1',
        'shared-services-hub-spokes-us-east-1-1',
      ),
    );
    expect(hub).toContain(ids.network.attachments.prod);
    expect(hub).toContain(ids.network.attachments.dev);
    // The other governed region's hub, recorded under its region, and its VPCs wired to it.
    const west = ids.network.regions['us-west-2'];
    expect(west.transitGatewayId).toMatch(/^tgw-/);
    expect(west.transitGatewayId).not.toBe(ids.network.transitGatewayId);
    expect(Object.keys(west.attachments).sort()).toEqual(['dev', 'prod']);
    const westHub = JSON.stringify(
      emulator.cloudFormation.template(
        ids.accounts['shared-services'],
        'us-west-2',
        'shared-services-hub-spokes-us-west-2-1',
      ),
    );
    expect(westHub).toContain(west.attachments.dev);
    expect(
      JSON.stringify(emulator.cloudFormation.template(ids.accounts.dev, 'us-west-2', 'dev-network-us-west-2')),
    ).toContain(west.transitGatewayId);
    const trail = JSON.stringify(
      emulator.cloudFormation.template(ids.accounts.management, 'us-east-1', 'management-trail-us-east-1'),
    );
    expect(trail).toContain(ids.logging.archiveKeyArn);

    const again = await deploy();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('✔ no changes: the organization matches the definition');
    expect(again.stdout).toMatch(new RegExp(`1 round \\(${DEPLOYED} unchanged\\)`));
  });

  test('--skip-production deploys every stack that does not act on production, and a run without it deploys the rest', async () => {
    await start();
    const first = await deploy('--skip-production');
    expect([first.code, first.stderr]).toEqual([0, '']);
    const ids = lock();
    const definition = JSON.parse(readFileSync(config, 'utf8'));
    const prodRange = definition.network.environments.prod.ipamPoolCidr;
    const own = () => stacks().filter((s) => !s.name.includes('CDKToolkit'));
    const text = (s: { accountId: string; region: string; name: string }) =>
      JSON.stringify(emulator.cloudFormation.template(s.accountId, s.region, s.name));
    // Nothing in production's account, and nothing elsewhere that names its account or its address range.
    expect(own().filter((s) => s.accountId === ids.accounts.prod)).toEqual([]);
    for (const s of own()) {
      expect([s.name, text(s).includes(ids.accounts.prod) || text(s).includes(prodRange)]).toEqual([s.name, false]);
    }
    // Held back with production: the Identity Center assignments (one is to prod) and the hub (prod's route domain).
    const names = own().map((s) => s.name);
    expect(names).not.toContain('management-identity-us-east-1');
    expect(names).not.toContain('shared-services-hub-us-east-1');
    // Deployed: the core accounts' encryption and the pipeline, and dev's stacks that need nothing from the hub.
    expect(names).toEqual(
      expect.arrayContaining([
        'management-pipeline-us-east-1',
        'log-archive-encryption-us-east-1',
        'dev-encryption-us-east-1',
      ]),
    );
    expect(first.stdout).toMatch(/stacks \(production's left out\) and the CDKToolkit-landfall bootstrap/);
    expect(first.stdout).toMatch(/left out until the stacks that act on production are deployed \(\d+\)/);
    expect(settled()).toBe(true);

    const production = await deploy();
    expect([production.code, production.stderr]).toEqual([0, '']);
    expect(own().map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'prod-network-us-east-1',
        'management-identity-us-east-1',
        'shared-services-hub-us-east-1',
      ]),
    );
    expect(Object.keys(lock().network.attachments).sort()).toEqual(['dev', 'prod']);
    expect(stacks()).toHaveLength(STACKS + BOOTSTRAPS);
    expect(settled()).toBe(true);
  });

  test('an OU one template fits deploys as StackSets: every account gets the baseline, its outputs are recorded under its name, and an account that joins later gets it from the OU', async () => {
    await start();
    const definition = JSON.parse(readFileSync(config, 'utf8'));
    const member = (name: string) => ({
      name,
      email: `aws-${name}@example.com`,
      role: 'workload',
      environment: 'prod',
    });
    const data = { name: 'Data', accounts: [member('data1'), member('data2')] };
    definition.organization.ous.find((o: any) => o.name === 'Workloads').ous.push(data);
    writeFileSync(config, JSON.stringify(definition));
    const instances = (account?: string) =>
      stacks().filter((s) => s.name.startsWith('StackSet-ou-workloads-data-') && (!account || s.accountId === account));

    // The OU's accounts are production's: --skip-production holds its StackSets back.
    const held = await deploy('--skip-production');
    expect([held.code, held.stderr]).toEqual([0, '']);
    expect(instances()).toEqual([]);

    const first = await deploy();
    expect([first.code, first.stderr]).toEqual([0, '']);
    const ids = lock();
    // Encryption, network, logging, backup and sessions in both Regions, and break-glass in the home Region.
    for (const name of ['data1', 'data2']) {
      expect(instances(ids.accounts[name])).toHaveLength(11);
      expect(stacks().filter((s) => s.name.startsWith(`${name}-`))).toEqual([]);
      expect(ids.network.attachments[name]).toMatch(/^tgw-attach-/);
      expect(ids.network.regions['us-west-2'].attachments[name]).toMatch(/^tgw-attach-/);
    }
    expect(ids.network.attachments.data1).not.toBe(ids.network.attachments.data2);
    // The hub associates each instance's recorded attachment with production's route domain.
    const hub = () =>
      JSON.stringify(
        emulator.cloudFormation.template(
          ids.accounts['shared-services'],
          'us-east-1',
          'shared-services-hub-spokes-us-east-1-1',
        ),
      );
    expect(hub()).toContain(ids.network.attachments.data1);
    expect(hub()).toContain(ids.network.attachments.data2);
    expect(settled()).toBe(true);

    const again = await deploy();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/1 round \(\d+ unchanged\)/);

    // A new account in the OU: `landfall apply` creates it, and the StackSets' automatic deployment gives it the
    // baseline without a deploy; the next deploy records its outputs and wires it to the hub.
    data.accounts.push(member('data3'));
    writeFileSync(config, JSON.stringify(definition));
    expect((await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '20'])).code).toBe(0);
    const data3 = lock().accounts.data3;
    expect(data3).toMatch(/^\d{12}$/);
    // Asynchronous, in dependency order (AutoDeployment.DependsOn): a few operations' time.
    for (let waited = 0; instances(data3).length < 11 && waited < 10_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(instances(data3)).toHaveLength(11);
    expect(lock().network.attachments.data3).toBeUndefined();
    const joined = await deploy();
    expect([joined.code, joined.stderr]).toEqual([0, '']);
    expect(lock().network.attachments.data3).toMatch(/^tgw-attach-/);
    expect(hub()).toContain(lock().network.attachments.data3);
    expect(settled()).toBe(true);
    // Four deploys and an apply of an organization with three more accounts: longer than the suite's minute on 2 cores.
  }, 180_000);

  test('killed with SIGKILL in the middle of the stacks, a rerun finishes the job', async () => {
    await start({ cloudFormation: { operationMs: 100 } });
    const killed = await deployWatched([], (child) => {
      const watch = setInterval(() => {
        if ((emulator.statistics.calls['cloudformation:ExecuteChangeSet'] ?? 0) >= 30) {
          clearInterval(watch);
          child.kill('SIGKILL');
        }
      }, 5);
    });
    expect(killed.signal).toBe('SIGKILL');
    // Stopped half-way: some stacks exist, in flight or done, and not all of them.
    expect(stacks().length).toBeGreaterThan(0);
    expect(stacks().length).toBeLessThan(STACKS + BOOTSTRAPS);
    const again = await deploy();
    expect([again.code, again.stderr]).toEqual([0, '']);
    expect(stacks()).toHaveLength(STACKS + BOOTSTRAPS);
    expect(settled()).toBe(true);
    expect(lock().network.attachments).toHaveProperty('prod');
    expect((await deploy()).stdout).toMatch(new RegExp(`1 round \\(${DEPLOYED} unchanged\\)`));
  });

  test('converges through throttling and server errors', async () => {
    await start({ faults: { throttleRate: 0.1, errorRate: 0.05, seed: 20261203 } });
    const { code, stderr } = await deploy();
    expect([code, stderr]).toEqual([0, '']);
    expect(emulator.statistics.throttled + emulator.statistics.failed).toBeGreaterThan(50);
    expect(stacks()).toHaveLength(STACKS + BOOTSTRAPS);
    expect(settled()).toBe(true);
  });

  test('a stack CloudFormation rolls back stops the run, naming the stack and the reason, once and without a stack trace', async () => {
    await start({
      cloudFormation: {
        stackFailures: [
          { stackName: 'prod-ingress-us-east-1', reason: 'Resource handler returned message: "LimitExceeded"' },
        ],
      },
    });
    const failed = await deploy();
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /^✘ deploy stopped: a stack failed:\n  prod-ingress-us-east-1: ROLLBACK_COMPLETE: \S+ \([A-Za-z0-9:]+\) CREATE_FAILED: Resource handler returned message: "LimitExceeded"\n/,
    );
    expect(failed.stderr).toContain('Run `landfall deploy` again to resume');
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(stacks().find((s) => s.name === 'prod-ingress-us-east-1')?.status).toBe('ROLLBACK_COMPLETE');
  });

  test('--dry-run after apply makes change sets only: no stack, no recorded output', async () => {
    await start();
    expect((await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '20'])).code).toBe(0);
    const dry = await deploy('--dry-run');
    expect([dry.code, dry.stderr]).toEqual([0, '']);
    expect(dry.stdout).toMatch(/\+ bootstrap · management us-east-1 · CDKToolkit-landfall: would create \(add \d+\)/);
    expect(dry.stdout).toMatch(
      /\+ bootstrap · management us-east-1 · StackSet CDKToolkit-landfall: 0 instances in us-east-1, us-west-2: would create/,
    );
    expect(dry.stdout).toMatch(
      /\+ core · log-archive us-east-1 · log-archive-log-archive-us-east-1 \(after the bootstrap\): would create\n/,
    );
    expect(dry.stdout).not.toContain('waiting');
    // Round 1 only: the workload VPCs wait for the IPAM pools the hub's deployment would record, and say so.
    expect(dry.stdout).toMatch(
      /✔ dry run: \d+ stacks and the CDKToolkit-landfall bootstrap .*, 1 round \(\d+ would create\)/,
    );
    expect(dry.stdout).toContain("left out until this run's outputs are recorded");
    expect(dry.stdout).toContain('prod VPC in us-east-1: record network.ipamPools["prod/us-east-1"]');
    expect(stacks()).toEqual([]);
    expect(lock().network).toBeUndefined();
  });

  test('--dry-run of a changed definition shows the updates and changes nothing: no stack, no lock file edit, no upload, no lease left', async () => {
    await start();
    expect((await deploy()).code).toBe(0);
    const definition = JSON.parse(readFileSync(config, 'utf8'));
    definition.backup.retentionDays += 1;
    writeFileSync(config, JSON.stringify(definition, undefined, 2));
    const lockBefore = readFileSync(join(dir, 'accounts.lock.json'), 'utf8');
    const before = stacks().map((x) => [x.name, x.accountId, x.status, x.updates]);
    emulator.resetStatistics();
    const dry = await deploy('--dry-run');
    expect([dry.code, dry.stderr]).toEqual([0, '']);
    expect(dry.stdout).toMatch(/~ spokes · prod us-east-1 · prod-backup-us-east-1: would update \(modify \d+\)/);
    expect(dry.stdout).toMatch(/· core · log-archive us-east-1 · log-archive-log-archive-us-east-1: unchanged/);
    expect(stacks().map((x) => [x.name, x.accountId, x.status, x.updates])).toEqual(before);
    expect(readFileSync(join(dir, 'accounts.lock.json'), 'utf8')).toBe(lockBefore);
    expect(emulator.statistics.calls['s3:PutObject'] ?? 0).toBe(0);
    expect(emulator.statistics.calls['cloudformation:ExecuteChangeSet'] ?? 0).toBe(0);
    const root = (emulator.organization.call('ListRoots', {}) as { Roots: Array<{ Id: string }> }).Roots[0].Id;
    const tags = emulator.organization.call('ListTagsForResource', { ResourceId: root }) as {
      Tags: Array<{ Key: string }>;
    };
    expect(tags.Tags.map((t) => t.Key)).not.toContain('landfall:lease');
  });

  test('--dry-run from nothing shows the organization plan and says the stacks need the accounts first', async () => {
    await start();
    const dry = await deploy('--dry-run');
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain('dry run: the organization changes above are not made');
    expect(dry.stderr).toMatch(
      /^✘ no account ID recorded for management, log-archive, audit, backup, shared-services, prod, dev in \S+accounts\.lock\.json: the stacks need the accounts this dry run only shows; run `landfall deploy` without --dry-run\n$/,
    );
    expect(existsSync(join(dir, 'accounts.lock.json'))).toBe(false);
    // Nothing was made: there is still no organization.
    expect(() => emulator.organization.call('ListAccounts', {})).toThrow(/not a member of an organization/);
  });

  test("--app deploys a CDK app with its customizations: a stack a customization adds goes through Landfall's bootstrap", async () => {
    await start();
    const landingZone = join(REPO, 'packages', 'landing-zone');
    const cdk = require.resolve('aws-cdk-lib', { paths: [landingZone] });
    writeFileSync(
      join(dir, 'app.js'),
      [
        `const { runAccountsApp } = require(${JSON.stringify(join(landingZone, 'lib'))});`,
        `const { CfnWaitConditionHandle, Stack } = require(${JSON.stringify(cdk)});`,
        'runAccountsApp({',
        '  root: __dirname,',
        '  customizations: {',
        "    prod: (account) => new CfnWaitConditionHandle(new Stack(account.app, 'prod-extra', { env: account.env() }), 'Marker'),",
        '  },',
        '});',
      ].join('\n'),
    );
    const { code, stderr } = await deploy('--app', `node ${join(dir, 'app.js')}`);
    expect([code, stderr]).toEqual([0, '']);
    // Deployed with Landfall's execution role, so it carries Landfall's tag, which the guardrails protect.
    expect(stacks().find((x) => x.name === 'prod-extra')).toMatchObject({
      accountId: lock().accounts.prod,
      status: 'CREATE_COMPLETE',
      tags: { 'landfall:landing-zone': 'acme-health' },
    });
  });

  test('a lease held by another run stops deploy before any stack, naming the holder', async () => {
    await start();
    expect((await landfall(['apply', '-c', config, '--endpoint', endpoint, '--yes', '--poll-ms', '20'])).code).toBe(0);
    const root = (emulator.organization.call('ListRoots', {}) as { Roots: Array<{ Id: string }> }).Roots[0].Id;
    emulator.organization.call('TagResource', {
      ResourceId: root,
      Tags: [{ Key: 'landfall:lease', Value: `ci@build-host-7:4242|${new Date(Date.now() + 60_000).toISOString()}` }],
    });
    const { code, stderr } = await deploy();
    expect(code).toBe(1);
    expect(stderr).toContain('another landfall apply or deploy holds the organization: ci@build-host-7:4242');
    expect(stacks()).toEqual([]);
  });
});
