import {
  ListAWSServiceAccessForOrganizationCommand,
  ListAccountsCommand,
  ListCreateAccountStatusCommand,
  ListDelegatedAdministratorsCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  DescribeOrganizationCommand,
  DescribePolicyCommand,
} from '@aws-sdk/client-organizations';
import { PolicyType } from '@landfall/guardrails';
import { POLICY_NAME_PREFIX } from './desired';
import { Send, isError, paginate } from './sdk';
import {
  AdminService,
  LiveServiceAdmin,
  SERVICE_ADMIN_APIS,
  ServiceAdminApi,
  ServiceAdminError,
} from './service-admins';

/** The live organization, as read through the API. */
export interface LiveOrganization {
  readonly exists: boolean;
  readonly id?: string;
  readonly rootId?: string;
  readonly managementAccountId?: string;
  readonly enabledPolicyTypes: readonly string[];
  /** OU path → ID, `Root` → root ID. */
  readonly ouIds: ReadonlyMap<string, string>;
  readonly accounts: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly email: string;
    readonly parentId: string;
  }>;
  /**
   * Accounts closed (SUSPENDED) or closing (PENDING_CLOSURE): AWS keeps them in the organization, in their OU, for
   * 90 days after closure. @default - none
   */
  readonly closedAccounts?: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly email: string;
    readonly parentId: string;
    readonly status: string;
  }>;
  /** Account creations still running (a previous run was stopped mid-way). */
  readonly pendingCreations: ReadonlyArray<{ readonly requestId: string; readonly name: string }>;
  /** Policies Landfall manages (named `landfall-*`), by name. */
  readonly policies: ReadonlyMap<
    string,
    {
      readonly id: string;
      readonly type: PolicyType;
      readonly content: string;
      readonly description: string;
      readonly targetIds: readonly string[];
    }
  >;
  readonly trustedAccess: readonly string[];
  /** `accountId|servicePrincipal`. */
  readonly delegatedAdmins: readonly string[];
  /**
   * Administrators designated through GuardDuty's, Security Hub's and Macie's own
   * API, by `service|region`, for the Regions read. @default - not read
   */
  readonly serviceAdmins?: ReadonlyMap<string, readonly LiveServiceAdmin[]>;
  readonly rootTags: Readonly<Record<string, string>>;
}

export interface ReadOptions {
  /**
   * Regions in which to read the administrators of GuardDuty, Security Hub and
   * Macie: the definition's `regions`. @default - none read, so the plan designates
   * them in every Region (apply counts an existing designation as done)
   */
  readonly regions?: readonly string[];
  /** How to reach those services, e.g. `new ServiceAdminClients(serviceClientOptions(client))`. Required with `regions`. */
  readonly serviceAdmins?: ServiceAdminApi;
}

/** The key of `LiveOrganization.serviceAdmins`. */
export const serviceAdminKey = (service: AdminService, region: string) => `${service}|${region}`;

const MANAGED_TYPES: PolicyType[] = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'S3_POLICY',
  'BACKUP_POLICY',
];

