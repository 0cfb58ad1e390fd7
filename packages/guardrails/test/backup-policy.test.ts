import { readFileSync } from 'fs';
import { join } from 'path';
import { AWS_REGIONS, LandingZoneDefinition, validateOrThrow } from '@landfall/model';
import {
  BACKUP_ROLE_NAME,
  BACKUP_VAULT_NAME,
  CENTRAL_BACKUP_VAULT_NAME,
  Compilation,
  CompiledPolicy,
  compileGuardrails,
} from '../src';

/** The example definition as written (landing-zone.json), before defaults. */
const RAW: LandingZoneDefinition = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'landing-zone.json'), 'utf8'),
);
const BACKUP_ACCOUNT = '555555555555';
const IDS = { backup: BACKUP_ACCOUNT };

function definition(change: (def: any) => void = () => {}) {
  const def = JSON.parse(JSON.stringify(RAW));
  change(def);
  return validateOrThrow(def as LandingZoneDefinition);
}

function compile(change?: (def: any) => void, accounts: Record<string, string> = IDS): Compilation {
  const result = compileGuardrails(definition(change), undefined, accounts);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.compilation;
}

const backupPolicies = (c: Compilation): CompiledPolicy[] => c.policies.filter((p) => p.type === 'BACKUP_POLICY');

/**
 * Problems with a document against the documented BACKUP_POLICY syntax
 * (orgs_manage_policies_backup_syntax): required plan and rule keys, `@@assign` on every
 * leaf, copy actions keyed by their vault's ARN, no cold storage for cross-account copies,
 * and AWS Backup's plan quotas.
 */
