import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const REPO = join(__dirname, '..', '..', '..');
const BIN = join(__dirname, '..', 'lib', 'main.js');
const EXAMPLE = join(REPO, 'landing-zone.json');

function landfall(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'landfall-cli-'));
/** A copy of the example with one change, written as JSON or YAML. */
function variant(name: string, change: (def: any) => void): string {
  const def = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  delete def.$schema;
  change(def);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(def, undefined, 2));
  return file;
}

describe('landfall validate', () => {
  test('exits 0 on the example and prints the summary', () => {
    const { code, stdout } = landfall('validate', '--config', EXAMPLE);
    expect(code).toBe(0);
    expect(stdout).toContain('✔ acme-health is valid');
    expect(stdout).toMatch(/accounts +7: management 1, log-archive 1, audit 1, backup 1, shared-services 1, workload 2/);
  });

  test.each([
    ['a duplicated email', 'dup-email.json', (d: any) => { d.organization.ous[2].ous[1].accounts[0].email = 'aws-prod@example.com'; }, 'organization.ous[2].ous[1].accounts[0].email'],
    ['overlapping CIDRs', 'overlap.json', (d: any) => { d.network.environments.dev.ipamPoolCidr = '10.16.0.0/12'; }, 'network.environments.dev.ipamPoolCidr'],
    ['an unknown key', 'unknown-key.json', (d: any) => { d.organisation = {}; }, 'organisation'],
    ['an invalid region', 'region.json', (d: any) => { d.regions[1] = 'us-wst-2'; }, 'regions[1]'],
  ])('exits 1 on %s, naming the field, with no stack trace', (_what, name, change, path) => {
    const { code, stderr } = landfall('validate', '--config', variant(name, change));
    expect(code).toBe(1);
    expect(stderr).toContain(`  ${path}: `);
    expect(stderr).toContain('fix:');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  test('exits 1 on unparseable YAML, naming the line', () => {
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'name: acme-health\nregions: [us-east-1\nhomeRegion: us-east-1\n');
    const { code, stderr } = landfall('validate', '--config', file);
    expect(code).toBe(1);
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+: /);
  });

  test('exits 1 when --config is missing, saying so', () => {
    const { code, stderr } = landfall('validate');
    expect(code).toBe(1);
    expect(stderr).toContain("required option '-c, --config <file>' not specified");
  });
});

describe('landfall synth', () => {
  test('writes exactly the artifacts `npx projen` committed for the example', () => {
    const out = join(dir, 'out-example');
    const { code, stdout } = landfall('synth', '--config', EXAMPLE, '--out', out);
    expect(code).toBe(0);
    const committed = (file: string) => readFileSync(join(REPO, file), 'utf8');
    const written = (file: string) => readFileSync(join(out, file), 'utf8');
    const manifest = JSON.parse(written('scp/manifest.json'));
    const files = ['landing-zone.json', 'docs/accounts.md', 'scp/manifest.json', ...Object.keys(manifest.files).map((f) => `scp/${f}`)];
    expect(stdout).toContain(`wrote ${files.length + 1} files`);
    for (const file of files) expect([file, written(file)]).toEqual([file, committed(file)]);
    // The committed page also carries the benchmark section that `npx projen bench` recorded.
    expect(committed('docs/guardrails.md').startsWith(written('docs/guardrails.md').trimEnd())).toBe(true);
  });

  test('writes policies byte-exact as sent to the API: minified, no trailing newline', () => {
    const out = join(dir, 'out-policies');
    landfall('synth', '--config', EXAMPLE, '--out', out);
    const manifest = JSON.parse(readFileSync(join(out, 'scp', 'manifest.json'), 'utf8'));
    for (const [file, meta] of Object.entries<any>(manifest.files)) {
      const bytes = readFileSync(join(out, 'scp', file));
      expect(bytes.length).toBe(meta.bytes);
      expect(bytes.toString()).toBe(JSON.stringify(JSON.parse(bytes.toString())));
    }
  });

  test('fails, writing nothing, when the guardrails do not fit the limits', () => {
    const out = join(dir, 'out-limits');
    const { code, stderr } = landfall('synth', '--config', variant('tight.json', (d) => { d.guardrails.limits = { scpMaxCharacters: 1000 }; }), '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain('one statement alone is');
    expect(existsSync(out)).toBe(false);
  });

  test('writes nothing when the definition is invalid, leaving earlier artifacts untouched', () => {
    const out = join(dir, 'out-kept');
    mkdirSync(out);
    writeFileSync(join(out, 'landing-zone.json'), 'previous');
    const { code, stderr } = landfall('synth', '--config', variant('bad-synth.json', (d) => { d.homeRegion = 'eu-west-1'; }), '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain('nothing was written');
    expect(readFileSync(join(out, 'landing-zone.json'), 'utf8')).toBe('previous');
    expect(readdirSync(out)).toEqual(['landing-zone.json']);
  });

  test('does not create the output folder when the definition is invalid', () => {
    const out = join(dir, 'never-created');
    landfall('synth', '--config', variant('bad-synth-2.json', (d) => { d.regions = []; }), '--out', out);
    expect(existsSync(out)).toBe(false);
  });

  test('accepts YAML', () => {
    const file = join(dir, 'lz.yaml');
    writeFileSync(file, [
      'name: tiny', 'homeRegion: eu-west-1', 'regions: [eu-west-1]', 'organization:', '  accounts:',
      '    - { name: management, email: m@example.com, role: management }',
      '    - { name: logs, email: l@example.com, role: log-archive }',
      '    - { name: audit, email: a@example.com, role: audit }', '',
    ].join('\n'));
    const out = join(dir, 'out-yaml');
    expect(landfall('synth', '-c', file, '-o', out).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'landing-zone.json'), 'utf8')).backup).toEqual({ schedule: 'cron(0 5 * * ? *)', retentionDays: 35 });
  });
});

describe('help', () => {
  test.each([[[]], [['validate']], [['synth']], [['plan']], [['apply']]])('landfall %p --help describes the command and exits 0', (args) => {
    const { code, stdout } = landfall(...args, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: landfall/);
  });
});
