import { Testing } from 'projen';
import { outdir } from './outdir';
import { LandfallMonorepo } from '../projenrc/monorepo';
import { LandfallJsiiPackage, LandfallTypeScriptPackage } from '../projenrc/packages';

function twoPackages() {
  const root = new LandfallMonorepo({ outdir: outdir() });
  const model = new LandfallTypeScriptPackage({ parent: root, name: 'model', description: 'm' });
  const cli = new LandfallTypeScriptPackage({
    parent: root,
    name: 'cli',
    description: 'c',
    deps: ['@landfall/model@^0.0.0'],
    dependsOn: [model],
  });
  root.addPackage(model);
  root.addPackage(cli);
  return { root, out: Testing.synth(root) };
}

describe('LandfallMonorepo', () => {
  test('lists every package as an npm workspace', () => {
    expect(twoPackages().out['package.json'].workspaces).toEqual(['packages/model', 'packages/cli']);
  });

  test('compiles packages in dependency order, each only when its inputs changed', () => {
    const steps = twoPackages().out['.projen/tasks.json'].tasks.compile.steps;
    expect(steps).toEqual([
      {
        exec: 'ts-node --transpileOnly projenrc/compile-changed.ts --task=workspace-compile packages/model packages/cli',
        receiveArgs: true,
      },
    ]);
  });

  test("leaves installing to the root: a package's synthesis neither announces nor runs an install of its own", () => {
    const root = new LandfallMonorepo({ outdir: outdir() });
    const model = new LandfallTypeScriptPackage({ parent: root, name: 'model', description: 'm' });
    root.addPackage(model);
    Testing.synth(root);
    const runTask = jest.spyOn(model.tasks, 'runTask');
    const info = jest.spyOn(model.logger, 'info');
    model.package.postSynthesize();
    expect(runTask).not.toHaveBeenCalled();
    expect(info).not.toHaveBeenCalled();
  });

  test('links the executables of packages that have them once they are built (npm skips them on a fresh clone)', () => {
    const root = new LandfallMonorepo({ outdir: outdir() });
    const model = new LandfallTypeScriptPackage({ parent: root, name: 'model', description: 'm' });
    const cli = new LandfallTypeScriptPackage({
      parent: root,
      name: 'cli',
      description: 'c',
      bin: { landfall: 'lib/main.js' },
      dependsOn: [model],
    });
    root.addPackage(model);
    root.addPackage(cli);
    const steps = Testing.synth(root)['.projen/tasks.json'].tasks.compile.steps;
    expect(steps[steps.length - 1]).toEqual({
      exec: 'npm rebuild @landfall/cli --ignore-scripts --no-audit --no-fund',
    });
  });

  test('compiles every package, then runs the suites beside the lint and the end-to-end run, failing if either fails', () => {
    const tasks = twoPackages().out['.projen/tasks.json'].tasks;
    expect(tasks.test.steps[0]).toEqual({ spawn: 'compile' });
    expect(tasks.test.steps).toHaveLength(2);
    const lanes = tasks.test.steps[1].exec as string;
    expect(lanes).toMatch(/^concurrently --kill-others-on-fail /);
    expect(lanes).toContain('"npx projen test:suites" "npx projen lint && npx projen e2e"');
    // Every package's suite, then the root's; every package's lint, then the root's type-check and lint.
    expect(tasks['test:suites'].steps).toEqual([
      { exec: 'jest --passWithNoTests --updateSnapshot', cwd: 'packages/model' },
      { exec: 'jest --passWithNoTests --updateSnapshot', cwd: 'packages/cli' },
      { exec: 'jest --passWithNoTests' },
    ]);
    expect(tasks.lint.steps).toEqual([
      { exec: 'npx projen eslint', cwd: 'packages/model' },
      { exec: 'npx projen eslint', cwd: 'packages/cli' },
      { exec: 'tsc --noEmit -p tsconfig.dev.json' },
      { spawn: 'eslint' },
    ]);
  });

  test('fails when a package is registered before a package it depends on', () => {
    const root = new LandfallMonorepo({ outdir: outdir() });
    const model = new LandfallTypeScriptPackage({ parent: root, name: 'model', description: 'm' });
    const cli = new LandfallTypeScriptPackage({ parent: root, name: 'cli', description: 'c', dependsOn: [model] });
    expect(() => root.addPackage(cli)).toThrow('package @landfall/cli: register @landfall/model before it');
  });
});