export function backupPolicyProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const assigned = (v: unknown): unknown => (isObject(v) ? v['@@assign'] : undefined);
  const only = (path: string, node: Record<string, unknown>, allowed: string[]) => {
    for (const key of Object.keys(node)) if (!allowed.includes(key)) problems.push(`${path}: unknown key ${key}`);
  };
  const require = (path: string, node: Record<string, unknown>, keys: string[]) => {
    for (const key of keys) if (node[key] === undefined) problems.push(`${path}: ${key} is required`);
  };
  // Every leaf is a string or a list of strings under @@assign (numbers as strings); containers are objects.
  const leaves = (path: string, node: unknown): void => {
    if (!isObject(node)) {
      problems.push(`${path}: a value outside @@assign`);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '@@assign') {
        const ok = typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
        if (!ok) problems.push(`${path}.@@assign: not a string or a list of strings`);
      } else if (key === '@@operators_allowed_for_child_policies') {
        if (!Array.isArray(value) || !value.every((v) => /^@@(all|none|assign|append|remove)$/.test(v))) {
          problems.push(`${path}.${key}: not a list of operators`);
        }
      } else {
        leaves(`${path}.${key}`, value);
      }
    }
  };
  const lifecycle = (path: string, life: unknown, crossAccount: boolean) => {
    if (!isObject(life)) return;
    only(path, life, [
      'delete_after_days',
      'move_to_cold_storage_after_days',
      'opt_in_to_archive_for_supported_resources',
    ]);
    const del = Number(assigned(life.delete_after_days));
    const cold = life.move_to_cold_storage_after_days && Number(assigned(life.move_to_cold_storage_after_days));
    if (crossAccount && cold !== undefined) problems.push(`${path}: cold storage in a cross-account copy`);
    if (cold !== undefined && !(del >= cold + 90)) {
      problems.push(`${path}: deleted less than 90 days after cold storage`);
    }
  };

  if (!isObject(doc) || !isObject(doc.plans)) return ['plans: required'];
  only('(top)', doc, ['plans']);
  leaves('plans', doc.plans);
  for (const [name, plan] of Object.entries(doc.plans)) {
    const at = `plans.${name}`;
    if (!/^[A-Za-z0-9_.-]{1,50}$/.test(name)) problems.push(`${at}: plan names are 1-50 of A-Z a-z 0-9 - _ .`);
    if (!isObject(plan)) continue;
    only(at, plan, [
      'rules',
      'regions',
      'selections',
      'advanced_backup_settings',
      'backup_plan_tags',
      'scan_settings',
      '@@operators_allowed_for_child_policies',
    ]);
    require(at, plan, ['rules', 'regions', 'selections']);
    const regions = assigned(plan.regions);
    if (!Array.isArray(regions) || regions.length === 0) problems.push(`${at}.regions: no region`);
    const rules = isObject(plan.rules) ? Object.entries(plan.rules) : [];
    if (rules.length === 0 || rules.length > 10) problems.push(`${at}.rules: 1 to 10 rules`);
    for (const [ruleName, rule] of rules) {
      const r = `${at}.rules.${ruleName}`;
      if (!isObject(rule)) continue;
      only(r, rule, [
        'schedule_expression',
        'target_backup_vault_name',
        'target_logically_air_gapped_backup_vault_arn',
        'start_backup_window_minutes',
        'complete_backup_window_minutes',
        'enable_continuous_backup',
        'lifecycle',
        'copy_actions',
        'recovery_point_tags',
        'index_actions',
        'scan_actions',
      ]);
      require(r, rule, ['schedule_expression', 'target_backup_vault_name']);
      if (!/^cron\(.+\)$/.test(String(assigned(rule.schedule_expression)))) problems.push(`${r}: not a cron schedule`);
      if (rule.start_backup_window_minutes && Number(assigned(rule.start_backup_window_minutes)) < 60) {
        problems.push(`${r}.start_backup_window_minutes: under 60`);
      }
      lifecycle(`${r}.lifecycle`, rule.lifecycle, false);
      const tags = isObject(rule.recovery_point_tags) ? Object.entries(rule.recovery_point_tags) : [];
      if (tags.length > 10) problems.push(`${r}.recovery_point_tags: more than 10`);
      for (const [tagName, tag] of tags) {
        if (isObject(tag)) require(`${r}.recovery_point_tags.${tagName}`, tag, ['tag_key', 'tag_value']);
      }
      const copies = isObject(rule.copy_actions) ? Object.entries(rule.copy_actions) : [];
      if (copies.length > 5) problems.push(`${r}.copy_actions: more than 5`);
      for (const [key, copy] of copies) {
        const c = `${r}.copy_actions.${key}`;
        if (!isObject(copy)) continue;
        only(c, copy, ['target_backup_vault_arn', 'lifecycle']);
        const arn = assigned(copy.target_backup_vault_arn);
        if (arn !== key) problems.push(`${c}: the key is not its target_backup_vault_arn`);
        const match = /^arn:aws:backup:[a-z]{2}(-[a-z]+)+-\d:(\d{12}|\$account):backup-vault:[A-Za-z0-9_-]+$/.exec(key);
        if (!match) problems.push(`${c}: not a backup vault ARN`);
        lifecycle(`${c}.lifecycle`, copy.lifecycle, match?.[2] !== '$account');
      }
    }
    const selections = isObject(plan.selections) ? plan.selections : {};
    only(`${at}.selections`, selections, ['tags', 'resources']);
    if (!selections.tags && !selections.resources) problems.push(`${at}.selections: neither tags nor resources`);
    for (const [selName, sel] of Object.entries(isObject(selections.tags) ? selections.tags : {})) {
      const s = `${at}.selections.tags.${selName}`;
      if (!isObject(sel)) continue;
      only(s, sel, ['iam_role_arn', 'tag_key', 'tag_value', 'conditions']);
      require(s, sel, ['iam_role_arn', 'tag_key', 'tag_value']);
      if (!Array.isArray(assigned(sel.tag_value))) problems.push(`${s}.tag_value: not a list`);
    }
  }
  return problems;
}

