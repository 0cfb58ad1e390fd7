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

  test('tests every package after compiling them all, then type-checks and tests the root', () => {
    const steps = twoPackages().out['.projen/tasks.json'].tasks.test.steps;
    expect(steps[0]).toEqual({ spawn: 'compile' });
    expect(steps.slice(1, 3)).toEqual([
      { exec: 'npx projen test', cwd: 'packages/model' },
      { exec: 'npx projen test', cwd: 'packages/cli' },
    ]);
    expect(steps.slice(3).map((s: any) => s.exec)).toEqual([
      'tsc --noEmit -p tsconfig.dev.json',
      'jest --passWithNoTests',
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

  test('takes aws-cdk-lib and constructs as peers and has no bundled runtime dependencies', () => {
    const manifest = jsiiOut();
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(['aws-cdk-lib', 'constructs']);
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.bundledDependencies).toBeUndefined();
  });
});
