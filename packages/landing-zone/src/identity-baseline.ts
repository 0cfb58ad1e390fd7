import { PERMISSION_SETS, SESSION_ROLE_NAME, contextOf, inlinePolicyOf } from '@landfall/guardrails';
import {
  BASTION_SESSION_PERMISSION_SET,
  ResolvedLandingZone,
  ResolvedPermissionSet,
  UserError,
  accountsOfAssignment,
  permissionSetsOf,
} from '@landfall/model';
import { App } from 'aws-cdk-lib';
import { Directory } from './deployment';
import type { AccountStacks } from './landing-zone';
import { onPlaceholder, stackHelpers } from './stack-helpers';
import {
  BreakGlassStack,
  IdentityAssignmentsStack,
  IdentityStack,
  IdentityStackPermissionSet,
} from './stacks/identity-stacks';

/**
 * Up to this many assignments stay in the identity stack. Beyond, every assignment goes to one of
 * `ASSIGNMENT_BUCKETS` stacks by a hash of its account, so that an account's assignments never move between
 * stacks as accounts come and go (IAM Identity Center refuses to create an assignment that still exists).
 */
export const ASSIGNMENTS_IN_IDENTITY_STACK = 400;
export const ASSIGNMENT_BUCKETS = 16;
const BUCKET_MAX = 480;

/** The bucket of an account: a hash of its stack prefix (its name, or the one it had before a rename), stable across runs, definitions and renames. */
export function assignmentBucket(account: string): number {
  // A polynomial hash in safe integers (no bitwise operators): stable, and spread enough over 16 buckets.
  let hash = 7;
  for (const c of account) hash = (hash * 31 + c.charCodeAt(0)) % 1_000_000_007;
  return hash % ASSIGNMENT_BUCKETS;
}

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
  const grants = grantsOf(lz);
  const bucketOf = new Map<string, number>();
  for (const grant of grants) {
    const accountId = directory.accountIdForReference(grant.account);
    bucketOf.set(accountId, assignmentBucket(directory.stackPrefix(grant.account)));
    setOf(grant.permissionSet).assignments.push({ groupId: grant.groupId, accountId });
  }
  const bucketed = identity.instanceArn !== undefined && grants.length > ASSIGNMENTS_IN_IDENTITY_STACK;
  const buckets = new Map<number, IdentityAssignmentsStack>();
  const bucketStack = (accountId: string) => {
    const b = bucketOf.get(accountId)!;
    let stack = buckets.get(b);
    if (!stack) {
      stack = add(
        management,
        `identity-assignments/${home}/${b}`,
        new IdentityAssignmentsStack(
          app,
          `${directory.stackPrefix(management.account.name)}-identity-assignments-${home}-${String(b).padStart(2, '0')}`,
          {
            ...common(management, home),
            description: `Landfall ${lz.name}: IAM Identity Center assignments, bucket ${b} of ${ASSIGNMENT_BUCKETS}`,
          },
        ),
      );
      buckets.set(b, stack);
    }
    return stack;
  };
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
      ...(bucketed ? { assignmentScope: bucketStack } : {}),
    }),
  );
  for (const [b, bucket] of buckets) {
    const count = bucket.node.children.length;
    if (count > BUCKET_MAX) {
      throw new UserError(
        'identity',
        `${count} IAM Identity Center assignments fall into bucket ${b} (stack ${bucket.stackName}), more than ${BUCKET_MAX} fit one stack`,
        'assign permission sets to fewer groups per account (e.g. one group per team with several sets merged into one)',
      );
    }
    if (directory.placeholders) {
      onPlaceholder(bucket, 'F3031');
    }
  }
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
