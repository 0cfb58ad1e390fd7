// Runs a command only when its inputs (or the command itself) changed since its last successful run, or when
// its outputs are not what that run left (gone, or rewritten by another command, e.g. a `landfall synth` into the
// same folder): the main job's steps skip their work when nothing they read has changed.
//
// ts-node --transpileOnly projenrc/run-if-changed.ts --stamp <file> --inputs <path>... --outputs <path>... -- <command>
// Inputs are files or folders (every file under them); a missing input counts as absent, not as an error.
// Delete the stamp file (or the folder it is in) to run the command regardless.
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

export interface RunIfChangedArgs {
  readonly stamp: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly command: string;
}

/** Parses `--stamp f --inputs a b --outputs c -- command words`; names what is missing. */
export function parseArgs(argv: readonly string[]): RunIfChangedArgs {
  const separator = argv.indexOf('--');
  if (separator < 0 || separator === argv.length - 1) throw new Error('run-if-changed: no command after `--`');
  const options = argv.slice(0, separator);
  const lists: Record<string, string[]> = { '--stamp': [], '--inputs': [], '--outputs': [] };
  let current: string[] | undefined;
  for (const word of options) {
    if (word in lists) current = lists[word];
    else if (!current) throw new Error(`run-if-changed: '${word}' is not after --stamp, --inputs or --outputs`);
    else current.push(word);
  }
  if (lists['--stamp'].length !== 1) throw new Error('run-if-changed: give exactly one --stamp file');
  return {
    stamp: lists['--stamp'][0],
    inputs: lists['--inputs'],
    outputs: lists['--outputs'],
    command: argv.slice(separator + 1).join(' '),
  };
}

function hashPath(hash: ReturnType<typeof createHash>, path: string): void {
  if (!existsSync(path)) {
    hash.update(`absent\0${path}\0`);
    return;
  }
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) hashPath(hash, join(path, entry));
    return;
  }
  hash.update(`file\0${path}\0`);
  hash.update(readFileSync(path));
  hash.update('\0');
}

/** The fingerprint of a run: the command and the content of every input. */
export function fingerprint(args: Pick<RunIfChangedArgs, 'inputs' | 'command'>): string {
  const hash = createHash('sha256');
  hash.update(`command\0${args.command}\0`);
  for (const input of args.inputs) hashPath(hash, input);
  return hash.digest('hex');
}

/** The fingerprint of what a run left: the content of every output. */
function outputsPrint(outputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const output of outputs) hashPath(hash, output);
  return hash.digest('hex');
}

/** Runs the command unless nothing changed; returns its exit status (0 when skipped). */
export function runIfChanged(
  args: RunIfChangedArgs,
  log: (line: string) => void = (l) => process.stdout.write(l),
): number {
  const print = fingerprint(args);
  const missing = args.outputs.filter((o) => !existsSync(o));
  if (
    missing.length === 0 &&
    existsSync(args.stamp) &&
    readFileSync(args.stamp, 'utf8').trim() === `${print} ${outputsPrint(args.outputs)}`
  ) {
    log(`👾 unchanged since the last run, kept: ${args.outputs.join(', ') || args.command}\n`);
    return 0;
  }
  // A failed run must not leave a stamp that vouches for the previous outputs.
  rmSync(args.stamp, { force: true });
  const result = spawnSync(args.command, { shell: true, stdio: 'inherit' });
  const status = result.status ?? 1;
  if (status === 0) {
    mkdirSync(dirname(args.stamp), { recursive: true });
    writeFileSync(args.stamp, `${print} ${outputsPrint(args.outputs)}\n`);
  }
  return status;
}

if (require.main === module) {
  try {
    process.exitCode = runIfChanged(parseArgs(process.argv.slice(2)));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
