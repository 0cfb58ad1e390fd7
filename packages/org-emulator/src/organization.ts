import { AccountApiError, OrganizationsError, constraint, invalid, notInUse } from './errors';
import {
  DEFAULT_LIMITS,
  EmulatorLimits,
  FULL_ACCESS,
  MANAGEMENT_POLICIES_PER_TARGET,
  MANAGEMENT_POLICY_MAX_CHARACTERS,
  POLICY_TYPES,
} from './limits';

interface Ou {
  id: string;
  name: string;
  parentId: string;
}
interface Account {
  id: string;
  name: string;
  email: string;
  parentId: string;
  joined: number;
  /** When CloseAccount was called: PENDING_CLOSURE, then SUSPENDED once the closure has taken. */
  closeRequested?: number;
}
interface Policy {
  id: string;
  name: string;
  description: string;
  type: string;
  content: string;
  awsManaged: boolean;
}
interface CreateRequest {
  id: string;
  name: string;
  email: string;
  requested: number;
  readyAt: number;
  state: string;
  accountId?: string;
  failure?: string;
  completed?: number;
}

/** What survives a restart of the emulator when it keeps state in a file. */
export interface EmulatorSnapshot {
  readonly org?: { id: string; rootId: string; managementAccountId: string; managementEmail: string };
  readonly enabledTypes: string[];
  readonly ous: Ou[];
  readonly accounts: Account[];
  readonly policies: Policy[];
  readonly attachments: Array<[string, string[]]>;
  readonly tags: Array<[string, Record<string, string>]>;
  readonly serviceAccess: string[];
  readonly delegatedAdmins: Array<{ accountId: string; servicePrincipal: string }>;
  /** Administrators designated through a service's own API, per Region (absent in state files of older versions). */
  readonly serviceAdmins?: ServiceAdminRecord[];
  readonly createRequests: CreateRequest[];
  readonly counter: number;
}

/** An administrator a regional service (GuardDuty, Security Hub, Macie) designated with EnableOrganizationAdminAccount. */
export interface ServiceAdminRecord {
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  /** Macie's idempotency token of the request that designated it. */
  readonly clientToken?: string;
}

export interface OrganizationOptions {
  /** Milliseconds CreateAccount takes to finish. */
  readonly createAccountMs?: number;
  /** Milliseconds CloseAccount takes before the account is SUSPENDED. @default createAccountMs */
  readonly closeAccountMs?: number;
  readonly limits?: Partial<EmulatorLimits>;
  /** Account that calls CreateOrganization: becomes the management account. */
  readonly managementAccountId?: string;
  readonly managementEmail?: string;
  /** Emails AWS already knows (another AWS account uses them): CreateAccount fails with EMAIL_ALREADY_EXISTS. */
  readonly takenEmails?: string[];
  /**
   * The organization's time, in milliseconds: when account creations finish, and the dates it answers with. A test
   * passes its own to move time forward without waiting (the server's rate limit keeps real time). @default Date.now
   */
  readonly clock?: () => number;
}

const seconds = (ms: number) => ms / 1000;

/**
 * An AWS Organization in memory, answering the Organizations API's operations
 * with AWS's shapes, errors and limits. Starts with no organization.
 */
export class EmulatedOrganization {
  private state: EmulatorSnapshot;
  private readonly limits: EmulatorLimits;
  private readonly options: Required<Omit<OrganizationOptions, 'limits'>>;

  constructor(options: OrganizationOptions = {}, snapshot?: EmulatorSnapshot) {
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.options = {
      createAccountMs: options.createAccountMs ?? 200,
      closeAccountMs: options.closeAccountMs ?? options.createAccountMs ?? 200,
      managementAccountId: options.managementAccountId ?? '111111111111',
      managementEmail: options.managementEmail ?? 'aws-management@example.com',
      takenEmails: options.takenEmails ?? [],
      clock: options.clock ?? Date.now,
    };
    this.state = snapshot ?? {
      enabledTypes: [],
      ous: [],
      accounts: [],
      policies: [],
      attachments: [],
      tags: [],
      serviceAccess: [],
      delegatedAdmins: [],
      serviceAdmins: [],
      createRequests: [],
      counter: 0,
    };
  }

  public snapshot(): EmulatorSnapshot {
    this.settle();
    return JSON.parse(JSON.stringify(this.state));
  }

  /** Runs one API operation. Throws `OrganizationsError` as AWS would answer. */
  public call(operation: string, input: any): unknown {
    this.settle();
    const handler = (this as any)[`op${operation}`] as ((input: any) => unknown) | undefined;
    if (!handler) {
      throw new OrganizationsError('UnsupportedAPIEndpointException', `The emulator does not implement ${operation}.`);
    }
    return handler.call(this, input ?? {});
  }

