import { CompiledPolicy, PolicyType } from '@landfall/guardrails';
import { ResolvedLandingZone, walkOrganization } from '@landfall/model';
import { AdminService } from './service-admins';

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
  /** Administrators registered with Organizations' RegisterDelegatedAdministrator. */
  readonly delegatedAdmins: ReadonlyArray<{ readonly accountName: string; readonly servicePrincipal: string }>;
  /** Administrators designated with the service's own EnableOrganizationAdminAccount, in each of `regions`. */
  readonly serviceAdmins: ReadonlyArray<{
    readonly accountName: string;
    readonly service: AdminService;
    readonly regions: readonly string[];
  }>;
}

type AdminRole = 'audit' | 'backup' | 'shared-services';

/**
 * How a service's administrator is designated. Most services take Organizations'
 * RegisterDelegatedAdministrator. GuardDuty, Security Hub and Macie are regional
 * and designate it through their own EnableOrganizationAdminAccount, once per
 * Region: registering them with Organizations alone does not turn on their
 * organization features.
 */
type Administrator =
  | { readonly role: AdminRole; readonly designation: 'organizations' }
  | { readonly role: AdminRole; readonly designation: 'service-api'; readonly service: AdminService };

/** Services the baselines run organization-wide (each gets trusted access), and which account administers each. */
const SERVICES: ReadonlyArray<{ readonly principal: string; readonly admin?: Administrator }> = [
  { principal: 'cloudtrail.amazonaws.com' },
  { principal: 'member.org.stacksets.cloudformation.amazonaws.com' },
  { principal: 'ram.amazonaws.com' },
  // Config aggregators.
  { principal: 'config.amazonaws.com', admin: { role: 'audit', designation: 'organizations' } },
  // Organization conformance packs and organization Config rules, deployed from the audit account.
  { principal: 'config-multiaccountsetup.amazonaws.com', admin: { role: 'audit', designation: 'organizations' } },
  { principal: 'guardduty.amazonaws.com', admin: { role: 'audit', designation: 'service-api', service: 'guardduty' } },
  {
    principal: 'securityhub.amazonaws.com',
    admin: { role: 'audit', designation: 'service-api', service: 'securityhub' },
  },
  { principal: 'macie.amazonaws.com', admin: { role: 'audit', designation: 'service-api', service: 'macie' } },
  { principal: 'access-analyzer.amazonaws.com', admin: { role: 'audit', designation: 'organizations' } },
  { principal: 'backup.amazonaws.com', admin: { role: 'backup', designation: 'organizations' } },
  // The address plan (IPAM pools shared with each environment's OUs) lives in the shared-services account.
  { principal: 'ipam.amazonaws.com', admin: { role: 'shared-services', designation: 'organizations' } },
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
    // AWS also enables trusted access when a service designates its administrator; enabling it first is explicit.
    trustedAccess: SERVICES.map((s) => s.principal),
    delegatedAdmins: SERVICES.flatMap(({ principal, admin }) => {
      const accountName = admin?.designation === 'organizations' && byRole(admin.role);
      return accountName ? [{ accountName, servicePrincipal: principal }] : [];
    }),
    serviceAdmins: SERVICES.flatMap(({ admin }) => {
      const accountName = admin?.designation === 'service-api' && byRole(admin.role);
      return accountName ? [{ accountName, service: admin.service, regions: [...lz.regions] }] : [];
    }),
  };
}
