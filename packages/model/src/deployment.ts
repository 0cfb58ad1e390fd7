import { DEFAULTS } from './defaults';
import { DeploymentMode } from './definition';
import { isRecord, text, walkOrganization } from './walk';

/** How one OU's workload baselines deploy, and why. */
export interface OuDeployment {
  /** OU path from the root, e.g. `Root/Workloads/Prod`. */
  readonly ouPath: string;
  /** Field path of the OU in the definition, e.g. `organization.ous[2].ous[0]`. */
  readonly path: string;
  readonly mode: DeploymentMode;
  /** Whether the definition says it (`deployment`), or it is the default. */
  readonly explicit: boolean;
  /** Workload accounts directly in the OU, in document order. */
  readonly accounts: readonly string[];
  /** Their environment, when they share one. */
  readonly environment?: string;
  /** What keeps the OU from sharing one template for every account (empty when nothing does). */
  readonly blockers: readonly string[];
}

/**
 * The deployment of every OU that directly holds workload accounts. An OU deploys
 * as StackSets (one template for every account of it, wherever it is) unless it
 * says `deployment: "stacks"` or something makes its accounts differ: a public
 * entry, CIDRs per account, the peering topology (each VPC has its own
 * connection), accounts that are not workloads or of different environments, or
 * accounts in child OUs (a StackSet targeted at an OU deploys to them too). Reads
 * untrusted input: validation reports a `stack-sets` OU with blockers.
 */
export function ouDeployments(input: Record<string, unknown>): OuDeployment[] {
  const network = isRecord(input.network) ? input.network : {};
  const environments = isRecord(network.environments) ? network.environments : {};
  const topology = text(network.topology) ?? DEFAULTS.network.topology;
  const { accounts, ous } = walkOrganization(input.organization);
  const result: OuDeployment[] = [];
  for (const { ou, ouPath, path } of ous) {
    const direct = accounts.filter((a) => a.ouPath === ouPath);
    const workloads = direct.filter((a) => a.account.role === 'workload');
    if (workloads.length === 0) continue;
    const names = workloads.map((a) => text(a.account.name) ?? '?');
    const blockers: string[] = [];
    for (const other of direct.filter((a) => a.account.role !== 'workload')) {
      blockers.push(`it also holds ${text(other.account.name) ?? '?'} (role ${text(other.account.role) ?? '?'})`);
    }
    const envs = [...new Set(workloads.map((a) => text(a.account.environment) ?? '?'))];
    if (envs.length > 1) blockers.push(`its accounts are of different environments (${envs.join(', ')})`);
    for (const a of workloads.filter((w) => w.account.ingress !== undefined)) {
      blockers.push(`${text(a.account.name) ?? '?'} has a public entry (ingress), which its network and keys serve`);
    }
    for (const env of envs) {
      const plan = environments[env];
      if (isRecord(plan) && plan.accountCidrs !== undefined) {
        blockers.push(`environment ${env} gives each account its own CIDR (accountCidrs), not an IPAM pool`);
      }
    }
    if (topology === 'peering') blockers.push('the peering topology wires each VPC by a connection of its own');
    const nested = accounts.filter((a) => a.ouPath.startsWith(`${ouPath}/`)).map((a) => text(a.account.name) ?? '?');
    if (nested.length > 0) {
      blockers.push(`its child OUs hold accounts (${nested.join(', ')}), which a StackSet targeted at it reaches too`);
    }
    const said = ou.deployment === 'stacks' || ou.deployment === 'stack-sets' ? ou.deployment : undefined;
    result.push({
      ouPath,
      path,
      mode: said ?? (blockers.length === 0 ? 'stack-sets' : 'stacks'),
      explicit: said !== undefined,
      accounts: names,
      ...(envs.length === 1 && envs[0] !== '?' ? { environment: envs[0] } : {}),
      blockers,
    });
  }
  return result;
}
