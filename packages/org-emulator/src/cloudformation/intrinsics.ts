import { validationError } from './query';

/** What a template's intrinsic functions read while a stack is created or updated. */
export interface EvaluationContext {
  readonly accountId: string;
  readonly region: string;
  readonly stackName: string;
  readonly stackId: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** Parameters of a list type (CommaDelimitedList, List<...>): `Ref` gives a list. */
  readonly listParameters?: ReadonlySet<string>;
  readonly conditions: Readonly<Record<string, boolean>>;
  /** Logical ID → physical ID (`Ref`) and attributes (`Fn::GetAtt`); undefined while not created yet. */
  resource(logicalId: string): { readonly ref: string; attribute(name: string): string } | undefined;
  /** `Fn::ImportValue`: the export of this name in the account and Region. */
  importValue(name: string): string;
}

/** AWS::NoValue: a property that evaluates to it is left out. */
export const NO_VALUE = Symbol('AWS::NoValue');

function pseudo(name: string, ctx: EvaluationContext): string | typeof NO_VALUE | undefined {
  switch (name) {
    case 'AWS::AccountId':
      return ctx.accountId;
    case 'AWS::Region':
      return ctx.region;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return ctx.stackName;
    case 'AWS::StackId':
      return ctx.stackId;
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}

function ref(name: string, ctx: EvaluationContext): unknown {
  const p = pseudo(name, ctx);
  if (p !== undefined) return p;
  if (name in ctx.parameters) {
    const value = ctx.parameters[name];
    return ctx.listParameters?.has(name) ? (value === '' ? [] : value.split(',')) : value;
  }
  const resource = ctx.resource(name);
  if (!resource) {
    throw validationError(
      `Template format error: Unresolved resource dependencies [${name}] in the Resources block of the template`,
    );
  }
  return resource.ref;
}

/** Evaluates a template value: Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::If, conditions, Fn::ImportValue, Fn::GetAZs, Fn::Base64. */
export function evaluate(value: unknown, ctx: EvaluationContext): any {
  if (Array.isArray(value)) return value.map((v) => evaluate(v, ctx)).filter((v) => v !== NO_VALUE);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1) {
    const [fn, arg] = entries[0] as [string, any];
    switch (fn) {
      case 'Ref':
        return ref(arg, ctx);
      case 'Fn::GetAtt': {
        const [logicalId, attribute] = typeof arg === 'string' ? arg.split(/\.(.*)/) : arg;
        const resource = ctx.resource(logicalId);
        if (!resource) {
          throw validationError(`Template error: instance of Fn::GetAtt references undefined resource ${logicalId}`);
        }
        return resource.attribute(evaluate(attribute, ctx));
      }
      case 'Fn::Join': {
        const [sep, list] = arg;
        return (evaluate(list, ctx) as unknown[]).join(sep);
      }
      case 'Fn::Select': {
        const [index, list] = evaluate(arg, ctx);
        return list[Number(index)];
      }
      case 'Fn::Split': {
        const [sep, text] = evaluate(arg, ctx);
        return String(text).split(sep);
      }
      case 'Fn::Sub': {
        const [template, vars] = typeof arg === 'string' ? [arg, {}] : [arg[0], evaluate(arg[1], ctx)];
        return String(template).replace(/\$\{([^}!][^}]*)\}/g, (_, name: string) => {
          if (name in vars) return String(vars[name]);
          if (name.includes('.')) {
            const [logicalId, attribute] = name.split(/\.(.*)/);
            return String(evaluate({ 'Fn::GetAtt': [logicalId, attribute] }, ctx));
          }
          return String(ref(name, ctx));
        });
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = arg;
        return evaluate(condition in ctx.conditions && ctx.conditions[condition] ? whenTrue : whenFalse, ctx);
      }
      case 'Fn::Equals': {
        const [a, b] = evaluate(arg, ctx);
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'Fn::Not':
        return !evaluate(arg[0], ctx);
      case 'Fn::And':
        return (arg as unknown[]).every((c) => evaluate(c, ctx));
      case 'Fn::Or':
        return (arg as unknown[]).some((c) => evaluate(c, ctx));
      case 'Condition':
        return Boolean(ctx.conditions[arg]);
      case 'Fn::Contains': {
        const [list, item] = evaluate(arg, ctx);
        return (list as unknown[]).map(String).includes(String(item));
      }
      case 'Fn::ImportValue':
        return ctx.importValue(evaluate(arg, ctx));
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((z) => `${ctx.region}${z}`);
      case 'Fn::Base64':
        return Buffer.from(String(evaluate(arg, ctx))).toString('base64');
      case 'Fn::FindInMap':
        throw validationError('Fn::FindInMap is not served by the emulator');
      default:
        break;
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) {
    const evaluated = evaluate(v, ctx);
    if (evaluated !== NO_VALUE) out[k] = evaluated;
  }
  return out;
}

/** The template's Conditions, each evaluated once (a condition may name another). */
export function evaluateConditions(
  conditions: Readonly<Record<string, unknown>>,
  ctx: Omit<EvaluationContext, 'conditions'>,
): Record<string, boolean> {
  const done: Record<string, boolean> = {};
  const context: EvaluationContext = {
    ...ctx,
    conditions: new Proxy(done, {
      get: (target, name: string) => (name in target ? target[name] : (target[name] = resolve(name))),
      has: (_target, name: string) => name in conditions,
    }),
  };
  const resolve = (name: string): boolean => {
    if (!(name in conditions)) throw validationError(`Template format error: Unresolved condition dependency ${name}`);
    return Boolean(evaluate(conditions[name], context));
  };
  for (const name of Object.keys(conditions)) context.conditions[name];
  return done;
}
