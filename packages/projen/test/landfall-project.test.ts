import { execFileSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'projen';
import { projectDir } from './helpers';
import { LandfallProject } from '../src';

// `npx projen` is recorded, not run; every other child process (Graphviz for the diagram) runs.
jest.mock('child_process', () => {
  const actual = jest.requireActual('child_process');
  return {
    ...actual,
    execFileSync: jest.fn((file: string, ...rest: unknown[]) =>
      file === 'npx' ? undefined : actual.execFileSync(file, ...rest),
    ),
  };
});
const npxCalls = () => jest.mocked(execFileSync).mock.calls.filter((c) => c[0] === 'npx');
afterEach(() => jest.mocked(execFileSync).mockClear());

const OWN = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));

function client(options: Partial<ConstructorParameters<typeof LandfallProject>[0]> = {}) {
  const project = new LandfallProject({
    name: 'acme-landing-zone',
    defaultReleaseBranch: 'main',
    outdir: projectDir(),
    landingZoneName: 'acme-health',
    ...options,
  });
  return { project, out: Testing.synth(project) };
}

describe('LandfallProject (npx projen new --from @landfall/projen)', () => {
  test("creates a client's repository: the starter definition, its artifacts, the accounts/ app, a README and CI", () => {
    const { out } = client();
    expect(out['landing-zone.yaml']).toMatch(/^name: acme-health$/m);
    for (const file of [
      'landing-zone.json',
      'docs/accounts.md',
      'docs/guardrails.md',
      'docs/hipaa-matrix.md',
      'docs/architecture.md',
      'docs/architecture.svg',
      'accounts/main.ts',
      'accounts/prod/index.ts',
      'cdk.json',
      'README.md',
      '.github/workflows/build.yml',
    ]) {
      expect([file, out[file] === undefined]).toEqual([file, false]);
    }
    expect(out['README.md']).toContain('# acme-landing-zone');
  });

  test('depends on the Landfall and CDK versions this release of @landfall/projen was made with', () => {
    const devDeps = client().out['package.json'].devDependencies;
    for (const name of [
      '@landfall/cli',
      '@landfall/landing-zone',
      'aws-cdk-lib',
      'constructs',
      'aws-cdk',
      '@types/node',
    ]) {
      expect([name, devDeps[name]]).toEqual([name, OWN.devDependencies[name]]);
    }
  });

  test('its tasks run the landfall command on the definition: validate, synth, test (checks with placeholder IDs), deploy, evidence', () => {
    const tasks = client({ definitionFile: 'lz/definition.yaml' }).out['.projen/tasks.json'].tasks;
    expect(tasks.validate.steps).toEqual([{ exec: 'landfall validate --config lz/definition.yaml' }]);
    expect(tasks.synth.steps[0].exec).toBe(
      'landfall synth --config lz/definition.yaml --out out --app "npx ts-node --transpileOnly accounts/main.ts"',
    );
    expect(tasks.test.steps).toEqual([
      { spawn: 'compile' },
      { spawn: 'validate' },
      {
        exec: 'landfall synth --config lz/definition.yaml --out out --app "npx ts-node --transpileOnly accounts/main.ts" --placeholders --proactive-controls',
      },
    ]);
    expect(tasks.compile.steps).toEqual([{ exec: 'tsc --noEmit -p tsconfig.dev.json' }]);
    expect(tasks.deploy.steps[0].exec).toContain('landfall deploy --config lz/definition.yaml');
    expect(tasks.evidence.steps[0].exec).toContain('landfall evidence --config lz/definition.yaml --out evidence');
  });

  test("pins TypeScript to Landfall's (projen new would take the newest, which ts-node may not run)", () => {
    expect(client().out['package.json'].devDependencies.typescript).toBe(OWN.devDependencies.typescript);
  });

  test('type-checks the accounts/ app with the projenrc', () => {
    expect(client().out['tsconfig.dev.json'].include).toContain('accounts/**/*.ts');
  });

  test('publishes nothing: a client repository is not a library', () => {
    const { out } = client();
    expect(out['.projen/tasks.json'].tasks.package.steps ?? []).toEqual([]);
    expect(out['.github/workflows/release.yml']).toBeUndefined();
  });

  test('on `projen new`, synthesizes once more after the install, when @landfall/cli could not be loaded before it', () => {
    const dir = projectDir(false);
    const project = new LandfallProject({ name: 'acme-landing-zone', defaultReleaseBranch: 'main', outdir: dir });
    expect(project.artifacts.pending).toBe(true);
    // The projenrc `projen new` wrote; the install ran before this (NodePackage's post-synthesis).
    writeFileSync(join(dir, '.projenrc.ts'), '// the new project\n');
    project.postSynthesize();
    expect(npxCalls()).toEqual([
      [
        'npx',
        ['projen'],
        expect.objectContaining({ cwd: dir, env: expect.objectContaining({ LANDFALL_PROJEN_RESYNTHESIS: '1' }) }),
      ],
    ]);
    // That second synthesis never starts a third, even if @landfall/cli is still missing.
    jest.mocked(execFileSync).mockClear();
    process.env.LANDFALL_PROJEN_RESYNTHESIS = '1';
    try {
      project.postSynthesize();
    } finally {
      delete process.env.LANDFALL_PROJEN_RESYNTHESIS;
    }
    expect(npxCalls()).toEqual([]);
  });

  test('does not synthesize again when it generated everything the first time', () => {
    const dir = projectDir();
    const project = new LandfallProject({ name: 'acme-landing-zone', defaultReleaseBranch: 'main', outdir: dir });
    expect(project.artifacts.pending).toBe(false);
    writeFileSync(join(dir, '.projenrc.ts'), '// the new project\n');
    project.postSynthesize();
    expect(npxCalls()).toEqual([]);
  });
});
