import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const REPO = join(__dirname, '..', '..', '..');
const BIN = join(__dirname, '..', 'lib', 'main.js');
const EXAMPLE = join(REPO, 'landing-zone.json');

function landfall(...args: string[]) {
  return landfallIn(process.cwd(), ...args);
}

function landfallIn(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
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
    expect(stdout).toMatch(
      /accounts +7: management 1, log-archive 1, audit 1, backup 1, shared-services 1, workload 2/,
    );
  });

  test.each([
    [
      'a duplicated email',
      'dup-email.json',
      (d: any) => {
        d.organization.ous[2].ous[1].accounts[0].email = 'aws-prod@example.com';
      },
      'organization.ous[2].ous[1].accounts[0].email',
    ],
    [
      'overlapping CIDRs',
      'overlap.json',
      (d: any) => {
        d.network.environments.dev.ipamPoolCidr = '10.16.0.0/12';
      },
      'network.environments.dev.ipamPoolCidr',
    ],
    [
      'an unknown key',
      'unknown-key.json',
      (d: any) => {
        d.organisation = {};
      },
      'organisation',
    ],
    [
      'an invalid region',
      'region.json',
      (d: any) => {
        d.regions[1] = 'us-wst-2';
      },
      'regions[1]',
    ],
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
});

describe('landfall synth', () => {
  test('writes exactly the artifacts `npx projen` committed for the example', () => {
    const out = join(dir, 'out-example');
    const { code, stdout } = landfall('synth', '--config', EXAMPLE, '--out', out, '--no-assembly');
    expect(code).toBe(0);
    const committed = (file: string) => readFileSync(join(REPO, file), 'utf8');
    const written = (file: string) => readFileSync(join(out, file), 'utf8');
    const manifest = JSON.parse(written('scp/manifest.json'));
    const files = [
      'landing-zone.json',
      'docs/accounts.md',
      'docs/logging.md',
      'docs/backup.md',
      'docs/access.md',
      'scp/manifest.json',
      ...Object.keys(manifest.files).map((f) => `scp/${f}`),
    ];
    expect(stdout).toContain(`wrote ${files.length + 1} files`);
    // The example was never applied: its backup policy waits for the backup account's ID, and synth says so.
    expect(stdout).toContain(
      "! The backup policy does not yet copy recovery points to the backup account's central vault",
    );
    for (const file of files) expect([file, written(file)]).toEqual([file, committed(file)]);
    // The committed page also carries the benchmark section that `npx projen bench` recorded.
    expect(committed('docs/guardrails.md').startsWith(written('docs/guardrails.md').trimEnd())).toBe(true);
  });

  test('writes policies byte-exact as sent to the API: minified, no trailing newline', () => {
    const out = join(dir, 'out-policies');
    landfall('synth', '--config', EXAMPLE, '--out', out, '--no-assembly');
    const manifest = JSON.parse(readFileSync(join(out, 'scp', 'manifest.json'), 'utf8'));
    for (const [file, meta] of Object.entries<any>(manifest.files)) {
      const bytes = readFileSync(join(out, 'scp', file));
      expect(bytes.length).toBe(meta.bytes);
      expect(bytes.toString()).toBe(JSON.stringify(JSON.parse(bytes.toString())));
    }
  });

  test('fails, writing nothing, when the guardrails do not fit the limits', () => {
    const out = join(dir, 'out-limits');
    const { code, stderr } = landfall(
      'synth',
      '--config',
      variant('tight.json', (d) => {
        d.guardrails.limits = { scpMaxCharacters: 1000 };
      }),
      '--out',
      out,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('one statement alone is');
    expect(existsSync(out)).toBe(false);
  });

  test('writes nothing when the definition is invalid, leaving earlier artifacts untouched', () => {
    const out = join(dir, 'out-kept');
    mkdirSync(out);
    writeFileSync(join(out, 'landing-zone.json'), 'previous');
    const { code, stderr } = landfall(
      'synth',
      '--config',
      variant('bad-synth.json', (d) => {
        d.homeRegion = 'eu-west-1';
      }),
      '--out',
      out,
    );
    expect(code).toBe(1);
    expect(stderr).toContain('nothing was written');
    expect(readFileSync(join(out, 'landing-zone.json'), 'utf8')).toBe('previous');
    expect(readdirSync(out)).toEqual(['landing-zone.json']);
  });

  test('does not create the output folder when the definition is invalid', () => {
    const out = join(dir, 'never-created');
    landfall(
      'synth',
      '--config',
      variant('bad-synth-2.json', (d) => {
        d.regions = [];
      }),
      '--out',
      out,
    );
    expect(existsSync(out)).toBe(false);
  });

  test('accepts YAML', () => {
    const file = join(dir, 'lz.yaml');
    writeFileSync(
      file,
      [
        'name: tiny',
        'homeRegion: eu-west-1',
        'regions: [eu-west-1]',
        'organization:',
        '  accounts:',
        '    - { name: management, email: m@example.com, role: management }',
        '    - { name: logs, email: l@example.com, role: log-archive }',
        '    - { name: audit, email: a@example.com, role: audit }',
        '    - { name: backup, email: b@example.com, role: backup }',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'out-yaml');
    expect(landfall('synth', '-c', file, '-o', out, '--placeholders').code).toBe(0);
    // No workload account, so no OU to back up yet; no second region, so no regional copy.
    expect(JSON.parse(readFileSync(join(out, 'landing-zone.json'), 'utf8')).backup).toMatchObject({
      schedule: 'cron(0 5 * * ? *)',
      retentionDays: 35,
      ous: [],
    });
    // Any definition gets its cloud assembly: here four accounts with no network: encryption and logging in every
    // account (alert forwarding from us-east-1 too), the log archive, the trail, the audit account's security stack,
    // the backup account's locked vault.
    expect(
      readdirSync(join(out, 'cdk.out'))
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
    ).toEqual([
      'audit-encryption-eu-west-1.template.json',
      'audit-logging-eu-west-1.template.json',
      'audit-logging-us-east-1.template.json',
      'audit-security-eu-west-1.template.json',
      'backup-backup-vault-eu-west-1.template.json',
      'backup-encryption-eu-west-1.template.json',
      'backup-logging-eu-west-1.template.json',
      'backup-logging-us-east-1.template.json',
      'logs-encryption-eu-west-1.template.json',
      'logs-log-archive-eu-west-1.template.json',
      'logs-logging-eu-west-1.template.json',
      'logs-logging-us-east-1.template.json',
      'management-encryption-eu-west-1.template.json',
      'management-logging-eu-west-1.template.json',
      'management-logging-us-east-1.template.json',
      'management-trail-eu-west-1.template.json',
    ]);
  });
});

describe('landfall synth: the cloud assembly', () => {
  test("writes every account's stacks, checked, with the check report", () => {
    const out = join(dir, 'out-assembly');
    const { code, stdout } = landfall('synth', '--config', EXAMPLE, '--out', out, '--placeholders');
    expect(code).toBe(0);
    const acknowledgements =
      /60 stacks in .*cdk\.out, no unacknowledged error of cdk-nag HIPAA\.Security, AwsSolutions, NIST\.800\.53\.R5 and CloudFormation's template quotas \((\d+) acknowledgements\)/.exec(
        stdout,
      );
    expect(acknowledgements).not.toBeNull();
    // At most 10 reasons across every gate (the guardrails issue's budget for acknowledgements).
    expect(Number(acknowledgements![1])).toBeLessThanOrEqual(10);
    expect(readdirSync(join(out, 'cdk.out')).filter((f) => f.endsWith('.template.json'))).toHaveLength(60);
    expect(JSON.parse(readFileSync(join(out, 'check-report.json'), 'utf8')).ok).toBe(true);
  });

  test('fails, writing nothing, when accounts have no IDs and placeholders are off, and says how to go on', () => {
    const out = join(dir, 'out-no-ids');
    const { code, stderr } = landfall('synth', '--config', EXAMPLE, '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain("accounts.lock.json has no ID for 'management'");
    expect(stderr).toContain('landfall apply');
    expect(existsSync(out)).toBe(false);
  });

  test('deploys each stack to its account when accounts.lock.json has the IDs', () => {
    const lock = join(dir, 'ids.lock.json');
    const accounts = {
      management: '111111111111',
      'log-archive': '222222222222',
      audit: '333333333333',
      backup: '444444444444',
      'shared-services': '555555555555',
      prod: '666666666666',
      dev: '777777777777',
    };
    const ous = {
      'Root/Security': 'ou-root-11111111',
      'Root/Infrastructure': 'ou-root-22222222',
      'Root/Workloads': 'ou-root-33333333',
      'Root/Workloads/Prod': 'ou-root-44444444',
      'Root/Workloads/Dev': 'ou-root-55555555',
      'Root/Sandbox': 'ou-root-66666666',
    };
    writeFileSync(lock, JSON.stringify({ organizationId: 'o-exampleorg1', accounts, ous }));
    const out = join(dir, 'out-ids');
    const { code, stdout } = landfall('synth', '--config', EXAMPLE, '--out', out, '--lock-file', lock);
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'cdk.out', 'manifest.json'), 'utf8'));
    expect(manifest.artifacts['dev-encryption-us-east-1'].environment).toBe('aws://777777777777/us-east-1');
    expect(stdout).toContain('stacks in');
    const report = JSON.parse(readFileSync(join(out, 'check-report.json'), 'utf8'));
    expect(report.pending.some((p: string) => p.includes('network.ipamPools["dev/us-east-1"]'))).toBe(true);
  });
});