  // ── organization and root ──────────────────────────────────────────────
  protected opCreateOrganization(input: { FeatureSet?: string }) {
    if (this.state.org) {
      throw new OrganizationsError(
        'AlreadyInOrganizationException',
        'This account is already a member of an organization.',
      );
    }
    if (input.FeatureSet && input.FeatureSet !== 'ALL') {
      throw invalid('Landfall needs FeatureSet ALL; the emulator supports only ALL.');
    }
    const account: Account = {
      id: this.options.managementAccountId,
      name: 'management',
      email: this.options.managementEmail,
      parentId: '',
      joined: this.options.clock(),
    };
    const org = {
      id: `o-${this.id(10)}`,
      rootId: `r-${this.id(4)}`,
      managementAccountId: account.id,
      managementEmail: account.email,
    };
    this.mutate((s) => ({ ...s, org, accounts: [{ ...account, parentId: org.rootId }] }));
    return { Organization: this.organization() };
  }

  protected opDescribeOrganization() {
    return { Organization: this.organization() };
  }

  protected opListRoots() {
    const org = this.org();
    return {
      Roots: [
        {
          Id: org.rootId,
          Arn: `arn:aws:organizations::${org.managementAccountId}:root/${org.id}/${org.rootId}`,
          Name: 'Root',
          PolicyTypes: this.state.enabledTypes.map((Type) => ({ Type, Status: 'ENABLED' })),
        },
      ],
    };
  }

