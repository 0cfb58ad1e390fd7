import { PolicyType } from '@landfall/guardrails';
import { DesiredOrganization } from './desired';
import { LiveOrganization } from './live';

/** One change to the organization. Steps name things by path and name; IDs are resolved when they run. */
export type Step =
  | { readonly kind: 'create-organization' }
  | { readonly kind: 'enable-policy-type'; readonly policyType: PolicyType }
  | { readonly kind: 'create-ou'; readonly path: string; readonly name: string; readonly parentPath: string }
  | { readonly kind: 'create-account'; readonly name: string; readonly email: string; readonly ouPath: string }
  | { readonly kind: 'await-account'; readonly name: string; readonly requestId: string; readonly ouPath: string }
  | { readonly kind: 'move-account'; readonly name: string; readonly fromPath: string; readonly toPath: string }
  | { readonly kind: 'create-policy'; readonly name: string; readonly policyType: PolicyType }
  | { readonly kind: 'update-policy'; readonly name: string; readonly policyType: PolicyType }
  | { readonly kind: 'attach-policy'; readonly name: string; readonly policyType: PolicyType; readonly target: string }
  | { readonly kind: 'detach-policy'; readonly name: string; readonly policyType: PolicyType; readonly target: string }
  | { readonly kind: 'enable-trusted-access'; readonly servicePrincipal: string }
  | { readonly kind: 'register-delegated-admin'; readonly accountName: string; readonly servicePrincipal: string };

export type StepKind = Step['kind'];

/** The changes, in the order they run, and what the plan will not touch. */
export interface Plan {
  readonly steps: readonly Step[];
  /** Things that block applying, with what to do. */
  readonly conflicts: readonly string[];
  /** Things in the organization that the definition does not mention: left alone. */
  readonly unmanaged: readonly string[];
  readonly desired: DesiredOrganization;
  readonly live: LiveOrganization;
}

/** Compares the definition with the live organization. Pure: reads and writes nothing. */
export function planChanges(desired: DesiredOrganization, live: LiveOrganization): Plan {
  const steps: Step[] = [];
  const conflicts: string[] = [];
  const unmanaged: string[] = [];
  if (!live.exists) steps.push({ kind: 'create-organization' });

  for (const policyType of desired.policyTypes) {
    if (!live.enabledPolicyTypes.includes(policyType)) steps.push({ kind: 'enable-policy-type', policyType });
  }

  for (const ou of desired.ous) {
    if (!live.ouIds.has(ou.path)) {
      steps.push({ kind: 'create-ou', path: ou.path, name: ou.name, parentPath: ou.parentPath });
    }
  }
  const desiredPaths = new Set(['Root', ...desired.ous.map((o) => o.path)]);
  for (const path of live.ouIds.keys()) if (!desiredPaths.has(path)) unmanaged.push(`OU ${path}`);

  const pathOf = new Map([...live.ouIds].map(([path, id]) => [id, path]));
  const byEmail = new Map(live.accounts.map((a) => [a.email.toLowerCase(), a]));
  for (const account of desired.accounts) {
    const existing = byEmail.get(account.email.toLowerCase());
    if (existing) {
      const from = pathOf.get(existing.parentId) ?? existing.parentId;
      if (from !== account.ouPath) {
        steps.push({ kind: 'move-account', name: account.name, fromPath: from, toPath: account.ouPath });
      }
      continue;
    }
    const sameName = live.accounts.find((a) => a.name === account.name);
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
  const desiredEmails = new Set(
    [desired.managementAccount.email, ...desired.accounts.map((a) => a.email)].map((e) => e.toLowerCase()),
  );
  for (const account of live.accounts) {
    if (account.id !== live.managementAccountId && !desiredEmails.has(account.email.toLowerCase())) {
      unmanaged.push(`account ${account.name} (${account.id})`);
    }
  }

  const attach: Step[] = [];
  const detach: Step[] = [];
  for (const policy of desired.policies) {
    const current = live.policies.get(policy.name);
    if (!current) {
      steps.push({ kind: 'create-policy', name: policy.name, policyType: policy.type });
    } else if (current.content !== policy.content || current.description !== policy.description) {
      steps.push({ kind: 'update-policy', name: policy.name, policyType: policy.type });
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
  const desiredNames = new Set(desired.policies.map((p) => p.name));
  for (const [name, policy] of live.policies) {
    if (desiredNames.has(name)) continue;
    unmanaged.push(`policy ${name} (${policy.id}), no longer generated: detached, not deleted`);
    for (const id of policy.targetIds) {
      detach.push({ kind: 'detach-policy', name, policyType: policy.type, target: pathOf.get(id) ?? id });
    }
  }
  // Attach before detach, so a guardrail moving between targets never leaves a gap.
  steps.push(...attach, ...detach);

  for (const servicePrincipal of desired.trustedAccess) {
    if (!live.trustedAccess.includes(servicePrincipal)) steps.push({ kind: 'enable-trusted-access', servicePrincipal });
  }
  for (const admin of desired.delegatedAdmins) {
    const account = live.accounts.find(
      (a) => a.email.toLowerCase() === desired.accounts.find((d) => d.name === admin.accountName)?.email.toLowerCase(),
    );
    if (!account || !live.delegatedAdmins.includes(`${account.id}|${admin.servicePrincipal}`)) {
      steps.push({
        kind: 'register-delegated-admin',
        accountName: admin.accountName,
        servicePrincipal: admin.servicePrincipal,
      });
    }
  }
  return { steps, conflicts, unmanaged, desired, live };
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
    case 'create-policy':
      return `create ${step.policyType} ${step.name}`;
    case 'update-policy':
      return `update ${step.policyType} ${step.name}`;
    case 'attach-policy':
      return `attach ${step.name} to ${step.target}`;
    case 'detach-policy':
      return `detach ${step.name} from ${step.target}`;
    case 'enable-trusted-access':
      return `enable trusted access for ${step.servicePrincipal}`;
    case 'register-delegated-admin':
      return `register ${step.accountName} as delegated administrator for ${step.servicePrincipal}`;
  }
}