describe('the backup policy of the example, with the backup account known', () => {
  const compilation = compile();
  const [policy] = backupPolicies(compilation);
  const doc = JSON.parse(policy.content);
  const EAST = 'landfall_us_east_1';
  const WEST = 'landfall_us_west_2';
  const central = (region: string) =>
    `arn:aws:backup:${region}:${BACKUP_ACCOUNT}:backup-vault:${CENTRAL_BACKUP_VAULT_NAME}`;
  const local = (region: string) => `arn:aws:backup:${region}:$account:backup-vault:${BACKUP_VAULT_NAME}`;
  const days = (n: number) => ({ '@@assign': String(n) });

  test('is one BACKUP_POLICY, attached to the OUs of backup.ous and nowhere else', () => {
    expect(backupPolicies(compilation)).toHaveLength(1);
    expect(definition().backup.ous).toEqual(['Root/Workloads']);
    expect(policy.targets).toEqual(['Root/Workloads']);
    expect(policy.file).toBe('root-workloads.backup.json');
    const where = Object.entries(compilation.targets)
      .filter(([, files]) => files.some((f) => f.type === 'BACKUP_POLICY'))
      .map(([target]) => target);
    expect(where).toEqual(['Root/Workloads']);
    const attached = Object.entries(compilation.attachments)
      .filter(([, ids]) => ids.includes('OrganizationBackupPolicy'))
      .map(([target]) => target);
    expect(attached).toEqual(['Root/Workloads']);
  });

  test('follows the documented backup policy syntax', () => {
    expect(backupPolicyProblems(doc)).toEqual([]);
  });

  test('is minified and within the 10,000 characters of a backup policy', () => {
    expect(policy.content).toBe(JSON.stringify(doc));
    expect(policy.content.length).toBeLessThanOrEqual(10000);
  });

  test('has one plan per governed region, each for its region alone, that no child policy may change', () => {
    expect(Object.keys(doc.plans)).toEqual([EAST, WEST]);
    expect(doc.plans[EAST].regions).toEqual({ '@@assign': ['us-east-1'] });
    expect(doc.plans[WEST].regions).toEqual({ '@@assign': ['us-west-2'] });
    for (const plan of Object.values<any>(doc.plans)) {
      expect(plan['@@operators_allowed_for_child_policies']).toEqual(['@@none']);
    }
  });

  test("runs the definition's daily, weekly and monthly rules into the account's vault", () => {
    const { rules } = doc.plans[EAST];
    expect(Object.keys(rules)).toEqual(['daily', 'weekly', 'monthly']);
    expect(rules.daily).toMatchObject({
      schedule_expression: { '@@assign': 'cron(0 5 * * ? *)' },
      start_backup_window_minutes: { '@@assign': '60' },
      complete_backup_window_minutes: { '@@assign': '1440' },
      target_backup_vault_name: { '@@assign': BACKUP_VAULT_NAME },
      lifecycle: { delete_after_days: days(35) },
    });
    expect(rules.weekly.schedule_expression).toEqual({ '@@assign': 'cron(0 6 ? * SUN *)' });
    expect(rules.weekly.lifecycle).toEqual({ delete_after_days: days(91) });
    expect(rules.monthly.schedule_expression).toEqual({ '@@assign': 'cron(0 7 1 * ? *)' });
    expect(rules.monthly.lifecycle).toEqual({
      move_to_cold_storage_after_days: days(90),
      delete_after_days: days(365),
    });
    for (const name of ['daily', 'weekly', 'monthly']) {
      expect(rules[name].recovery_point_tags).toEqual({
        landfall: { tag_key: { '@@assign': 'landfall:rule' }, tag_value: { '@@assign': name } },
      });
    }
  });

  test("copies every recovery point to the backup account's central vault in the same region, without cold storage", () => {
    for (const [plan, region] of [
      [EAST, 'us-east-1'],
      [WEST, 'us-west-2'],
    ]) {
      const { rules } = doc.plans[plan];
      for (const [name, retention] of [
        ['daily', 35],
        ['weekly', 91],
        ['monthly', 365],
      ] as const) {
        expect(rules[name].copy_actions[central(region)]).toEqual({
          target_backup_vault_arn: { '@@assign': central(region) },
          lifecycle: { delete_after_days: days(retention) },
        });
      }
    }
  });

  test('copies every recovery point to the other region, in the same account, with the rule lifecycle', () => {
    const east = doc.plans[EAST].rules;
    const west = doc.plans[WEST].rules;
    expect(Object.keys(east.daily.copy_actions)).toEqual([central('us-east-1'), local('us-west-2')]);
    expect(Object.keys(west.daily.copy_actions)).toEqual([central('us-west-2'), local('us-east-1')]);
    expect(east.monthly.copy_actions[local('us-west-2')]).toEqual({
      target_backup_vault_arn: { '@@assign': local('us-west-2') },
      lifecycle: { move_to_cold_storage_after_days: days(90), delete_after_days: days(365) },
    });
    expect(west.weekly.copy_actions[local('us-east-1')].lifecycle).toEqual({ delete_after_days: days(91) });
  });

  test('backs up what carries the selection tag, as the backup role of each account', () => {
    for (const plan of Object.values<any>(doc.plans)) {
      expect(plan.selections).toEqual({
        tags: {
          landfall: {
            iam_role_arn: { '@@assign': `arn:aws:iam::$account:role/${BACKUP_ROLE_NAME}` },
            tag_key: { '@@assign': 'backup' },
            tag_value: { '@@assign': ['true'] },
          },
        },
      });
    }
  });

  test('has nothing pending', () => {
    expect(compilation.pending).toEqual([]);
  });
});

