import { KeyPurpose } from '@landfall/encryption';
import { PERMISSION_SETS, SESSION_ROLE_NAME, contextOf, inlinePolicyOf } from '@landfall/guardrails';
import {
  BASTION_SESSION_PERMISSION_SET,
  ResolvedLandingZone,
  ResolvedPermissionSet,
  accountsOfAssignment,
  permissionSetsOf,
} from '@landfall/model';
import { App } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Directory } from './deployment';
import type { AccountStacks } from './landing-zone';
import { onPlaceholder, stackHelpers } from './stack-helpers';
import { EncryptionStack } from './stacks/encryption-stack';
import { BreakGlassStack, IdentityStack, IdentityStackPermissionSet } from './stacks/identity-stacks';

/** One group's permission set in one account: what the access report and the identity stack share. */
export interface Grant {
  readonly group: string;
  readonly groupId: string;
  readonly permissionSet: ResolvedPermissionSet;
  readonly account: string;
}

/** The bastion groups' permission set: it may only assume the session role in the shared-services account. */
export function bastionSessionSet(lz: ResolvedLandingZone): ResolvedPermissionSet {
  return {
    name: BASTION_SESSION_PERMISSION_SET,
    base: 'ReadOnly',
    sessionHours: Math.min(1, lz.identity?.maxSessionHours ?? 1),
    customerManagedPolicies: [],
    description: 'Assumes the session role to start recorded sessions on the bastion; nothing else',
    writes: false,
    readsData: false,
  };
}

/** Every group × permission set × account the definition grants, the bastion groups' included. */
export function grantsOf(lz: ResolvedLandingZone): Grant[] {
  const identity = lz.identity;
  if (!identity) return [];
  const sets = new Map(permissionSetsOf(identity).map((p) => [p.name, p]));
  const grants: Grant[] = [];
  for (const group of identity.groups) {
    for (const a of group.assignments) {
      for (const account of accountsOfAssignment(lz, a)) {
        grants.push({
          group: group.name,
          groupId: group.groupId,
          permissionSet: sets.get(a.permissionSet)!,
          account: account.name,
        });
      }
    }
  }
  const shared = lz.organization.ous
    ?.flatMap(function all(ou): Array<{ name: string; role: string }> {
      return [...(ou.accounts ?? []), ...(ou.ous ?? []).flatMap(all)];
    })
    .concat(lz.organization.accounts ?? [])
    .find((a) => a.role === 'shared-services');
  if (shared) {
    for (const name of lz.access.bastion.groups) {
      const group = identity.groups.find((g) => g.name === name)!;
      grants.push({ group: name, groupId: group.groupId, permissionSet: bastionSessionSet(lz), account: shared.name });
    }
  }
  return grants;
}

/**
 * Human access: in the management account, IAM Identity Center's permission sets and their
 * assignments (once the definition gives the instance) and the break-glass users; in every
 * member account, the break-glass role.
 */
export function buildIdentity(app: App, lz: ResolvedLandingZone, directory: Directory, built: AccountStacks[]): void {
  const identity = lz.identity;
  if (!identity) return;
  const home = lz.homeRegion;
  const { common, add } = stackHelpers(lz);
  const management = built.find((b) => b.account.role === 'management');
  if (!management) return;
  const managementId = directory.accountIdForReference(management.account.name);

  for (const b of built.filter((a) => a.account.role !== 'management')) {
    add(
      b,
      `break-glass/${home}`,
      new BreakGlassStack(app, `${directory.stackPrefix(b.account.name)}-break-glass-${home}`, {
        ...common(b, home),
        description: `Landfall ${lz.name}: the break-glass role of ${b.account.name} (MFA, alerted on every use)`,
        managementAccountId: managementId,
        regions: lz.regions,
        sessionHours: identity.breakGlass.sessionHours,
      }),
    );
  }

  if (!identity.instanceArn) {
    directory.pending.push(
      'IAM Identity Center permission sets and assignments: set identity.instanceArn (IAM Identity Center, Settings) — until then only break-glass access is deployed',
    );
  }
  const context = contextOf(lz, directory.knownAccountIds());
  const bySet = new Map<
    string,
    IdentityStackPermissionSet & { assignments: Array<{ groupId: string; accountId: string }> }
  >();
  const setOf = (p: ResolvedPermissionSet) => {
    let entry = bySet.get(p.name);
    if (!entry) {
      const template = PERMISSION_SETS.get(p.base)!;
      const inline =
        p.name === BASTION_SESSION_PERMISSION_SET
          ? bastionSessionPolicy(directory, built)
          : inlinePolicyOf(template, context);
      entry = {
        name: p.name,
        description: p.description,
        sessionHours: p.sessionHours,
        managedPolicyNames: p.name === BASTION_SESSION_PERMISSION_SET ? [] : [...template.managedPolicies],
        customerManagedPolicyNames: p.customerManagedPolicies,
        ...(inline ? { inlinePolicy: inline } : {}),
        assignments: [],
      };
      bySet.set(p.name, entry);
    }
    return entry;
  };
  for (const grant of grantsOf(lz)) {
    setOf(grant.permissionSet).assignments.push({
      groupId: grant.groupId,
      accountId: directory.accountIdForReference(grant.account),
    });
  }
  const stack = add(
    management,
    `identity/${home}`,
    new IdentityStack(app, `${directory.stackPrefix(management.account.name)}-identity-${home}`, {
      ...common(management, home),
      description: `Landfall ${lz.name}: IAM Identity Center permission sets and assignments, and the break-glass users`,
      ...(identity.instanceArn ? { instanceArn: identity.instanceArn } : {}),
      maxSessionHours: identity.maxSessionHours,
      permissionSets: [...bySet.values()],
      breakGlassUsers: identity.breakGlass.users,
      organizationId: directory.organizationId(),
      logKey: (management.stacks[`encryption/${home}`] as EncryptionStack).keys.keyFor(KeyPurpose.LOGS),
      logRetention: lz.logging.cloudWatchRetentionDays as logs.RetentionDays,
    }),
  );
  if (directory.placeholders) {
    // Assignments name accounts by ID, and the bastion set names the shared-services account's session role.
    for (const set of Object.values(stack.permissionSets)) {
      onPlaceholder(set, 'F3031');
      onPlaceholder(set, 'E3510');
    }
  }
}

/** The bastion session set's policy: assume the session role of the shared-services account, nothing else. */
function bastionSessionPolicy(directory: Directory, built: AccountStacks[]): object {
  const shared = built.find((b) => b.account.role === 'shared-services')!;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AssumeTheSessionRole',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: `arn:aws:iam::${directory.accountIdForReference(shared.account.name)}:role/${SESSION_ROLE_NAME}`,
      },
    ],
  };
}
