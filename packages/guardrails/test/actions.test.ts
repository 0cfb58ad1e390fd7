import { CATALOG, IamGuardrail, checkActions, contextOf, formatActionProblem } from '../src';
import { EXAMPLE } from './simulation';

const context = contextOf(EXAMPLE);
function guardrailWith(...actions: string[]): IamGuardrail {
  return {
    id: 'Typo',
    title: 'a guardrail with a typo',
    rationale: 'for the test',
    hipaa: ['164.312(b)'],
    type: 'SERVICE_CONTROL_POLICY',
    exemptions: 'none',
    statements: () => [{ Effect: 'Deny', Action: actions, Resource: '*' }],
  };
}

describe('checkActions', () => {
  test('finds no unknown action in the catalog', async () => {
    expect(await checkActions(CATALOG.values(), context)).toEqual([]);
  });

  test("fails a typo'd action with the nearest real one", async () => {
    const [problem] = await checkActions([guardrailWith('ec2:RunInstance')], context);
    expect(formatActionProblem(problem)).toBe(
      'guardrail Typo: ec2:RunInstance matches no IAM action — did you mean ec2:RunInstances?',
    );
  });

  test("fails a typo'd service prefix with the nearest real one", async () => {
    const [problem] = await checkActions([guardrailWith('cloudtrial:StopLogging')], context);
    expect(problem.suggestion).toBe('cloudtrail:StopLogging');
  });

  test('fails a wildcard that matches no action', async () => {
    expect(await checkActions([guardrailWith('kms:Delete*Everything')], context)).toHaveLength(1);
  });

  test('accepts wildcards that match, in any case', async () => {
    expect(
      await checkActions([guardrailWith('kms:delete*', 's3:*', '*', 'globalaccelerator:Update*')], context),
    ).toEqual([]);
  });
});
