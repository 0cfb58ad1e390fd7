// Main-job benchmark: the README's `npx projen synth` on a fresh clone of this repository's HEAD, run three
// times: first (nothing built), again with nothing changed, and after a one-line change to one package's source
// (the CLI, last in the build order). Writes bench/results/main-job.{json,md}; README.md links the Markdown.
// Run: npx ts-node --transpileOnly bench/main-job.ts   (slow: clones, installs, builds; not part of `npx projen bench`)
import { execFileSync, spawnSync } from 'child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';

const repo = join(__dirname, '..');
const clone = join(mkdtempSync(join(tmpdir(), 'landfall-main-job-')), 'repo');
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
execFileSync('git', ['clone', '--quiet', repo, clone]);

function timed(label: string, command: string, args: string[]): { label: string; seconds: number } {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: clone, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) {
    throw new Error(
      `${label}: ${command} ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`,
    );
  }
  process.stdout.write(`${label}: ${seconds.toFixed(1)} s\n`);
  return { label, seconds };
}

try {
  const install = timed('npm ci', 'npm', ['ci', '--no-audit', '--no-fund']);
  const runs = [
    timed('first run (nothing built)', 'npx', ['projen', 'synth']),
    timed('nothing changed', 'npx', ['projen', 'synth']),
  ];
  appendFileSync(join(clone, 'packages', 'cli', 'src', 'main.ts'), '// a change\n');
  runs.push(timed('one package changed (the CLI)', 'npx', ['projen', 'synth']));

  const machine = `${cpus().length} × ${cpus()[0].model.replace(/\s+/g, ' ').trim()}, Node ${process.version}`;
  const out = join(__dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'main-job.json'), JSON.stringify({ machine, commit, install, runs }, undefined, 2) + '\n');
  writeFileSync(
    join(out, 'main-job.md'),
    [
      `Measured by bench/main-job.ts on ${machine}: \`npx projen synth\` on a fresh clone (after \`npm ci\`, ${install.seconds.toFixed(0)} s), run three times in a row.`,
      '',
      '| run | wall time |',
      '|---|---|',
      ...runs.map((r) => `| ${r.label} | ${r.seconds.toFixed(1)} s |`),
      '',
      'Each package compiles only when its sources, build configuration, installed dependencies or an upstream package changed (projenrc/compile-changed.ts); the artifacts and the checked assembly are rebuilt only when what they read changed (projenrc/run-if-changed.ts). Regenerating the project files from `.projenrc.ts` always runs.',
      '',
    ].join('\n'),
  );
} finally {
  rmSync(join(clone, '..'), { recursive: true, force: true });
}
