import { PolicyType } from '@landfall/guardrails';
import { structuredPatch } from 'diff';
import { DesiredOrganization } from './desired';
import { LiveOrganization, serviceAdminKey } from './live';
import { AdminService, SERVICE_ADMIN_APIS } from './service-admins';

/** One change to the organization. Steps name things by path and name; IDs are resolved when they run. */
export type Step =
  | { readonly kind: 'create-organization' }
  | { readonly kind: 'enable-policy-type'; readonly policyType: PolicyType }
  | { readonly kind: 'create-ou'; readonly path: string; readonly name: string; readonly parentPath: string }
  /** An OU renamed in the definition: UpdateOrganizationalUnit, its ID, policies and accounts unchanged. */
  | {
      readonly kind: 'rename-ou';
      readonly fromPath: string;
      readonly path: string;
      readonly name: string;
      readonly ouId: string;
    }
  | { readonly kind: 'create-account'; readonly name: string; readonly email: string; readonly ouPath: string }
  | { readonly kind: 'await-account'; readonly name: string; readonly requestId: string; readonly ouPath: string }
  | { readonly kind: 'move-account'; readonly name: string; readonly fromPath: string; readonly toPath: string }
  /**
   * An account the lock file records under another name, the definition's email unchanged: the lock file follows
   * (and keeps the name its stacks were deployed under), and PutAccountName renames it in AWS when its AWS name was
   * the old one.
   */
  | {
      readonly kind: 'rename-account';
      readonly name: string;
      readonly fromName: string;
      readonly accountId: string;
      /** Whether its AWS account name changes too (it was `fromName`); otherwise its AWS name stays as it is. */
      readonly inAws: boolean;
      /** The organization's management account: renamed in the lock file only (Landfall never changes it in AWS). */
      readonly management?: boolean;
      /** Its AWS account name, when that does not change (`inAws` false): already the new one, or another. */
      readonly awsName?: string;
    }
  | { readonly kind: 'create-policy'; readonly name: string; readonly policyType: PolicyType }
  | {
      readonly kind: 'update-policy';
      readonly name: string;
      readonly policyType: PolicyType;
      /**
       * The policy's live name, when it changes: the guardrails name a policy after the OU it is attached to, so an
       * OU renamed renames its policies (UpdatePolicy, same ID and attachments).
       */
      readonly fromName?: string;
      /** What changes: the content as a line diff, and the description. */
      readonly diff: PolicyDiff;
    }
  | { readonly kind: 'attach-policy'; readonly name: string; readonly policyType: PolicyType; readonly target: string }
  | { readonly kind: 'detach-policy'; readonly name: string; readonly policyType: PolicyType; readonly target: string }
  | { readonly kind: 'delete-policy'; readonly name: string; readonly policyType: PolicyType }
  | { readonly kind: 'close-account'; readonly name: string; readonly accountId: string; readonly email: string }
  | { readonly kind: 'delete-ou'; readonly path: string; readonly ouId: string }
  | { readonly kind: 'enable-trusted-access'; readonly servicePrincipal: string }
  | { readonly kind: 'register-delegated-admin'; readonly accountName: string; readonly servicePrincipal: string }
  | {
      readonly kind: 'enable-service-admin';
      readonly service: AdminService;
      readonly region: string;
      readonly accountName: string;
    };

export type StepKind = Step['kind'];

/** Steps that destroy: `apply` runs them only when `allowDestroy` names them. */
export const DESTRUCTIVE_KINDS: readonly StepKind[] = ['delete-policy', 'close-account', 'delete-ou'];

/** The name `--allow-destroy` takes for a destructive step (account name, OU path, policy name); else undefined. */
export function destroyedBy(step: Step): string | undefined {
  switch (step.kind) {
    case 'delete-policy':
    case 'close-account':
      return step.name;
    case 'delete-ou':
      return step.path;
    default:
      return undefined;
  }
}

