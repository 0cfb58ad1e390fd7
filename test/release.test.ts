import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The release path on a copy of this repository: `npx projen release:version` bumps every package from its own
 * conventional commits and pins the siblings' ranges to the versions being released; `release:unversion` goes back
 * to the workspace without a trace. (`release` adds the build, test and pack in between, which `.ci/run` runs too.)
 * About two minutes: fourteen bumps and two syntheses.
 */
const REPO = join(__dirname, '..');
const PACKAGES = readdirSync(join(REPO, 'packages')).sort();

jest.setTimeout(600_000);

let work: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: work, encoding: 'utf-8' }).trim();
}

function projen(task: string): void {
  const env = { ...process.env };
  delete env.RELEASE;
  delete env.CI;
  execFileSync('npx', ['projen', task], { cwd: work, env, stdio: 'pipe', encoding: 'utf-8' });
}

function manifest(pkg: string): Record<string, Record<string, string>> {
  return JSON.parse(readFileSync(join(work, 'packages', pkg, 'package.json'), 'utf-8'));
}

function dist(pkg: string, file: string): string {
  return readFileSync(join(work, 'packages', pkg, 'dist', file), 'utf-8').trim();
}

function commit(message: string, file: string): void {
  const path = join(work, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${readFileSafe(path)}// ${message}\n`);
  git('add', file);
  git('commit', '-q', '-m', message);
}

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf-8');
  } catch {
    return '';
  }
}

beforeAll(() => {
  // The committed and new files of this checkout, in a repository of their own (no tags: nothing was released).
  work = mkdtempSync(join(tmpdir(), 'landfall-release-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: REPO,
    encoding: 'utf-8',
  })
    .split('\0')
    .filter((f) => f !== '');
  for (const file of files) {
    try {
      cpSync(join(REPO, file), join(work, file), { recursive: false });
    } catch (error) {
      // A file deleted in the working tree but still in the index.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  // Installed and built packages come from this checkout (its node_modules links the workspace's lib/ folders).
  git('init', '-q', '-b', 'main');
  symlinkSync(join(REPO, 'node_modules'), join(work, 'node_modules'), 'dir');
  // A symlink is not the directory .gitignore's /node_modules/ names.
  writeFileSync(join(work, '.git', 'info', 'exclude'), 'node_modules\n');
  git('config', 'user.email', 'release-test@example.com');
  git('config', 'user.name', 'Release test');
  git('config', 'commit.gpgsign', 'false');
  // Inside `npx projen release` (its test step) this checkout is versioned: the copy starts from the workspace.
  if (PACKAGES.some((pkg) => String(manifest(pkg).version) !== '0.0.0')) projen('release:unversion');
  git('add', '-A');
  git('commit', '-q', '-m', 'feat: the packages as they are');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npx projen release:version', () => {
  test('versions each package by its own commits, pins siblings to the released versions, and leaves no trace', () => {
    // Every package but org-emulator was released at 1.0.0 from the first commit.
    for (const pkg of PACKAGES) if (pkg !== 'org-emulator') git('tag', `@landfall/${pkg}@v1.0.0`);
    commit('feat(network): a new option for the workload VPC', 'packages/network/src/release-test-feature.ts');
    commit('fix(model): a clearer error for a bad account email', 'packages/model/src/release-test-fix.ts');
    commit('docs: a sentence in the README', 'README.md');
    commit('chore(encryption): tidy a comment', 'packages/encryption/src/release-test-chore.ts');

    projen('release:version');
    expect(dist('network', 'version.txt')).toBe('1.1.0');
    expect(dist('model', 'version.txt')).toBe('1.0.1');
    // Never released: its first version is 1.0.0, so that a caret range means "compatible" from the start.
    expect(dist('org-emulator', 'version.txt')).toBe('1.0.0');
    expect(dist('org-emulator', 'releasetag.txt')).toBe('@landfall/org-emulator@v1.0.0');
    // No feature or fix of its own: the version stays, and its tag exists, so the release workflow skips it.
    expect(dist('encryption', 'version.txt')).toBe('1.0.0');
    expect(dist('landing-zone', 'version.txt')).toBe('1.0.0');
    expect(git('tag', '--list', dist('encryption', 'releasetag.txt'))).not.toBe('');
    expect(git('tag', '--list', dist('network', 'releasetag.txt'))).toBe('');
    for (const pkg of PACKAGES) {
      expect([pkg, manifest(pkg).version]).toEqual([pkg, dist(pkg, 'version.txt')]);
      expect(dist(pkg, 'releasetag.txt')).toBe(`@landfall/${pkg}@v${dist(pkg, 'version.txt')}`);
    }

    // Each package names its siblings' versions in this release: a plain package as dependencies, a construct
    // package as peers (one copy of each construct class in an app). None is left at the workspace's 0.0.0.
    expect(manifest('landing-zone').dependencies['@landfall/network']).toBe('^1.1.0');
    expect(manifest('landing-zone').dependencies['@landfall/model']).toBe('^1.0.1');
    expect(manifest('cli').dependencies['@landfall/landing-zone']).toBe('^1.0.0');
    expect(manifest('network').peerDependencies['@landfall/encryption']).toBe('^1.0.0');
    expect(manifest('cli').devDependencies['@landfall/org-emulator']).toBe('^1.0.0');
    for (const pkg of PACKAGES) {
      const m = manifest(pkg);
      for (const deps of [m.dependencies, m.peerDependencies, m.devDependencies]) {
        for (const [name, range] of Object.entries(deps ?? {})) {
          if (name.startsWith('@landfall/')) expect(`${pkg} -> ${name}@${range}`).not.toMatch(/0\.0\.0$/);
        }
      }
    }

    // Each changelog has the package's own commits only.
    const network = readFileSync(join(work, 'packages/network/dist/changelog.md'), 'utf-8');
    expect(network).toContain('a new option for the workload VPC');
    expect(network).not.toContain('a clearer error');
    expect(network).not.toContain('a sentence in the README');
    const model = readFileSync(join(work, 'packages/model/dist/changelog.md'), 'utf-8');
    expect(model).toContain('a clearer error for a bad account email');
    expect(model).not.toContain('a new option');

    // Back to the workspace: nothing committed has changed, and the release's files stay in dist/.
    projen('release:unversion');
    expect(git('status', '--porcelain')).toBe('');
    expect(manifest('network').peerDependencies['@landfall/encryption']).toBe('^0.0.0');
    expect(dist('network', 'version.txt')).toBe('1.1.0');
  });
});