describe('LandfallTypeScriptPackage', () => {
  test("runs its post-compile steps when the root compiles (projen's compile is only tsc)", () => {
    const tasks = twoPackages().out['packages/model/.projen/tasks.json'].tasks;
    expect(tasks['workspace-compile'].steps).toEqual([
      { spawn: 'pre-compile' },
      { spawn: 'compile' },
      { spawn: 'post-compile' },
    ]);
  });

  test('installs only at the root: its own install tasks do nothing', () => {
    const tasks = twoPackages().out['packages/model/.projen/tasks.json'].tasks;
    expect(tasks.install.steps).toBeUndefined();
    expect(tasks['install:ci'].steps).toBeUndefined();
  });

  test('gives tests a generous timeout (subprocess tests must not flake on a loaded machine)', () => {
    expect(twoPackages().out['packages/model/package.json'].jest.testTimeout).toBe(60000);
  });

  test('keeps an explicit range on sibling dependencies (projen drops "*")', () => {
    expect(twoPackages().out['packages/cli/package.json'].dependencies['@landfall/model']).toBe('^0.0.0');
  });

  test('is publishable: scoped name, public access, lib/ entry point', () => {
    const manifest = twoPackages().out['packages/cli/package.json'];
    expect(manifest).toMatchObject({
      name: '@landfall/cli',
      main: 'lib/index.js',
      types: 'lib/index.d.ts',
      publishConfig: { access: 'public' },
      license: 'Apache-2.0',
    });
  });
});

describe('LandfallJsiiPackage', () => {
  function jsiiOut() {
    const root = new LandfallMonorepo({ outdir: outdir() });
    const pkg = new LandfallJsiiPackage({ parent: root, name: 'shared-services', description: 's' });
    root.addPackage(pkg);
    return Testing.synth(root)['packages/shared-services/package.json'];
  }

  test('publishes to every CDK language', () => {
    expect(jsiiOut().jsii.targets).toEqual({
      python: { distName: 'landfall.shared-services', module: 'landfall.shared_services' },
      java: {
        package: 'dev.landfall.shared_services',
        maven: { groupId: 'dev.landfall', artifactId: 'shared-services' },
      },
      dotnet: { namespace: 'Landfall.SharedServices', packageId: 'Landfall.SharedServices' },
      go: { moduleName: 'github.com/landfall-dev/landfall-go' },
    });
  });

  test('pins jsii-pacmak and jsii-diff (projen cannot resolve "*" under hoisting, so every synth would reinstall)', () => {
    const manifest = jsiiOut();
    expect(manifest.devDependencies['jsii-pacmak']).toMatch(/^\^1\./);
    expect(manifest.devDependencies['jsii-diff']).toMatch(/^\^1\./);
  });

  test('packages the npm tarball alone (`npx projen build` needs no Maven Central or PyPI); package-all builds every language', () => {
    const root = new LandfallMonorepo({ outdir: outdir() });
    root.addPackage(new LandfallJsiiPackage({ parent: root, name: 'shared-services', description: 's' }));
    const tasks = Testing.synth(root)['packages/shared-services/.projen/tasks.json'].tasks;
    expect(tasks.package.steps).toEqual([{ spawn: 'package:js' }]);
    expect(tasks['package-all'].steps.map((s: { spawn: string }) => s.spawn)).toEqual([
      'package:js',
      'package:java',
      'package:python',
      'package:dotnet',
      'package:go',
    ]);
  });

  test('a package for npm alone (a projen project type) has no other language, nor a wheel in the release', () => {
    const root = new LandfallMonorepo({ outdir: outdir() });
    const pkg = new LandfallJsiiPackage({
      parent: root,
      name: 'projen',
      description: 'p',
      peerDeps: ['projen@>=0.103.25 <1.0.0', 'constructs@^10.8.1'],
      otherLanguages: false,
    });
    root.addPackage(pkg);
    const out = Testing.synth(root);
    expect(out['packages/projen/package.json'].jsii.targets).toEqual({});
    expect(Object.keys(out['packages/projen/package.json'].peerDependencies).sort()).toEqual(['constructs', 'projen']);
    expect(out['.github/workflows/release.yml']).not.toContain('publib-pypi');
    expect(out['.projen/tasks.json'].tasks['package:python'].steps ?? []).toEqual([]);
  });

  test('takes aws-cdk-lib and constructs as peers and has no bundled runtime dependencies', () => {
    const manifest = jsiiOut();
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['aws-cdk-lib', 'constructs']);
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bundledDependencies).toBeUndefined();
  });
});