/** What Landfall recorded as its own (accounts.lock.json): what leaves the definition is what it may destroy. */
export interface RecordedIds {
  /** The lock file's version: before 2, it recorded every OU, so its OUs are not taken as Landfall's. */
  readonly version?: number;
  readonly organizationId?: string;
  readonly accounts?: Readonly<Record<string, string>>;
  readonly ous?: Readonly<Record<string, string>>;
  /** Account name → the name its stacks carry, for accounts renamed before (see `LockFile.stackPrefixes`). */
  readonly stackPrefixes?: Readonly<Record<string, string>>;
}

/** The service principal PutAccountName needs trusted access for (renaming a member account). */
export const ACCOUNT_MANAGEMENT_PRINCIPAL = 'account.amazonaws.com';

/** A policy update, readable: its content pretty-printed and diffed line by line, and its description. */
export interface PolicyDiff {
  /**
   * The hunks of a unified diff of the live content against the generated one, both pretty-printed JSON: each
   * hunk's header (`@@ -3,7 +3,8 @@`), then its lines, each starting with `-` (only live), `+` (only generated)
   * or a space (context). Empty when only the description changes.
   */
  readonly content: readonly string[];
  /** The description, when it changes. */
  readonly description?: { readonly from: string; readonly to: string };
}

/** Lines of context around each change in a policy diff. */
const DIFF_CONTEXT = 2;

/** The readable difference between a live policy and the generated one. */
export function diffPolicy(
  live: { readonly content: string; readonly description: string },
  generated: { readonly content: string; readonly description: string },
): PolicyDiff {
  const patch = structuredPatch('live', 'generated', pretty(live.content), pretty(generated.content), '', '', {
    context: DIFF_CONTEXT,
  });
  const content = patch.hunks.flatMap((h) => [
    `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`,
    ...h.lines.filter((l) => !l.startsWith('\\')),
  ]);
  return live.description === generated.description
    ? { content }
    : { content, description: { from: live.description, to: generated.description } };
}

/** Policy JSON with one key per line, so that a diff names what changed; anything else as it is. */
function pretty(content: string): string {
  try {
    return JSON.stringify(JSON.parse(content), undefined, 2) + '\n';
  } catch {
    return content.endsWith('\n') ? content : `${content}\n`;
  }
}

/** The changes, in the order they run, and what the plan will not touch. */
export interface Plan {
  readonly steps: readonly Step[];
  /** Things that block applying, with what to do. */
  readonly conflicts: readonly string[];
  /** Things in the organization that the definition does not mention: left alone. */
  readonly unmanaged: readonly string[];
  readonly desired: DesiredOrganization;
  /** The live organization, its OU paths as they are once the plan's OU renames ran (IDs do not change). */
  readonly live: LiveOrganization;
}

/**
 * Compares the definition with the live organization. Pure: reads and writes nothing. An account or OU that
 * `recorded` (the lock file) names but the definition no longer has is planned for destruction (closed, deleted);
 * anything else the definition does not mention is left alone.
 */
