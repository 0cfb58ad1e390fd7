import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { STAMP_FILE, fingerprint, upToDate } from '../projenrc/compile-changed';

function fakePackage(): { dir: string; lock: string } {
  const root = mkdtempSync(join(tmpdir(), 'landfall-compile-'));
  const dir = join(root, 'packages', 'model');
  mkdirSync(join(dir, 'src', 'nested'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"@landfall/model"}');
  writeFileSync(join(dir, 'src', 'index.ts'), 'export const a = 1;\n');
  writeFileSync(join(dir, 'src', 'nested', 'data.json'), '{}');
  const lock = join(root, 'package-lock.json');
  writeFileSync(lock, '{"lockfileVersion":3}');
  return { dir, lock };
}

describe('compile-changed: a package is compiled again only when something it is built from changed', () => {
  test('the fingerprint changes with any source file, the build configuration, the lock file or an upstream package', () => {
    const { dir, lock } = fakePackage();
    const before = fingerprint(dir, lock, []);
    expect(fingerprint(dir, lock, [])).toBe(before);

    writeFileSync(join(dir, 'src', 'nested', 'data.json'), '{"x":1}');
    const afterData = fingerprint(dir, lock, []);
    expect(afterData).not.toBe(before);

    writeFileSync(join(dir, 'src', 'new.ts'), '');
    const afterNewFile = fingerprint(dir, lock, []);
    expect(afterNewFile).not.toBe(afterData);

    writeFileSync(join(dir, 'package.json'), '{"name":"@landfall/model","version":"1.0.0"}');
    const afterPackageJson = fingerprint(dir, lock, []);
    expect(afterPackageJson).not.toBe(afterNewFile);

    writeFileSync(lock, '{"lockfileVersion":3,"packages":{}}');
    const afterLock = fingerprint(dir, lock, []);
    expect(afterLock).not.toBe(afterPackageJson);

    expect(fingerprint(dir, lock, ['upstream-a'])).not.toBe(afterLock);
    expect(fingerprint(dir, lock, ['upstream-a'])).not.toBe(fingerprint(dir, lock, ['upstream-b']));
  });

  test('tests and other files outside src/ do not make a package stale', () => {
    const { dir, lock } = fakePackage();
    const before = fingerprint(dir, lock, []);
    mkdirSync(join(dir, 'test'));
    writeFileSync(join(dir, 'test', 'a.test.ts'), 'test("x", () => {});');
    writeFileSync(join(dir, 'README.md'), '# model');
    expect(fingerprint(dir, lock, [])).toBe(before);
  });

  test('is up to date only when the stamp matches and lib/ is there', () => {
    const { dir, lock } = fakePackage();
    const print = fingerprint(dir, lock, []);
    expect(upToDate(dir, print)).toBe(false);
    writeFileSync(join(dir, STAMP_FILE), `${print}\n`);
    expect(upToDate(dir, print)).toBe(false); // no lib/ yet
    mkdirSync(join(dir, 'lib'));
    expect(upToDate(dir, print)).toBe(true);
    expect(upToDate(dir, `${print.slice(1)}0`)).toBe(false);
    rmSync(join(dir, 'lib'), { recursive: true });
    expect(upToDate(dir, print)).toBe(false);
  });
});
