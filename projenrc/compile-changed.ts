// Compiles the monorepo's packages in dependency order, two at a time where the order allows (a package starts
// once the siblings it depends on are compiled), skipping each package whose inputs have not changed
// since its last successful compile: the everyday `npx projen synth` / `npx projen test` then rebuilds nothing
// that did not change (jsii has no incremental mode of its own).
//
// Run by the root `compile` task: ts-node --transpileOnly projenrc/compile-changed.ts --task=<package task>
// <package dir>... (directories in build order). `--force` compiles every package.
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { availableParallelism } from 'os';
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

/** The sibling packages (among `dirs`) a package depends on: dependencies, peers and dev dependencies. */
export function siblingsOf(packageDir: string, dirs: ReadonlyMap<string, string>): string[] {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as Record<
    string,
    Record<string, string> | undefined
  >;
  const names = ['dependencies', 'peerDependencies', 'devDependencies'].flatMap((k) => Object.keys(manifest[k] ?? {}));
  return [...new Set(names)].filter((n) => dirs.has(n)).map((n) => dirs.get(n)!);
}

/**
 * The packages to compile, each once all the siblings it depends on are compiled, `lanes` at a time. Resolves to
 * the exit status of the first compile that failed (the running ones finish; nothing new starts), or 0.
 */
export async function compileInOrder(
  order: readonly string[],
  needs: ReadonlyMap<string, readonly string[]>,
  lanes: number,
  compile: (dir: string) => Promise<number>,
): Promise<number> {
  const done = new Set<string>();
  const started = new Set<string>();
  let failed = 0;
  return new Promise((resolve) => {
    let running = 0;
    const next = () => {
      if (failed === 0) {
        for (const dir of order) {
          if (running >= lanes) break;
          if (started.has(dir) || !(needs.get(dir) ?? []).every((d) => done.has(d))) continue;
          started.add(dir);
          running++;
          void compile(dir)
            .catch((error: unknown) => {
              process.stderr.write(`compile ${dir}: ${String(error)}\n`);
              return 1;
            })
            .then((status) => {
              running--;
              if (status === 0) done.add(dir);
              else if (failed === 0) failed = status;
              next();
            });
        }
      }
      if (running > 0) return;
      const waiting = order.filter((d) => !started.has(d));
      if (failed === 0 && waiting.length > 0) {
        // Only a cycle leaves packages that can never start.
        process.stderr.write(`compile: ${waiting.join(', ')} depend on each other in a cycle; none was compiled\n`);
        failed = 1;
      }
      resolve(failed);
    };
    next();
  });
}

/** Runs `npx projen <task>` in a package, printing its output in one piece when it ends (two run side by side). */
function runTask(root: string, packageDir: string, task: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['projen', task], { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const output: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => output.push(d));
    child.stderr.on('data', (d: Buffer) => output.push(d));
    child.on('error', (error) => {
      output.push(Buffer.from(`${String(error)}\n`));
    });
    child.on('close', (code) => {
      process.stdout.write(`👾 compile ${relative(root, packageDir)}\n`);
      process.stdout.write(Buffer.concat(output));
      resolve(code ?? 1);
    });
  });
}

async function main(argv: readonly string[]): Promise<number> {
  const root = process.cwd();
  const force = argv.includes('--force');
  const task = argv.find((a) => a.startsWith('--task='))?.slice('--task='.length) ?? 'compile';
  const dirs = argv.filter((a) => !a.startsWith('--')).map((d) => join(root, d));
  const lockFile = join(root, 'package-lock.json');
  const started = performance.now();
  const byName = new Map(
    dirs.map((d) => [(JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { name: string }).name, d]),
  );
  // A package's fingerprint includes those of the siblings it depends on (`dirs` is in build order).
  const needs = new Map(dirs.map((d) => [d, siblingsOf(d, byName)]));
  const prints = new Map<string, string>();
  for (const dir of dirs) {
    prints.set(
      dir,
      fingerprint(
        dir,
        lockFile,
        needs.get(dir)!.map((d) => prints.get(d)!),
      ),
    );
  }
  const stale = dirs.filter((d) => force || !upToDate(d, prints.get(d)!));
  // A package waits for every stale package below it, not only those it names: one it names may be up to date
  // while that one's own dependency is being compiled.
  const below = (dir: string, seen = new Set<string>()): Set<string> => {
    for (const d of needs.get(dir)!) {
      if (!seen.has(d)) {
        seen.add(d);
        below(d, seen);
      }
    }
    return seen;
  };
  const lanes = Math.max(1, Math.min(2, availableParallelism()));
  const status = await compileInOrder(
    stale,
    new Map(stale.map((d) => [d, [...below(d)].filter((n) => stale.includes(n))])),
    lanes,
    async (dir) => {
      // A failed compile must not leave a stamp that says the old output is current.
      rmSync(join(dir, STAMP_FILE), { force: true });
      const code = await runTask(root, dir, task);
      if (code === 0) writeFileSync(join(dir, STAMP_FILE), `${prints.get(dir)}\n`);
      return code;
    },
  );
  if (status !== 0) return status;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(
    stale.length === 0
      ? `👾 compile: all ${dirs.length} packages up to date (${seconds} s)\n`
      : `👾 compile: ${stale.length} of ${dirs.length} packages compiled, ${lanes} at a time, the others up to date (${seconds} s)\n`,
  );
  return 0;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((status) => {
    process.exitCode = status;
  });
}
