import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { LandingZoneDefinition, validateOrThrow } from '@landfall/model';
import { compileGuardrails, renderGuardrailDocs, resolvePlacements, targetUsage } from '../src';
import { EXAMPLE, EXAMPLE_COMPILATION, denialsOf } from './simulation';

function withGuardrails(change: (def: any) => void) {
  const def = JSON.parse(JSON.stringify(EXAMPLE));
  change(def);
  return validateOrThrow(def as LandingZoneDefinition);
}

describe('compileGuardrails on the example', () => {
  const { policies, targets } = EXAMPLE_COMPILATION;

  test('fits every SCP in 10,240 characters and every RCP in 5,120', () => {
    for (const p of policies.filter((x) => x.type === 'SERVICE_CONTROL_POLICY')) {
      expect(p.content.length).toBeLessThanOrEqual(10240);
    }
    for (const p of policies.filter((x) => x.type === 'RESOURCE_CONTROL_POLICY')) {
      expect(p.content.length).toBeLessThanOrEqual(5120);
    }
  });

  test("leaves room for AWS's full-access policy on every target", () => {
    for (const files of Object.values(targets)) {
      expect(files.filter((f) => f.type === 'SERVICE_CONTROL_POLICY').length).toBeLessThanOrEqual(9);
      expect(files.filter((f) => f.type === 'RESOURCE_CONTROL_POLICY').length).toBeLessThanOrEqual(4);
    }
  });

  test('writes minified policies: no whitespace, no Sids', () => {
    for (const p of policies) {
      expect(p.content).toBe(JSON.stringify(JSON.parse(p.content)));
      expect(p.content).not.toContain('"Sid"');
    }
  });

  test('merges statements that differ only in actions into one', () => {
    const root = policies
      .filter((p) => p.targets.includes('Root') && p.type === 'SERVICE_CONTROL_POLICY')
      .flatMap((p) => JSON.parse(p.content).Statement);
    const exempt = root.filter(
      (s: any) =>
        JSON.stringify(s.Condition) ===
          JSON.stringify({ ArnNotLike: { 'aws:PrincipalArn': EXAMPLE_COMPILATION.context.exemptPrincipalArns } }) &&
        s.Action &&
        s.Resource === '*',
    );
    expect(exempt).toHaveLength(1);
    expect(exempt[0].Action).toEqual(
      expect.arrayContaining(['cloudtrail:StopLogging', 'kms:ScheduleKeyDeletion', 'backup:DeleteRecoveryPoint']),
    );
  });

  test('shares one policy among targets that need identical content', () => {
    const shared = policies.find((p) => p.file === 'shared.scp.1.json')!;
    // Security lacks ProtectFindings: its delegated administrators triage findings there.
    expect(shared.targets).toEqual(['Root/Infrastructure', 'Root/Workloads', 'Root/Sandbox']);
  });

  test('documents who may still act under each guardrail, from the compiled catalog', () => {
    const docs = renderGuardrailDocs(EXAMPLE_COMPILATION);
    expect(docs).toContain(
      '| ProtectKmsKeys | SCP | KMS keys cannot be scheduled for deletion, disabled, lose rotation or lock everyone out | exempt principals |',
    );
    expect(docs).toContain('| DenyLeaveOrganization | SCP | Accounts cannot leave the organization | nobody |');
    expect(docs).toContain('| DenyPublicNetworkEdges | SCP |');
    expect(docs).toMatch(/\| DenyPublicNetworkEdges \| SCP \| [^|]+ \| network principals \|/);
  });

  test('is deterministic', () => {
    const again = compileGuardrails(EXAMPLE);
    expect(again.ok && again.compilation.policies).toEqual(policies);
  });
});

