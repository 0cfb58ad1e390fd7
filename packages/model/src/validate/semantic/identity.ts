import { BASTION_SESSION_PERMISSION_SET, DEFAULTS, PERMISSION_SET_BASES } from '../../defaults';
import { accountNamesOf, accountsOfAssignment, environmentsOf, ouPathsOf } from '../../identity';
import { isRecord, list, text } from '../../walk';
import { ValidationError, didYouMean, joinPath } from '../errors';

const BASES = Object.keys(PERMISSION_SET_BASES);
const RESERVED = [...BASES, BASTION_SESSION_PERMISSION_SET];

/**
 * The identity section against the rest of the definition: permission sets and groups that
 * exist, targets that exist, no set that writes in a production account, sessions within the
 * organization's limit, and someone to break the glass.
 */
export function checkIdentity(input: Record<string, unknown>): ValidationError[] {
  if (!isRecord(input.identity)) return [];
  const identity = input.identity;
  const errors: ValidationError[] = [];
  const maxHours =
    typeof identity.maxSessionHours === 'number' ? identity.maxSessionHours : DEFAULTS.identity.maxSessionHours;

  // Permission sets of the definition's own: names, sessions; which write.
  const writes = new Map<string, string>(
    Object.entries(PERMISSION_SET_BASES).flatMap(([name, b]) =>
      b.writes ? [[name, `${name} changes resources`]] : [],
    ),
  );
  const known = new Set(BASES);
  list(identity.permissionSets).forEach((set, i) => {
    if (!isRecord(set)) return;
    const path = joinPath('identity.permissionSets', i);
    const name = text(set.name);
    if (name === undefined) return;
    if (RESERVED.includes(name)) {
      errors.push({
        path: joinPath(path, 'name'),
        message: `'${name}' is one of Landfall's own permission sets`,
        fix: `give the set its own name, e.g. ${name}Plus, or assign ${name} directly`,
      });
    } else if (known.has(name)) {
      errors.push({
        path: joinPath(path, 'name'),
        message: `duplicate permission set '${name}'`,
        fix: 'name each set once',
      });
    }
    known.add(name);
    checkSession(errors, joinPath(path, 'sessionHours'), set.sessionHours, maxHours);
    const base = text(set.base);
    const policies = list(set.customerManagedPolicies).length;
    if (policies > 0) {
      writes.set(name, `${name} has customer-managed policies Landfall cannot see`);
    } else if (base !== undefined && PERMISSION_SET_BASES[base as keyof typeof PERMISSION_SET_BASES]?.writes) {
      writes.set(name, `${name} starts from ${base}, which changes resources`);
    }
  });

  // Groups and their assignments.
  const ous = ouPathsOf(input);
  const accounts = accountNamesOf(input);
  const environments = environmentsOf(input);
  const groupNames = new Set<string>();
  list(identity.groups).forEach((group, i) => {
    if (!isRecord(group)) return;
    const path = joinPath('identity.groups', i);
    const name = text(group.name);
    if (name !== undefined && groupNames.has(name)) {
      errors.push({ path: joinPath(path, 'name'), message: `duplicate group '${name}'`, fix: 'name each group once' });
    }
    if (name !== undefined) groupNames.add(name);
    list(group.assignments).forEach((assignment, j) => {
      if (!isRecord(assignment)) return;
      const at = joinPath(joinPath(path, 'assignments'), j);
      const set = text(assignment.permissionSet);
      if (set !== undefined && !known.has(set)) {
        errors.push({
          path: joinPath(at, 'permissionSet'),
          message:
            set === BASTION_SESSION_PERMISSION_SET
              ? `${set} is assigned by Landfall to the groups of access.bastion.groups`
              : `unknown permission set '${set}'`,
          fix:
            set === BASTION_SESSION_PERMISSION_SET
              ? `add '${name ?? 'the group'}' to access.bastion.groups instead`
              : `${didYouMean(set, [...known])}, or define it in identity.permissionSets`,
        });
      }
      const targets = {
        ous: list(assignment.ous)
          .map(text)
          .filter((x): x is string => x !== undefined),
        environments: list(assignment.environments)
          .map(text)
          .filter((x): x is string => x !== undefined),
        accounts: list(assignment.accounts)
          .map(text)
          .filter((x): x is string => x !== undefined),
      };
      const targetChecks = [
        { field: 'ous', names: targets.ous, among: ous, what: 'an OU of the organization' },
        {
          field: 'environments',
          names: targets.environments,
          among: environments,
          what: 'an environment of the definition',
        },
        { field: 'accounts', names: targets.accounts, among: accounts, what: 'an account of the organization' },
      ] as const;
      for (const { field, names, among, what } of targetChecks) {
        names.forEach((target, k) => {
          if (!among.includes(target)) {
            errors.push({
              path: joinPath(joinPath(at, field), k),
              message: `'${target}' is not ${what}`,
              fix: didYouMean(target, among),
            });
          }
        });
      }
      const reached = accountsOfAssignment(input, targets);
      if (targets.ous.length + targets.environments.length + targets.accounts.length === 0) {
        errors.push({
          path: at,
          message: 'reaches no account: it names no OU, environment or account',
          fix: 'add ous, environments or accounts, or remove the assignment',
        });
      }
      const why = set !== undefined ? writes.get(set) : undefined;
      const prod = reached.filter((a) => a.production);
      if (why !== undefined && prod.length > 0) {
        errors.push({
          path: at,
          message: `gives ${name ?? 'the group'} ${set} in production (${prod.map((a) => a.name).join(', ')}), and ${why}: nobody changes production through IAM Identity Center`,
          fix: `use ReadOnly or Auditor in production (changes go through the deployment roles, emergencies through break-glass), or narrow ous/environments/accounts to non-production`,
        });
      }
    });
  });

  // Break-glass.
  const breakGlass = isRecord(identity.breakGlass) ? identity.breakGlass : undefined;
  if (breakGlass !== undefined) {
    if (list(breakGlass.users).length === 0) {
      errors.push({
        path: 'identity.breakGlass.users',
        message: 'empty: in an emergency nobody could reach an account',
        fix: 'name at least one person (two are recommended), e.g. users: [jane.doe, john.roe]',
      });
    }
    checkSession(errors, 'identity.breakGlass.sessionHours', breakGlass.sessionHours, maxHours);
  }
  return errors;
}

function checkSession(errors: ValidationError[], path: string, hours: unknown, maxHours: number): void {
  if (typeof hours !== 'number' || hours <= maxHours) return;
  errors.push({
    path,
    message: `${hours} hours is longer than the ${maxHours} identity.maxSessionHours allows`,
    fix: `use at most ${maxHours}, or raise identity.maxSessionHours (the organization's access policy) to ${Math.min(12, hours)}`,
  });
}
