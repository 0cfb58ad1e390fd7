import { validateOrThrow } from '@landfall/model';
import fc from 'fast-check';
import { compileGuardrails } from '../src';
import { EXAMPLE, denialsOf } from './simulation';

const statementsOf = denialsOf;

describe('packing, for any policy size limit', () => {
  const unlimited = compileGuardrails(EXAMPLE);
  if (!unlimited.ok) throw new Error('example does not compile');
  const reference = (target: string, type: string) =>
    statementsOf(
      unlimited.compilation.policies.filter((p) => p.targets.includes(target) && p.type === type).map((p) => p.content),
    );

  test('either fits every file under the limit with exactly the same denials per target, or names the guardrails that do not fit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: 10240 }), fc.integer({ min: 1000, max: 5120 }), (scpMax, rcpMax) => {
        const def = JSON.parse(JSON.stringify(EXAMPLE));
        def.guardrails.limits = {
          ...def.guardrails.limits,
          scpMaxCharacters: scpMax,
          rcpMaxCharacters: rcpMax,
          scpMaxPerTarget: 50,
          rcpMaxPerTarget: 50,
        };
        const result = compileGuardrails(validateOrThrow(def));
        if (!result.ok) {
          for (const e of result.errors) expect(e.message).toMatch(/\(guardrails \w+/);
          return;
        }
        for (const p of result.compilation.policies) {
          expect(p.content.length).toBeLessThanOrEqual(
            p.type === 'SERVICE_CONTROL_POLICY' ? scpMax : p.type === 'RESOURCE_CONTROL_POLICY' ? rcpMax : 10000,
          );
        }
        for (const target of Object.keys(result.compilation.targets)) {
          for (const type of ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY']) {
            const mine = result.compilation.policies
              .filter((p) => p.targets.includes(target) && p.type === type)
              .map((p) => p.content);
            expect(statementsOf(mine)).toEqual(reference(target, type));
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
