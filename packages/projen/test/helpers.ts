import { spawn } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export const REPO = join(__dirname, '..', '..', '..');

/** The example's definition, as landing-zone.json has it. */
export const example = (): any => JSON.parse(readFileSync(join(REPO, 'landing-zone.json'), 'utf8'));

/**
 * A fresh project folder. With `installed` (the default), its node_modules is this repository's, where
 * @landfall/cli is built: what a client's repository has after `npm install`.
 */
export function projectDir(installed = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-projen-'));
  if (installed) symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** A project folder whose @landfall/cli is a stand-in exporting `api`. */
export function projectWithCli(api: string): string {
  const dir = projectDir(false);
  const cli = join(dir, 'node_modules', '@landfall', 'cli');
  mkdirSync(cli, { recursive: true });
  writeFileSync(
    join(cli, 'package.json'),
    JSON.stringify({ name: '@landfall/cli', version: '9.0.0', main: 'index.js' }),
  );
  writeFileSync(join(cli, 'index.js'), api);
  return dir;
}

/** Runs a command to its end: its exit code and output (a failure is a result, not an exception). */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