describe('landfall check', () => {
  test('prints a report per account and pack, lists each acknowledgement with its reason, and writes it as check-report.json', () => {
    const cwd = mkdtempSync(join(dir, 'check-'));
    const json = join(cwd, 'check-report.json');
    const { code, stdout } = landfallIn(cwd, 'check', '--config', EXAMPLE, '--placeholders');
    expect(code).toBe(0);
    expect(stdout).toMatch(/account +HIPAA\.Security +AwsSolutions +NIST\.800\.53\.R5 +CloudFormation +ControlTower/);
    expect(stdout).toMatch(/\n {2}prod +pass.* +pass.* +pass.* +pass/);
    expect(stdout).toMatch(/Acknowledged \(([1-9]|10)\), each with its reason/);
    expect(stdout).toContain('support no resource-level permissions');
    // AWS Control Tower's proactive controls, by their own ids (CT.<service>.PR.<n>), acknowledged with reasons.
    expect(stdout).toContain('lambda_inside_vpc_check');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.stacks).toHaveLength(60);
    expect(report.acknowledgements.every((a: any) => a.reason && a.rules.length > 0)).toBe(true);
  });

  test.each([
    [
      'an endpoint service AWS does not have',
      (d: any) => {
        d.network.interfaceEndpoints = ['ssm', 'ec2-messages'];
      },
      'network.interfaceEndpoints[1]',
      "did you mean 'ec2messages'?",
    ],
    [
      'a workload account without an environment',
      (d: any) => {
        delete d.organization.ous[2].ous[1].accounts[0].environment;
      },
      'organization.ous[2].ous[1].accounts[0].environment',
      'add environment',
    ],
    [
      'overlapping CIDRs',
      (d: any) => {
        d.network.hubCidr = '10.16.0.0/20';
      },
      'network',
      'own address space',
    ],
  ])('fails before synthesis on %s, naming the field', (_what, change, path, fix) => {
    const { code, stderr } = landfall(
      'check',
      '--config',
      variant(`check-${path.replace(/\W/g, '')}.json`, change),
      '--placeholders',
      '--json',
      join(dir, 'never.json'),
    );
    expect(code).toBe(1);
    expect(stderr).toContain(path);
    expect(stderr).toContain(fix);
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });
});

