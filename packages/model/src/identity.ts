import { isProductionByName } from './defaults';
import { AccountDefinition } from './definition';
import { isRecord, text, walkOrganization } from './walk';

/** An account an assignment reaches, and why. */
export interface AssignedAccount {
  readonly name: string;
  readonly ouPath: string;
  readonly environment?: string;
  /** Whether the account's environment is production. */
  readonly production: boolean;
}

/** The targets of one assignment, as the definition writes them. */
export interface AssignmentTargets {
  readonly ous?: readonly string[];
  readonly environments?: readonly string[];
  readonly accounts?: readonly string[];
}

/**
 * The accounts an assignment reaches: every account under the OUs (with their child OUs;
 * `Root` is every member account), every workload or sandbox account of the environments,
 * and the accounts named. The management account only when it is named. Reads untrusted
 * input: what is malformed is skipped.
 */
export function accountsOfAssignment(definition: unknown, targets: AssignmentTargets): AssignedAccount[] {
  const input = isRecord(definition) ? definition : {};
  const network = isRecord(input.network) ? input.network : {};
  const environments = isRecord(network.environments) ? network.environments : {};
  const production = (env: string | undefined) => {
    if (env === undefined) return false;
    const plan = environments[env];
    return isRecord(plan) && typeof plan.production === 'boolean' ? plan.production : isProductionByName(env);
  };
  const ous = targets.ous ?? [];
  const envs = targets.environments ?? [];
  const named = targets.accounts ?? [];
  const reached: AssignedAccount[] = [];
  for (const { ouPath, account } of walkOrganization(input.organization).accounts) {
    const a = account as Partial<AccountDefinition>;
    const name = text(a.name);
    if (name === undefined) continue;
    const byName = named.includes(name);
    const member = a.role !== 'management';
    const byOu = member && ous.some((ou) => ouPath === ou || ouPath.startsWith(`${ou}/`));
    const byEnvironment = member && a.environment !== undefined && envs.includes(a.environment);
    if (byName || byOu || byEnvironment) {
      reached.push({
        name,
        ouPath,
        ...(a.environment !== undefined ? { environment: a.environment } : {}),
        production: production(a.environment),
      });
    }
  }
  return reached;
}

/** The OU paths of a definition, `Root` included. */
export function ouPathsOf(definition: unknown): string[] {
  const input = isRecord(definition) ? definition : {};
  return ['Root', ...walkOrganization(input.organization).ous.map((o) => o.ouPath)];
}

/** The account names of a definition. */
export function accountNamesOf(definition: unknown): string[] {
  const input = isRecord(definition) ? definition : {};
  return walkOrganization(input.organization)
    .accounts.map((a) => text(a.account.name))
    .filter((n): n is string => n !== undefined);
}

/** The environments accounts of a definition are in. */
export function environmentsOf(definition: unknown): string[] {
  const input = isRecord(definition) ? definition : {};
  const network = isRecord(input.network) ? input.network : {};
  const declared = isRecord(network.environments) ? Object.keys(network.environments) : [];
  const used = walkOrganization(input.organization)
    .accounts.map((a) => text(a.account.environment))
    .filter((e): e is string => e !== undefined);
  return [...new Set([...declared, ...used])];
}
