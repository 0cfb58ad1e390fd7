// Compiles the monorepo's packages in dependency order, skipping each package whose inputs have not changed
// since its last successful compile: the everyday `npx projen synth` / `npx projen test` then rebuilds nothing
// that did not change (jsii has no incremental mode of its own).
//
// Run by the root `compile` task: ts-node --transpileOnly projenrc/compile-changed.ts --task=<package task>
// <package dir>... (directories in build order). `--force` compiles every package.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { join, relative } from 'path';
import { performance } from 'perf_hooks';

/** Where a package's fingerprint of its last successful compile is kept (git-ignored, never packed). */
export const STAMP_FILE = '.compile-stamp';
/** A package's own inputs, besides every file under src/ (jsii copies README.md into its assembly). */
const PACKAGE_INPUTS = ['package.json', 'tsconfig.json', '.projen/tasks.json', 'README.md'];

/** What the package ships besides its build output (package.json `files`, e.g. the model's schema/): read at run time. */
function shippedInputs(packageDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { files?: string[] };
  return (manifest.files ?? []).filter((f) => !['lib', 'lib/', '.jsii'].includes(f));
}

/** Every file under `dir`, sorted, as paths relative to `root`. */
function filesUnder(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(root, join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

/**
 * The fingerprint of a package: its sources and build configuration, the installed dependency versions
 * (the root lock file) and the fingerprints of the packages compiled before it, which it may import.
 */
export function fingerprint(packageDir: string, lockFile: string, upstream: readonly string[]): string {
  const hash = createHash('sha256');
  hash.update(`lock\0${existsSync(lockFile) ? readFileSync(lockFile) : ''}\0`);
  for (const u of upstream) hash.update(`upstream\0${u}\0`);
  const shipped = existsSync(join(packageDir, 'package.json')) ? shippedInputs(packageDir) : [];
  for (const file of [
    ...PACKAGE_INPUTS.filter((f) => existsSync(join(packageDir, f))),
    ...filesUnder(packageDir, 'src'),
    ...shipped.flatMap((f) =>
      existsSync(join(packageDir, f)) && statSync(join(packageDir, f)).isDirectory() ? filesUnder(packageDir, f) : [f],
    ),
  ]) {
    if (!existsSync(join(packageDir, file))) {
      hash.update(`absent\0${file}\0`);
      continue;
    }
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(packageDir, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Whether the package's output is what its last compile left: the stamp matches and lib/ is there. */
export function upToDate(packageDir: string, print: string): boolean {
  const stamp = join(packageDir, STAMP_FILE);
  return (
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === print &&
    existsSync(join(packageDir, 'lib')) &&
    statSync(join(packageDir, 'lib')).isDirectory()
  );
}

function main(argv: readonly string[]): number {
  const root = process.cwd();
  const force = argv.includes('--force');
  const task = argv.find((a) => a.startsWith('--task='))?.slice('--task='.length) ?? 'compile';
  const dirs = argv.filter((a) => !a.startsWith('--'));
  const lockFile = join(root, 'package-lock.json');
  const prints: string[] = [];
  const started = performance.now();
  let compiled = 0;
  for (const dir of dirs) {
    const packageDir = join(root, dir);
    const print = fingerprint(packageDir, lockFile, prints);
    prints.push(print);
    if (!force && upToDate(packageDir, print)) continue;
    // A failed compile must not leave a stamp that says the old output is current.
    rmSync(join(packageDir, STAMP_FILE), { force: true });
    process.stdout.write(`👾 compile ${relative(root, packageDir)}\n`);
    const result = spawnSync('npx', ['projen', task], { cwd: packageDir, stdio: 'inherit' });
    if (result.status !== 0) return result.status ?? 1;
    writeFileSync(join(packageDir, STAMP_FILE), `${print}\n`);
    compiled++;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    compiled === 0
      ? `👾 compile: all ${dirs.length} packages up to date (${seconds} s)\n`
      : `👾 compile: ${compiled} of ${dirs.length} packages compiled, the others up to date (${seconds} s)\n`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
