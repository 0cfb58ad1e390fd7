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
