import { AccountRole } from '../../definition';
import { ouDeployments } from '../../deployment';
import { AWS_LIMITS } from '../../limits';
import { isRecord, text, walkOrganization } from '../../walk';
import { ValidationError, joinPath } from '../errors';

/** Roles the organization must have exactly one of, and where each belongs. */
const REQUIRED_ONCE: Partial<Record<AccountRole, string>> = {
  management: 'add the management account under organization.accounts with role: management',
  'log-archive': 'add an account with role: log-archive (usually in the Security OU)',
  audit: 'add an account with role: audit (usually in the Security OU)',
  // Every recovery point is copied to the backup account's locked vault.
  backup: 'add an account with role: backup (usually in the Security OU): it holds the locked copy of every backup',
};
/** Roles that are hubs: at most one each. */
const AT_MOST_ONCE: AccountRole[] = ['shared-services'];
const ENVIRONMENT_ROLES: AccountRole[] = ['workload', 'sandbox'];

export function checkOrganization(input: Record<string, unknown>): ValidationError[] {
  const errors: ValidationError[] = [];
  const { accounts, ous } = walkOrganization(input.organization);

  const firstByName = new Map<string, string>();
  const firstByEmail = new Map<string, string>();
  const byRole = new Map<string, string[]>();
  for (const { path, ouPath, account } of accounts) {
    const name = text(account.name);
    const email = text(account.email);
    const role = text(account.role);
    if (name !== undefined) {
      const first = firstByName.get(name);
      if (first) {
        errors.push({
          path: joinPath(path, 'name'),
          message: `duplicate of the account at ${first}`,
          fix: 'each account needs its own name',
        });
      } else {
        firstByName.set(name, path);
      }
    }
    if (email !== undefined) {
      const key = email.toLowerCase();
      const first = firstByEmail.get(key);
      if (first) {
        errors.push({
          path: joinPath(path, 'email'),
          message: `duplicate of the email of the account at ${first}`,
          fix: 'each account needs its own root email (AWS rejects reuse)',
        });
      } else {
        firstByEmail.set(key, path);
      }
    }
    if (role !== undefined) byRole.set(role, [...(byRole.get(role) ?? []), path]);
    if (role === 'management' && ouPath !== 'Root') {
      errors.push({
        path: joinPath(path, 'role'),
        message: `the management account is in ${ouPath}`,
        fix: 'move it to organization.accounts: the management account always sits at the root',
      });
    }
    const environment = account.environment;
    if (role === 'workload' && environment === undefined) {
      errors.push({
        path: joinPath(path, 'environment'),
        message: 'a workload account needs an environment',
        fix: environmentFix(input),
      });
    }
    if (role !== undefined && environment !== undefined && !(ENVIRONMENT_ROLES as string[]).includes(role)) {
      errors.push({
        path: joinPath(path, 'environment'),
        message: `an account with role ${role} has no environment`,
        fix: 'remove environment, or change the role to workload',
      });
    }
  }

  for (const [role, fix] of Object.entries(REQUIRED_ONCE)) {
    const paths = byRole.get(role) ?? [];
    if (paths.length === 0) {
      errors.push({ path: 'organization', message: `no account has role ${role}`, fix: fix! });
    }
    for (const extra of paths.slice(1)) {
      errors.push({
        path: joinPath(extra, 'role'),
        message: `a second ${role} account (the first is ${paths[0]})`,
        fix: `keep exactly one ${role} account`,
      });
    }
  }
  for (const role of AT_MOST_ONCE) {
    for (const extra of (byRole.get(role) ?? []).slice(1)) {
      errors.push({
        path: joinPath(extra, 'role'),
        message: `a second ${role} account (the first is ${byRole.get(role)![0]})`,
        fix: `keep one ${role} account; it serves the whole organization`,
      });
    }
  }

  const siblingNames = new Map<string, string>();
  for (const { path, ouPath, depth, ou, siblingsPath } of ous) {
    if (depth > AWS_LIMITS.ouMaxDepth) {
      errors.push({
        path,
        message: `${ouPath} is nested ${depth} levels deep`,
        fix: `AWS Organizations allows ${AWS_LIMITS.ouMaxDepth}: flatten the tree`,
      });
    }
    const name = text(ou.name);
    if (name === undefined) continue;
    const key = `${siblingsPath}\u0000${name.toLowerCase()}`;
    const first = siblingNames.get(key);
    if (first) {
      errors.push({
        path: joinPath(path, 'name'),
        message: `duplicate of the OU at ${first} under the same parent`,
        fix: 'give sibling OUs different names, or merge them',
      });
    } else {
      siblingNames.set(key, path);
    }
  }
  errors.push(...checkDeployments(input));
  return errors;
}

/** `deployment: stack-sets` only where one template fits every account; `deployment` only where there are workloads. */
function checkDeployments(input: Record<string, unknown>): ValidationError[] {
  const errors: ValidationError[] = [];
  const deployed = ouDeployments(input);
  for (const d of deployed.filter((x) => x.explicit && x.mode === 'stack-sets' && x.blockers.length > 0)) {
    errors.push({
      path: joinPath(d.path, 'deployment'),
      message: `stack-sets deploy one template to every account of ${d.ouPath}, but ${d.blockers.join('; ')}`,
      fix: 'remove deployment (the OU then deploys a stack per account), or set deployment: stacks',
    });
  }
  const served = new Set(deployed.map((d) => d.path));
  for (const { ou, path, ouPath } of walkOrganization(input.organization).ous) {
    if (ou.deployment !== undefined && !served.has(path)) {
      errors.push({
        path: joinPath(path, 'deployment'),
        message: `${ouPath} holds no workload account directly, so it has no baselines to deploy this way`,
        fix: 'remove deployment, or set it on the OU that holds the workload accounts',
      });
    }
  }
  const stackSets = isRecord(input.stackSets) ? input.stackSets : {};
  for (const key of ['failureTolerancePercentage', 'maxConcurrentPercentage']) {
    const value = stackSets[key];
    if (typeof value === 'number' && !Number.isInteger(value)) {
      errors.push({
        path: joinPath('stackSets', key),
        message: `${value} is not a whole percentage (StackSets takes whole numbers)`,
        fix: `use ${Math.round(value)}`,
      });
    }
  }
  return errors;
}

/** Names the environments the definition declares, so the fix is one the user can paste. */
function environmentFix(input: Record<string, unknown>): string {
  const declared = isRecord(input.network) ? input.network.environments : undefined;
  const names = isRecord(declared) ? Object.keys(declared) : [];
  return names.length > 0
    ? `add environment: one of ${names.join(', ')} (network.environments)`
    : 'add environment: a name declared under network.environments (e.g. prod or dev)';
}
