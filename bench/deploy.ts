// Deploy benchmark: `landfall deploy` of the example from nothing against the loopback emulator (Organizations,
// CloudFormation, StackSets, STS, S3), then again with nothing changed. Records rounds, what happened to each stack,
// wall time and the API calls per service operation. The emulator's operations take OPERATION_MS each, so the wall
// time measures Landfall's own overhead and ordering (phases, concurrency), not CloudFormation's.
// Writes bench/results/deploy.{json,md}. Run: npx projen bench
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { landfall } from '../packages/cli/test/landfall';
import { OrganizationsEmulator } from '../packages/org-emulator/src';

const OPERATION_MS = 250;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-deploy-bench-'));
  const config = join(dir, 'landing-zone.json');
  copyFileSync(join(__dirname, '..', 'landing-zone.json'), config);
  const emulator = new OrganizationsEmulator({
    createAccountMs: 1000,
    ratePerOperation: 20,
    cloudFormation: { operationMs: OPERATION_MS },
  });
  const endpoint = await emulator.start();
  const runs: Array<{
    run: string;
    seconds: number;
    summary: string;
    calls: Record<string, number>;
    throttled: number;
  }> = [];
  try {
    for (const run of ['from nothing', 'nothing changed']) {
      emulator.resetStatistics();
      const started = performance.now();
      const result = await landfall([
        'deploy',
        '-c',
        config,
        '--endpoint',
        endpoint,
        '--out',
        join(dir, 'out'),
        '--yes',
        '--poll-ms',
        '200',
        '--stack-poll-ms',
        '100',
      ]);
      const seconds = (performance.now() - started) / 1000;
      if (result.code !== 0) throw new Error(`${run}: deploy failed:\n${result.stdout}\n${result.stderr}`);
      const summary = /✔ deployed: (.*) in [\d.]+s/.exec(result.stdout)?.[1] ?? '?';
      const stats = emulator.statistics;
      runs.push({ run, seconds, summary, calls: stats.calls, throttled: stats.throttled });
      process.stdout.write(`${run}: ${seconds.toFixed(1)} s, ${summary}\n`);
    }
  } finally {
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const machine = `${cpus().length} × ${cpus()[0].model.replace(/\s+/g, ' ').trim()}, Node ${process.version}`;
  const services = (calls: Record<string, number>, prefix: string) =>
    Object.entries(calls).filter(([op]) =>
      prefix === 'organizations' ? !op.includes(':') : op.startsWith(`${prefix}:`),
    );
  const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);
  const operations = [...new Set(runs.flatMap((r) => Object.keys(r.calls)))].sort();
  const md = [
    `Measured by \`npx projen bench\` (bench/deploy.ts) on ${machine}: \`landfall deploy\` of the example (7 accounts, 2 Regions) against landfall-org-emulator, each CloudFormation change set, stack operation and StackSet operation taking ${OPERATION_MS} ms, CreateAccount 1,000 ms, 20 requests per second per operation (throttled beyond, and retried).`,
    '',
    '| run | wall time | what deploy did | API calls | Organizations | CloudFormation | STS | S3 | throttled |',
    '|---|---|---|---|---|---|---|---|---|',
    ...runs.map(
      (r) =>
        `| ${r.run} | ${r.seconds.toFixed(1)} s | ${r.summary} | ${total(r.calls)} | ${services(r.calls, 'organizations').reduce((a, [, n]) => a + n, 0)} | ${services(r.calls, 'cloudformation').reduce((a, [, n]) => a + n, 0)} | ${services(r.calls, 'sts').reduce((a, [, n]) => a + n, 0)} | ${services(r.calls, 's3').reduce((a, [, n]) => a + n, 0)} | ${r.throttled} |`,
    ),
    '',
    'API calls per operation:',
    '',
    `| operation | ${runs.map((r) => r.run).join(' | ')} |`,
    `|---|${runs.map(() => '---').join('|')}|`,
    ...operations.map((op) => `| ${op} | ${runs.map((r) => r.calls[op] ?? 0).join(' | ')} |`),
    '',
  ].join('\n');
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, 'deploy.json'),
    JSON.stringify({ machine, operationMs: OPERATION_MS, runs }, undefined, 2) + '\n',
  );
  writeFileSync(join(out, 'deploy.md'), md);
}

void main().catch((error) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});
