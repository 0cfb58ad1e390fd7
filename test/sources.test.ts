import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..');

/** Runs a .projenrc-like script that imports projenrc/sources first, as .projenrc.ts does. */
function projenrc(body: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'landfall-projenrc-')), 'projenrc.ts');
  writeFileSync(file, [`import '${join(root, 'projenrc', 'sources')}';`, body].join('\n'));
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'ts-node'),
    ['--transpileOnly', '--project', join(root, 'tsconfig.dev.json'), file],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return { code: result.status, stderr: result.stderr };
}

describe('a failing .projenrc.ts', () => {
  test('prints a definition error once, with the field and the fix, and exits 1', () => {
    const { code, stderr } = projenrc(
      [
        "import { LandingZoneValidationError } from '@landfall/model';",
        "throw new LandingZoneValidationError([{ path: 'identity.maxSessionHours', message: '80 must be <= 12', fix: 'use a number <= 12' }], '.projenrc.ts');",
      ].join('\n'),
    );
    expect(code).toBe(1);
    expect(stderr).toBe(
      '✘ .projenrc.ts has 1 error:\n  identity.maxSessionHours: 80 must be <= 12 — use a number <= 12\n',
    );
  }, 30_000);

  test('prints any other error with its stack, as a fault, and exits 2', () => {
    const { code, stderr } = projenrc("throw new TypeError('cannot read x of undefined');");
    expect(code).toBe(2);
    expect(stderr).toMatch(/^TypeError: cannot read x of undefined\n\s+at /);
  }, 30_000);
});

describe('a fresh clone, before anything is built', () => {
  test("resolves every package's lib/ modules to its src/, so `npx projen` needs no build", () => {
    const { readdirSync } = jest.requireActual('fs');
    const script = (readdirSync(join(root, 'packages')) as string[])
      .map(
        (name) =>
          `if (!require.resolve('@landfall/${name}/lib/index').endsWith('packages/${name}/src/index.ts')) { console.error('${name}: ' + require.resolve('@landfall/${name}/lib/index')); process.exit(3); }`,
      )
      .join('\n');
    const { code, stderr } = projenrc(script);
    expect([code, stderr]).toEqual([0, '']);
  }, 30_000);
});