export function planChanges(desired: DesiredOrganization, found: LiveOrganization, given: RecordedIds = {}): Plan {
  const steps: Step[] = [];
  const conflicts: string[] = [];
  const unmanaged: string[] = [];
  // A lock file of another organization names nothing here: it is a conflict, and destroys nothing.
  const otherOrganization = given.organizationId && found.id && given.organizationId !== found.id;
  if (otherOrganization) {
    conflicts.push(
      `accounts.lock.json records organization ${given.organizationId}, but these credentials reach ${found.id} — pass this organization's lock file (--lock-file), or the credentials of ${given.organizationId}`,
    );
  }
  const lockedOus = otherOrganization || (given.version ?? 1) < 2 ? {} : (given.ous ?? {});
  // OUs renamed in the definition: from here on, the plan sees the organization with their new paths.
  const renamed = planOuRenames(desired, found, lockedOus);
  const live: LiveOrganization = { ...found, ouIds: renamed.ouIds };
  const recorded: RecordedIds = otherOrganization
    ? {}
    : {
        accounts: given.accounts,
        stackPrefixes: given.stackPrefixes,
        ous: Object.fromEntries(Object.entries(lockedOus).map(([path, id]) => [renamed.pathOf(path), id])),
      };
  if (!live.exists) steps.push({ kind: 'create-organization' });

  for (const policyType of desired.policyTypes) {
    if (!live.enabledPolicyTypes.includes(policyType)) steps.push({ kind: 'enable-policy-type', policyType });
  }

  steps.push(...renamed.steps);
  for (const ou of desired.ous) {
    if (!live.ouIds.has(ou.path)) {
      steps.push({ kind: 'create-ou', path: ou.path, name: ou.name, parentPath: ou.parentPath });
    }
  }
  const desiredPaths = new Set(['Root', ...desired.ous.map((o) => o.path)]);
  const recordedOus = new Set(Object.keys(recorded.ous ?? {}));
  for (const path of live.ouIds.keys()) {
    if (!desiredPaths.has(path) && !recordedOus.has(path)) unmanaged.push(`OU ${path}`);
  }

  // The management account is the organization's own: Landfall never changes it, so a different email means the
  // definition is out of date, or these credentials reach another organization. Either way, nothing is applied.
  const management = live.accounts.find((a) => a.id === live.managementAccountId);
  if (management && management.email.toLowerCase() !== desired.managementAccount.email.toLowerCase()) {
    conflicts.push(
      `management account: the organization's management account ${management.name} (${management.id}) has the email ${management.email}, but the definition says ${desired.managementAccount.email} for ${desired.managementAccount.name} — if this is the right organization, put ${management.email} in the definition (Landfall never changes the management account); otherwise use the credentials of the organization the definition describes`,
    );
  }

  const pathOf = new Map([...live.ouIds].map(([path, id]) => [id, path]));
  const byEmail = new Map(live.accounts.map((a) => [a.email.toLowerCase(), a]));
  const recordedName = new Map(Object.entries(recorded.accounts ?? {}).map(([name, id]) => [id, name]));
  const renames: Step[] = [];
  // Live accounts the definition names by email: whatever another definition account's name says, they are these.
  // The management account is one of them (it is matched by ID, and its email must be the definition's).
  const accountsByEmail = [...desired.accounts, desired.managementAccount];
  const claimed = new Set(accountsByEmail.flatMap((a) => byEmail.get(a.email.toLowerCase())?.id ?? []));
  // Names whose stacks exist under another account's name, once this plan's renames are made: CloudFormation cannot
  // rename a stack, so an account renamed keeps its stacks' names (`stackPrefixes`), and no new account may take them.
  const renamedFrom = new Map<string, string>();
  for (const account of accountsByEmail) {
    const existing = byEmail.get(account.email.toLowerCase());
    const fromName = existing && recordedName.get(existing.id);
    if (fromName !== undefined && fromName !== account.name) renamedFrom.set(fromName, account.name);
  }
  const prefixOwner = new Map<string, string>();
  const prefixOf = (name: string) => recorded.stackPrefixes?.[name] ?? name;
  // Only the prefixes of accounts the definition keeps: an account removed (to be closed) takes its stacks with it.
  const keptNames = new Set(accountsByEmail.map((a) => a.name));
  for (const [name, prefix] of Object.entries(recorded.stackPrefixes ?? {})) {
    if (!renamedFrom.has(name) && keptNames.has(name)) prefixOwner.set(prefix, name);
  }
  for (const [from, to] of renamedFrom) if (prefixOf(from) !== to) prefixOwner.set(prefixOf(from), to);
  for (const account of desired.accounts) {
    const existing = byEmail.get(account.email.toLowerCase());
    if (existing) {
      // Identity is the email; the lock file's name for the account tells a rename from an adoption.
      const fromName = recordedName.get(existing.id);
      if (fromName !== undefined && fromName !== account.name) {
        renames.push({
          kind: 'rename-account',
          name: account.name,
          fromName,
          accountId: existing.id,
          inAws: existing.name === fromName,
          ...(existing.name === fromName ? {} : { awsName: existing.name }),
        });
      }
      const from = pathOf.get(existing.parentId) ?? existing.parentId;
      if (from !== account.ouPath) {
        steps.push({ kind: 'move-account', name: account.name, fromPath: from, toPath: account.ouPath });
      }
      continue;
    }
    // Not found by email, but recorded by name: the same account, its email changed in the definition only.
    const recordedId = recorded.accounts?.[account.name];
    const same = recordedId === undefined ? undefined : live.accounts.find((a) => a.id === recordedId);
    const owner = prefixOwner.get(account.name);
    if (owner !== undefined && owner !== account.name) {
      conflicts.push(
        `account ${account.name}: a new account cannot take this name: account ${owner}'s stacks are named ${account.name}-* (its name when they were deployed; CloudFormation cannot rename a stack) — give the new account another name`,
      );
      continue;
    }
    if (same && !claimed.has(same.id)) {
      conflicts.push(
        `account ${account.name} (${same.id}): its email is ${same.email}, but the definition says ${account.email} — AWS changes an account's primary email only once a code sent to the new address is confirmed (aws account start-primary-email-update --account-id ${same.id} --primary-email ${account.email}, then accept-primary-email-update); do that and plan again, or put ${same.email} back in the definition`,
      );
      continue;
    }
    const sameName = live.accounts.find((a) => a.name === account.name && !claimed.has(a.id));
    if (sameName) {
      conflicts.push(
        `account ${account.name}: the organization has an account of that name with email ${sameName.email}, but the definition says ${account.email} — put the account's real email in the definition, or rename one of them`,
      );
      continue;
    }
    const pending = live.pendingCreations.find((p) => p.name === account.name);
    steps.push(
      pending
        ? { kind: 'await-account', name: account.name, requestId: pending.requestId, ouPath: account.ouPath }
        : { kind: 'create-account', name: account.name, email: account.email, ouPath: account.ouPath },
    );
  }
  // The management account renamed in the definition: the lock file follows, so that its stacks keep their names;
  // its AWS name stays as it is, as everything else about the management account.
  const managementFrom = management && recordedName.get(management.id);
  if (
    management &&
    managementFrom !== undefined &&
    managementFrom !== desired.managementAccount.name &&
    management.email.toLowerCase() === desired.managementAccount.email.toLowerCase()
  ) {
    renames.push({
      kind: 'rename-account',
      name: desired.managementAccount.name,
      fromName: managementFrom,
      accountId: management.id,
      inAws: false,
      management: true,
    });
  }
  steps.push(...renames);
  const desiredEmails = new Set(
    [desired.managementAccount.email, ...desired.accounts.map((a) => a.email)].map((e) => e.toLowerCase()),
  );
  // Accounts Landfall made (recorded) that the definition no longer has: closed, never implicitly (see apply).
  // By ID: an account removed from the definition is closed even when another account is renamed to its name.
  const desiredByName = new Map(desired.accounts.map((a) => [a.name, a]));
  const closing: Step[] = [];
  const leaving = new Set<string>();
  for (const [name, id] of Object.entries(recorded.accounts ?? {})) {
    const account = live.accounts.find((a) => a.id === id);
    if (!account || id === live.managementAccountId) continue;
    // Still in the definition, under this name or another (same email): kept, or a rename.
    if (desiredEmails.has(account.email.toLowerCase())) continue;
    // Its name still in the definition, with an email no account has: this account, its email changed in the
    // definition only (a conflict above), not a removal.
    const namesake = desiredByName.get(name);
    if (namesake && !byEmail.has(namesake.email.toLowerCase())) continue;
    closing.push({ kind: 'close-account', name, accountId: id, email: account.email });
    leaving.add(id);
  }
  for (const account of live.accounts) {
    if (
      account.id !== live.managementAccountId &&
      !desiredEmails.has(account.email.toLowerCase()) &&
      !leaving.has(account.id)
    ) {
      unmanaged.push(`account ${account.name} (${account.id})`);
    }
  }
  for (const account of live.closedAccounts ?? []) {
    unmanaged.push(
      `account ${account.name} (${account.id}): closed (${account.status}); AWS removes it from the organization 90 days after its closure, and until then only AWS Support can reopen it`,
    );
  }

  const attach: Step[] = [];
  const detach: Step[] = [];
  const generatedNames = new Set(desired.policies.map((p) => p.name));
  const renamedPolicies = policyRenames(desired, live, pathOf, generatedNames);
  for (const policy of desired.policies) {
    const fromName = renamedPolicies.get(policy.name);
    const current = live.policies.get(fromName ?? policy.name);
    if (!current) {
      steps.push({ kind: 'create-policy', name: policy.name, policyType: policy.type });
    } else if (fromName || current.content !== policy.content || current.description !== policy.description) {
      steps.push({
        kind: 'update-policy',
        name: policy.name,
        policyType: policy.type,
        ...(fromName ? { fromName } : {}),
        diff: diffPolicy(current, policy),
      });
    }
    const attachedPaths = new Set((current?.targetIds ?? []).map((id) => pathOf.get(id) ?? id));
    for (const target of policy.targets) {
      if (!attachedPaths.has(target)) {
        attach.push({ kind: 'attach-policy', name: policy.name, policyType: policy.type, target });
      }
    }
    for (const target of attachedPaths) {
      if (!policy.targets.includes(target)) {
        detach.push({ kind: 'detach-policy', name: policy.name, policyType: policy.type, target });
      }
    }
  }
  const kept = new Set([...generatedNames, ...renamedPolicies.values()]);
  const deletions: Step[] = [];
  for (const [name, policy] of live.policies) {
    if (kept.has(name)) continue;
    // Detached as any attachment the guardrails no longer make; deleted only when apply is allowed to destroy it.
    for (const id of policy.targetIds) {
      detach.push({ kind: 'detach-policy', name, policyType: policy.type, target: pathOf.get(id) ?? id });
    }
    deletions.push({ kind: 'delete-policy', name, policyType: policy.type });
  }
  // Attach before detach, so a guardrail moving between targets never leaves a gap; delete once detached.
  steps.push(...attach, ...detach, ...deletions);

  // OUs Landfall made (recorded) that the definition no longer has, deepest first: deleted once empty. The accounts
  // the definition still has are moved out by this plan; closed ones stay in the OU for AWS's 90 days.
  const goneOus = Object.keys(recorded.ous ?? {})
    .filter((path) => path !== 'Root' && !desiredPaths.has(path) && live.ouIds.get(path) === recorded.ous![path])
    .sort((a, b) => b.split('/').length - a.split('/').length);
  const ouDeletions: Step[] = [];
  for (const path of goneOus) {
    const ouId = live.ouIds.get(path)!;
    const inOu = live.accounts.filter((a) => a.parentId === ouId);
    const foreign = inOu.filter((a) => !desiredEmails.has(a.email.toLowerCase()) && !leaving.has(a.id));
    const closed = [
      ...(live.closedAccounts ?? []).filter((a) => a.parentId === ouId),
      ...inOu.filter((a) => leaving.has(a.id)),
    ].map((a) => a.name);
    // Child OUs this plan does not delete (deeper ones come first) keep it.
    const children = [...live.ouIds.keys()].filter(
      (p) => p.startsWith(`${path}/`) && !ouDeletions.some((d) => d.kind === 'delete-ou' && d.path === p),
    );
    if (foreign.length > 0) {
      conflicts.push(
        `OU ${path} is no longer in the definition, but holds accounts Landfall does not manage (${foreign.map((a) => a.name).join(', ')}): move them out of it, or put the OU back in the definition`,
      );
    } else if (children.length > 0) {
      unmanaged.push(
        `OU ${path}, no longer in the definition: kept, because it holds OUs Landfall does not manage (${children.join(', ')})`,
      );
    } else if (closed.length > 0) {
      unmanaged.push(
        `OU ${path}, no longer in the definition: kept until its closed accounts (${closed.join(', ')}) leave the organization, 90 days after their closure; plan again then`,
      );
    } else {
      ouDeletions.push({ kind: 'delete-ou', path, ouId });
    }
  }
  steps.push(...closing, ...ouDeletions);

  // PutAccountName, for an account renamed in AWS too, needs trusted access for AWS Account Management.
  const renamesInAws = renames.some((r) => r.kind === 'rename-account' && r.inAws);
  const trusted = [...desired.trustedAccess, ...(renamesInAws ? [ACCOUNT_MANAGEMENT_PRINCIPAL] : [])];
  for (const servicePrincipal of new Set(trusted)) {
    if (!live.trustedAccess.includes(servicePrincipal)) steps.push({ kind: 'enable-trusted-access', servicePrincipal });
  }
  for (const admin of desired.delegatedAdmins) {
    const account = liveAccount(desired, live, admin.accountName);
    if (!account || !live.delegatedAdmins.includes(`${account.id}|${admin.servicePrincipal}`)) {
      steps.push({
        kind: 'register-delegated-admin',
        accountName: admin.accountName,
        servicePrincipal: admin.servicePrincipal,
      });
    }
  }
  const designations = planServiceAdmins(desired, live);
  steps.push(...designations.steps);
  conflicts.push(...designations.conflicts);
  return { steps, conflicts, unmanaged, desired, live };
}