/** Reads everything the plan compares. Read-only. */
export async function readOrganization(send: Send, options: ReadOptions = {}): Promise<LiveOrganization> {
  const regions = options.regions ?? [];
  if (regions.length > 0 && !options.serviceAdmins) {
    throw new Error(
      'readOrganization: regions were given without serviceAdmins — pass serviceAdmins: new ServiceAdminClients(serviceClientOptions(client)) to read the GuardDuty, Security Hub and Macie administrators',
    );
  }
  let org;
  try {
    org = (await send(new DescribeOrganizationCommand({}))).Organization!;
  } catch (e) {
    if (isError(e, 'AWSOrganizationsNotInUseException')) {
      return {
        exists: false,
        enabledPolicyTypes: [],
        ouIds: new Map(),
        accounts: [],
        pendingCreations: [],
        policies: new Map(),
        trustedAccess: [],
        delegatedAdmins: [],
        ...(regions.length > 0 ? { serviceAdmins: new Map() } : {}),
        rootTags: {},
      };
    }
    throw e;
  }
  const root = (await send(new ListRootsCommand({}))).Roots![0];
  const enabledPolicyTypes = (root.PolicyTypes ?? []).filter((t) => t.Status === 'ENABLED').map((t) => t.Type!);

  const ouIds = new Map<string, string>([['Root', root.Id!]]);
  const queue: Array<[string, string]> = [['Root', root.Id!]];
  while (queue.length > 0) {
    const [path, id] = queue.shift()!;
    const children = await paginate(
      (NextToken) => send(new ListOrganizationalUnitsForParentCommand({ ParentId: id, NextToken })),
      (r) => r.OrganizationalUnits,
    );
    for (const child of children) {
      ouIds.set(`${path}/${child.Name}`, child.Id!);
      queue.push([`${path}/${child.Name}`, child.Id!]);
    }
  }

  const listed = await paginate(
    (NextToken) => send(new ListAccountsCommand({ NextToken })),
    (r) => r.Accounts,
  );
  const accounts = [];
  const closedAccounts = [];
  for (const a of listed) {
    // State (PENDING_CLOSURE, CLOSED, SUSPENDED) replaces the retired Status; either says the account is closing.
    const closed =
      ['PENDING_CLOSURE', 'CLOSED', 'SUSPENDED'].includes(a.State ?? '') ||
      ['PENDING_CLOSURE', 'SUSPENDED'].includes(a.Status ?? '');
    const parents = (await send(new ListParentsCommand({ ChildId: a.Id }))).Parents!;
    const account = { id: a.Id!, name: a.Name!, email: a.Email!, parentId: parents[0].Id! };
    if (closed) closedAccounts.push({ ...account, status: a.State ?? a.Status ?? 'SUSPENDED' });
    else accounts.push(account);
  }
  const pending = await paginate(
    (NextToken) => send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'], NextToken })),
    (r) => r.CreateAccountStatuses,
  );

  const policies = new Map<
    string,
    { id: string; type: PolicyType; content: string; description: string; targetIds: string[] }
  >();
  for (const type of MANAGED_TYPES.filter((t) => enabledPolicyTypes.includes(t))) {
    const summaries = await paginate(
      (NextToken) => send(new ListPoliciesCommand({ Filter: type, NextToken })),
      (r) => r.Policies,
    );
    for (const summary of summaries.filter((p) => p.Name?.startsWith(POLICY_NAME_PREFIX))) {
      const described = (await send(new DescribePolicyCommand({ PolicyId: summary.Id }))).Policy!;
      const targets = await paginate(
        (NextToken) => send(new ListTargetsForPolicyCommand({ PolicyId: summary.Id, NextToken })),
        (r) => r.Targets,
      );
      policies.set(summary.Name!, {
        id: summary.Id!,
        type,
        content: described.Content!,
        description: summary.Description ?? '',
        targetIds: targets.map((t) => t.TargetId!),
      });
    }
  }

  const services = await paginate(
    (NextToken) => send(new ListAWSServiceAccessForOrganizationCommand({ NextToken })),
    (r) => r.EnabledServicePrincipals,
  );
  const admins: string[] = [];
  for (const service of services) {
    const list = await paginate(
      (NextToken) =>
        send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: service.ServicePrincipal, NextToken })),
      (r) => r.DelegatedAdministrators,
    );
    admins.push(...list.map((d) => `${d.Id}|${service.ServicePrincipal}`));
  }
  const tags = (await send(new ListTagsForResourceCommand({ ResourceId: root.Id }))).Tags ?? [];
  return {
    exists: true,
    id: org.Id,
    rootId: root.Id,
    managementAccountId: org.MasterAccountId,
    enabledPolicyTypes,
    ouIds,
    accounts,
    closedAccounts,
    pendingCreations: pending.map((p) => ({ requestId: p.Id!, name: p.AccountName! })),
    policies,
    trustedAccess: services.map((s) => s.ServicePrincipal!),
    delegatedAdmins: admins,
    ...(regions.length > 0 ? { serviceAdmins: await readServiceAdmins(options.serviceAdmins!, regions) } : {}),
    rootTags: Object.fromEntries(tags.map((t) => [t.Key!, t.Value!])),
  };
}

/** Each service's administrators in each Region, from the service's own ListOrganizationAdminAccounts. */
async function readServiceAdmins(
  api: ServiceAdminApi,
  regions: readonly string[],
): Promise<Map<string, readonly LiveServiceAdmin[]>> {
  const out = new Map<string, readonly LiveServiceAdmin[]>();
  for (const service of Object.keys(SERVICE_ADMIN_APIS) as AdminService[]) {
    for (const region of regions) {
      const admins = await api.list(service, region).catch((e: unknown) => {
        throw new ServiceAdminError(service, region, e);
      });
      out.set(serviceAdminKey(service, region), admins);
    }
  }
  return out;
}
