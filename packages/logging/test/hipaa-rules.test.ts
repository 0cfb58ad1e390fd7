import { readFileSync } from 'fs';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HipaaConformancePack, OrganizationHipaaRules } from '../src';

// AWS's lists, as the project's reference holds them: the pack's rule identifiers, and its rules by 164.312 section.
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const PACK = fixture('hipaa-conformance-pack-rules.txt').split('\n').filter(Boolean);
const BY_SECTION = new Map(
  fixture('hipaa-164312-config-rules-by-section.txt')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [section, , ...names] = line.split(' ');
      return [section, names] as const;
    }),
);
const SECTION = /^164\.3(08|12)\([a-e]\)(\(\d\))?(\((i|ii|iii|iv|v)\))?(\([A-F]\))?$/;

describe('the HIPAA Security conformance pack table', () => {
  const rules = HipaaConformancePack.RULES;

  test("holds exactly AWS's 130 rules, each once", () => {
    expect(rules.map((r) => r.identifier)).toEqual(PACK);
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
  });

  test('every rule carries HIPAA sections, and every 164.312 section AWS maps it to', () => {
    for (const rule of rules) {
      expect([rule.name, rule.hipaa.length > 0]).toEqual([rule.name, true]);
      for (const s of rule.hipaa) expect([rule.name, s, SECTION.test(s)]).toEqual([rule.name, s, true]);
    }
    for (const [section, names] of BY_SECTION) {
      for (const name of names) {
        const rule = rules.find((r) => r.name === name);
        if (rule) expect([name, rule.hipaa.includes(section)]).toEqual([name, true]);
      }
    }
  });

  test('at least 100 rules deploy; every other one says why, and no mapping of AWS is marked as ours', () => {
    const deployed = rules.filter((r) => !r.notDeployed);
    expect(deployed.length).toBeGreaterThanOrEqual(100);
    for (const r of rules.filter((x) => x.notDeployed)) expect(r.notDeployed!.length).toBeGreaterThan(40);
    for (const r of rules.filter((x) => x.mappedBy !== undefined)) expect(r.mappedBy).toBe('landfall');
  });
});

describe('OrganizationHipaaRules', () => {
  const stack = new Stack(new App(), 'Audit', { env: { account: '333333333333', region: 'us-east-1' } });
  const rules = new OrganizationHipaaRules(stack, 'Rules', { excludedAccounts: ['111111111111'] });
  const pack = Object.values(
    Template.fromStack(stack).findResources('AWS::Config::OrganizationConformancePack'),
  )[0] as any;
  const body = JSON.parse(pack.Properties.TemplateBody);

  test('deploys every deployed rule as an AWS managed Config rule with its parameters, labelled with its HIPAA sections', () => {
    const resources = Object.values(body.Resources) as any[];
    expect(resources).toHaveLength(rules.rules.length);
    expect(resources.length).toBeGreaterThanOrEqual(100);
    for (const rule of rules.rules) {
      const r = resources.find((x) => x.Properties.ConfigRuleName === rule.name);
      expect(r).toMatchObject({
        Type: 'AWS::Config::ConfigRule',
        Properties: {
          Source: { Owner: 'AWS', SourceIdentifier: rule.identifier },
          Description: `HIPAA ${rule.hipaa.join(', ')}`,
        },
      });
      if (rule.parameters) expect(r.Properties.InputParameters).toEqual(rule.parameters);
    }
    const notDeployed = HipaaConformancePack.RULES.filter((r) => r.notDeployed).map((r) => r.name);
    expect(resources.some((r) => notDeployed.includes(r.Properties.ConfigRuleName))).toBe(false);
  });

  test("fits AWS Config's 51,200-byte template body and 130 rules per pack, and excludes what it is told to", () => {
    expect(Buffer.byteLength(pack.Properties.TemplateBody)).toBeLessThanOrEqual(51_200);
    expect(Object.keys(body.Resources).length).toBeLessThanOrEqual(130);
    expect(pack.Properties).toMatchObject({
      OrganizationConformancePackName: 'landfall-hipaa-security',
      ExcludedAccounts: ['111111111111'],
    });
  });
});
