import { validate } from '../src';
import { mutable } from './fixtures';
import { errorAt } from './helpers';

function withGuardrails(guardrails: Record<string, unknown>) {
  const def = mutable();
  def.guardrails = guardrails;
  return def;
}

describe('guardrails: who is exempt', () => {
  test("defaults to Landfall's own CDK bootstrap qualifier, with exemptions that follow it", () => {
    const result = validate(withGuardrails({ cdkQualifier: 'acme' }));
    expect(result.valid && result.definition.guardrails.exemptRoleNames).toEqual([
      'LandfallAdmin',
      'cdk-acme-cfn-exec-role-*',
      'stacksets-exec-*',
      'landfall-deploy-time-*',
    ]);
  });

  test("fails when an exempt role matches the stock CDK bootstrap's roles, which every administrator can assume", () => {
    const error = errorAt(
      withGuardrails({ exemptRoleNames: ['cdk-hnb659fds-cfn-exec-role-*'] }),
      'guardrails.exemptRoleNames[0]',
    );
    expect(error.message).toContain('stock CDK bootstrap');
    expect(error.fix).toContain("'cdk-landfall-cfn-exec-role-*'");
  });

  test('fails when a role pattern is so broad that any administrator could name a matching role', () => {
    const error = errorAt(withGuardrails({ networkRoleNames: ['*Deploy'] }), 'guardrails.networkRoleNames[0]');
    expect(error.message).toContain('too broad');
  });

  test('fails when an exempt CDK role names another qualifier than the one Landfall deploys with', () => {
    const error = errorAt(
      withGuardrails({ exemptRoleNames: ['cdk-other-cfn-exec-role-*'] }),
      'guardrails.exemptRoleNames[0]',
    );
    expect(error.fix).toContain("set guardrails.cdkQualifier to 'other'");
  });

  test('fails when the qualifier is not what cdk bootstrap accepts', () => {
    expect(errorAt(withGuardrails({ cdkQualifier: 'Landfall-Main' }), 'guardrails.cdkQualifier').fix).toContain(
      'up to 10 lowercase letters and digits',
    );
  });
});

describe('guardrails: limits', () => {
  test('fails when the slots left free leave none for Landfall', () => {
    const error = errorAt(
      withGuardrails({ limits: { scpMaxPerTarget: 5, scpFreePerTarget: 4 } }),
      'guardrails.limits.scpFreePerTarget',
    );
    expect(error.fix).toBe('use at most 3');
  });
});

describe('guardrails: exceptions', () => {
  test('are written out empty by default', () => {
    const result = validate(mutable());
    expect(result.valid && result.definition.guardrails.exceptions).toEqual({
      outsideAccounts: [],
      iamUsers: [],
      oidcProviders: [],
    });
  });

  test('fail without a reason an auditor can read', () => {
    const def = withGuardrails({ exceptions: { iamUsers: [{ name: 'smtp', reason: 'needed' }] } });
    expect(errorAt(def, 'guardrails.exceptions.iamUsers[0].reason').fix).toContain('why a role cannot do it');
  });

  test('fail when an account ID is not 12 digits', () => {
    const def = withGuardrails({
      exceptions: {
        outsideAccounts: [{ accountId: '1234', reason: 'the billing vendor receives invoices under a BAA' }],
      },
    });
    expect(errorAt(def, 'guardrails.exceptions.outsideAccounts[0].accountId').fix).toContain('12-digit');
  });

  test('fail when an OIDC provider is given with its scheme', () => {
    const def = withGuardrails({
      exceptions: {
        oidcProviders: [
          { host: 'https://token.actions.githubusercontent.com', reason: 'CI deploys the application stacks' },
        ],
      },
    });
    expect(errorAt(def, 'guardrails.exceptions.oidcProviders[0].host').fix).toContain('without https://');
  });

  test('fail when the same entry is listed twice', () => {
    const reason = 'the claims clearinghouse receives batches under a BAA';
    const def = withGuardrails({
      exceptions: {
        outsideAccounts: [
          { accountId: '222222222222', reason },
          { accountId: '222222222222', reason },
        ],
      },
    });
    expect(errorAt(def, 'guardrails.exceptions.outsideAccounts[1].accountId').message).toContain('listed twice');
  });
});
