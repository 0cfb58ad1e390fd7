import { CompiledPolicy, PolicyType } from '@landfall/guardrails';
import { ResolvedLandingZone, walkOrganization } from '@landfall/model';

/** What the organization must look like, by names and paths (IDs come from the live organization). */
export interface DesiredOrganization {
  /** OUs, parents before children: path `Root/Workloads/Prod`. */
  readonly ous: ReadonlyArray<{ readonly path: string; readonly name: string; readonly parentPath: string }>;
  /** Member accounts (the management account is the caller's and is not created). */
  readonly accounts: ReadonlyArray<{ readonly name: string; readonly email: string; readonly ouPath: string }>;
  readonly managementAccount: { readonly name: string; readonly email: string };
  readonly policyTypes: readonly PolicyType[];
  readonly policies: ReadonlyArray<{
    readonly name: string;
    readonly type: PolicyType;
    readonly content: string;
    readonly description: string;
    readonly targets: readonly string[];
  }>;
  readonly trustedAccess: readonly string[];
  readonly delegatedAdmins: ReadonlyArray<{ readonly accountName: string; readonly servicePrincipal: string }>;
}

/** Services the baselines run organization-wide, and which account administers each. */
const SERVICES: ReadonlyArray<{ principal: string; adminRole?: 'audit' | 'backup' | 'shared-services' }> = [
  { principal: 'cloudtrail.amazonaws.com' },
  { principal: 'member.org.stacksets.cloudformation.amazonaws.com' },
  { principal: 'ram.amazonaws.com' },
  { principal: 'config.amazonaws.com', adminRole: 'audit' },
  { principal: 'guardduty.amazonaws.com', adminRole: 'audit' },
  { principal: 'securityhub.amazonaws.com', adminRole: 'audit' },
  { principal: 'access-analyzer.amazonaws.com', adminRole: 'audit' },
  { principal: 'backup.amazonaws.com', adminRole: 'backup' },
  // The address plan (IPAM pools shared with each environment's OUs) lives in the shared-services account.
  { principal: 'ipam.amazonaws.com', adminRole: 'shared-services' },
];

/** Prefix of every policy Landfall manages; others are left alone. */
export const POLICY_NAME_PREFIX = 'landfall-';

export function policyName(file: string): string {
  return `${POLICY_NAME_PREFIX}${file.replace(/\.json$/, '').replace(/\./g, '-')}`;
}

/** The organization a validated definition and its compiled guardrails call for. */
export function desiredOrganization(lz: ResolvedLandingZone, policies: readonly CompiledPolicy[]): DesiredOrganization {
  const { accounts, ous } = walkOrganization(lz.organization);
  const management = accounts.find((a) => a.account.role === 'management')!.account;
  const byRole = (role: string) => accounts.find((a) => a.account.role === role)?.account.name;
  return {
    ous: ous.map((o) => ({
      path: o.ouPath,
      name: o.ou.name!,
      parentPath: o.ouPath.slice(0, o.ouPath.lastIndexOf('/')),
    })),
    accounts: accounts
      .filter((a) => a.account.role !== 'management')
      .map((a) => ({ name: a.account.name!, email: a.account.email!, ouPath: a.ouPath })),
    managementAccount: { name: management.name!, email: management.email! },
    policyTypes: [...new Set(policies.map((p) => p.type))],
    policies: policies.map((p) => ({
      name: policyName(p.file),
      type: p.type,
      content: p.content,
      targets: p.targets,
      description: `Landfall guardrails: ${p.guardrails.join(', ')}`.slice(0, 512),
    })),
    trustedAccess: SERVICES.map((s) => s.principal),
    delegatedAdmins: SERVICES.flatMap((s) => {
      const accountName = s.adminRole && byRole(s.adminRole);
      return accountName ? [{ accountName, servicePrincipal: s.principal }] : [];
    }),
  };
}