describe('the backup policy follows the definition', () => {
  test('its retention, cold storage, schedule, selection tag and OUs', () => {
    const c = compile((d) => {
      d.backup = {
        schedule: 'cron(0 3 * * ? *)',
        retentionDays: 200,
        coldStorageAfterDays: 30,
        weekly: { retentionDays: 100 },
        selectionTag: { key: 'Backup-Plan', value: 'landfall' },
        ous: ['Root/Workloads/Prod', 'Root/Sandbox'],
      };
    });
    const [policy, ...more] = backupPolicies(c);
    expect(more).toEqual([]);
    expect(policy.targets).toEqual(['Root/Workloads/Prod', 'Root/Sandbox']);
    expect(policy.file).toBe('shared.backup.json');
    const doc = JSON.parse(policy.content);
    expect(backupPolicyProblems(doc)).toEqual([]);
    const { rules, selections } = doc.plans.landfall_us_east_1;
    expect(rules.daily.schedule_expression['@@assign']).toBe('cron(0 3 * * ? *)');
    expect(rules.daily.lifecycle).toEqual({
      move_to_cold_storage_after_days: { '@@assign': '30' },
      delete_after_days: { '@@assign': '200' },
    });
    // A rule that sets its own retention drops the default cold storage.
    expect(rules.weekly.lifecycle).toEqual({ delete_after_days: { '@@assign': '100' } });
    const copy = rules.daily.copy_actions[`arn:aws:backup:us-east-1:${BACKUP_ACCOUNT}:backup-vault:landfall-central`];
    expect(copy.lifecycle).toEqual({ delete_after_days: { '@@assign': '200' } });
    expect(selections.tags.landfall.tag_key['@@assign']).toBe('Backup-Plan');
    expect(selections.tags.landfall.tag_value['@@assign']).toEqual(['landfall']);
  });

  test('one governed region: a plan copying to the backup account alone', () => {
    const c = compile((d) => {
      d.regions = ['us-east-1'];
      delete d.backup.copyRegion;
      delete d.network.availabilityZones;
    });
    const doc = JSON.parse(backupPolicies(c)[0].content);
    expect(backupPolicyProblems(doc)).toEqual([]);
    expect(Object.keys(doc.plans)).toEqual(['landfall_us_east_1']);
    expect(Object.keys(doc.plans.landfall_us_east_1.rules.daily.copy_actions)).toEqual([
      `arn:aws:backup:us-east-1:${BACKUP_ACCOUNT}:backup-vault:landfall-central`,
    ]);
  });

  test('three governed regions: the third copies to copyRegion, copyRegion to the home region', () => {
    const c = compile((d) => {
      d.regions = ['us-east-1', 'us-west-2', 'eu-west-1'];
    });
    const doc = JSON.parse(backupPolicies(c)[0].content);
    const other = (plan: string) =>
      Object.keys(doc.plans[plan].rules.daily.copy_actions).filter((arn) => arn.includes('$account'));
    expect(other('landfall_us_east_1')).toEqual(['arn:aws:backup:us-west-2:$account:backup-vault:landfall']);
    expect(other('landfall_us_west_2')).toEqual(['arn:aws:backup:us-east-1:$account:backup-vault:landfall']);
    expect(other('landfall_eu_west_1')).toEqual(['arn:aws:backup:us-west-2:$account:backup-vault:landfall']);
  });
});

