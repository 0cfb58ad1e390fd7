import { DEFAULTS } from '../../defaults';
import { isRecord, list, text } from '../../walk';
import { ValidationError, joinPath } from '../errors';

/** The stock CDK bootstrap's roles: every account administrator can assume its deploy role. */
const STOCK_BOOTSTRAP_ROLES = [
  'deploy-role',
  'cfn-exec-role',
  'file-publishing-role',
  'image-publishing-role',
  'lookup-role',
].map((kind) => `cdk-hnb659fds-${kind}-111111111111-us-east-1`);
/** Characters a role-name pattern must fix before its first wildcard, so it names roles rather than everything. */
const MIN_LITERAL_PREFIX = 4;

/**
 * Exempt and network role names are the guardrails' weak point: a pattern that is too
 * broad, or that matches roles a member account can assume, exempts the attacker.
 */
export function checkGuardrails(input: Record<string, unknown>): ValidationError[] {
  const guardrails = isRecord(input.guardrails) ? input.guardrails : {};
  const qualifier = text(guardrails.cdkQualifier) ?? DEFAULTS.guardrails.cdkQualifier;
  const errors: ValidationError[] = [];
  for (const field of ['exemptRoleNames', 'networkRoleNames'] as const) {
    list(guardrails[field]).forEach((name, i) => {
      if (typeof name !== 'string') return;
      errors.push(...checkRoleName(joinPath(`guardrails.${field}`, i), name, qualifier));
    });
  }
  errors.push(...checkLimits(guardrails), ...checkExceptions(guardrails));
  return errors;
}

function checkRoleName(path: string, name: string, qualifier: string): ValidationError[] {
  const literal = name.split(/[*?]/)[0];
  if (literal.length < MIN_LITERAL_PREFIX) {
    return [
      {
        path,
        message: `'${name}' is too broad: it would match roles that any account administrator can name`,
        fix: `start it with at least ${MIN_LITERAL_PREFIX} fixed characters, e.g. 'Landfall*'`,
      },
    ];
  }
  const pattern = globToRegExp(name);
  if (STOCK_BOOTSTRAP_ROLES.some((role) => pattern.test(role))) {
    return [
      {
        path,
        message: `'${name}' matches the stock CDK bootstrap's roles, which every account administrator can assume: everyone who can run cdk deploy would be exempt`,
        fix: `use Landfall's own bootstrap roles, 'cdk-${qualifier}-cfn-exec-role-*' (guardrails.cdkQualifier)`,
      },
    ];
  }
  const other = /^cdk-([a-z0-9]+)-/.exec(name);
  if (other && other[1] !== qualifier) {
    return [
      {
        path,
        message: `'${name}' names the CDK bootstrap qualifier '${other[1]}', but Landfall deploys with '${qualifier}'`,
        fix: `use 'cdk-${qualifier}-cfn-exec-role-*', or set guardrails.cdkQualifier to '${other[1]}'`,
      },
    ];
  }
  return [];
}

function checkLimits(guardrails: Record<string, unknown>): ValidationError[] {
  const limits = isRecord(guardrails.limits) ? guardrails.limits : {};
  const max =
    typeof limits.scpMaxPerTarget === 'number' ? limits.scpMaxPerTarget : DEFAULTS.guardrails.limits.scpMaxPerTarget;
  const free =
    typeof limits.scpFreePerTarget === 'number' ? limits.scpFreePerTarget : DEFAULTS.guardrails.limits.scpFreePerTarget;
  // One slot is FullAWSAccess; Landfall needs at least one of its own.
  if (max - 1 - free >= 1) return [];
  return [
    {
      path: 'guardrails.limits.scpFreePerTarget',
      message: `${free} free slots leave none for Landfall's SCPs beside FullAWSAccess (${max} per target)`,
      fix: `use at most ${Math.max(0, max - 2)}`,
    },
  ];
}

function checkExceptions(guardrails: Record<string, unknown>): ValidationError[] {
  const exceptions = isRecord(guardrails.exceptions) ? guardrails.exceptions : {};
  const errors: ValidationError[] = [];
  const keys = { outsideAccounts: 'accountId', iamUsers: 'name', oidcProviders: 'host' } as const;
  for (const [field, key] of Object.entries(keys)) {
    const seen = new Map<string, number>();
    list(exceptions[field]).forEach((entry, i) => {
      const value = isRecord(entry) ? text(entry[key]) : undefined;
      if (value === undefined) return;
      const first = seen.get(value.toLowerCase());
      if (first !== undefined) {
        errors.push({
          path: joinPath(joinPath(`guardrails.exceptions.${field}`, i), key),
          message: `'${value}' is listed twice (first at index ${first})`,
          fix: 'keep one entry and put both reasons in it',
        });
      } else {
        seen.set(value.toLowerCase(), i);
      }
    });
  }
  return errors;
}

/** `cdk-*-role` → /^cdk-.*-role$/: IAM's own wildcards, `*` and `?`. */
export function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}
