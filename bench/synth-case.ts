// One synthesis of the landing zone for bench/synth.ts, in its own process so that
// peak memory is this case's alone. Prints one JSON line.
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { accountsOf, synthesizeLandingZone } from '../packages/landing-zone/src';
import { validateOrThrow } from '../packages/model/src';

const workloads = Number(process.argv[2]);
const proactiveControls = process.argv.includes('--proactive-controls');
const example = JSON.parse(readFileSync(join(__dirname, '..', 'landing-zone.json'), 'utf8'));
if (workloads > 0) {
  // The scaled cases: the Prod OU holds `workloads` accounts without a public entry (so, by default, its baselines
  // are StackSets); the Dev OU keeps the example's account. /24 VPCs, so that the example's /12 pool holds them all.
  const accounts = Array.from({ length: workloads }, (_, i) => ({
    name: `prod-${i}`,
    email: `aws-prod-${i}@example.com`,
    role: 'workload',
    environment: 'prod',
  }));
  const ous = example.organization.ous.map((ou: any) =>
    ou.name === 'Workloads'
      ? { ...ou, ous: ou.ous.map((child: any) => (child.name === 'Prod' ? { ...child, accounts } : child)) }
      : ou,
  );
  example.organization = { ...example.organization, ous };
  example.network.environments.prod.vpcNetmask = 24;
  // `deployment: stacks` for the Prod OU, to compare (bench/synth.ts --stacks).
  if (process.argv.includes('--stacks')) {
    for (const ou of ous) for (const child of ou.ous ?? []) if (child.name === 'Prod') child.deployment = 'stacks';
  }
}
const started = performance.now();
const definition = validateOrThrow(example);
const outdir = join(mkdtempSync(join(tmpdir(), 'landfall-bench-')), 'cdk.out');
// cacheDir false: every template goes through cfn-guard, as on a first run (a rerun of unchanged templates skips it).
const report = synthesizeLandingZone({ definition, placeholders: true, proactiveControls, outdir, cacheDir: false });
const synthMs = performance.now() - started;
if (process.env.BENCH_STACKS) {
  for (const s of [...report.stacks].sort((a, b) => b.resources - a.resources).slice(0, 25)) {
    process.stderr.write(`${s.name}\t${s.resources}\t${s.templateBytes}\n`);
  }
}
if (!report.ok) {
  const findings = report.findings.map((f) => `${f.stack}: ${f.description}`);
  throw new Error(`unacknowledged findings:\n${findings.join('\n')}`);
}
const perAccountRegion = new Map<string, { resources: number; lambdas: number }>();
for (const s of report.stacks) {
  const key = `${s.account}/${/-([a-z]{2}-(?:gov-)?[a-z]+-\d+)(?:-\d+)?$/.exec(s.name)![1]}`;
  const entry = perAccountRegion.get(key) ?? { resources: 0, lambdas: 0 };
  perAccountRegion.set(key, { resources: entry.resources + s.resources, lambdas: entry.lambdas + s.lambdaFunctions });
}
const values = [...perAccountRegion.values()];
process.stdout.write(
  JSON.stringify({
    workloads,
    accounts: accountsOf(definition).length,
    stackSetTemplates: report.stacks.filter((s) => s.account.startsWith('StackSets of ')).length,
    stacks: report.stacks.length,
    resources: report.stacks.reduce((n, s) => n + s.resources, 0),
    maxResourcesPerStack: Math.max(...report.stacks.map((s) => s.resources)),
    maxTemplateBytes: Math.max(...report.stacks.map((s) => s.templateBytes)),
    accountRegions: values.length,
    resourcesPerAccountRegion: {
      min: Math.min(...values.map((v) => v.resources)),
      max: Math.max(...values.map((v) => v.resources)),
    },
    lambdasPerAccountRegion: {
      min: Math.min(...values.map((v) => v.lambdas)),
      max: Math.max(...values.map((v) => v.lambdas)),
    },
    lambdas: report.stacks.reduce((n, s) => n + s.lambdaFunctions, 0),
    assemblyBytes: report.assemblyBytes,
    acknowledgements: report.acknowledgements.length,
    synthMs,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }) + '\n',
);
rmSync(join(outdir, '..'), { recursive: true, force: true });