/**
 * Generated policies that are live under another name (new name → live name): a live policy no longer generated,
 * of the same type, attached to exactly the generated one's targets (by ID, so an OU renamed in this plan counts as
 * its new path), when it is the only such pair.
 */
function policyRenames(
  desired: DesiredOrganization,
  live: LiveOrganization,
  pathOf: ReadonlyMap<string, string>,
  generated: ReadonlySet<string>,
): Map<string, string> {
  const targetsKey = (targets: Iterable<string>) => [...targets].sort().join('\n');
  const stale = [...live.policies].filter(([name, p]) => !generated.has(name) && p.targetIds.length > 0);
  const fresh = desired.policies.filter((p) => !live.policies.has(p.name));
  const candidatesOf = (policy: (typeof fresh)[number]) =>
    stale
      .filter(
        ([, p]) =>
          p.type === policy.type &&
          targetsKey(p.targetIds.map((id) => pathOf.get(id) ?? id)) === targetsKey(policy.targets),
      )
      .map(([name]) => name);
  const claims = fresh.map((policy) => ({ policy, candidates: candidatesOf(policy) }));
  const renames = new Map<string, string>();
  for (const { policy, candidates } of claims) {
    const [only] = candidates;
    if (candidates.length === 1 && claims.filter((c) => c.candidates.includes(only)).length === 1) {
      renames.set(policy.name, only);
    }
  }
  return renames;
}

