import type { Plan } from '@landfall/organization';
import { renderPlan } from '../src/commands/org';

process.env.NO_COLOR = '1';

const plan = (steps: Plan['steps']): Plan => ({
  steps,
  conflicts: [],
  unmanaged: [],
  desired: {} as any,
  live: {} as any,
});

describe('renderPlan', () => {
  test('counts read as English: one change, one OU', () => {
    const out = renderPlan(plan([{ kind: 'create-ou', path: 'Root/Sandbox', name: 'Sandbox', parentPath: 'Root' }]));
    expect(out).toContain('OUs (1)\n  + create OU Root/Sandbox');
    expect(out.split('\n').pop()).toBe('1 change: 1 OU');
  });

  test('and several changes in the plural', () => {
    const out = renderPlan(
      plan([
        { kind: 'create-ou', path: 'Root/Sandbox', name: 'Sandbox', parentPath: 'Root' },
        { kind: 'create-ou', path: 'Root/Labs', name: 'Labs', parentPath: 'Root' },
      ]),
    );
    expect(out.split('\n').pop()).toBe('2 changes: 2 OUs');
  });

  test('a policy update shows its diff under the step, and a changed description', () => {
    const out = renderPlan(
      plan([
        {
          kind: 'update-policy',
          name: 'landfall-root-scp-1',
          policyType: 'SERVICE_CONTROL_POLICY',
          diff: {
            content: ['@@ -2,3 +2,3 @@', '   "Statement": [', '-    "Effect": "Allow"', '+    "Effect": "Deny"'],
            description: { from: 'hand-edited', to: 'Landfall guardrails: DenyRootUser' },
          },
        },
      ]),
    );
    expect(out).toContain(
      [
        '  ~ update SERVICE_CONTROL_POLICY landfall-root-scp-1',
        '      - description: hand-edited',
        '      + description: Landfall guardrails: DenyRootUser',
        '      @@ -2,3 +2,3 @@',
        '         "Statement": [',
        '      -    "Effect": "Allow"',
        '      +    "Effect": "Deny"',
      ].join('\n'),
    );
  });

  test('renames read as renames, each under its kind, and are not destructive', () => {
    const out = renderPlan(
      plan([
        {
          kind: 'rename-ou',
          fromPath: 'Root/Workloads/Dev',
          path: 'Root/Workloads/Development',
          name: 'Development',
          ouId: 'ou-exam-dev00001',
        },
        { kind: 'rename-account', name: 'development', fromName: 'dev', accountId: '777777777777', inAws: true },
        {
          kind: 'update-policy',
          name: 'landfall-root-applications-backup',
          fromName: 'landfall-root-workloads-backup',
          policyType: 'BACKUP_POLICY',
          diff: { content: [] },
        },
      ]),
    );
    expect(out).toContain('OUs (1)\n  ~ rename OU Root/Workloads/Dev to Root/Workloads/Development (ou-exam-dev00001)');
    expect(out).toContain('accounts (1)\n  ~ rename account dev to development (777777777777)');
    expect(out).toContain(
      '  ~ rename BACKUP_POLICY landfall-root-workloads-backup to landfall-root-applications-backup\n',
    );
    // A rename alone shows no content note: nothing but the name changes.
    expect(out).not.toContain('written differently');
    expect(out).not.toContain('destructive');
    expect(out.split('\n').pop()).toBe('3 changes: 1 OU, 1 account, 1 policy');
  });
});
