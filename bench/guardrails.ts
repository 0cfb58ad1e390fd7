// Guardrail compile benchmark: time, memory and policy bytes against AWS's limits,
// for the example and for larger generated organizations. Writes
// bench/results/guardrails.{json,md}; docs/guardrails.md includes the Markdown.
// Run: npx projen bench   (never a timed test: numbers depend on the machine)
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { compileGuardrails } from '../packages/guardrails/src';
import { LandingZoneDefinition, validateOrThrow } from '../packages/model/src';

const RUNS = 50;

function generated(workloadOus: number, accountsPerOu: number): LandingZoneDefinition {
  const example = JSON.parse(readFileSync(join(__dirname, '..', 'landing-zone.json'), 'utf8'));
  const ous = Array.from({ length: workloadOus }, (_, o) => ({
    name: `Team${o}`,
    ous: ['Prod', 'Dev'].map((env) => ({
      name: env,
      accounts: Array.from({ length: accountsPerOu }, (_unused, a) => ({
        name: `t${o}-${env.toLowerCase()}-${a}`,
        email: `aws-t${o}-${env.toLowerCase()}-${a}@example.com`,
        role: 'workload',
        environment: env.toLowerCase(),
      })),
    })),
  }));
  const organization = {
    ...example.organization,
    ous: [...example.organization.ous.filter((o: any) => o.name !== 'Workloads'), ...ous],
  };
  // The backup policy then covers the OUs that hold workload accounts (the default), the Team OUs here.
  const { ous: _ous, ...backup } = example.backup;
  return { ...example, organization, backup };
}

function measure(name: string, definition: LandingZoneDefinition) {
  const lz = validateOrThrow(definition);
  const first = compileGuardrails(lz);
  if (!first.ok) throw new Error(`${name}: ${JSON.stringify(first.errors)}`);
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    compileGuardrails(lz);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const { policies, targets, limits } = first.compilation;
  const scps = policies.filter((p) => p.type === 'SERVICE_CONTROL_POLICY');
  const rcps = policies.filter((p) => p.type === 'RESOURCE_CONTROL_POLICY');
  const perTarget = (type: string) =>
    Math.max(...Object.values(targets).map((f) => f.filter((x) => x.type === type).length));
  return {
    name,
    targets: Object.keys(targets).length,
    policies: policies.length,
    largestScp: Math.max(...scps.map((p) => p.content.length)),
    scpLimit: limits.SERVICE_CONTROL_POLICY.maxCharacters,
    largestRcp: Math.max(...rcps.map((p) => p.content.length)),
    rcpLimit: limits.RESOURCE_CONTROL_POLICY.maxCharacters,
    maxScpsPerTarget: perTarget('SERVICE_CONTROL_POLICY') + 1,
    scpCountLimit: limits.SERVICE_CONTROL_POLICY.maxPerTarget,
    maxRcpsPerTarget: perTarget('RESOURCE_CONTROL_POLICY') + 1,
    rcpCountLimit: limits.RESOURCE_CONTROL_POLICY.maxPerTarget,
    totalBytes: policies.reduce((n, p) => n + Buffer.byteLength(p.content), 0),
    medianMs: times[Math.floor(times.length / 2)],
    p95Ms: times[Math.floor(times.length * 0.95)],
  };
}

const results = [
  measure('example (acme-health)', JSON.parse(readFileSync(join(__dirname, '..', 'landing-zone.json'), 'utf8'))),
  measure('10 teams × prod/dev × 5 accounts', generated(10, 5)),
  measure('50 teams × prod/dev × 2 accounts', generated(50, 2)),
];
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
const rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);

const md = [
  `Measured by \`npx projen bench\` (bench/guardrails.ts) on ${machine}; median and 95th percentile of ${RUNS} compiles after a warm-up; process peak RSS ${rssMb} MB.`,
  '',
  '| organization | targets | policies | largest SCP | SCPs per target | largest RCP | RCPs per target | bytes in all | compile median | p95 |',
  '|---|---|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.targets} | ${r.policies} | ${r.largestScp} of ${r.scpLimit} | ${r.maxScpsPerTarget} of ${r.scpCountLimit} | ${r.largestRcp} of ${r.rcpLimit} | ${r.maxRcpsPerTarget} of ${r.rcpCountLimit} | ${r.totalBytes} | ${r.medianMs.toFixed(2)} ms | ${r.p95Ms.toFixed(2)} ms |`,
  ),
  '',
  "Per-target counts include AWS's own FullAWSAccess / RCPFullAWSAccess. Identical policies are shared between targets, so the number of policies stays flat as teams are added.",
  '',
].join('\n');

const out = join(__dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'guardrails.json'),
  JSON.stringify({ machine, rssMb, runs: RUNS, results }, undefined, 2) + '\n',
);
writeFileSync(join(out, 'guardrails.md'), md);
process.stdout.write(md);