describe('before the backup account has an ID', () => {
  const result = compileGuardrails(definition());
  const compilation = result.ok ? result.compilation : undefined;

  test('the policy copies to the other region only, and pending says why and what to do', () => {
    expect(compilation).toBeDefined();
    const doc = JSON.parse(backupPolicies(compilation!)[0].content);
    expect(backupPolicyProblems(doc)).toEqual([]);
    expect(JSON.stringify(doc)).not.toContain(CENTRAL_BACKUP_VAULT_NAME);
    expect(Object.keys(doc.plans.landfall_us_east_1.rules.daily.copy_actions)).toEqual([
      'arn:aws:backup:us-west-2:$account:backup-vault:landfall',
    ]);
    expect(compilation!.pending).toHaveLength(1);
    expect(compilation!.pending[0]).toMatch(
      /central vault.*backup account \(backup\) has no account ID.*`landfall apply`/,
    );
    expect(compilation!.pending[0]).toMatch(/`landfall apply` creates the account and adds the copy in the same run/);
  });

  test('IDs of other accounts do not count', () => {
    const other = compileGuardrails(definition(), undefined, { prod: '111111111111' });
    expect(other.ok && other.compilation.pending).toHaveLength(1);
  });

  test('an ID that is not an account ID is an error, not a broken ARN', () => {
    const bad = compileGuardrails(definition(), undefined, { backup: '5555' });
    expect(!bad.ok && bad.errors).toEqual([expect.objectContaining({ path: 'organization' })]);
    expect(!bad.ok && bad.errors[0].message).toContain('has the ID "5555", which is not a 12-digit AWS account ID');
  });
});