const sameEmail = (a: { readonly email: string }, b: { readonly email: string }) =>
  a.email.toLowerCase() === b.email.toLowerCase();

/**
 * OUs renamed in the definition. A recorded OU (Landfall's, still live under the recorded ID) whose path the
 * definition no longer has is the same OU as a new one of the definition under the same parent when it is the only
 * such pair there, or else when it is the only one holding accounts the definition puts in the new OU. Parents go
 * first, so a renamed OU's children keep their IDs under its new path. Anything ambiguous stays a creation (and the
 * old OU a deletion, which apply runs only when allowed).
 */
function planOuRenames(desired: DesiredOrganization, live: LiveOrganization, recordedOus: Record<string, string>) {
  const ouIds = new Map(live.ouIds);
  const prefixes: Array<[from: string, to: string]> = [];
  const pathOf = (path: string) => {
    for (const [from, to] of prefixes) {
      if (path === from || path.startsWith(`${from}/`)) return to + path.slice(from.length);
    }
    return path;
  };
  const recordedIds = new Set(Object.values(recordedOus));
  const desiredPaths = new Set(desired.ous.map((o) => o.path));
  const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/'));
  const steps: Step[] = [];
  // Renamed, an OU keeps what it holds, and that takes the new OU's policies: only an OU that holds nothing but the
  // definition's accounts and Landfall's OUs is taken for a rename. Any other (an account Landfall does not manage,
  // one being closed, an OU it did not make) is left where it is, and planned as an OU gone from the definition.
  const definedEmails = new Set(desired.accounts.map((d) => d.email.toLowerCase()));
  const onlyLandfalls = (path: string, id: string) =>
    !live.accounts.some((a) => a.parentId === id && !definedEmails.has(a.email.toLowerCase())) &&
    !(live.closedAccounts ?? []).some((a) => a.parentId === id) &&
    [...ouIds].every(([p, childId]) => !p.startsWith(`${path}/`) || recordedIds.has(childId));
  for (const ou of desired.ous) {
    if (ouIds.has(ou.path) || !ouIds.has(ou.parentPath)) continue;
    const newHere = desired.ous.filter((o) => o.parentPath === ou.parentPath && !ouIds.has(o.path));
    // An OU whose accounts the definition puts elsewhere is not the new one under another name.
    const holdsOthers = (id: string) =>
      live.accounts.some(
        (a) => a.parentId === id && desired.accounts.some((d) => sameEmail(d, a) && d.ouPath !== ou.path),
      );
    const goneHere = [...ouIds].filter(
      ([path, id]) =>
        parentOf(path) === ou.parentPath &&
        !desiredPaths.has(path) &&
        recordedIds.has(id) &&
        !holdsOthers(id) &&
        onlyLandfalls(path, id),
    );
    let from: [string, string] | undefined;
    if (newHere.length === 1 && goneHere.length === 1) {
      from = goneHere[0];
    } else {
      const holding = goneHere.filter(([, id]) =>
        live.accounts.some((a) => a.parentId === id && desired.accounts.some((d) => sameEmail(d, a))),
      );
      if (holding.length === 1) from = holding[0];
    }
    if (!from) continue;
    const [fromPath, ouId] = from;
    steps.push({ kind: 'rename-ou', fromPath, path: ou.path, name: ou.name, ouId });
    for (const [path, id] of [...ouIds]) {
      if (path === fromPath || path.startsWith(`${fromPath}/`)) {
        ouIds.delete(path);
        ouIds.set(ou.path + path.slice(fromPath.length), id);
      }
    }
    prefixes.unshift([fromPath, ou.path]);
  }
  return { steps, ouIds: ouIds as ReadonlyMap<string, string>, pathOf };
}