describe('help', () => {
  test.each([[[]], [['validate']], [['synth']], [['check']], [['plan']], [['apply']]])(
    'landfall %p --help describes the command and exits 0',
    (args) => {
      const { code, stdout } = landfall(...args, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: landfall/);
    },
  );
});

describe('landfall init, and the definition in the working directory', () => {
  test('init writes the commented starter, which validate (without --config) accepts; it never overwrites', () => {
    const cwd = mkdtempSync(join(dir, 'init-'));
    const init = landfallIn(cwd, 'init', '--name', 'beta-clinic');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('wrote landing-zone.yaml');
    const written = readFileSync(join(cwd, 'landing-zone.yaml'), 'utf8');
    expect(written).toContain('name: beta-clinic');
    expect(written).toContain('# Root user email of the account');
    const valid = landfallIn(cwd, 'validate');
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('beta-clinic');
    const again = landfallIn(cwd, 'init');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('landing-zone.yaml exists; nothing was written. Pass --out <file>');
    expect(readFileSync(join(cwd, 'landing-zone.yaml'), 'utf8')).toBe(written);
  });

  test('without --config and without a definition here, says how to get one', () => {
    const cwd = mkdtempSync(join(dir, 'empty-'));
    const { code, stdout, stderr } = landfallIn(cwd, 'validate');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(
      /^✘ no definition in .*: pass --config <file>, or run `landfall init` to write a starter landing-zone.yaml\n$/,
    );
  });

  test('with two definitions here, asks which one rather than guessing', () => {
    const cwd = mkdtempSync(join(dir, 'two-'));
    writeFileSync(join(cwd, 'landing-zone.yaml'), 'name: a\n');
    writeFileSync(join(cwd, 'landing-zone.json'), '{}');
    const { code, stderr } = landfallIn(cwd, 'validate');
    expect(code).toBe(1);
    expect(stderr).toContain('landing-zone.yaml and landing-zone.json are both in');
    expect(stderr).toContain('pass --config <file> to say which to use');
  });
});
