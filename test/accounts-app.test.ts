import { spawn } from 'child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Project, Testing } from 'projen';
import { outdir } from './outdir';
import { INGRESS_SAMPLE } from '../packages/landing-zone/src/customization-samples';
import { validateOrThrow } from '../packages/model/src';
import { AccountsApp } from '../projenrc/accounts-app';

const example = JSON.parse(readFileSync(join(__dirname, '..', 'landing-zone.json'), 'utf8'));

function run(
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

describe('AccountsApp', () => {
  test('generates the app entry with one customization per account, and cdk.json', () => {
    const project = new Project({ name: 'lz', outdir: outdir() });
    new AccountsApp(project, { definition: validateOrThrow(example) });
    const out = Testing.synth(project);
    for (const account of ['management', 'log-archive', 'audit', 'backup', 'shared-services', 'prod', 'dev']) {
      expect(out['accounts/main.ts']).toContain(`from './${account}';`);
      expect(out[`accounts/${account}/index.ts`]).toContain('export function customize(account: AccountStacks): void');
    }
    expect(out['accounts/main.ts']).toContain("'log-archive': logArchiveAccount.customize,");
    expect(out['cdk.json'].app).toBe('npx ts-node --transpileOnly accounts/main.ts');
  });

  test('names imports so that any account name is valid TypeScript, even a reserved word', () => {
    const def = JSON.parse(JSON.stringify(example));
    def.organization.ous[2].ous[1].accounts[0].name = 'default';
    def.network.environments.dev = { ipamPoolCidr: '10.32.0.0/12' };
    const project = new Project({ name: 'lz', outdir: outdir() });
    new AccountsApp(project, { definition: validateOrThrow(def) });
    expect(Testing.synth(project)['accounts/main.ts']).toContain("import * as defaultAccount from './default';");
    // Two hyphens in a row are allowed in a name: the symbol stays valid, and apart from `data-lake`'s.
    def.organization.ous[2].ous[1].accounts[0].name = 'data--lake';
    const twice = new Project({ name: 'lz', outdir: outdir() });
    new AccountsApp(twice, { definition: validateOrThrow(def) });
    const main = Testing.synth(twice)['accounts/main.ts'];
    expect(main).toContain("import * as data_LakeAccount from './data--lake';");
    expect(main).toContain("    'data--lake': data_LakeAccount.customize,");
  });

  /** `npx projen` with dev renamed to development in the definition, its folder accounts/dev/ left: what it warns. */
  const afterDevRenamed = (lock?: object) => {
    const dir = outdir();
    mkdirSync(join(dir, 'accounts', 'dev'), { recursive: true });
    writeFileSync(join(dir, 'accounts', 'dev', 'index.ts'), '// mine\n');
    if (lock) writeFileSync(join(dir, 'accounts.lock.json'), JSON.stringify(lock));
    const def = JSON.parse(JSON.stringify(example));
    def.organization.ous[2].ous[1].accounts[0].name = 'development';
    const project = new Project({ name: 'lz', outdir: dir });
    new AccountsApp(project, { definition: validateOrThrow(def) });
    const warned: string[] = [];
    jest.spyOn(project.logger, 'warn').mockImplementation((...text: unknown[]) => void warned.push(text.join(' ')));
    project.synth();
    return { dir, warned };
  };

  test('says which account folder the app no longer runs (an account renamed or removed), and leaves it', () => {
    const { dir, warned } = afterDevRenamed();
    expect(warned).toEqual([
      "accounts/dev/ is no account of the definition: the app no longer runs its customization. If the account was renamed, move it into the new name's folder (accounts/<new name>/index.ts); otherwise it is yours to delete.",
    ]);
    expect(readFileSync(join(dir, 'accounts', 'dev', 'index.ts'), 'utf8')).toBe('// mine\n');
  });

  test('names the account a folder belongs to when the account was renamed after `landfall apply`', () => {
    const { warned } = afterDevRenamed({
      accounts: { development: '777777777777' },
      ous: {},
      stackPrefixes: { development: 'dev' },
    });
    expect(warned).toEqual([
      "accounts/dev/ is the customization of account development, renamed from dev: the app no longer runs it, so what it adds leaves development's stacks at their next deployment. Move its content into accounts/development/index.ts, then delete accounts/dev/.",
    ]);
  });

  test('never overwrites an account folder the user has changed', () => {
    const dir = outdir();
    mkdirSync(join(dir, 'accounts', 'prod'), { recursive: true });
    writeFileSync(join(dir, 'accounts', 'prod', 'index.ts'), '// mine\n');
    const project = new Project({ name: 'lz', outdir: dir });
    new AccountsApp(project, { definition: validateOrThrow(example) });
    project.synth();
    expect(readFileSync(join(dir, 'accounts', 'prod', 'index.ts'), 'utf8')).toBe('// mine\n');
    expect(existsSync(join(dir, 'accounts', 'dev', 'index.ts'))).toBe(true);
  });

  test('the generated app runs the customizations: a stack added in accounts/dev is synthesized and checked', async () => {
    const dir = outdir();
    const project = new Project({ name: 'lz', outdir: dir });
    new AccountsApp(project, { definition: validateOrThrow(example) });
    project.synth();
    writeFileSync(join(dir, 'landing-zone.json'), JSON.stringify(example));
    symlinkSync(join(__dirname, '..', 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'commonjs', target: 'ES2022', esModuleInterop: true } }),
    );
    writeFileSync(
      join(dir, 'accounts', 'dev', 'index.ts'),
      [
        "import { Stack } from 'aws-cdk-lib';",
        "import * as sqs from 'aws-cdk-lib/aws-sqs';",
        "import { AccountStacks } from '@landfall/landing-zone';",
        'export function customize(account: AccountStacks): void {',
        "  new sqs.Queue(new Stack(account.app, 'dev-queue', { env: account.env() }), 'Jobs');",
        '}',
      ].join('\n'),
    );
    const ts = join(__dirname, '..', 'node_modules', '.bin', 'ts-node');
    const failed = await run(ts, ['--transpileOnly', 'accounts/main.ts'], dir, {
      LANDFALL_PLACEHOLDERS: 'true',
      CDK_OUTDIR: join(dir, 'cdk.out'),
    });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /unacknowledged errors of cdk-nag HIPAA\.Security, AwsSolutions, NIST\.800\.53\.R5.*\n.*SQS3 dev-queue\/Jobs/,
    );
    expect(existsSync(join(dir, 'cdk.out'))).toBe(false);

    const strict = await run(ts, ['--transpileOnly', 'accounts/main.ts'], dir, { CDK_OUTDIR: join(dir, 'cdk.out') });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("accounts.lock.json: no ID for 'management'");
  }, 120_000);

  test('the example app synthesizes every account and writes check-report.json beside cdk.out, as landfall synth does', async () => {
    const root = join(__dirname, '..');
    const out = join(outdir(), 'cdk.out');
    const result = await run(
      join(root, 'node_modules', '.bin', 'ts-node'),
      ['--transpileOnly', 'accounts/main.ts'],
      root,
      { LANDFALL_PLACEHOLDERS: 'true', CDK_OUTDIR: out },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('63 stacks');
    expect(readdirSync(out).filter((f) => f.endsWith('.template.json'))).toHaveLength(63);
    const report = JSON.parse(readFileSync(join(out, '..', 'check-report.json'), 'utf8'));
    expect(report.ok).toBe(true);
    expect(readdirSync(out).some((f) => /check/.test(f))).toBe(false);
    // prod and dev attach a service to their public entry with the code docs/access.md shows.
    for (const account of ['prod', 'dev']) {
      const ingress = JSON.parse(readFileSync(join(out, `${account}-ingress-us-east-1.template.json`), 'utf8'));
      expect(Object.keys(ingress.Outputs)).toContain('AppTargetGroupArn');
    }
  }, 120_000);

  test("the example's accounts with a public entry run the documented sample, as generated", () => {
    const docs = readFileSync(join(__dirname, '..', 'docs', 'access.md'), 'utf8');
    for (const account of ['prod', 'dev']) {
      const file = readFileSync(join(__dirname, '..', 'accounts', account, 'index.ts'), 'utf8');
      expect(file).toContain(INGRESS_SAMPLE.join('\n'));
    }
    expect(docs).toContain(INGRESS_SAMPLE.map((l) => l.replace(/^ {2}/, '')).join('\n'));
    const project = new Project({ name: 'lz', outdir: outdir() });
    new AccountsApp(project, { definition: validateOrThrow(example) });
    const synthed = Testing.synth(project);
    expect(synthed['accounts/prod/index.ts']).toContain(INGRESS_SAMPLE.join('\n'));
    expect(synthed['accounts/audit/index.ts']).not.toContain('IngressStack');
  });

  test('the CDK CLI synthesizes the app offline, through cdk.json', async () => {
    const root = join(__dirname, '..');
    const out = join(outdir(), 'cdk.out');
    const result = await run(join(root, 'node_modules', '.bin', 'cdk'), ['synth', '--quiet', '--output', out], root, {
      LANDFALL_PLACEHOLDERS: 'true',
      AWS_PROFILE: 'landfall-none',
    });
    // The CLI writes its messages to stderr, or to stdout when CI=true.
    const output = result.stdout + result.stderr;
    expect([result.code, output]).toEqual([0, expect.stringContaining('Successfully synthesized')]);
    expect(output).not.toContain('WARNING');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(Object.values<any>(manifest.artifacts).filter((a) => a.type === 'aws:cloudformation:stack')).toHaveLength(
      63,
    );
  }, 120_000);

  test('the CDK CLI without account IDs says how to go on, once, with no stack trace', async () => {
    const root = join(__dirname, '..');
    const out = join(outdir(), 'cdk.out');
    const result = await run(join(root, 'node_modules', '.bin', 'cdk'), ['ls', '--output', out], root, {
      LANDFALL_PLACEHOLDERS: 'false',
      AWS_PROFILE: 'landfall-none',
    });
    const output = result.stdout + result.stderr;
    expect(result.code).not.toBe(0);
    expect(output).toContain("✘ accounts.lock.json: no ID for 'management'");
    expect(output).toContain('LANDFALL_PLACEHOLDERS=true npx cdk synth');
    expect(output).not.toContain('ENOENT');
    expect(output).not.toMatch(/\n\s+at /);
  }, 120_000);
});