/** The live account a desired account name stands for (matched by email, as everywhere). */
function liveAccount(desired: DesiredOrganization, live: LiveOrganization, name: string) {
  const email = desired.accounts.find((d) => d.name === name)?.email.toLowerCase();
  return live.accounts.find((a) => a.email.toLowerCase() === email);
}

/**
 * GuardDuty, Security Hub and Macie administrators, Region by Region. Another
 * account already designated is a conflict for the user to resolve: Landfall
 * never removes an administrator, and the services refuse a second one.
 */
function planServiceAdmins(desired: DesiredOrganization, live: LiveOrganization) {
  const steps: Step[] = [];
  const conflicts: string[] = [];
  const nameOf = (id: string) => {
    const name = live.accounts.find((a) => a.id === id)?.name;
    return name ? `${name} (${id})` : id;
  };
  for (const admin of desired.serviceAdmins) {
    const api = SERVICE_ADMIN_APIS[admin.service];
    const ours = liveAccount(desired, live, admin.accountName)?.id;
    let designating = false;
    for (const region of admin.regions) {
      const current = live.serviceAdmins?.get(serviceAdminKey(admin.service, region)) ?? [];
      const others = current.filter((a) => a.accountId !== ours);
      for (const other of others) {
        conflicts.push(
          `${api.name} in ${region}: account ${nameOf(other.accountId)} is its administrator (${other.status}), but the definition names ${admin.accountName} — Landfall does not replace an administrator: if ${admin.accountName} should administer ${api.name}, remove the current one from the management account (aws ${api.cli} disable-organization-admin-account --admin-account-id ${other.accountId} --region ${region}), then plan again`,
        );
      }
      if (others.length === 0 && !current.some((a) => a.accountId === ours && a.status === 'ENABLED')) {
        designating = true;
        steps.push({ kind: 'enable-service-admin', service: admin.service, region, accountName: admin.accountName });
      }
    }
    // The service also refuses while Organizations lists another account as its delegated administrator.
    const registered = live.delegatedAdmins
      .filter((d) => d.endsWith(`|${api.principal}`))
      .map((d) => d.slice(0, d.indexOf('|')))
      .filter((id) => id !== ours);
    for (const id of designating ? registered : []) {
      conflicts.push(
        `${api.name}: account ${nameOf(id)} is the delegated administrator for ${api.principal} in Organizations, but the definition names ${admin.accountName}, and ${api.name} needs the same administrator in every Region — remove ${nameOf(id)} in ${api.name} in each Region where it administers it, then deregister it (aws organizations deregister-delegated-administrator --account-id ${id} --service-principal ${api.principal}), then plan again`,
      );
    }
  }
  return { steps, conflicts };
}

