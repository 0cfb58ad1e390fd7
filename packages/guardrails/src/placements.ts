import { AccountRole, ResolvedLandingZone, walkOrganization } from '@landfall/model';
import { Placement } from './guardrail';

const ROOT = 'Root';

/**
 * The OU paths (`Root/Workloads/Prod`) each placement means in this organization,
 * decided by the accounts the OUs hold, so any OU naming works:
 * - root: the organization root;
 * - workloads / security / infrastructure / sandbox: top-level OUs holding
 *   workload / log-archive, audit or backup / shared-services / sandbox accounts
 *   (for sandbox, also a top-level OU named Sandbox, which is often empty at first);
 * - prod / dev: the OUs that directly hold production / non-production workload accounts;
 * - backup: the OUs the definition's `backup.ous` names (by default every top-level OU holding
 *   workload accounts), where the organization backup policy attaches.
 */
export function resolvePlacements(lz: ResolvedLandingZone): Record<Placement, string[]> {
  const { accounts, ous } = walkOrganization(lz.organization);
  const topLevel = (ouPath: string) => ouPath.split('/').slice(0, 2).join('/');
  const holding = (roles: AccountRole[]) =>
    unique(accounts.filter((a) => roles.includes(a.account.role!) && a.ouPath !== ROOT).map((a) => topLevel(a.ouPath)));
  const production = (env: string | undefined) =>
    env !== undefined && lz.network.environments[env]?.production === true;
  const workloadOus = (prod: boolean) =>
    unique(
      accounts
        .filter((a) => a.account.role === 'workload' && a.ouPath !== ROOT && production(a.account.environment) === prod)
        .map((a) => a.ouPath),
    );
  const namedSandbox = ous.filter((o) => o.depth === 1 && o.ou.name?.toLowerCase() === 'sandbox').map((o) => o.ouPath);
  return {
    root: [ROOT],
    workloads: holding(['workload']),
    prod: workloadOus(true),
    dev: workloadOus(false),
    sandbox: unique([...holding(['sandbox']), ...namedSandbox]),
    security: holding(['log-archive', 'audit', 'backup']),
    infrastructure: holding(['shared-services']),
    backup: unique([...lz.backup.ous]),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
