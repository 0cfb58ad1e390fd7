import { PutAccountNameCommand } from '@aws-sdk/client-account';
import {
  AttachPolicyCommand,
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DescribeCreateAccountStatusCommand,
  DeleteOrganizationalUnitCommand,
  DeletePolicyCommand,
  DescribeOrganizationCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  ListAccountsCommand,
  ListCreateAccountStatusCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListPoliciesCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
  UpdateOrganizationalUnitCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations';
import { PhaseContext, applyServices } from './apply-services';
import { createAccountClient, serviceClientOptions } from './client';
import { Lease, acquireLease } from './lease';
import { LOCK_FILE_VERSION, LockFile, readLockFile, renamedInLock, writeLockFile } from './lockfile';
import { Plan, Step, describeStep, destroyedBy } from './plan';
import { pool, sleep } from './pool';
import { RetryOptions, Send, isError, paginate, reasonOf, retryingSend, withRetry } from './sdk';
import { ServiceAdminApi, ServiceAdminClients } from './service-admins';

export type ApplyEvent =
  | { readonly type: 'start' | 'done'; readonly step: Step; readonly message: string }
  | { readonly type: 'note'; readonly message: string };

export interface ApplyOptions {
  /** Progress, for the CLI's task list. */
  readonly onEvent?: (event: ApplyEvent) => void;
  /** Where to record account and OU IDs. @default - not recorded */
  readonly lockFile?: string;
  /** How often to poll an account creation. @default 2000 */
  readonly pollMs?: number;
  /** Account creations in flight at once (AWS allows 5). @default 5 */
  readonly maxAccountCreations?: number;
  /** Other steps in flight at once. @default 4 */
  readonly concurrency?: number;
  /** Who applies, recorded in the lease. @default 'landfall' */
  readonly holder?: string;
  /** How long the lease lasts without a refresh. @default 15 minutes */
  readonly leaseTtlMs?: number;
  /** Whether another holder's unexpired lease is known to be abandoned (its process is gone). @default - never */
  readonly isAbandoned?: (lease: Lease) => boolean;
  /** Retries of transient errors (throttling, server faults, concurrent modification). */
  readonly retry?: RetryOptions;
  /**
   * GuardDuty, Security Hub and Macie, which designate their administrator through
   * their own API. @default - their clients in each Region, with the Organizations
   * client's endpoint override and credentials
   */
  readonly serviceAdmins?: ServiceAdminApi;
  /**
   * Renames a member account in AWS (AWS Account Management's PutAccountName). @default - an Account Management
   * client with the Organizations client's endpoint override and credentials
   */
  readonly accountNames?: AccountNameApi;
  /** Test hook: stop at a step boundary after this many steps, as if the process were killed there. */
  readonly stopAfterSteps?: number;
  /**
   * What the plan may destroy, by name: accounts to close (account name), OUs to delete (path), policies to delete
   * (name). A plan that destroys anything not named here is refused before anything is applied. @default - nothing
   */
  readonly allowDestroy?: readonly string[];
}

/** What renames a member account in AWS. */
export interface AccountNameApi {
  rename(accountId: string, name: string): Promise<void>;
}

/** PutAccountName from the management account (it needs trusted access for account.amazonaws.com). */
export class AccountNameClient implements AccountNameApi {
  private readonly client;

  constructor(
    client: OrganizationsClient,
    private readonly retry: RetryOptions = {},
  ) {
    this.client = createAccountClient(serviceClientOptions(client));
  }

  public async rename(accountId: string, name: string): Promise<void> {
    await withRetry(
      () => this.client.send(new PutAccountNameCommand({ AccountId: accountId, AccountName: name })),
      this.retry,
    );
  }
}

/** The organization's management account is not the definition's. */
export class ManagementAccountMismatch extends Error {
  constructor(
    public readonly live: string,
    public readonly defined: string,
  ) {
    super(
      `the organization's management account has the email ${live}, but the definition says ${defined} — if this is the right organization, put ${live} in the definition (Landfall never changes the management account); otherwise use the credentials of the organization the definition describes`,
    );
    this.name = 'ManagementAccountMismatch';
  }
}

/** The plan destroys what `allowDestroy` does not name: nothing was applied. */
export class DestroyRefused extends Error {
  constructor(public readonly steps: readonly Step[]) {
    super(
      `the plan destroys ${steps.map((s) => destroyedBy(s)).join(', ')}, which it was not allowed to: nothing was applied`,
    );
    this.name = 'DestroyRefused';
  }
}

/** The steps of a plan that destroy something `allowDestroy` does not name. */
export function refusedDestruction(plan: Plan, allowDestroy: readonly string[] = []): Step[] {
  return plan.steps.filter((s) => {
    const name = destroyedBy(s);
    return name !== undefined && !allowDestroy.includes(name);
  });
}

/** Thrown by `stopAfterSteps`: the run stopped at a step boundary. */
export class Interrupted extends Error {
  constructor(public readonly completed: number) {
    super(`stopped after ${completed} steps`);
    this.name = 'Interrupted';
  }
}

/** An account creation AWS refused asynchronously. */
export class AccountCreationFailed extends Error {
  constructor(
    public readonly account: string,
    public readonly reason: string,
  ) {
    super(`account ${account} could not be created: ${reason}`);
    this.name = 'AccountCreationFailed';
  }
}

/**
 * Carries out a plan: phase by phase (organization, policy types, OUs level by
 * level, accounts, policies, attachments, trusted access, delegated
 * administrators, the administrators services designate per Region), concurrent
 * within AWS's limits. Every "already exists / already attached / already
 * enabled" answer counts as done, so a run stopped at any point and started
 * again converges.
 */
export async function applyPlan(
  plan: Plan,
  client: OrganizationsClient,
  options: ApplyOptions = {},
): Promise<LockFile> {
  // Destruction is never implicit: refused before anything is read or written.
  const refused = refusedDestruction(plan, options.allowDestroy);
  if (refused.length > 0) throw new DestroyRefused(refused);
  const send = retryingSend(client, options.retry);
  const sendOnce = client.send.bind(client) as Send;
  const emit = options.onEvent ?? (() => undefined);
  const ouIds = new Map(plan.live.ouIds);
  const accountIds = new Map<string, string>();
  const emails = new Map(plan.desired.accounts.map((a) => [a.email.toLowerCase(), a.name]));
  for (const account of plan.live.accounts) {
    const name = emails.get(account.email.toLowerCase());
    if (name) accountIds.set(name, account.id);
  }
  const policyIds = new Map([...plan.live.policies].map(([name, p]) => [name, p.id]));
  let organizationId = plan.live.id;
  const lock: LockFile = options.lockFile ? readLockFile(options.lockFile) : { accounts: {}, ous: {} };
  const definedOus = new Set(['Root', ...plan.desired.ous.map((o) => o.path)]);
  // A lock file of an older version recorded every OU of the organization: only the definition's are kept.
  const ownOus = (lock.version ?? 1) >= LOCK_FILE_VERSION ? lock.ous : {};
  const closedIds = new Set((plan.live.closedAccounts ?? []).map((a) => a.id));
  // Closed accounts and deleted OUs leave the lock file (also those a stopped run closed or deleted before recording).
  const closedByRun = new Set<string>();
  const deletedPaths = new Set<string>();
  // Renamed accounts, old name → new: the lock file follows each once its rename ran (until then it keeps the old).
  const renamed = new Map<string, string>();
  const record = () => {
    if (!options.lockFile) return;
    const renaming = new Set(
      plan.steps.flatMap((s) => (s.kind === 'rename-account' && !renamed.has(s.fromName) ? [s.name] : [])),
    );
    // A renamed account leaves the lock file under its old name once its rename ran, and enters it under the new one.
    const fromLock = Object.entries(lock.accounts).filter(([name]) => !renamed.has(name));
    const fromRun = [...accountIds].filter(([name]) => !renaming.has(name));
    const accounts = Object.fromEntries(
      [...fromLock, ...fromRun].filter(
        ([name, id]) => !closedByRun.has(id) && (accountIds.get(name) === id || !closedIds.has(id)),
      ),
    );
    // What deployments recorded under a closed account's name leaves with it (its name may be another's now).
    const closedNames = new Set(
      Object.entries(lock.accounts).flatMap(([name, id]) =>
        closedByRun.has(id) || (closedIds.has(id) && accountIds.get(name) !== id) ? [name] : [],
      ),
    );
    const ous = Object.fromEntries(
      Object.entries({ ...ownOus, ...Object.fromEntries([...ouIds].filter(([path]) => definedOus.has(path))) }).filter(
        ([path]) => !deletedPaths.has(path) && ouIds.has(path),
      ),
    );
    writeLockFile(options.lockFile, {
      // What `landfall deploy` recorded (network, logging) stays as it is, but for renamed accounts' keys.
      ...renamedInLock(lock, renamed, closedNames),
      version: LOCK_FILE_VERSION,
      organizationId,
      accounts,
      // The definition's OUs (what Landfall may later delete), and the root: Security Hub's organization-wide
      // policy is associated with it.
      ous,
    });
  };

  let completed = 0;
  const stopping = () => options.stopAfterSteps !== undefined && completed >= options.stopAfterSteps;
  const run = async (step: Step, work: () => Promise<void>) => {
    if (stopping()) return;
    emit({ type: 'start', step, message: describeStep(step) });
    await work();
    completed++;
    emit({ type: 'done', step, message: describeStep(step) });
  };
  const checkpoint = () => {
    if (stopping()) throw new Interrupted(completed);
  };
  const of = <K extends Step['kind']>(kind: K) =>
    plan.steps.filter((s): s is Extract<Step, { kind: K }> => s.kind === kind);

  // 1. The organization, and the lease on its root.
  for (const step of of('create-organization')) {
    await run(step, async () => {
      try {
        await send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
      } catch (e) {
        if (!isError(e, 'AlreadyInOrganizationException')) throw e;
      }
    });
  }
  checkpoint();
  const organization = (await send(new DescribeOrganizationCommand({}))).Organization!;
  organizationId = organization.Id;
  // An organization this run created belongs to the caller: if its email is not the definition's management account's,
  // these are another account's credentials. Stop before anything is made in it.
  const managementEmail = organization.MasterAccountEmail;
  if (managementEmail && managementEmail.toLowerCase() !== plan.desired.managementAccount.email.toLowerCase()) {
    throw new ManagementAccountMismatch(managementEmail, plan.desired.managementAccount.email);
  }
  // The caller's account is the management account: its stacks need its ID too.
  if (organization.MasterAccountId) accountIds.set(plan.desired.managementAccount.name, organization.MasterAccountId);
  const rootId = (await send(new ListRootsCommand({}))).Roots![0].Id!;
  ouIds.set('Root', rootId);
  const lease = await acquireLease(
    send,
    rootId,
    options.holder ?? 'landfall',
    options.leaseTtlMs ?? 15 * 60_000,
    options.isAbandoned,
  );
  const refresher = setInterval(
    () => void lease.refresh().catch(() => undefined),
    (options.leaseTtlMs ?? 15 * 60_000) / 3,
  );
  try {
    record();
    // 2. Policy types.
    await pool(of('enable-policy-type'), options.concurrency ?? 4, (step) =>
      run(step, async () => {
        try {
          await send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: step.policyType }));
        } catch (e) {
          if (!isError(e, 'PolicyTypeAlreadyEnabledException')) throw e;
        }
      }),
    );
    checkpoint();

    // 3. OUs: renamed ones (parents first, as planned), then new ones, parents before children.
    for (const step of of('rename-ou')) {
      await run(step, async () => {
        await send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: step.ouId, Name: step.name }));
      });
    }
    checkpoint();
    const ouSteps = of('create-ou');
    for (const depth of [...new Set(ouSteps.map((s) => s.path.split('/').length))].sort()) {
      await pool(
        ouSteps.filter((s) => s.path.split('/').length === depth),
        options.concurrency ?? 4,
        (step) =>
          run(step, async () => {
            const parentId = ouIds.get(step.parentPath)!;
            try {
              ouIds.set(
                step.path,
                (await send(new CreateOrganizationalUnitCommand({ ParentId: parentId, Name: step.name })))
                  .OrganizationalUnit!.Id!,
              );
            } catch (e) {
              if (!isError(e, 'DuplicateOrganizationalUnitException')) throw e;
              const siblings = await paginate(
                (NextToken) => send(new ListOrganizationalUnitsForParentCommand({ ParentId: parentId, NextToken })),
                (r) => r.OrganizationalUnits,
              );
              ouIds.set(step.path, siblings.find((o) => o.Name === step.name)!.Id!);
            }
          }),
      );
      checkpoint();
    }
    record();

    // 4. Accounts: at most five creations in flight, each moved into its OU once it exists.
    const moveInto = async (name: string, fromId: string, toPath: string) => {
      if (ouIds.get(toPath) === fromId) return;
      try {
        await send(
          new MoveAccountCommand({
            AccountId: accountIds.get(name)!,
            SourceParentId: fromId,
            DestinationParentId: ouIds.get(toPath)!,
          }),
        );
      } catch (e) {
        if (!isError(e, 'DuplicateAccountException')) throw e;
      }
    };
    const finish = async (name: string, requestId: string, ouPath: string) => {
      for (;;) {
        const status = (await send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: requestId })))
          .CreateAccountStatus!;
        if (status.State === 'SUCCEEDED') {
          accountIds.set(name, status.AccountId!);
          record();
          break;
        }
        if (status.State === 'FAILED') throw new AccountCreationFailed(name, status.FailureReason ?? 'unknown');
        await sleep(options.pollMs ?? 2000);
      }
      await moveInto(name, rootId, ouPath);
    };
    // Creations a stopped run left running take their slots in AWS's limit of five first.
    const creations = [...of('await-account'), ...of('create-account')];
    // One fresh look before creating anything guards a stale plan; after that, only failures re-check.
    const known = of('create-account').length > 0 ? await accountsAndCreations(send) : undefined;
    await pool(creations, options.maxAccountCreations ?? 5, (step) =>
      run(step, async () => {
        if (step.kind === 'await-account') return finish(step.name, step.requestId, step.ouPath);
        const created = await createAccountOnce(sendOnce, send, step.name, step.email, known!);
        if ('requestId' in created) return finish(step.name, created.requestId, step.ouPath);
        // It exists already (a stale plan, or another client): adopt it and move it where it belongs.
        accountIds.set(step.name, created.accountId);
        record();
        await moveInto(step.name, created.parentId, step.ouPath);
      }),
    );
    checkpoint();
    await pool(of('move-account'), options.concurrency ?? 4, (step) =>
      run(step, async () => {
        if (!accountIds.has(step.name)) {
          const listed = await paginate(
            (NextToken) => send(new ListAccountsCommand({ NextToken })),
            (r) => r.Accounts,
          );
          const email = plan.desired.accounts.find((a) => a.name === step.name)!.email.toLowerCase();
          accountIds.set(step.name, listed.find((a) => a.Email?.toLowerCase() === email)!.Id!);
        }
        await moveInto(step.name, ouIds.get(step.fromPath) ?? step.fromPath, step.toPath);
      }),
    );
    checkpoint();
    record();

    // 5. Policies.
    const desiredPolicy = (name: string) => plan.desired.policies.find((p) => p.name === name)!;
    await pool([...of('create-policy'), ...of('update-policy')], options.concurrency ?? 4, (step) =>
      run(step, async () => {
        const policy = desiredPolicy(step.name);
        if (step.kind === 'update-policy') {
          const PolicyId = policyIds.get(step.fromName ?? step.name)!;
          await send(
            new UpdatePolicyCommand({
              PolicyId,
              ...(step.fromName ? { Name: step.name } : {}),
              Content: policy.content,
              Description: policy.description,
            }),
          );
          policyIds.set(step.name, PolicyId);
          return;
        }
        try {
          const created = await send(
            new CreatePolicyCommand({
              Name: policy.name,
              Type: policy.type,
              Content: policy.content,
              Description: policy.description,
            }),
          );
          policyIds.set(policy.name, created.Policy!.PolicySummary!.Id!);
        } catch (e) {
          if (!isError(e, 'DuplicatePolicyException')) throw e;
          const existing = await paginate(
            (NextToken) => send(new ListPoliciesCommand({ Filter: policy.type, NextToken })),
            (r) => r.Policies,
          );
          const found = existing.find((p) => p.Name === policy.name)!;
          policyIds.set(policy.name, found.Id!);
          await send(
            new UpdatePolicyCommand({ PolicyId: found.Id, Content: policy.content, Description: policy.description }),
          );
        }
      }),
    );
    checkpoint();

    // 6. Attachments: one at a time per target (AWS answers ConcurrentModification otherwise), targets in parallel.
    const attachments = [...of('attach-policy'), ...of('detach-policy')];
    const targets = [...new Set(attachments.map((s) => s.target))];
    await pool(targets, options.concurrency ?? 4, async (target) => {
      for (const step of attachments.filter((s) => s.target === target)) {
        await run(step, async () => {
          const TargetId =
            ouIds.get(step.target) ?? accountIds.get(step.target.replace(/^account:/, '')) ?? step.target;
          const PolicyId = policyIds.get(step.name)!;
          try {
            await send(
              step.kind === 'attach-policy'
                ? new AttachPolicyCommand({ PolicyId, TargetId })
                : new DetachPolicyCommand({ PolicyId, TargetId }),
            );
          } catch (e) {
            if (isError(e, 'DuplicatePolicyAttachmentException', 'PolicyNotAttachedException')) return;
            // A policy deleted by an earlier run that stopped before it said so.
            if (step.kind === 'detach-policy' && isError(e, 'PolicyNotFoundException')) return;
            if (
              isError(e, 'ConstraintViolationException') &&
              reasonOf(e) === 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED'
            ) {
              emit({
                type: 'note',
                message: `left ${step.name} attached to ${step.target}: it is the target's last ${step.policyType}`,
              });
              return;
            }
            throw e;
          }
        });
      }
    });
    checkpoint();

    // 6b. Policies no longer generated, detached above: deleted (allowed by name).
    for (const step of of('delete-policy')) {
      await run(step, async () => {
        try {
          await send(new DeletePolicyCommand({ PolicyId: policyIds.get(step.name)! }));
        } catch (e) {
          if (isError(e, 'PolicyInUseException')) {
            emit({
              type: 'note',
              message: `kept ${step.name}: it is still attached where AWS keeps it as the last policy of its type (see above)`,
            });
            return;
          }
          if (!isError(e, 'PolicyNotFoundException')) throw e;
        }
        policyIds.delete(step.name);
      });
    }
    checkpoint();

    // 7. Trusted access, delegated administrators, and the administrators services designate themselves.
    const ctx: PhaseContext = {
      send,
      concurrency: options.concurrency ?? 4,
      accountIds,
      stepsOf: of,
      run,
      checkpoint,
    };
    await applyServices(
      ctx,
      options.serviceAdmins ?? new ServiceAdminClients(serviceClientOptions(client), options.retry),
    );
    record();

    // 8. Accounts and OUs no longer in the definition (allowed by name): accounts closed, then empty OUs deleted,
    // deepest first. AWS keeps a closed account, in its OU, for 90 days; CloseAccount is asynchronous.
    for (const step of of('close-account')) {
      await run(step, async () => {
        try {
          await send(new CloseAccountCommand({ AccountId: step.accountId }));
        } catch (e) {
          if (!isError(e, 'AccountAlreadyClosedException')) throw e;
        }
        closedByRun.add(step.accountId);
        record();
      });
    }
    for (const step of of('delete-ou')) {
      await run(step, async () => {
        try {
          await send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: step.ouId }));
        } catch (e) {
          if (!isError(e, 'OrganizationalUnitNotFoundException')) throw e;
        }
        deletedPaths.add(step.path);
        ouIds.delete(step.path);
        record();
      });
    }
    // 9. Accounts renamed in the definition: in AWS too when their AWS name was the old one. After the closures, so
    // that an account closed leaves the lock file before another renamed to its name enters it. The lock file follows
    // all of them at once, after the last: renames may swap or chain names (a → b, b → a), and a lock file with
    // half of them would file an account under another's name. Until then it keeps the old names, and a run
    // started again plans the renames still missing from the lock file (those done in AWS only as lock-file ones).
    const accountNames = options.accountNames ?? new AccountNameClient(client, options.retry);
    const renames = of('rename-account');
    let renamesDone = 0;
    await pool(renames, options.concurrency ?? 4, (step) =>
      run(step, async () => {
        if (step.inAws) await accountNames.rename(step.accountId, step.name);
        renamesDone++;
      }),
    );
    if (renames.length > 0 && renamesDone === renames.length) {
      for (const step of renames) renamed.set(step.fromName, step.name);
      record();
    }
    checkpoint();
  } finally {
    clearInterval(refresher);
    await lease.release().catch(() => undefined);
  }
  return {
    organizationId,
    accounts: Object.fromEntries(accountIds),
    ous: Object.fromEntries(ouIds),
  };
}

