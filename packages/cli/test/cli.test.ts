import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const REPO = join(__dirname, '..', '..', '..');
const BIN = join(__dirname, '..', 'lib', 'main.js');
const EXAMPLE = join(REPO, 'landing-zone.json');

function landfall(...args: string[]) {
  return landfallIn(process.cwd(), ...args);
}

function landfallIn(cwd: string, ...args: string[]) {
  return landfallWith(cwd, {}, ...args);
}

function landfallEnv(env: Record<string, string>, ...args: string[]) {
  return landfallWith(process.cwd(), env, ...args);
}

/**
 * The CDK's own CloudFormation schema validation is half of every synthesis and only ever adds warnings to the check
 * report: it is off here (the landing-zone package's synth tests cover how the report files its findings);
 * `landfall` itself always runs it.
 */
const WITHOUT_CFN_VALIDATION = { CDK_VALIDATION: 'false' };

function landfallWith(cwd: string, env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...WITHOUT_CFN_VALIDATION, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'landfall-cli-'));

/** A YAML definition of the four accounts every landing zone has, with no network, in `regions` (the first is home). */
function tinyDefinition(name: string, regions: string[]): string {
  return [
    `name: ${name}`,
    `homeRegion: ${regions[0]}`,
    `regions: [${regions.join(', ')}]`,
    'organization:',
    '  accounts:',
    '    - { name: management, email: m@example.com, role: management }',
    '    - { name: logs, email: l@example.com, role: log-archive }',
    '    - { name: audit, email: a@example.com, role: audit }',
    '    - { name: backup, email: b@example.com, role: backup }',
    '',
  ].join('\n');
}
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
    [
      'a waiver of a guardrail that does not exist (synth and plan refuse it too)',
      'waiver.json',
      (d: any) => {
        d.guardrails = {
          ...d.guardrails,
          waivers: [{ id: 'DenyNothingAtAll', reason: 'the security team decided, compensated by reviews' }],
        };
      },
      'guardrails.waivers[0].id',
    ],
  ])('exits 1 on %s, naming the field, with no stack trace', (_what, name, change, path) => {
    const { code, stderr } = landfall('validate', '--config', variant(name, change));
    expect(code).toBe(1);
    expect(stderr).toContain(`  ${path}: `);
    expect(stderr).toContain('fix:');
    expect(stderr).not.toMatch(/\n\s+at /);
    // validate is a gate that agrees with synth: what one refuses, the other does.
    const synth = landfall(
      'synth',
      '--config',
      variant(name, change),
      '--out',
      join(dir, `out-${name}`),
      '--no-assembly',
    );
    expect(synth.code).toBe(1);
    expect(synth.stderr).toContain(`  ${path}: `);
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
      'docs/rollout.md',
      'docs/architecture.md',
      'docs/architecture.svg',
      'docs/hipaa-matrix.md',
      'scp/manifest.json',
      ...Object.keys(manifest.files).map((f) => `scp/${f}`),
    ];
    // docs/guardrails.md and docs/stacks.md, compared below.
    expect(stdout).toContain(`wrote ${files.length + 2} files`);
    // The example was never applied: its backup policy waits for the backup account's ID, and synth says so.
    expect(stdout).toContain(
      "! The backup policy does not yet copy recovery points to the backup account's central vault",
    );
    for (const file of files) expect([file, written(file)]).toEqual([file, committed(file)]);
    // The committed page also carries the benchmark section that `npx projen bench` recorded.
    expect(committed('docs/guardrails.md').startsWith(written('docs/guardrails.md').trimEnd())).toBe(true);
    // And docs/stacks.md the synthesis benchmarks.
    expect(committed('docs/stacks.md').startsWith(written('docs/stacks.md').trimEnd())).toBe(true);
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
    writeFileSync(file, tinyDefinition('tiny', ['eu-west-1']));
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

describe('errors the user can correct: once, with where and the fix, exit status 1, no stack trace', () => {
  const lockFile = (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const expectUserError = (result: ReturnType<typeof landfall>, ...says: string[]) => {
    expect(result.code).toBe(1);
    for (const text of says) expect(result.stderr).toContain(text);
    expect(result.stderr).toContain('fix:');
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  };

  test('a lock file that is not JSON, in synth and in plan (before anything is asked of AWS)', () => {
    const file = lockFile('broken.lock.json', '{"accounts": {');
    const out = join(dir, 'out-broken-lock');
    const synth = landfall('synth', '-c', EXAMPLE, '--lock-file', file, '-o', out, '--no-assembly');
    expectUserError(synth, `${file}: not valid JSON`, 'restore broken.lock.json from version control');
    expect(existsSync(out)).toBe(false);
    const plan = landfall('plan', '-c', EXAMPLE, '--lock-file', file, '--endpoint', 'http://127.0.0.1:9');
    expectUserError(plan, `${file}: not valid JSON`);
    expect(plan.stderr).not.toContain('cannot read the organization');
  });

  test('a hand-edited lock file: every field the schema refuses is named, with its fix, by every reader', () => {
    const file = lockFile(
      'typo.lock.json',
      JSON.stringify({
        accounts: { dev: '12' },
        ous: {},
        netwrok: { attachments: {} },
        network: { regions: { 'us-west2': {} } },
      }),
    );
    const said = [
      `${file} has 3 errors`,
      'netwrok: unknown key',
      "did you mean 'network'?",
      'accounts.dev: "12" must match pattern',
      'write a 12-digit account ID',
      'network.regions: "us-west2" must match pattern',
      "write a governed region's name (us-west-2)",
    ];
    expectUserError(
      landfall('synth', '-c', EXAMPLE, '--lock-file', file, '-o', join(dir, 'out-typo'), '--no-assembly'),
      ...said,
    );
    expectUserError(landfall('plan', '-c', EXAMPLE, '--lock-file', file, '--endpoint', 'http://127.0.0.1:9'), ...said);
    expectUserError(
      landfall('check', '-c', EXAMPLE, '--lock-file', file, '--json', join(dir, 'typo-report.json')),
      ...said,
    );
  });

  test('a lock file that is a folder', () => {
    expectUserError(
      landfall('synth', '-c', EXAMPLE, '--lock-file', dir, '-o', join(dir, 'out-dir-lock'), '--no-assembly'),
      `${dir}: cannot be read`,
    );
  });

  test('an --out that cannot be written: a file on its path, or a place no folder can be made', () => {
    writeFileSync(join(dir, 'a-file'), '');
    expectUserError(
      landfall('synth', '-c', EXAMPLE, '-o', join(dir, 'a-file', 'out'), '--no-assembly'),
      `--out ${join(dir, 'a-file', 'out')}: cannot be written (${join(dir, 'a-file')} is a file, not a folder)`,
      'pass a folder you can write to',
    );
    // With the assembly too (the default), before anything is synthesized.
    expectUserError(
      landfall('synth', '-c', EXAMPLE, '-o', join(dir, 'a-file', 'out'), '--placeholders'),
      `--out ${join(dir, 'a-file', 'out')}: cannot be written (${join(dir, 'a-file')} is a file, not a folder)`,
    );
    if (process.platform === 'linux') {
      expectUserError(
        landfall('synth', '-c', EXAMPLE, '-o', '/proc/landfall-nope', '--placeholders'),
        '--out /proc/landfall-nope: cannot be written',
      );
      expectUserError(
        landfall('synth', '-c', EXAMPLE, '-o', '/proc/landfall-nope', '--no-assembly'),
        '--out /proc/landfall-nope: cannot be written',
      );
    }
  });
});

describe('landfall synth: the cloud assembly', () => {
  test("writes every account's stacks, checked, with the check report", () => {
    const out = join(dir, 'out-assembly');
    const { code, stdout } = landfall('synth', '--config', EXAMPLE, '--out', out, '--placeholders');
    expect(code).toBe(0);
    const acknowledgements =
      /63 stacks in .*cdk\.out, no unacknowledged error of cdk-nag HIPAA\.Security, AwsSolutions, NIST\.800\.53\.R5 and CloudFormation's template quotas \((\d+) acknowledgements\)/.exec(
        stdout,
      );
    expect(acknowledgements).not.toBeNull();
    // At most 10 reasons across every gate (the guardrails issue's budget for acknowledgements).
    expect(Number(acknowledgements![1])).toBeLessThanOrEqual(10);
    expect(readdirSync(join(out, 'cdk.out')).filter((f) => f.endsWith('.template.json'))).toHaveLength(63);
    expect(JSON.parse(readFileSync(join(out, 'check-report.json'), 'utf8')).ok).toBe(true);
  });

  test('fails, writing nothing, when accounts have no IDs and placeholders are off, and says how to go on', () => {
    const out = join(dir, 'out-no-ids');
    const { code, stderr } = landfall('synth', '--config', EXAMPLE, '--out', out);
    expect(code).toBe(1);
    expect(stderr).toContain("accounts.lock.json: no ID for 'management'");
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
    // What it left out is said, with the ID each waits for; never silently.
    expect(stdout).toContain(
      `! left out until an ID they need is recorded in accounts.lock.json (\`landfall deploy\` records each; --placeholders shows them for review) (${report.pending.length}):\n`,
    );
    expect(stdout).toContain(
      '  … dev VPC in us-east-1: record network.ipamPools["dev/us-east-1"] (hub stack output)\n',
    );
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
    expect(stdout).toMatch(/Acknowledged \(([1-9]|1[0-3])\), each with its reason/);
    expect(stdout).toContain('support no resource-level permissions');
    // AWS Control Tower's proactive controls, by their own ids (CT.<service>.PR.<n>), acknowledged with reasons.
    expect(stdout).toContain('lambda_inside_vpc_check');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.stacks).toHaveLength(63);
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

describe('landfall evidence', () => {
  /** The one bundle folder `out` holds, and its files (relative, sorted). */
  const bundleIn = (out: string) => {
    const [folder, ...others] = readdirSync(out);
    expect(others).toEqual([]);
    const files: string[] = [];
    const walk = (d: string, prefix: string) => {
      for (const f of readdirSync(d)) {
        if (statSync(join(d, f)).isDirectory()) walk(join(d, f), `${prefix}${f}/`);
        else files.push(`${prefix}${f}`);
      }
    };
    walk(join(out, folder), '');
    return { folder, root: join(out, folder), files: files.sort() };
  };
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  test('writes a dated bundle: matrix, policies, check report, inventory, access report, versions, checksums and an index', () => {
    const out = join(dir, 'evidence-example');
    const { code, stdout } = landfall('evidence', '--config', EXAMPLE, '--out', out, '--placeholders');
    expect(code).toBe(0);
    const { folder, root, files } = bundleIn(out);
    expect(folder).toMatch(/^acme-health-evidence-\d{4}-\d{2}-\d{2}T\d{6}Z$/);
    expect(stdout).toContain(`evidence bundle of ${files.length} files`);
    for (const f of [
      'index.md',
      'SHA256SUMS',
      'versions.json',
      'check-report.json',
      'check-report.txt',
      'docs/hipaa-matrix.md',
      'docs/accounts.md',
      'docs/access.md',
      'docs/architecture.svg',
      'scp/manifest.json',
    ]) {
      expect(files).toContain(f);
    }
    // The policies and docs are exactly what `npx projen` committed for the example.
    for (const f of ['docs/hipaa-matrix.md', 'docs/access.md', 'scp/manifest.json', 'scp/root.scp.1.json']) {
      expect([f, readFileSync(join(root, f), 'utf8')]).toEqual([f, readFileSync(join(REPO, f), 'utf8')]);
    }
    // Every file but SHA256SUMS itself is summed, with its true checksum, as sha256sum -c reads it.
    const sums = readFileSync(join(root, 'SHA256SUMS'), 'utf8').trimEnd().split('\n');
    expect(sums.map((l) => l.slice(66)).sort()).toEqual(files.filter((f) => f !== 'SHA256SUMS'));
    for (const line of sums) expect(line.slice(0, 64)).toBe(sha(join(root, line.slice(66))));
    const report = JSON.parse(readFileSync(join(root, 'check-report.json'), 'utf8'));
    expect(report.ok).toBe(true);
    expect(report.gates).toContain('HIPAA.Security');
    expect(readFileSync(join(root, 'check-report.txt'), 'utf8')).not.toContain('\u001b[');
    const versions = JSON.parse(readFileSync(join(root, 'versions.json'), 'utf8'));
    expect(versions.definition.sha256).toBe(sha(EXAMPLE));
    expect(versions.packages['aws-cdk-lib']).toMatch(/^2\.\d+\.\d+$/);
    expect(versions.packages['@landfall/guardrails']).toMatch(/^\d+\.\d+\.\d+/);
    const index = readFileSync(join(root, 'index.md'), 'utf8');
    for (const f of files.filter((x) => x !== 'index.md')) expect(index).toContain(`[${f}](${f})`);
    expect(index).toMatch(/\*\*Check report\*\*: passed: 63 stacks/);
    expect(index).toContain('## Not in this bundle');
  });

  test('follows the definition, and says when the check report is left out', () => {
    const out = join(dir, 'evidence-variant');
    const file = variant('evidence-variant.json', (d) => {
      d.name = 'acme-clinic';
      d.organization.ous[2].ous[0].accounts.push({
        name: 'prod-2',
        email: 'aws-prod-2@example.com',
        role: 'workload',
        environment: 'prod',
      });
    });
    const { code } = landfall('evidence', '--config', file, '--out', out, '--no-check');
    expect(code).toBe(0);
    const { folder, root, files } = bundleIn(out);
    expect(folder).toMatch(/^acme-clinic-evidence-/);
    expect(files).not.toContain('check-report.json');
    expect(readFileSync(join(root, 'index.md'), 'utf8')).toContain('**Check report**: not in this bundle');
    for (const f of ['docs/accounts.md', 'docs/architecture.md', 'docs/access.md']) {
      expect(readFileSync(join(root, f), 'utf8')).toContain('prod-2');
    }
  });

  test('never writes into a bundle that exists; a run that fails after making its folder leaves nothing', () => {
    const out = join(dir, 'evidence-dated');
    const env = { SOURCE_DATE_EPOCH: '1796515200' };
    const first = landfallEnv(env, 'evidence', '--config', EXAMPLE, '--out', out, '--no-check');
    expect(first.code).toBe(0);
    const { folder, root, files } = bundleIn(out);
    expect(folder).toBe('acme-health-evidence-2026-12-06T000000Z');
    expect(readFileSync(join(root, 'index.md'), 'utf8')).toContain('Generated 2026-12-06T00:00:00.000Z');
    const before = files.map((f) => readFileSync(join(root, f), 'utf8'));
    const again = landfallEnv(env, 'evidence', '--config', EXAMPLE, '--out', out, '--no-check');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists: an evidence bundle is never overwritten');
    expect(bundleIn(out).files.map((f) => readFileSync(join(root, f), 'utf8'))).toEqual(before);

    const broken = join(dir, 'evidence-broken.lock.json');
    writeFileSync(broken, '{ "accounts": ');
    const failed = join(dir, 'evidence-failed', 'nested');
    const run = landfall('evidence', '--config', EXAMPLE, '--out', failed, '--no-check', '--lock-file', broken);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('evidence-broken.lock.json');
    expect(existsSync(join(dir, 'evidence-failed'))).toBe(false);
  });

  test('an invalid definition writes nothing, and makes no folder', () => {
    const out = join(dir, 'evidence-never', 'nested');
    const file = variant('evidence-invalid.json', (d) => {
      d.network.hubCidr = '10.16.0.0/20';
    });
    const { code, stderr } = landfall('evidence', '--config', file, '--out', out, '--no-check');
    expect(code).toBe(1);
    expect(stderr).toContain('no bundle was written');
    expect(existsSync(join(dir, 'evidence-never'))).toBe(false);
  });
});

describe('help', () => {
  test.each([
    [[]],
    [['validate']],
    [['app']],
    [['synth']],
    [['check']],
    [['plan']],
    [['apply']],
    [['deploy']],
    [['evidence']],
  ])('landfall %p --help describes the command and exits 0', (args) => {
    const { code, stdout } = landfall(...args, '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: landfall/);
  });
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

describe('landfall app: the accounts/ app beside a YAML definition', () => {
  // Two Regions: with one, the Security Hub aggregator has no Region to link (a known gap: packages/logging's README).
  const TINY = tinyDefinition('tiny-clinic', ['eu-west-1', 'eu-central-1']);
  // The client's repository would install @landfall/landing-zone, aws-cdk-lib and ts-node; here they are the monorepo's.
  const TS_NODE = `${join(REPO, 'node_modules', '.bin', 'ts-node')} --transpileOnly accounts/main.ts`;
  const withModules = { NODE_PATH: join(REPO, 'node_modules') };

  function client(): string {
    const root = mkdtempSync(join(tmpdir(), 'landfall-client-'));
    writeFileSync(join(root, 'landing-zone.yaml'), TINY);
    return root;
  }

  test('writes main.ts, a folder per account, cdk.json and tsconfig.json; a rerun rewrites main.ts and keeps what is yours', () => {
    const root = client();
    const first = landfallIn(root, 'app');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('✔ tiny-clinic: the CDK app of 4 accounts in accounts');
    const main = readFileSync(join(root, 'accounts', 'main.ts'), 'utf8');
    expect(main.split('\n')[0]).toBe(
      '// Generated by `landfall app` from landing-zone.yaml: run it again after changing the accounts there.',
    );
    expect(main).toContain("  definition: 'landing-zone.yaml',");
    expect(main).toContain('    logs: logsAccount.customize,');
    expect(JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).app).toBe(
      'npx ts-node --transpileOnly accounts/main.ts',
    );
    expect(JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).include).toEqual(['accounts/**/*.ts']);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toContain('/cdk.out/\n');
    expect(first.stdout).not.toContain('!');
    for (const account of ['management', 'logs', 'audit', 'backup']) {
      expect(readFileSync(join(root, 'accounts', account, 'index.ts'), 'utf8')).toContain(
        'export function customize(account: AccountStacks): void {',
      );
    }

    // The user customizes an account and adds another; the next run adds its folder and touches no other.
    writeFileSync(join(root, 'accounts', 'logs', 'index.ts'), '// mine\n');
    writeFileSync(join(root, 'cdk.json'), '{"app":"mine"}\n');
    writeFileSync(
      join(root, 'landing-zone.yaml'),
      TINY.replace(
        'role: backup }',
        'role: backup }\n    - { name: shared, email: s@example.com, role: shared-services }',
      ),
    );
    mkdirSync(join(root, 'accounts', 'gone'));
    writeFileSync(join(root, 'accounts', 'gone', 'index.ts'), '// an account no longer in the definition\n');
    const second = landfallIn(root, 'app');
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('accounts/shared/index.ts');
    expect(second.stdout).toContain('4 account folders kept as they are (yours)');
    expect(second.stdout).toContain(
      '! accounts/gone/ is no account of the definition: the app no longer runs its customization. If the account was renamed, move it',
    );
    expect(second.stdout).toContain('! cdk.json runs `mine`, not this app');
    expect(readFileSync(join(root, 'accounts', 'logs', 'index.ts'), 'utf8')).toBe('// mine\n');
    expect(readFileSync(join(root, 'cdk.json'), 'utf8')).toBe('{"app":"mine"}\n');
    expect(readFileSync(join(root, 'accounts', 'main.ts'), 'utf8')).toContain('    shared: sharedAccount.customize,');
  });

  test('never overwrites an accounts/main.ts it did not write, and writes nothing for an invalid definition', () => {
    const root = client();
    mkdirSync(join(root, 'accounts'));
    writeFileSync(join(root, 'accounts', 'main.ts'), '// ~~ Generated by projen\n');
    const refused = landfallIn(root, 'app');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('accounts/main.ts was not written by `landfall app`');
    expect(readFileSync(join(root, 'accounts', 'main.ts'), 'utf8')).toBe('// ~~ Generated by projen\n');
    expect(existsSync(join(root, 'cdk.json'))).toBe(false);

    const invalid = client();
    writeFileSync(join(invalid, 'landing-zone.yaml'), TINY.replace('eu-central-1]', 'mars-north-1]'));
    const failed = landfallIn(invalid, 'app');
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('nothing was written');
    expect(readdirSync(invalid)).toEqual(['landing-zone.yaml']);
  });

  test('synth --app synthesizes the app with its customizations and writes what the main job writes for the example', () => {
    const root = client();
    expect(landfallIn(root, 'app').code).toBe(0);
    writeFileSync(
      join(root, 'accounts', 'logs', 'index.ts'),
      [
        "import { AccountStacks } from '@landfall/landing-zone';",
        "import { CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';",
        'export function customize(account: AccountStacks): void {',
        "  new CfnWaitConditionHandle(new Stack(account.app, 'logs-extra', { env: account.env() }), 'Marker');",
        '}',
        '',
      ].join('\n'),
    );
    const result = spawnSync(process.execPath, [BIN, 'synth', '--out', 'out', '--placeholders', '--app', TS_NODE], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', ...withModules },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const out = join(root, 'out');
    // The customization's stack is in the assembly and in the check report, with Landfall's own.
    expect(existsSync(join(out, 'cdk.out', 'logs-extra.template.json'))).toBe(true);
    expect(existsSync(join(out, 'cdk.out', 'logs-log-archive-eu-west-1.template.json'))).toBe(true);
    const report = JSON.parse(readFileSync(join(out, 'check-report.json'), 'utf8'));
    expect(report.stacks.map((stack: { name: string }) => stack.name)).toEqual(
      expect.arrayContaining(['logs-extra', 'logs-log-archive-eu-west-1']),
    );
    // The pages a projen project gets, for this definition: its stacks, and the HIPAA matrix.
    const stacks = readFileSync(join(out, 'docs', 'stacks.md'), 'utf8');
    expect(stacks).toContain('# Stacks of tiny-clinic');
    expect(stacks).toContain(
      '| logs | log-archive | `accounts/logs/index.ts` | logs-encryption-<region> (eu-west-1, eu-central-1); logs-log-archive-eu-west-1; ',
    );
    // The matrix is this definition's: the same safeguards as the example's, each guardrail with where this
    // organization attaches it (it has no OU, so the guardrails placed on OUs attach nowhere).
    const matrix = readFileSync(join(out, 'docs', 'hipaa-matrix.md'), 'utf8');
    const example = readFileSync(join(REPO, 'docs', 'hipaa-matrix.md'), 'utf8');
    const sections = (md: string) => md.split('\n').filter((l) => l.startsWith('### '));
    expect(sections(matrix)).toEqual(sections(example));
    expect(matrix).toContain('`ProtectKmsKeys` (Root), `RequireEbsEncryption` (not attached)');
    expect(example).not.toContain('`RequireEbsEncryption` (not attached)');

    // Given another definition, from another folder, the app reads that one, as the artifacts do.
    const other = join(root, 'other.yaml');
    writeFileSync(other, TINY.replace('name: tiny-clinic', 'name: other-clinic'));
    const elsewhere = spawnSync(
      process.execPath,
      [
        BIN,
        'synth',
        '-c',
        other,
        '--out',
        join(root, 'out-other'),
        '--placeholders',
        '--app',
        `cd accounts && ${TS_NODE.replace('accounts/main.ts', 'main.ts')}`,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...withModules } },
    );
    expect(elsewhere.status).toBe(0);
    const template = JSON.parse(
      readFileSync(join(root, 'out-other', 'cdk.out', 'logs-log-archive-eu-west-1.template.json'), 'utf8'),
    );
    expect(template.Description).toMatch(/^Landfall other-clinic: /);
    expect(existsSync(join(root, 'out-other', 'cdk.out', 'logs-extra.template.json'))).toBe(true);
  });

  test('synth --app fails, writing nothing, when the app fails: what an earlier run wrote stays as it was', () => {
    const root = client();
    expect(landfallIn(root, 'synth', '--out', 'out', '--placeholders').code).toBe(0);
    const snapshot = () =>
      readdirSync(join(root, 'out'), { recursive: true, encoding: 'utf8' })
        .sort()
        .map((f) => {
          const file = join(root, 'out', f);
          return [f, existsSync(file) && !statSync(file).isDirectory() ? readFileSync(file, 'utf8').length : 'dir'];
        });
    const before = snapshot();
    // An app that writes half an assembly and a report where it is told to, then fails.
    const app = `node -e "const fs=require('fs'),p=require('path');fs.mkdirSync(process.env.CDK_OUTDIR,{recursive:true});fs.writeFileSync(p.join(process.env.CDK_OUTDIR,'half.template.json'),'{');fs.writeFileSync(p.join(p.dirname(process.env.CDK_OUTDIR),'check-report.json'),'{}');process.exit(3)"`;
    const failed = landfallIn(root, 'synth', '--out', 'out', '--app', app);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('failed (exit 3): nothing was written to out');
    expect(snapshot()).toEqual(before);
    // An app that succeeds but is not the accounts/ app: no report of this run, so nothing is taken from it.
    const stranger = landfallIn(root, 'synth', '--out', 'out', '--app', 'node -e "0"');
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('wrote no assembly and check-report.json into CDK_OUTDIR');
    expect(snapshot()).toEqual(before);
    // And a first run that fails leaves no folder behind.
    const fresh = client();
    expect(landfallIn(fresh, 'synth', '--out', 'out', '--app', 'node -e "process.exit(3)"').code).toBe(1);
    expect(existsSync(join(fresh, 'out'))).toBe(false);
    expect(landfallIn(fresh, 'synth', '--out', 'out', '--no-assembly', '--app', 'x').stderr).toContain(
      '--app synthesizes the assembly, which --no-assembly leaves out',
    );
  });
});