/** One line per step, for people and logs. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'create-organization':
      return 'create the organization (all features)';
    case 'enable-policy-type':
      return `enable ${step.policyType} on the root`;
    case 'create-ou':
      return `create OU ${step.path}`;
    case 'create-account':
      return `create account ${step.name} <${step.email}> in ${step.ouPath}`;
    case 'await-account':
      return `finish creating account ${step.name} (request ${step.requestId}) and move it to ${step.ouPath}`;
    case 'move-account':
      return `move account ${step.name} from ${step.fromPath} to ${step.toPath}`;
    case 'rename-account':
      if (step.management) {
        return `rename the management account ${step.fromName} to ${step.name} (${step.accountId}) in accounts.lock.json (Landfall never changes the management account: its AWS name is left as it is)`;
      }
      return step.inAws
        ? `rename account ${step.fromName} to ${step.name} (${step.accountId})`
        : step.awsName === step.name
          ? `rename account ${step.fromName} to ${step.name} (${step.accountId}) in accounts.lock.json (its AWS name is ${step.name} already)`
          : `rename account ${step.fromName} to ${step.name} (${step.accountId}) in accounts.lock.json (its AWS name${step.awsName !== undefined ? `, ${step.awsName},` : ''} is not ${step.fromName}: left as it is)`;
    case 'rename-ou':
      return `rename OU ${step.fromPath} to ${step.path} (${step.ouId})`;
    case 'create-policy':
      return `create ${step.policyType} ${step.name}`;
    case 'update-policy':
      return step.fromName
        ? `rename ${step.policyType} ${step.fromName} to ${step.name}${step.diff.content.length > 0 ? ', and update it' : ''}`
        : `update ${step.policyType} ${step.name}`;
    case 'attach-policy':
      return `attach ${step.name} to ${step.target}`;
    case 'detach-policy':
      return `detach ${step.name} from ${step.target}`;
    case 'delete-policy':
      return `delete ${step.policyType} ${step.name} (no longer generated)`;
    case 'close-account':
      return `close account ${step.name} (${step.accountId}, <${step.email}>): no longer in the definition`;
    case 'delete-ou':
      return `delete OU ${step.path} (no longer in the definition)`;
    case 'enable-trusted-access':
      return `enable trusted access for ${step.servicePrincipal}`;
    case 'register-delegated-admin':
      return `register ${step.accountName} as delegated administrator for ${step.servicePrincipal}`;
    case 'enable-service-admin':
      return `designate ${step.accountName} as ${SERVICE_ADMIN_APIS[step.service].name} administrator in ${step.region}`;
  }
}