interface KnownAccounts {
  /** Email (lower case) → account ID. */
  readonly byEmail: ReadonlyMap<string, string>;
  /** Account name → request ID of a creation under way. */
  readonly creating: ReadonlyMap<string, string>;
}

async function accountsAndCreations(send: Send): Promise<KnownAccounts> {
  const accounts = await paginate(
    (NextToken) => send(new ListAccountsCommand({ NextToken })),
    (r) => r.Accounts,
  );
  const byEmail = new Map(accounts.map((a) => [a.Email!.toLowerCase(), a.Id!]));
  const running = await paginate(
    (NextToken) => send(new ListCreateAccountStatusCommand({ States: ['IN_PROGRESS'], NextToken })),
    (r) => r.CreateAccountStatuses,
  );
  return { byEmail, creating: new Map(running.map((r) => [r.AccountName!, r.Id!])) };
}

/**
 * CreateAccount has no idempotency token: a retry after a lost answer, or a stale
 * plan, could make a second account. So the call is sent once per attempt, and
 * before each attempt the organization is checked for an account with the email
 * and a creation of the same name under way (from a snapshot taken when the
 * account phase began, then afresh after any failed attempt).
 */
async function createAccountOnce(
  sendOnce: Send,
  send: Send,
  name: string,
  email: string,
  snapshot: KnownAccounts,
): Promise<{ requestId: string } | { accountId: string; parentId: string }> {
  let known = snapshot;
  for (let attempt = 1; ; attempt++) {
    const existing = known.byEmail.get(email.toLowerCase());
    if (existing) {
      return {
        accountId: existing,
        parentId: (await send(new ListParentsCommand({ ChildId: existing }))).Parents![0].Id!,
      };
    }
    const creating = known.creating.get(name);
    if (creating) return { requestId: creating };
    try {
      return {
        requestId: (await sendOnce(new CreateAccountCommand({ AccountName: name, Email: email }))).CreateAccountStatus!
          .Id!,
      };
    } catch (e) {
      if (
        !isError(e, 'ConcurrentModificationException', 'TooManyRequestsException', 'ServiceException') ||
        attempt >= 20
      ) {
        throw e;
      }
      await sleep(Math.random() * Math.min(5000, 100 * 2 ** attempt));
      known = await accountsAndCreations(send);
    }
  }
}
