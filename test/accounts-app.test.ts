import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { outdir } from './outdir';
import { INGRESS_SAMPLE } from '../packages/landing-zone/src/customization-samples';
import { run } from '../packages/projen/test/helpers';

describe("this repository's accounts/ app (the example's)", () => {
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
    expect(readFileSync(join(__dirname, '..', 'accounts', 'audit', 'index.ts'), 'utf8')).not.toContain('IngressStack');
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