  protected opEnablePolicyType(input: { RootId: string; PolicyType: string }) {
    const org = this.org();
    if (input.RootId !== org.rootId) throw new OrganizationsError('RootNotFoundException', `No root ${input.RootId}.`);
    if (!POLICY_TYPES.includes(input.PolicyType)) throw invalid(`Unknown policy type ${input.PolicyType}.`);
    if (this.state.enabledTypes.includes(input.PolicyType)) {
      throw new OrganizationsError('PolicyTypeAlreadyEnabledException', `${input.PolicyType} is already enabled.`);
    }
    const full = FULL_ACCESS[input.PolicyType];
    this.mutate((s) => ({ ...s, enabledTypes: [...s.enabledTypes, input.PolicyType] }));
    if (full) {
      // As in AWS: the managed full-access policy is attached to every root, OU and account.
      if (!this.policy(full.id, false)) {
        const content = JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: '*',
              Resource: '*',
              ...(input.PolicyType === 'RESOURCE_CONTROL_POLICY' ? { Principal: '*' } : {}),
            },
          ],
        });
        this.mutate((s) => ({
          ...s,
          policies: [
            ...s.policies,
            {
              id: full.id,
              name: full.name,
              description: 'AWS managed',
              type: input.PolicyType,
              content,
              awsManaged: true,
            },
          ],
        }));
      }
      for (const target of [org.rootId, ...this.state.ous.map((o) => o.id), ...this.state.accounts.map((a) => a.id)]) {
        this.attach(full.id, target);
      }
    }
    return { Root: this.opListRoots().Roots[0] };
  }

  // ── OUs ────────────────────────────────────────────────────────────────
  protected opListOrganizationalUnitsForParent(input: { ParentId: string; NextToken?: string; MaxResults?: number }) {
    this.parent(input.ParentId);
    const ous = this.state.ous.filter((o) => o.parentId === input.ParentId).map((o) => this.ouShape(o));
    return this.page(ous, 'OrganizationalUnits', input);
  }

  protected opCreateOrganizationalUnit(input: {
    ParentId: string;
    Name: string;
    Tags?: Array<{ Key: string; Value: string }>;
  }) {
    this.parent(input.ParentId);
    if (!input.Name || input.Name.length > 128) throw invalid('Name must be 1 to 128 characters.');
    if (this.state.ous.some((o) => o.parentId === input.ParentId && o.name === input.Name)) {
      throw new OrganizationsError(
        'DuplicateOrganizationalUnitException',
        `An OU named ${input.Name} already exists in ${input.ParentId}.`,
      );
    }
    if (this.depth(input.ParentId) + 1 > this.limits.maxOuDepth) {
      throw constraint('OU_DEPTH_LIMIT_EXCEEDED', `OUs can nest at most ${this.limits.maxOuDepth} levels.`);
    }
    const ou: Ou = { id: `ou-${this.org().rootId.slice(2)}-${this.id(8)}`, name: input.Name, parentId: input.ParentId };
    this.mutate((s) => ({ ...s, ous: [...s.ous, ou] }));
    this.inheritFullAccess(ou.id);
    if (input.Tags) this.opTagResource({ ResourceId: ou.id, Tags: input.Tags });
    return { OrganizationalUnit: this.ouShape(ou) };
  }

  /** A new name for an OU: its ID, accounts, children and policies stay. */
  protected opUpdateOrganizationalUnit(input: { OrganizationalUnitId: string; Name?: string }) {
    this.org();
    const ou = this.state.ous.find((o) => o.id === input.OrganizationalUnitId);
    if (!ou) {
      throw new OrganizationsError('OrganizationalUnitNotFoundException', `No OU ${input.OrganizationalUnitId}.`);
    }
    if (input.Name === undefined) return { OrganizationalUnit: this.ouShape(ou) };
    if (!input.Name || input.Name.length > 128) throw invalid('Name must be 1 to 128 characters.');
    if (this.state.ous.some((o) => o.parentId === ou.parentId && o.id !== ou.id && o.name === input.Name)) {
      throw new OrganizationsError(
        'DuplicateOrganizationalUnitException',
        `An OU named ${input.Name} already exists in ${ou.parentId}.`,
      );
    }
    const renamed: Ou = { ...ou, name: input.Name };
    this.mutate((s) => ({ ...s, ous: s.ous.map((o) => (o.id === ou.id ? renamed : o)) }));
    return { OrganizationalUnit: this.ouShape(renamed) };
  }

  /** Only an empty OU can be deleted: no account (closed ones included, for their 90 days) and no child OU. */
  protected opDeleteOrganizationalUnit(input: { OrganizationalUnitId: string }) {
    this.org();
    const ou = this.state.ous.find((o) => o.id === input.OrganizationalUnitId);
    if (!ou) {
      throw new OrganizationsError('OrganizationalUnitNotFoundException', `No OU ${input.OrganizationalUnitId}.`);
    }
    if (this.state.accounts.some((a) => a.parentId === ou.id) || this.state.ous.some((o) => o.parentId === ou.id)) {
      throw new OrganizationsError(
        'OrganizationalUnitNotEmptyException',
        'The specified OU is not empty. Move all accounts to another root or OU, and delete all child OUs, then try again.',
      );
    }
    this.mutate((s) => ({
      ...s,
      ous: s.ous.filter((o) => o.id !== ou.id),
      attachments: s.attachments.map(([p, targets]) => [p, targets.filter((t) => t !== ou.id)]),
    }));
    return {};
  }

  // ── accounts ───────────────────────────────────────────────────────────
  protected opListAccounts(input: { NextToken?: string; MaxResults?: number }) {
    this.org();
    return this.page(
      this.state.accounts.map((a) => this.accountShape(a)),
      'Accounts',
      input,
    );
  }

  protected opListAccountsForParent(input: { ParentId: string; NextToken?: string; MaxResults?: number }) {
    this.parent(input.ParentId);
    return this.page(
      this.state.accounts.filter((a) => a.parentId === input.ParentId).map((a) => this.accountShape(a)),
      'Accounts',
      input,
    );
  }

  protected opListParents(input: { ChildId: string }) {
    const child =
      this.state.accounts.find((a) => a.id === input.ChildId) ?? this.state.ous.find((o) => o.id === input.ChildId);
    if (!child) throw new OrganizationsError('ChildNotFoundException', `No account or OU ${input.ChildId}.`);
    return {
      Parents: [{ Id: child.parentId, Type: child.parentId.startsWith('r-') ? 'ROOT' : 'ORGANIZATIONAL_UNIT' }],
    };
  }

  protected opCreateAccount(input: {
    Email: string;
    AccountName: string;
    Tags?: Array<{ Key: string; Value: string }>;
  }) {
    this.org();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.Email ?? '') || input.Email.length < 6 || input.Email.length > 64) {
      throw invalid('Email is not a valid address.');
    }
    if (!input.AccountName || input.AccountName.length > 50) throw invalid('AccountName must be 1 to 50 characters.');
    const inProgress = this.state.createRequests.filter((r) => r.state === 'IN_PROGRESS');
    if (inProgress.length >= this.limits.maxCreateAccountInProgress) {
      throw new OrganizationsError(
        'ConcurrentModificationException',
        `At most ${this.limits.maxCreateAccountInProgress} account creations can be in progress.`,
      );
    }
    if (this.state.accounts.length + inProgress.length >= this.limits.maxAccounts) {
      throw constraint(
        'ACCOUNT_NUMBER_LIMIT_EXCEEDED',
        `The organization has reached its limit of ${this.limits.maxAccounts} accounts.`,
      );
    }
    const now = this.options.clock();
    const request: CreateRequest = {
      id: `car-${this.id(12)}`,
      name: input.AccountName,
      email: input.Email,
      requested: now,
      readyAt: now + this.options.createAccountMs,
      state: 'IN_PROGRESS',
    };
    this.mutate((s) => ({ ...s, createRequests: [...s.createRequests, request] }));
    return { CreateAccountStatus: this.requestShape(request) };
  }

  protected opDescribeCreateAccountStatus(input: { CreateAccountRequestId: string }) {
    const request = this.state.createRequests.find((r) => r.id === input.CreateAccountRequestId);
    if (!request) {
      throw new OrganizationsError(
        'CreateAccountStatusNotFoundException',
        `No request ${input.CreateAccountRequestId}.`,
      );
    }
    return { CreateAccountStatus: this.requestShape(request) };
  }

  protected opListCreateAccountStatus(input: { States?: string[]; NextToken?: string; MaxResults?: number }) {
    const requests = this.state.createRequests
      .filter((r) => !input.States || input.States.includes(r.state))
      .map((r) => this.requestShape(r));
    return this.page(requests, 'CreateAccountStatuses', input);
  }

  protected opMoveAccount(input: { AccountId: string; SourceParentId: string; DestinationParentId: string }) {
    const account = this.state.accounts.find((a) => a.id === input.AccountId);
    if (!account) throw new OrganizationsError('AccountNotFoundException', `No account ${input.AccountId}.`);
    this.parent(input.DestinationParentId);
    if (account.parentId === input.DestinationParentId) {
      throw new OrganizationsError('DuplicateAccountException', 'The account is already in that parent.');
    }
    if (account.parentId !== input.SourceParentId) {
      throw new OrganizationsError('SourceParentNotFoundException', `The account is not in ${input.SourceParentId}.`);
    }
    this.mutate((s) => ({
      ...s,
      accounts: s.accounts.map((a) => (a.id === account.id ? { ...a, parentId: input.DestinationParentId } : a)),
    }));
    return {};
  }

  /**
   * AWS closes asynchronously (PENDING_CLOSURE, then CLOSED; the retired Status says SUSPENDED), keeps the account
   * in the organization for 90 days, refuses the management account, and lets an organization close at most 10% of
   * its active member accounts (between 10 and 1,000) in a rolling 30 days.
   */
  protected opCloseAccount(input: { AccountId: string }) {
    const org = this.org();
    const account = this.state.accounts.find((a) => a.id === input.AccountId);
    if (!account) throw new OrganizationsError('AccountNotFoundException', `No account ${input.AccountId}.`);
    if (account.id === org.managementAccountId) {
      throw constraint('CANNOT_CLOSE_MANAGEMENT_ACCOUNT', "You can't close the management account with CloseAccount.");
    }
    if (account.closeRequested !== undefined) {
      throw new OrganizationsError('AccountAlreadyClosedException', `Account ${account.id} is already closed.`);
    }
    const now = this.options.clock();
    // 10% of the active member accounts, at least 10 and at most 1,000.
    const members = this.state.accounts.filter(
      (a) => a.id !== org.managementAccountId && a.closeRequested === undefined,
    ).length;
    const quota = Math.min(1000, Math.max(10, Math.floor(members / 10)));
    const recent = this.state.accounts.filter(
      (a) => a.closeRequested !== undefined && now - a.closeRequested < 30 * 24 * 3600 * 1000,
    ).length;
    if (recent >= quota) {
      throw constraint(
        'CLOSE_ACCOUNT_QUOTA_EXCEEDED',
        `You can close at most ${quota} member accounts in 30 days; ${recent} were closed.`,
      );
    }
    this.mutate((s) => ({
      ...s,
      accounts: s.accounts.map((a) => (a.id === account.id ? { ...a, closeRequested: now } : a)),
    }));
    return {};
  }

  protected opDescribeAccount(input: { AccountId: string }) {
    this.org();
    const account = this.state.accounts.find((a) => a.id === input.AccountId);
    if (!account) throw new OrganizationsError('AccountNotFoundException', `No account ${input.AccountId}.`);
    return { Account: this.accountShape(account) };
  }

  private closureStatus(a: Account): string {
    if (a.closeRequested === undefined) return 'ACTIVE';
    return this.options.clock() - a.closeRequested >= this.options.closeAccountMs ? 'SUSPENDED' : 'PENDING_CLOSURE';
  }

  // ── policies ───────────────────────────────────────────────────────────
  protected opListPolicies(input: { Filter: string; NextToken?: string; MaxResults?: number }) {
    this.org();
    return this.page(
      this.state.policies.filter((p) => p.type === input.Filter).map((p) => this.policySummary(p)),
      'Policies',
      input,
    );
  }

  protected opDescribePolicy(input: { PolicyId: string }) {
    const policy = this.policy(input.PolicyId);
    return { Policy: { PolicySummary: this.policySummary(policy), Content: policy.content } };
  }

  protected opCreatePolicy(input: {
    Name: string;
    Description?: string;
    Type: string;
    Content: string;
    Tags?: Array<{ Key: string; Value: string }>;
  }) {
    this.org();
    if (!POLICY_TYPES.includes(input.Type)) throw invalid(`Unknown policy type ${input.Type}.`);
    if (this.state.policies.some((p) => p.name === input.Name && p.type === input.Type)) {
      throw new OrganizationsError('DuplicatePolicyException', `A policy named ${input.Name} already exists.`);
    }
    this.checkContent(input.Type, input.Content);
    const policy: Policy = {
      id: `p-${this.id(8)}`,
      name: input.Name,
      description: input.Description ?? '',
      type: input.Type,
      content: input.Content,
      awsManaged: false,
    };
    this.mutate((s) => ({ ...s, policies: [...s.policies, policy] }));
    if (input.Tags) this.opTagResource({ ResourceId: policy.id, Tags: input.Tags });
    return { Policy: { PolicySummary: this.policySummary(policy), Content: policy.content } };
  }

  protected opUpdatePolicy(input: { PolicyId: string; Name?: string; Description?: string; Content?: string }) {
    const policy = this.policy(input.PolicyId);
    if (policy.awsManaged) {
      throw new OrganizationsError('PolicyChangesInProgressException', 'AWS managed policies cannot be changed.');
    }
    if (input.Content !== undefined) this.checkContent(policy.type, input.Content);
    if (input.Name !== undefined && this.state.policies.some((p) => p.id !== policy.id && p.name === input.Name)) {
      throw new OrganizationsError('DuplicatePolicyException', `A policy named ${input.Name} already exists.`);
    }
    const updated = {
      ...policy,
      name: input.Name ?? policy.name,
      description: input.Description ?? policy.description,
      content: input.Content ?? policy.content,
    };
    this.mutate((s) => ({ ...s, policies: s.policies.map((p) => (p.id === policy.id ? updated : p)) }));
    return { Policy: { PolicySummary: this.policySummary(updated), Content: updated.content } };
  }

  /** A policy attached to any target cannot be deleted (PolicyInUseException): detach it first. */
  protected opDeletePolicy(input: { PolicyId: string }) {
    const policy = this.policy(input.PolicyId);
    if (policy.awsManaged) {
      throw new OrganizationsError('PolicyChangesInProgressException', 'AWS managed policies cannot be deleted.');
    }
    if (this.attachmentsOf(policy.id).length > 0) {
      throw new OrganizationsError(
        'PolicyInUseException',
        'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.',
      );
    }
    this.mutate((s) => ({
      ...s,
      policies: s.policies.filter((p) => p.id !== policy.id),
      attachments: s.attachments.filter(([p]) => p !== policy.id),
    }));
    return {};
  }

  protected opListTargetsForPolicy(input: { PolicyId: string; NextToken?: string; MaxResults?: number }) {
    this.policy(input.PolicyId);
    const targets = this.attachmentsOf(input.PolicyId).map((id) => ({
      TargetId: id,
      Arn: `arn:aws:organizations::target/${id}`,
      Name: this.nameOf(id),
      Type: this.typeOf(id),
    }));
    return this.page(targets, 'Targets', input);
  }

  protected opListPoliciesForTarget(input: {
    TargetId: string;
    Filter: string;
    NextToken?: string;
    MaxResults?: number;
  }) {
    this.target(input.TargetId);
    const policies = this.state.policies.filter(
      (p) => p.type === input.Filter && this.attachmentsOf(p.id).includes(input.TargetId),
    );
    return this.page(
      policies.map((p) => this.policySummary(p)),
      'Policies',
      input,
    );
  }

  protected opAttachPolicy(input: { PolicyId: string; TargetId: string }) {
    const policy = this.policy(input.PolicyId);
    this.target(input.TargetId);
    if (!this.state.enabledTypes.includes(policy.type)) {
      throw new OrganizationsError('PolicyTypeNotEnabledException', `${policy.type} is not enabled on the root.`);
    }
    if (this.attachmentsOf(policy.id).includes(input.TargetId)) {
      throw new OrganizationsError(
        'DuplicatePolicyAttachmentException',
        'The policy is already attached to that target.',
      );
    }
    const max = this.limits.policiesPerTarget[policy.type] ?? MANAGEMENT_POLICIES_PER_TARGET;
    if (this.attachedOfType(input.TargetId, policy.type) >= max) {
      throw constraint(
        'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
        `A target can have at most ${max} policies of type ${policy.type}.`,
      );
    }
    this.attach(policy.id, input.TargetId);
    return {};
  }

  protected opDetachPolicy(input: { PolicyId: string; TargetId: string }) {
    const policy = this.policy(input.PolicyId);
    this.target(input.TargetId);
    if (!this.attachmentsOf(policy.id).includes(input.TargetId)) {
      throw new OrganizationsError('PolicyNotAttachedException', 'The policy is not attached to that target.');
    }
    if (FULL_ACCESS[policy.type] && this.attachedOfType(input.TargetId, policy.type) === 1) {
      throw constraint(
        'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
        `A target must keep at least one policy of type ${policy.type}.`,
      );
    }
    this.mutate((s) => ({
      ...s,
      attachments: s.attachments.map(([p, targets]) => [
        p,
        p === policy.id ? targets.filter((t) => t !== input.TargetId) : targets,
      ]),
    }));
    return {};
  }

  // ── tags, trusted access, delegated administrators ─────────────────────
  protected opTagResource(input: { ResourceId: string; Tags: Array<{ Key: string; Value: string }> }) {
    this.taggable(input.ResourceId);
    for (const tag of input.Tags) {
      if (tag.Key.length > 128 || tag.Value.length > 256) {
        throw invalid('Tag keys are at most 128 characters and values 256.');
      }
    }
    const current = this.tagsOf(input.ResourceId);
    const next = { ...current, ...Object.fromEntries(input.Tags.map((t) => [t.Key, t.Value])) };
    this.mutate((s) => ({
      ...s,
      tags: [...s.tags.filter(([id]) => id !== input.ResourceId), [input.ResourceId, next]],
    }));
    return {};
  }

  protected opUntagResource(input: { ResourceId: string; TagKeys: string[] }) {
    this.taggable(input.ResourceId);
    const next = Object.fromEntries(
      Object.entries(this.tagsOf(input.ResourceId)).filter(([k]) => !input.TagKeys.includes(k)),
    );
    this.mutate((s) => ({
      ...s,
      tags: [...s.tags.filter(([id]) => id !== input.ResourceId), [input.ResourceId, next]],
    }));
    return {};
  }

  protected opListTagsForResource(input: { ResourceId: string }) {
    this.taggable(input.ResourceId);
    return { Tags: Object.entries(this.tagsOf(input.ResourceId)).map(([Key, Value]) => ({ Key, Value })) };
  }

  protected opEnableAWSServiceAccess(input: { ServicePrincipal: string }) {
    this.org();
    if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(input.ServicePrincipal ?? '')) {
      throw invalid('ServicePrincipal must be a service principal such as guardduty.amazonaws.com.');
    }
    if (!this.state.serviceAccess.includes(input.ServicePrincipal)) {
      this.mutate((s) => ({ ...s, serviceAccess: [...s.serviceAccess, input.ServicePrincipal] }));
    }
    return {};
  }

  protected opListAWSServiceAccessForOrganization(input: { NextToken?: string; MaxResults?: number }) {
    this.org();
    return this.page(
      this.state.serviceAccess.map((ServicePrincipal) => ({
        ServicePrincipal,
        DateEnabled: seconds(this.options.clock()),
      })),
      'EnabledServicePrincipals',
      input,
    );
  }

  protected opRegisterDelegatedAdministrator(input: { AccountId: string; ServicePrincipal: string }) {
    const org = this.org();
    if (!this.state.accounts.some((a) => a.id === input.AccountId)) {
      throw new OrganizationsError('AccountNotFoundException', `No account ${input.AccountId}.`);
    }
    if (input.AccountId === org.managementAccountId) {
      throw constraint(
        'CANNOT_REGISTER_MASTER_AS_DELEGATED_ADMINISTRATOR',
        'The management account cannot be a delegated administrator.',
      );
    }
    if (!this.state.serviceAccess.includes(input.ServicePrincipal)) {
      throw constraint('TRUSTED_ACCESS_NOT_ENABLED', `Enable trusted access for ${input.ServicePrincipal} first.`);
    }
    if (
      this.state.delegatedAdmins.some(
        (d) => d.accountId === input.AccountId && d.servicePrincipal === input.ServicePrincipal,
      )
    ) {
      throw new OrganizationsError(
        'AccountAlreadyRegisteredException',
        'The account is already a delegated administrator for this service.',
      );
    }
    this.mutate((s) => ({
      ...s,
      delegatedAdmins: [...s.delegatedAdmins, { accountId: input.AccountId, servicePrincipal: input.ServicePrincipal }],
    }));
    return {};
  }

  protected opListDelegatedAdministrators(input: {
    ServicePrincipal?: string;
    NextToken?: string;
    MaxResults?: number;
  }) {
    this.org();
    const admins = this.state.delegatedAdmins
      .filter((d) => !input.ServicePrincipal || d.servicePrincipal === input.ServicePrincipal)
      .map((d) => ({ ...this.accountShape(this.state.accounts.find((a) => a.id === d.accountId)!) }));
    return this.page(admins, 'DelegatedAdministrators', input);
  }

  protected opListDelegatedServicesForAccount(input: { AccountId: string }) {
    this.org();
    return {
      DelegatedServices: this.state.delegatedAdmins
        .filter((d) => d.accountId === input.AccountId)
        .map((d) => ({ ServicePrincipal: d.servicePrincipal })),
    };
  }

  // ── for the services that designate their own administrator (service-admins.ts) ──
  /** The management account, once the organization exists. */
  public get managementAccountId(): string | undefined {
    return this.state.org?.managementAccountId;
  }

  /** Member accounts (not the management account) in an OU or the root, at any depth. */
  public accountsUnder(parentId: string): string[] {
    this.settle();
    const org = this.state.org;
    const parents = new Set([parentId]);
    for (let grew = true; grew;) {
      grew = false;
      for (const ou of this.state.ous) {
        if (parents.has(ou.parentId) && !parents.has(ou.id)) {
          parents.add(ou.id);
          grew = true;
        }
      }
    }
    return this.state.accounts
      .filter((a) => parents.has(a.parentId) && a.id !== org?.managementAccountId)
      .map((a) => a.id);
  }

  /** Whether an OU (or the root) of this organization has this ID. */
  public hasParent(id: string): boolean {
    return this.state.org?.rootId === id || this.state.ous.some((o) => o.id === id);
  }

  /**
   * AWS Account Management's PutAccountName, called by `caller` for `accountId` (undefined: its own account). For a
   * member account, only the management account may call it, with trusted access for account.amazonaws.com; the
   * management account renames itself only without an account ID.
   */
  public putAccountName(caller: string | undefined, accountId: string | undefined, name: unknown): void {
    this.settle();
    if (typeof name !== 'string' || name.length < 1 || name.length > 50 || !/^[ -;=?-~]+$/.test(name)) {
      throw new AccountApiError('ValidationException', 'AccountName must be 1 to 50 printable characters.', 400);
    }
    const org = this.state.org;
    const target = accountId ?? caller;
    if (accountId !== undefined) {
      if (!org || caller !== org.managementAccountId) {
        throw new AccountApiError(
          'AccessDeniedException',
          'Only the management account may name another account.',
          403,
        );
      }
      if (accountId === org.managementAccountId) {
        throw new AccountApiError(
          'ValidationException',
          'The management account cannot specify its own AccountId; call the operation without AccountId.',
          400,
        );
      }
      if (!this.hasTrustedAccess('account.amazonaws.com')) {
        throw new AccountApiError(
          'AccessDeniedException',
          'Trusted access for account.amazonaws.com is not enabled for the organization.',
          403,
        );
      }
    }
    const account = this.state.accounts.find((a) => a.id === target && a.closeRequested === undefined);
    if (!account) {
      throw new AccountApiError(
        'AccessDeniedException',
        `The account ${target} is not a member of the organization.`,
        403,
      );
    }
    this.mutate((s) => ({ ...s, accounts: s.accounts.map((a) => (a.id === account.id ? { ...a, name } : a)) }));
  }

  /** Whether trusted access is enabled for a service principal. */
  public hasTrustedAccess(servicePrincipal: string): boolean {
    return this.state.serviceAccess.includes(servicePrincipal);
  }

  public isMember(accountId: string): boolean {
    this.settle();
    return this.state.accounts.some((a) => a.id === accountId);
  }

  /** Accounts registered as delegated administrators of a service principal. */
  public delegatedAdministrators(servicePrincipal: string): string[] {
    return this.state.delegatedAdmins.filter((d) => d.servicePrincipal === servicePrincipal).map((d) => d.accountId);
  }

  public get serviceAdmins(): readonly ServiceAdminRecord[] {
    return this.state.serviceAdmins ?? [];
  }

  public replaceServiceAdmins(records: ServiceAdminRecord[]): void {
    this.mutate((s) => ({ ...s, serviceAdmins: records }));
  }

  /**
   * What AWS does when a service designates its administrator: the service gets
   * trusted access, and a member account becomes its delegated administrator in
   * Organizations (the management account never is one).
   */
  public registerServiceAdministrator(servicePrincipal: string, accountId: string): void {
    this.opEnableAWSServiceAccess({ ServicePrincipal: servicePrincipal });
    if (accountId === this.org().managementAccountId) return;
    if (this.delegatedAdministrators(servicePrincipal).includes(accountId)) return;
    this.mutate((s) => ({ ...s, delegatedAdmins: [...s.delegatedAdmins, { accountId, servicePrincipal }] }));
  }

  public deregisterServiceAdministrator(servicePrincipal: string, accountId: string): void {
    this.mutate((s) => ({
      ...s,
      delegatedAdmins: s.delegatedAdmins.filter(
        (d) => !(d.accountId === accountId && d.servicePrincipal === servicePrincipal),
      ),
    }));
  }

  // ── helpers ────────────────────────────────────────────────────────────
  /** Finishes account creations whose time has come. */
  private settle() {
    const now = this.options.clock();
    for (const request of this.state.createRequests.filter((r) => r.state === 'IN_PROGRESS' && r.readyAt <= now)) {
      const taken =
        this.options.takenEmails.includes(request.email.toLowerCase()) ||
        this.state.accounts.some((a) => a.email.toLowerCase() === request.email.toLowerCase());
      if (taken) {
        this.mutate((s) => ({
          ...s,
          createRequests: s.createRequests.map((r) =>
            r.id === request.id ? { ...r, state: 'FAILED', failure: 'EMAIL_ALREADY_EXISTS', completed: now } : r,
          ),
        }));
        continue;
      }
      const account: Account = {
        id: this.accountId(),
        name: request.name,
        email: request.email,
        parentId: this.org().rootId,
        joined: now,
      };
      this.mutate((s) => ({
        ...s,
        accounts: [...s.accounts, account],
        createRequests: s.createRequests.map((r) =>
          r.id === request.id ? { ...r, state: 'SUCCEEDED', accountId: account.id, completed: now } : r,
        ),
      }));
      this.inheritFullAccess(account.id);
    }
  }

  private mutate(change: (s: EmulatorSnapshot) => EmulatorSnapshot) {
    this.state = change(this.state);
  }

  private id(length: number): string {
    this.mutate((s) => ({ ...s, counter: s.counter + 1 }));
    const n = this.state.counter;
    return n.toString(36).padStart(length, '0').slice(-length);
  }

  private accountId(): string {
    this.mutate((s) => ({ ...s, counter: s.counter + 1 }));
    return (200000000000 + this.state.counter).toString();
  }

  private org() {
    if (!this.state.org) throw notInUse();
    return this.state.org;
  }

  private organization() {
    const org = this.org();
    return {
      Id: org.id,
      Arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
      FeatureSet: 'ALL',
      MasterAccountId: org.managementAccountId,
      MasterAccountArn: `arn:aws:organizations::${org.managementAccountId}:account/${org.id}/${org.managementAccountId}`,
      MasterAccountEmail: org.managementEmail,
      AvailablePolicyTypes: [],
    };
  }

  private parent(id: string) {
    const org = this.org();
    if (id !== org.rootId && !this.state.ous.some((o) => o.id === id)) {
      throw new OrganizationsError('ParentNotFoundException', `No root or OU ${id}.`);
    }
  }

  private target(id: string) {
    const org = this.org();
    if (
      id !== org.rootId &&
      !this.state.ous.some((o) => o.id === id) &&
      !this.state.accounts.some((a) => a.id === id)
    ) {
      throw new OrganizationsError('TargetNotFoundException', `No root, OU or account ${id}.`);
    }
  }

  private taggable(id: string) {
    if (this.state.policies.some((p) => p.id === id)) return;
    this.target(id);
  }

  private depth(parentId: string): number {
    let depth = 0;
    for (let id = parentId; id.startsWith('ou-'); id = this.state.ous.find((o) => o.id === id)!.parentId) depth++;
    return depth;
  }

  private policy(id: string, required = true): Policy {
    const policy = this.state.policies.find((p) => p.id === id);
    if (!policy && required) throw new OrganizationsError('PolicyNotFoundException', `No policy ${id}.`);
    return policy!;
  }

  private checkContent(type: string, content: string) {
    try {
      JSON.parse(content);
    } catch {
      throw new OrganizationsError('MalformedPolicyDocumentException', 'The policy content is not valid JSON.');
    }
    const max = this.limits.policyMaxCharacters[type] ?? MANAGEMENT_POLICY_MAX_CHARACTERS;
    if (content.length > max) {
      throw constraint(
        'POLICY_CONTENT_LIMIT_EXCEEDED',
        `A ${type} can hold at most ${max} characters; this one has ${content.length}.`,
      );
    }
  }

  private attachmentsOf(policyId: string): string[] {
    return this.state.attachments.find(([p]) => p === policyId)?.[1] ?? [];
  }

  private attachedOfType(targetId: string, type: string): number {
    return this.state.policies.filter((p) => p.type === type && this.attachmentsOf(p.id).includes(targetId)).length;
  }

  private attach(policyId: string, targetId: string) {
    const current = this.attachmentsOf(policyId);
    if (current.includes(targetId)) return;
    this.mutate((s) => ({
      ...s,
      attachments: [...s.attachments.filter(([p]) => p !== policyId), [policyId, [...current, targetId]]],
    }));
  }

  private inheritFullAccess(targetId: string) {
    for (const type of this.state.enabledTypes) {
      const full = FULL_ACCESS[type];
      if (full) this.attach(full.id, targetId);
    }
  }

  private tagsOf(id: string): Record<string, string> {
    return this.state.tags.find(([r]) => r === id)?.[1] ?? {};
  }

  private nameOf(id: string): string {
    return id.startsWith('r-')
      ? 'Root'
      : (this.state.ous.find((o) => o.id === id)?.name ?? this.state.accounts.find((a) => a.id === id)?.name ?? id);
  }

  private typeOf(id: string): string {
    return id.startsWith('r-') ? 'ROOT' : id.startsWith('ou-') ? 'ORGANIZATIONAL_UNIT' : 'ACCOUNT';
  }

  private ouShape(o: Ou) {
    return {
      Id: o.id,
      Arn: `arn:aws:organizations::${this.org().managementAccountId}:ou/${this.org().id}/${o.id}`,
      Name: o.name,
    };
  }

  private accountShape(a: Account) {
    return {
      Id: a.id,
      Arn: `arn:aws:organizations::${this.org().managementAccountId}:account/${this.org().id}/${a.id}`,
      Email: a.email,
      Name: a.name,
      // Status is retired in favour of State, whose closed account is CLOSED (Status said SUSPENDED).
      Status: this.closureStatus(a),
      State: this.closureStatus(a) === 'SUSPENDED' ? 'CLOSED' : this.closureStatus(a),
      JoinedMethod: a.id === this.org().managementAccountId ? 'INVITED' : 'CREATED',
      JoinedTimestamp: seconds(a.joined),
    };
  }

  private requestShape(r: CreateRequest) {
    return {
      Id: r.id,
      AccountName: r.name,
      State: r.state,
      RequestedTimestamp: seconds(r.requested),
      ...(r.accountId ? { AccountId: r.accountId } : {}),
      ...(r.failure ? { FailureReason: r.failure } : {}),
      ...(r.completed ? { CompletedTimestamp: seconds(r.completed) } : {}),
    };
  }

  private policySummary(p: Policy) {
    return {
      Id: p.id,
      Arn: `arn:aws:organizations::aws:policy/${p.type.toLowerCase()}/${p.id}`,
      Name: p.name,
      Description: p.description,
      Type: p.type,
      AwsManaged: p.awsManaged,
    };
  }

  /** AWS pages most List operations; the emulator pages at 20 so clients must follow NextToken. */
  private page<T>(items: T[], key: string, input: { NextToken?: string; MaxResults?: number }) {
    const size = Math.min(input.MaxResults ?? 20, 20);
    const start = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64').toString()) : 0;
    if (!Number.isInteger(start) || start < 0) {
      throw new OrganizationsError('InvalidInputException', 'Invalid NextToken.', 400, 'INVALID_PAGINATION_TOKEN');
    }
    const next = start + size < items.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
    return { [key]: items.slice(start, start + size), ...(next ? { NextToken: next } : {}) };
  }
}
