// Org engine benchmark: apply a definition with 50 workload accounts against the
// loopback emulator and compare the wall time with the floor that AWS's limit of
// 5 concurrent account creations sets; count API calls per step type.
// Writes bench/results/organization.{json,md}. Run: npx projen bench
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { compileGuardrails } from '../packages/guardrails/src';
import { validateOrThrow } from '../packages/model/src';
import { OrganizationsEmulator } from '../packages/org-emulator/src';
import {
  applyPlan,
  createClient,
  desiredOrganization,
  planChanges,
  readOrganization,
  retryingSend,
} from '../packages/organization/src';

process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE00';
process.env.AWS_SECRET_ACCESS_KEY = 'example-not-a-secret';

const CREATE_ACCOUNT_MS = 1000;
const WORKLOAD_ACCOUNTS = 50;

function definition() {
  const def = JSON.parse(readFileSync(join(__dirname, '..', 'landing-zone.json'), 'utf8'));
  const workloads = def.organization.ous.find((o: any) => o.name === 'Workloads');
  for (const [i, env] of [
    ['0', 'prod'],
    ['1', 'dev'],
  ] as const) {
    const ou = workloads.ous[Number(i)];
    for (let n = 0; n < WORKLOAD_ACCOUNTS / 2; n++) {
      ou.accounts.push({
        name: `${env}-team-${n}`,
        email: `aws-${env}-team-${n}@example.com`,
        role: 'workload',
        environment: env,
      });
    }
  }
  return validateOrThrow(def);
}

const STEP_OF: Record<string, string> = {
  CreateOrganization: 'create-organization',
  EnablePolicyType: 'enable-policy-type',
  CreateOrganizationalUnit: 'create-ou',
  CreateAccount: 'create-account',
  DescribeCreateAccountStatus: 'create-account',
  ListCreateAccountStatus: 'create-account',
  MoveAccount: 'create-account',
  CreatePolicy: 'create-policy',
  UpdatePolicy: 'create-policy',
  AttachPolicy: 'attach-policy',
  DetachPolicy: 'attach-policy',
  EnableAWSServiceAccess: 'enable-trusted-access',
  RegisterDelegatedAdministrator: 'register-delegated-admin',
  TagResource: 'lease',
  UntagResource: 'lease',
};

async function run(name: string, faults: { throttleRate: number; errorRate: number }) {
  const lz = definition();
  const compiled = compileGuardrails(lz);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  const desired = desiredOrganization(lz, compiled.compilation.policies);
  const emulator = new OrganizationsEmulator({
    createAccountMs: CREATE_ACCOUNT_MS,
    limits: { maxAccounts: 100 },
    ratePerOperation: 20,
    faults,
  });
  const client = createClient({ endpoint: await emulator.start() });
  const start = performance.now();
  const plan = planChanges(desired, await readOrganization(retryingSend(client)));
  let accountsStarted = 0;
  let accountsDone = 0;
  await applyPlan(plan, client, {
    pollMs: 250,
    onEvent: (e) => {
      if (e.type === 'start' && e.step.kind === 'create-account' && !accountsStarted) {
        accountsStarted = performance.now();
      }
      if (e.type === 'done' && e.step.kind === 'create-account') accountsDone = performance.now();
    },
  });
  const seconds = (performance.now() - start) / 1000;
  const creations = plan.steps.filter((s) => s.kind === 'create-account').length;
  const floor = Math.ceil(creations / 5) * (CREATE_ACCOUNT_MS / 1000);
  const calls: Record<string, number> = {};
  for (const [op, n] of Object.entries(emulator.statistics.calls)) {
    const step = STEP_OF[op] ?? 'read live organization';
    calls[step] = (calls[step] ?? 0) + n;
  }
  const stats = emulator.statistics;
  await emulator.stop();
  return {
    name,
    steps: plan.steps.length,
    creations,
    seconds,
    accountPhaseSeconds: (accountsDone - accountsStarted) / 1000,
    floor,
    calls,
    totalCalls: Object.values(stats.calls).reduce((a, b) => a + b, 0),
    throttled: stats.throttled,
    failed: stats.failed,
  };
}

void (async () => {
  const results = [
    await run('no faults', { throttleRate: 0, errorRate: 0 }),
    await run('30% throttled, 10% server errors', { throttleRate: 0.3, errorRate: 0.1 }),
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
  const kinds = [...new Set(results.flatMap((r) => Object.keys(r.calls)))].sort();
  const md = [
    `Measured by \`npx projen bench\` (bench/organization.ts) on ${machine}: the example plus ${WORKLOAD_ACCOUNTS} workload accounts applied from nothing against landfall-org-emulator, CreateAccount taking ${CREATE_ACCOUNT_MS} ms, 20 requests per second per operation.`,
    '',
    '| run | steps | accounts created | wall time | account phase | floor (5 creations at a time) | API calls | throttled | server errors |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.name} | ${r.steps} | ${r.creations} | ${r.seconds.toFixed(1)} s | ${r.accountPhaseSeconds.toFixed(1)} s | ${r.floor.toFixed(1)} s | ${r.totalCalls} | ${r.throttled} | ${r.failed} |`,
    ),
    '',
    'API calls per step type (including retries):',
    '',
    `| step type | ${results.map((r) => r.name).join(' | ')} |`,
    `|---|${results.map(() => '---').join('|')}|`,
    ...kinds.map((k) => `| ${k} | ${results.map((r) => r.calls[k] ?? 0).join(' | ')} |`),
    '',
  ].join('\n');
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'organization.json'), JSON.stringify({ machine, results }, undefined, 2) + '\n');
  writeFileSync(join(out, 'organization.md'), md);
  process.stdout.write(md);
})();