describe('many governed regions', () => {
  const REGIONS = [
    'us-east-1',
    'us-west-2',
    'us-east-2',
    'us-west-1',
    'ca-central-1',
    'eu-west-1',
    'eu-west-2',
    'eu-central-1',
    'eu-north-1',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-northeast-1',
  ];
  const compilation = compile((d) => {
    d.regions = REGIONS;
  });
  const policies = backupPolicies(compilation);

  test('split by plan into several backup policies, each within 10,000 characters, covering every region once', () => {
    expect(policies.length).toBeGreaterThan(1);
    expect(policies.length).toBeLessThanOrEqual(10);
    expect(policies.map((p) => p.file)).toEqual(policies.map((_, i) => `root-workloads.backup.${i + 1}.json`));
    const covered: string[] = [];
    for (const p of policies) {
      expect(p.content.length).toBeLessThanOrEqual(10000);
      expect(p.targets).toEqual(['Root/Workloads']);
      const doc = JSON.parse(p.content);
      expect(backupPolicyProblems(doc)).toEqual([]);
      for (const plan of Object.values<any>(doc.plans)) covered.push(...plan.regions['@@assign']);
    }
    expect(covered.sort()).toEqual([...REGIONS].sort());
    expect(compilation.targets['Root/Workloads'].filter((f) => f.type === 'BACKUP_POLICY')).toHaveLength(
      policies.length,
    );
  });

  test('fails, naming the fix, when the plans need more than the 10 backup policies a target may hold', () => {
    const result = compileGuardrails(
      definition((d) => {
        d.regions = [...AWS_REGIONS];
        d.homeRegion = 'us-east-1';
      }),
      undefined,
      IDS,
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toContainEqual({
      path: 'regions',
      message: expect.stringMatching(
        /^Root\/Workloads: the backup plans of the governed regions need \d+ BACKUP_POLICY policies but only 10 may be attached \(guardrails OrganizationBackupPolicy\)$/,
      ),
      fix: 'govern fewer regions: each governed region is one backup plan',
    });
  });
});

describe('the document validator', () => {
  const good = () => JSON.parse(backupPolicies(compile())[0].content);
  const broken: Array<[string, (doc: any) => void, RegExp]> = [
    ['a plan without regions', (d) => delete d.plans.landfall_us_east_1.regions, /regions is required/],
    [
      'a rule without a vault',
      (d) => delete d.plans.landfall_us_east_1.rules.daily.target_backup_vault_name,
      /target_backup_vault_name is required/,
    ],
    [
      'a leaf outside @@assign',
      (d) => (d.plans.landfall_us_east_1.rules.daily.start_backup_window_minutes = '60'),
      /outside @@assign/,
    ],
    [
      'a number, not a string',
      (d) => (d.plans.landfall_us_east_1.rules.daily.lifecycle.delete_after_days = { '@@assign': 35 }),
      /not a string/,
    ],
    [
      'a copy keyed by another ARN',
      (d) => {
        const copies = d.plans.landfall_us_east_1.rules.daily.copy_actions;
        const [key] = Object.keys(copies);
        copies[key.toLowerCase() + 'x'] = copies[key];
        delete copies[key];
      },
      /the key is not its target_backup_vault_arn/,
    ],
    [
      'cold storage in a cross-account copy',
      (d) => {
        const copies = d.plans.landfall_us_east_1.rules.monthly.copy_actions;
        const central = Object.keys(copies).find((k) => !k.includes('$account'))!;
        copies[central].lifecycle.move_to_cold_storage_after_days = { '@@assign': '90' };
      },
      /cold storage in a cross-account copy/,
    ],
    [
      'a selection without its tag',
      (d) => delete d.plans.landfall_us_east_1.selections.tags.landfall.tag_key,
      /tag_key is required/,
    ],
  ];

  test.each(broken)('finds %s', (_name, breakIt, problem) => {
    const doc = good();
    breakIt(doc);
    expect(backupPolicyProblems(doc).join('\n')).toMatch(problem);
  });
});

describe('waivers', () => {
  test('waiving OrganizationBackupPolicy is an error: backups cannot be turned off', () => {
    const result = compileGuardrails(
      definition((d) => {
        d.guardrails = {
          ...d.guardrails,
          waivers: [
            { id: 'DenyNatGateways', reason: 'a legacy vendor appliance needs one until Q3' },
            { id: 'OrganizationBackupPolicy', reason: 'we back up with our own tool' },
          ],
        };
      }),
      undefined,
      IDS,
    );
    expect(!result.ok && result.errors).toEqual([
      {
        path: 'guardrails.waivers[1].id',
        message: 'OrganizationBackupPolicy cannot be waived: backups cannot be turned off',
        fix: 'remove this waiver; to back up fewer accounts, set backup.ous to the OUs that hold the accounts to back up',
      },
    ]);
  });
});
