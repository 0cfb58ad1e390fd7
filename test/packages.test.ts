import { spawnSync } from 'child_process';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';

const PACKAGES = join(__dirname, '..', 'packages');

/** What `npm pack` would put in a package's tarball (after the package is built). */
function packed(folder: string): { files: string[]; name: string } {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: join(PACKAGES, folder),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`npm pack failed in packages/${folder}: ${result.stderr}`);
  const [pack] = JSON.parse(result.stdout) as Array<{ name: string; files: Array<{ path: string }> }>;
  return { name: pack.name, files: pack.files.map((f) => f.path).sort() };
}

describe.each(readdirSync(PACKAGES).sort())('packages/%s, as npm packs it', (folder) => {
  const manifest = JSON.parse(readFileSync(join(PACKAGES, folder, 'package.json'), 'utf8'));
  const { name, files } = packed(folder);

  test('is the @landfall package with its README, LICENSE and type declarations', () => {
    expect(name).toBe(`@landfall/${folder}`);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    expect(files).toContain(manifest.types);
    expect(files).toContain(manifest.main);
  });

  test('holds only its build output: no sources, tests, build configuration or caches', () => {
    // lib/ (compiled JavaScript and declarations), .jsii (a construct package's assembly), schema/ (the model's
    // generated JSON Schema).
    const outside = files.filter(
      (f) => !['README.md', 'LICENSE', 'package.json', '.jsii'].includes(f) && !/^(lib|schema)\//.test(f),
    );
    expect(outside).toEqual([]);
    expect(files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((f) => /tsbuildinfo|\.test\.|(^|\/)test\//.test(f))).toEqual([]);
  });

  test('a bin, when it has one, is in the package', () => {
    for (const bin of Object.values<string>(manifest.bin ?? {})) expect(files).toContain(bin.replace(/^\.\//, ''));
  });
});
