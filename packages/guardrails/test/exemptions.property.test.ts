import { globToRegExp } from '@landfall/model';
import fc from 'fast-check';
import { EXAMPLE_COMPILATION, chainOfOu, decide } from './simulation';
import { ROLE_SHAPING_ACTIONS, ROLE_USE_ACTIONS } from '../src/catalog/iam/ProtectPrivilegedRoles';

const ACCOUNT = '111111111111';
const { context } = EXAMPLE_COMPILATION;
const chains = {
  prod: () => chainOfOu(EXAMPLE_COMPILATION, 'Root/Workloads/Prod'),
  dev: () => chainOfOu(EXAMPLE_COMPILATION, 'Root/Workloads/Dev'),
};
/** Characters IAM allows in a role name. */
const nameChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+=,.@_-'.split(''));
const filler = fc.array(nameChar, { maxLength: 24 }).map((c) => c.join(''));

/** A role ARN in the account that matches an ARN pattern, its wildcards filled at random. */
function instanceOf(pattern: string): fc.Arbitrary<string> {
  const parts = pattern.replace('arn:aws:iam::*:', `arn:aws:iam::${ACCOUNT}:`).split('*');
  return fc
    .array(filler, { minLength: parts.length - 1, maxLength: parts.length - 1 })
    .map((fills) => parts.reduce((arn, part, i) => arn + part + (fills[i] ?? ''), ''));
}

const matchesAny = (arns: readonly string[], arn: string) =>
  arns.some((p) => globToRegExp(p.replace('arn:aws:iam::*:', `arn:aws:iam::${ACCOUNT}:`)).test(arn));

/** Principals of the account that are not exempt: any role name the guardrails do not reserve. */
const outsider = instanceOf('arn:aws:iam::*:role/*').filter(
  (arn) => arn !== `arn:aws:iam::${ACCOUNT}:role/` && !matchesAny(context.protectedRoleArns, arn),
);

describe('no principal that is not exempt can create, reshape, assume or pass a role an exemption relies on', () => {
  test('the manifest reserves every exempt, network and deploy pattern', () => {
    for (const arn of [
      ...context.exemptPrincipalArns,
      ...context.networkPrincipalArns,
      ...context.deployPrincipalArns,
    ]) {
      expect(context.protectedRoleArns.some((p) => globToRegExp(p).test(arn))).toBe(true);
    }
  });

  test.each(context.protectedRoleArns.map((p) => [p]))('for any role matching %s, in prod and dev', async (pattern) => {
    await fc.assert(
      fc.asyncProperty(
        instanceOf(pattern),
        outsider,
        fc.constantFrom(...ROLE_SHAPING_ACTIONS, ...ROLE_USE_ACTIONS),
        fc.constantFrom('prod', 'dev' as const),
        async (target, principal, action, ou) => {
          const c = { name: `${principal} ${action} ${target}`, principal, action, resource: target };
          expect(await decide(chains[ou as 'prod' | 'dev'](), c)).toBe('ExplicitlyDenied');
        },
      ),
      { numRuns: 40 },
    );
  });

  test('while the deploy principals still may (so the property is not vacuous)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...context.deployPrincipalArns).chain(instanceOf),
        fc.constantFrom(...context.protectedRoleArns).chain(instanceOf),
        fc.constantFrom(...ROLE_SHAPING_ACTIONS, ...ROLE_USE_ACTIONS),
        async (principal, target, action) => {
          const c = { name: `${principal} ${action} ${target}`, principal, action, resource: target };
          expect(await decide(chains.prod(), c)).toBe('Allowed');
        },
      ),
      { numRuns: 60 },
    );
  });
});
