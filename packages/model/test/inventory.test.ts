import { renderAccountInventory, renderArtifacts, validateOrThrow } from '../src';
import { mutable, validDefinition } from './fixtures';

describe('renderAccountInventory', () => {
  const markdown = renderAccountInventory(validateOrThrow(validDefinition()));

  test("draws the OU tree with each account's role and environment", () => {
    expect(markdown).toContain(
      ['Root', '├── management (management)', '├── Security/', '│   ├── log-archive (log-archive)'].join('\n'),
    );
    expect(markdown).toContain('        └── dev (workload, dev)');
  });

  test('lists every account with its OU path', () => {
    expect(markdown).toContain('| prod | workload | prod | Root/Workloads/Prod | aws-prod@example.com |');
  });

  test('lists the address plan, including defaults the definition left out', () => {
    expect(markdown).toContain('| shared-services hub VPC | 10.0.0.0/20 | |');
    expect(markdown).toContain('| prod IPAM pool | 10.16.0.0/12 | production; one /20 VPC per account and region |');
    expect(markdown).toContain('| client VPN range | 172.16.0.0/22 | split tunnel |');
  });

  test('states that environments have no route between them', () => {
    expect(markdown).toContain('- No route between environments.');
  });

  test('shows explicit per-account CIDRs', () => {
    const def = mutable();
    def.network.environments.dev = { accountCidrs: { dev: '10.64.0.0/20' } };
    expect(renderAccountInventory(validateOrThrow(def))).toContain(
      '| dev: dev VPC | 10.64.0.0/20 | non-production; home region |',
    );
  });
});

describe('renderArtifacts', () => {
  test('writes the resolved definition and the inventory', () => {
    const lz = validateOrThrow(validDefinition());
    const artifacts = renderArtifacts(lz);
    expect(artifacts.map((a) => a.path)).toEqual(['landing-zone.json', 'docs/accounts.md']);
    expect(JSON.parse(artifacts[0].content)).toEqual(lz);
  });
});

describe('validateOrThrow', () => {
  test('throws every error with its path, and no stack trace to hide them', () => {
    expect.assertions(2);
    const def = mutable();
    def.homeRegion = 'eu-west-1';
    def.netwrok = {};
    expect(() => validateOrThrow(def, 'my.yaml')).toThrow(
      /^my\.yaml has 2 errors:\n {2}netwrok: unknown key — .*\n {2}homeRegion: /,
    );
    try {
      validateOrThrow(def);
    } catch (e) {
      expect((e as Error).stack).not.toMatch(/\n\s+at /);
    }
  });
});
