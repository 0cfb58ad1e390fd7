import { Statement } from './guardrail';

/** One statement as shipped: no Sid, single-item lists as scalars (AWS counts every character). */
export function minifyStatement(statement: Statement): Statement {
  const { Sid: _sid, ...rest } = statement;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === 'Condition' && value) {
      out.Condition = Object.fromEntries(
        Object.entries(value as NonNullable<Statement['Condition']>).map(([op, keys]) => [
          op,
          Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, scalar(v)])),
        ]),
      );
    } else {
      out[key] = scalar(value as string | string[]);
    }
  }
  return out as unknown as Statement;
}

/**
 * Merges statements that differ only in their actions (same effect, principal,
 * resources and condition), which is what makes a catalog of small guardrails
 * fit in few policies. Statements using NotAction are never merged.
 */
export function mergeStatements<T extends { statement: Statement; owners: string[] }>(
  items: readonly T[],
): Array<{ statement: Statement; owners: string[] }> {
  const merged = new Map<string, { statement: Statement; owners: string[]; actions: Set<string> }>();
  const out: Array<{ statement: Statement; owners: string[]; actions?: Set<string> }> = [];
  for (const { statement, owners } of items) {
    if (statement.Action === undefined) {
      out.push({ statement, owners: [...owners] });
      continue;
    }
    const { Action, ...rest } = statement;
    const key = JSON.stringify(rest);
    const existing = merged.get(key);
    const actions = Array.isArray(Action) ? Action : [Action];
    if (existing) {
      actions.forEach((a) => existing.actions.add(a));
      for (const owner of owners) if (!existing.owners.includes(owner)) existing.owners.push(owner);
    } else {
      const entry = { statement: rest as Statement, owners: [...owners], actions: new Set(actions) };
      merged.set(key, entry);
      out.push(entry);
    }
  }
  return out.map(({ statement, owners, actions }) => ({
    statement: actions ? reorder({ ...statement, Action: collapse([...actions]) }) : statement,
    owners,
  }));
}

/** Key order of a statement as AWS documents it, so files read naturally. */
function reorder(statement: Statement): Statement {
  const order = ['Effect', 'Principal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'];
  return Object.fromEntries(order.filter((k) => k in statement).map((k) => [k, (statement as any)[k]])) as Statement;
}

/** `*` absorbs every other action; otherwise the sorted, unique list. */
function collapse(actions: string[]): string | string[] {
  if (actions.includes('*')) return '*';
  return scalar([...new Set(actions)].sort());
}

function scalar<V>(value: V | V[]): V | V[] {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/**
 * Splits a statement whose action list makes it longer than `maxSize` characters into
 * statements with the same effect, resources and condition and a part of the actions
 * each, in order. A statement that fits, or has a single action, is returned as it is.
 */
export function splitActions(statement: Statement, maxSize: number): Statement[] {
  const actions = statement.Action;
  if (!Array.isArray(actions) || actions.length < 2 || JSON.stringify(statement).length <= maxSize) return [statement];
  const parts: string[][] = [[]];
  for (const action of actions) {
    const current = parts[parts.length - 1];
    const candidate = { ...statement, Action: [...current, action] };
    if (current.length > 0 && JSON.stringify(candidate).length > maxSize) parts.push([action]);
    else current.push(action);
  }
  return parts.map((part) => reorder({ ...statement, Action: part.length === 1 ? part[0] : part }));
}