describe('releases', () => {
  function releaseOut(env: Record<string, string | undefined> = {}) {
    const saved = { ...process.env };
    Object.assign(process.env, env);
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
    try {
      const root = new LandfallMonorepo({ outdir: outdir() });
      const encryption = new LandfallJsiiPackage({ parent: root, name: 'encryption', description: 'e' });
      const network = new LandfallJsiiPackage({
        parent: root,
        name: 'network',
        description: 'n',
        deps: ['@landfall/encryption@^0.0.0'],
        dependsOn: [encryption],
      });
      const cli = new LandfallTypeScriptPackage({
        parent: root,
        name: 'cli',
        description: 'c',
        deps: ['@landfall/network@^0.0.0'],
        dependsOn: [encryption, network],
      });
      root.addPackage(encryption);
      root.addPackage(network);
      root.addPackage(cli);
      return { root, out: Testing.synth(root) };
    } finally {
      process.env = saved;
    }
  }

  test('every package bumps on its own tag line, from its own feat/fix commits, starting at 1.0.0', () => {
    const bump = releaseOut().out['packages/network/.projen/tasks.json'].tasks.bump;
    expect(bump.env).toMatchObject({
      RELEASE_TAG_PREFIX: '@landfall/network@',
      MIN_MAJOR: '1',
      VERSIONRCOPTIONS: JSON.stringify({ path: '.' }),
      CHANGELOG: 'dist/changelog.md',
    });
    const commits = releaseOut().out['packages/network/.projen/tasks.json'].tasks['bump:releasable-commits'];
    expect(JSON.stringify(commits.steps)).toContain('feat|fix');
    expect(JSON.stringify(commits.steps)).toMatch(/-- \.["\\]/);
  });

  test('release:version bumps every package in dependency order, then synthesizes as a release build', () => {
    const steps = releaseOut().out['.projen/tasks.json'].tasks['release:version'].steps;
    expect(steps.slice(1)).toEqual([
      { exec: 'npx projen bump', cwd: 'packages/encryption' },
      { exec: 'npx projen bump', cwd: 'packages/network' },
      { exec: 'npx projen bump', cwd: 'packages/cli' },
      { exec: 'npx projen default', env: { RELEASE: 'true', PROJEN_DISABLE_POST: 'true' } },
    ]);
  });

  test('release builds, tests and packs the versioned packages, then checks that nothing committed changed', () => {
    const steps = releaseOut().out['.projen/tasks.json'].tasks.release.steps;
    expect(steps[0]).toEqual({ spawn: 'release:version' });
    expect(steps.map((s: { exec?: string; spawn?: string }) => s.exec ?? s.spawn)).toEqual([
      'release:version',
      'npx projen compile --force',
      'npx projen test',
      'npx projen package',
      'release:python',
      'release:unversion',
      'git diff --ignore-space-at-eol --exit-code',
      'test -z "$(git status --porcelain --untracked-files=all)"',
    ]);
  });

  test('a release build pins each sibling to the version being released', () => {
    const { root } = releaseOut();
    const dir = root.outdir;
    const { mkdirSync, writeFileSync } = jest.requireActual('node:fs');
    for (const [name, version] of [
      ['encryption', '1.2.0'],
      ['network', '1.4.1'],
      ['cli', '2.0.0'],
    ]) {
      mkdirSync(`${dir}/packages/${name}`, { recursive: true });
      writeFileSync(`${dir}/packages/${name}/package.json`, JSON.stringify({ name: `@landfall/${name}`, version }));
    }
    const saved = { ...process.env };
    process.env.RELEASE = 'true';
    try {
      const release = new LandfallMonorepo({ outdir: dir });
      const encryption = new LandfallJsiiPackage({ parent: release, name: 'encryption', description: 'e' });
      const network = new LandfallJsiiPackage({
        parent: release,
        name: 'network',
        description: 'n',
        deps: ['@landfall/encryption@^0.0.0'],
        dependsOn: [encryption],
      });
      const cli = new LandfallTypeScriptPackage({
        parent: release,
        name: 'cli',
        description: 'c',
        deps: ['@landfall/network@^0.0.0'],
        dependsOn: [encryption, network],
      });
      [encryption, network, cli].forEach((p) => release.addPackage(p));
      const out = Testing.synth(release);
      expect(out['packages/network/package.json'].peerDependencies['@landfall/encryption']).toBe('^1.2.0');
      expect(out['packages/network/package.json'].devDependencies['@landfall/encryption']).toBe('1.2.0');
      expect(out['packages/cli/package.json'].dependencies['@landfall/network']).toBe('^1.4.1');
      expect(out['packages/cli/package.json'].version).toBe('2.0.0');
    } finally {
      process.env = saved;
    }
  });

  test('a release build before the bump, or a hand-written sibling range, is refused with the fix', () => {
    expect(() => releaseOut({ RELEASE: 'true' })).toThrow(/@landfall\/encryption .*run `npx projen release:version`/);
    const root = new LandfallMonorepo({ outdir: outdir() });
    expect(
      () =>
        new LandfallTypeScriptPackage({
          parent: root,
          name: 'cli',
          description: 'c',
          deps: ['@landfall/model@^1.2.0'],
        }),
    ).toThrow(/declare a Landfall package with the workspace range, as @landfall\/model@\^0\.0\.0/);
  });

  test('refuses a package whose sibling dependency is not in dependsOn (the build and publish order)', () => {
    const root = new LandfallMonorepo({ outdir: outdir() });
    const model = new LandfallTypeScriptPackage({ parent: root, name: 'model', description: 'm' });
    root.addPackage(model);
    const cli = new LandfallTypeScriptPackage({
      parent: root,
      name: 'cli',
      description: 'c',
      devDeps: ['@landfall/model@^0.0.0'],
    });
    expect(() => root.addPackage(cli)).toThrow(
      /@landfall\/cli depends on @landfall\/model: add it to dependsOn, so that it is built and published first/,
    );
  });

  test('one release at a time, from main only', () => {
    const workflow = releaseOut().out['.github/workflows/release.yml'];
    expect(workflow).toMatch(/concurrency:\n\s+group: release\n\s+cancel-in-progress: false/);
    expect(workflow).toContain(
      "if: github.ref == 'refs/heads/main' && needs.release.outputs.latest_commit == github.sha",
    );
  });

  test('the release workflow publishes every package in dependency order, construct packages to PyPI too', () => {
    const workflow = releaseOut().out['.github/workflows/release.yml'];
    expect(workflow).toContain('run: npx projen release');
    expect(workflow).toContain('LANDFALL_RELEASE_PYTHON: "true"');
    const publishes = [...workflow.matchAll(/name: Publish (@landfall\/[a-z-]+)/g)].map((m) => m[1]);
    expect(publishes).toEqual(['@landfall/encryption', '@landfall/network', '@landfall/cli']);
    expect(workflow).toContain('publib-pypi packages/network/dist/python');
    expect(workflow).not.toContain('publib-pypi packages/cli/');
    // A version whose tag exists is not published again; a tag list that cannot be read stops the job.
    expect(workflow).toContain('git ls-remote --exit-code --tags origin "refs/tags/$tag"');
    expect(workflow).toContain('if [ "$status" -ne 2 ]; then echo "cannot read the tags of origin');
  });
});
