// One synthesis of the landing zone for bench/synth.ts, in its own process so that
// peak memory is this case's alone. Prints one JSON line.
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { synthesizeLandingZone } from '../packages/landing-zone/src';
import { validateOrThrow } from '../packages/model/src';

const workloads = Number(process.argv[2]);
const proactiveControls = process.argv[3] === '--proactive-controls';
const example = JSON.parse(readFileSync(join(__dirname, '..', 'landing-zone.json'), 'utf8'));
if (workloads > 0) {
  const accounts = (env: string) =>
    Array.from({ length: workloads / 2 }, (_, i) => ({
      name: `${env}-${i}`,
      email: `aws-${env}-${i}@example.com`,
      role: 'workload',
      environment: env,
    }));
  const ous = example.organization.ous.map((ou: any) =>
    ou.name === 'Workloads'
      ? {
          name: 'Workloads',
          ous: [
            { name: 'Prod', accounts: accounts('prod') },
            { name: 'Dev', accounts: accounts('dev') },
          ],
        }
      : ou,
  );
  example.organization = { ...example.organization, ous };
}
const started = performance.now();
const definition = validateOrThrow(example);
const outdir = join(mkdtempSync(join(tmpdir(), 'landfall-bench-')), 'cdk.out');
const report = synthesizeLandingZone({ definition, placeholders: true, proactiveControls, outdir });
const synthMs = performance.now() - started;
if (!report.ok) throw new Error(`unacknowledged findings: ${report.findings.length}`);
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
    accounts: new Set(report.stacks.map((s) => s.account)).size,
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