describe('limits', () => {
  test('splits an SCP over the size limit into several policies, same denials', () => {
    const result = compileGuardrails(
      withGuardrails((d) => {
        d.guardrails.limits.scpMaxCharacters = 3000;
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const root = result.compilation.policies.filter(
      (p) => p.targets.includes('Root') && p.type === 'SERVICE_CONTROL_POLICY',
    );
    expect(root.length).toBeGreaterThan(1);
    for (const p of root) expect(p.content.length).toBeLessThanOrEqual(3000);
    const statements = (list: typeof root) => denialsOf(list.map((p) => p.content));
    expect(statements(root)).toEqual(
      statements(
        EXAMPLE_COMPILATION.policies.filter((p) => p.targets.includes('Root') && p.type === 'SERVICE_CONTROL_POLICY'),
      ),
    );
  });

  test('fails when a target needs more policies than it may hold, naming target, guardrails and fix', () => {
    const result = compileGuardrails(
      withGuardrails((d) => {
        d.guardrails.limits.scpMaxCharacters = 3000;
        d.guardrails.limits.scpMaxPerTarget = 2;
        d.guardrails.limits.scpFreePerTarget = 0;
      }),
    );
    expect(result.ok).toBe(false);
    const error = !result.ok && result.errors.find((e) => e.message.startsWith('Root: '));
    expect(error && error.message).toMatch(
      /needs \d+ policies but only 1 fit beside AWS's own \(guardrails DenyLeaveOrganization, .*ProtectKmsKeys/,
    );
    expect(error && error.fix).toContain('attach some of these guardrails to child OUs');
  });

  test('fails when one statement alone is over the limit, naming its guardrail', () => {
    const result = compileGuardrails(
      withGuardrails((d) => {
        d.guardrails.limits.rcpMaxCharacters = 1000;
        d.guardrails.limits.scpMaxCharacters = 1000;
      }),
    );
    expect(!result.ok && result.errors.map((e) => e.message).join('\n')).toMatch(
      /one statement alone is \d+ characters \(guardrails DenyUngovernedRegions\)/,
    );
  });
});

describe('waivers', () => {
  test('leave the waived guardrail out of every policy and list the reason', () => {
    const result = compileGuardrails(
      withGuardrails((d) => {
        d.guardrails.waivers = [
          {
            id: 'DenyPublicNetworkEdges',
            reason: 'Legacy VPN appliance needs a public IP until Q3; owner: security@example.com',
          },
        ];
      }),
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(Object.values(result.compilation.attachments).flat()).not.toContain('DenyPublicNetworkEdges');
    expect(result.compilation.policies.some((p) => p.content.includes('ec2:CreateInternetGateway'))).toBe(false);
    expect(result.compilation.waivers[0].reason).toContain('Legacy VPN');
  });

  test('fail when the waived id is not a guardrail, suggesting the closest', () => {
    const result = compileGuardrails(
      withGuardrails((d) => {
        d.guardrails.waivers = [{ id: 'ProtectCloudtrial', reason: 'a typo that must not silently waive nothing' }];
      }),
    );
    expect(!result.ok && result.errors[0]).toEqual({
      path: 'guardrails.waivers[0].id',
      message: 'ProtectCloudtrial is not a guardrail of the hipaa baseline',
      fix: "did you mean 'ProtectCloudTrail'?",
    });
  });
});

describe('resolvePlacements', () => {
  test('finds OUs by the accounts they hold, whatever their names', () => {
    const lz = validateOrThrow({
      name: 'other',
      homeRegion: 'eu-west-1',
      regions: ['eu-west-1'],
      organization: {
        accounts: [{ name: 'root-mgmt', email: 'm@example.com', role: 'management' }],
        ous: [
          {
            name: 'Core',
            accounts: [
              { name: 'logs', email: 'l@example.com', role: 'log-archive' },
              { name: 'sec', email: 's@example.com', role: 'audit' },
              { name: 'vault', email: 'v@example.com', role: 'backup' },
            ],
          },
          { name: 'Live', accounts: [{ name: 'live', email: 'p@example.com', role: 'workload', environment: 'prod' }] },
          { name: 'Test', accounts: [{ name: 'test', email: 't@example.com', role: 'workload', environment: 'test' }] },
        ],
      },
      network: { environments: { prod: { ipamPoolCidr: '10.16.0.0/12' }, test: { ipamPoolCidr: '10.32.0.0/12' } } },
    });
    expect(resolvePlacements(lz)).toEqual({
      root: ['Root'],
      workloads: ['Root/Live', 'Root/Test'],
      prod: ['Root/Live'],
      dev: ['Root/Test'],
      sandbox: [],
      security: ['Root/Core'],
      infrastructure: [],
      backup: ['Root/Live', 'Root/Test'],
    });
  });
});

describe('the budget', () => {
  const chainTargets = (ou: string) =>
    Object.keys(EXAMPLE_COMPILATION.attachments).filter((t) => ou === t || ou.startsWith(`${t}/`));

  test("at AWS's quotas, no target uses more than 30% of its SCP budget", () => {
    for (const target of Object.keys(EXAMPLE_COMPILATION.targets)) {
      const usage = targetUsage(EXAMPLE_COMPILATION, target, 'SERVICE_CONTROL_POLICY');
      expect([target, usage.characters / usage.budget <= 0.3]).toEqual([target, true]);
    }
  });

  test('leaves 2 SCP slots free at every target, for AWS Control Tower', () => {
    for (const [target, files] of Object.entries(EXAMPLE_COMPILATION.targets)) {
      const scps = files.filter((f) => f.type === 'SERVICE_CONTROL_POLICY').length;
      expect([target, scps + 1 + 2 <= 10]).toEqual([target, true]);
    }
  });

  test('at the quotas before May 2026 (5 SCPs of 5,120 characters), the example no longer fits, and compile says where and how to fix it', () => {
    // The security OU carries the logging baseline's own protections (log archive, alert bus, the security services'
    // administration) on top of every server OU's recorded-session, ingress and network protections: at the old size
    // it needs 5 policies beside AWS's own. Organizations with the old quotas raise them (AWS did on 15 May 2026) or
    // move a guardrail, as the error says.
    const result = compileGuardrails(
      withGuardrails((d) => {
        d.guardrails.limits.scpMaxCharacters = 5120;
        d.guardrails.limits.scpMaxPerTarget = 5;
        d.guardrails.limits.scpFreePerTarget = 0;
      }),
    );
    if (result.ok) throw new Error('expected the old quotas to be too small');
    expect(result.errors.map((e) => e.message.split(':')[0])).toEqual(['Root/Security']);
    expect(result.errors[0].fix).toContain('raise guardrails.limits');
  });

  test('at least 30 guardrail intents reach a prod workload account, each proven', () => {
    const ids = [...new Set(chainTargets('Root/Workloads/Prod').flatMap((t) => EXAMPLE_COMPILATION.attachments[t]))];
    expect(ids.length).toBeGreaterThanOrEqual(30);
    const proofs = readdirSync(join(__dirname, 'catalog')).map((f) => f.replace(/\.test\.ts$/, ''));
    const declarative = ['management-policies.test.ts', 'backup-policy.test.ts']
      .map((f) => readFileSync(join(__dirname, f), 'utf8'))
      .join('\n');
    for (const id of ids) {
      const proven = proofs.includes(id) || declarative.includes(id);
      expect([id, proven]).toEqual([id, true]);
    }
  });
});
