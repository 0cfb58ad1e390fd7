import { DeployTimeLogsProps } from '@landfall/encryption';
import { DeployTimeReconciler } from '@landfall/encryption/lib/deploy-time-reconciler';
import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ASSIGNMENT_SOURCE, MAX_ACCOUNTS_PER_ASSIGNMENT } from './assignment-reconciler';
import { IdentityCenterPermissionSet } from './permission-set';

/** How many resources one group's permission set is spread over, at most. */
const ASSIGNMENT_SHARES = 16;

/** The share of an account: a hash of its ID, stable across runs and definitions. */
function shareOf(accountId: string): number {
  // A polynomial hash in safe integers (no bitwise operators).
  let hash = 7;
  for (const c of accountId) hash = (hash * 31 + c.charCodeAt(0)) % 1_000_000_007;
  return hash % ASSIGNMENT_SHARES;
}

/** Props of `IdentityCenterAssignments`. */
export interface IdentityCenterAssignmentsProps extends DeployTimeLogsProps {
  /** ARN of the IAM Identity Center instance (the organization's, in the management account). */
  readonly instanceArn: string;
  /**
   * Name of the function that makes the assignments; a second `IdentityCenterAssignments` in the same account and
   * region needs another.
   * @default 'landfall-identity-assignments'
   */
  readonly functionName?: string;
}

/**
 * Assignments of permission sets to IAM Identity Center groups in accounts, at most 16 resources per group and set
 * whatever the number of accounts (each account in the one its ID hashes to): a deploy-time function (`DeployTimeReconciler`) gives the group the set in the accounts
 * the resource lists, takes it away in the accounts an update no longer lists, and in every listed account when the
 * resource is deleted. Where `IdentityCenterPermissionSet.assignToGroup` makes one CloudFormation resource per
 * assignment (a stack holds 500), this stays the same size as the organization grows. Deploy it where the sets are:
 * the management account or Identity Center's delegated administrator account.
 *
 * HIPAA: 164.308(a)(4)(ii)(B) access authorization; 164.308(a)(4)(ii)(C) access establishment and modification;
 * 164.312(a)(1) access control.
 */
export class IdentityCenterAssignments extends Construct {
  private readonly reconciler: DeployTimeReconciler;
  private readonly instanceArn: string;
  private readonly assigned = new Set<string>();

  constructor(scope: Construct, id: string, props: IdentityCenterAssignmentsProps) {
    super(scope, id);
    this.instanceArn = props.instanceArn;
    const stack = Stack.of(this);
    const accounts = `arn:${stack.partition}:sso:::account/*`;
    const permissionSets = `arn:${stack.partition}:sso:::permissionSet/*/*`;
    this.reconciler = new DeployTimeReconciler(this, 'Reconciler', {
      functionName: props.functionName ?? 'landfall-identity-assignments',
      description: 'Landfall identity: gives IAM Identity Center groups their permission sets in accounts',
      source: ASSIGNMENT_SOURCE,
      logKey: props.logKey,
      logRetention: props.logRetention,
      statements: [
        new iam.PolicyStatement({
          actions: ['sso:CreateAccountAssignment', 'sso:DeleteAccountAssignment', 'sso:ListAccountAssignments'],
          resources: [props.instanceArn, permissionSets, accounts],
        }),
        new iam.PolicyStatement({
          actions: ['sso:DescribeAccountAssignmentCreationStatus', 'sso:DescribeAccountAssignmentDeletionStatus'],
          resources: [props.instanceArn],
        }),
        // A set assigned in the management account itself is provisioned with the caller's own IAM permissions, and
        // only into Identity Center's reserved roles and SAML provider.
        new iam.PolicyStatement({
          actions: [
            'iam:GetRole',
            'iam:CreateRole',
            'iam:DeleteRole',
            'iam:ListRolePolicies',
            'iam:ListAttachedRolePolicies',
            'iam:PutRolePolicy',
            'iam:DeleteRolePolicy',
            'iam:AttachRolePolicy',
            'iam:DetachRolePolicy',
            'iam:GetSAMLProvider',
            'iam:CreateSAMLProvider',
          ],
          resources: [
            `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/*`,
            `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:saml-provider/AWSSSO_*_DO_NOT_DELETE`,
          ],
        }),
      ],
    });
  }

  /** Gives the members of `groupId` the permission set in each of `accountIds` (up to 16 resources). */
  public assign(permissionSet: IdentityCenterPermissionSet, groupId: string, accountIds: string[]): void {
    const key = `${permissionSet.node.path}|${groupId}`;
    if (this.assigned.has(key)) {
      throw new Error(
        `IdentityCenterAssignments: group ${groupId} already has ${permissionSet.node.id} here; give all its accounts in one call`,
      );
    }
    const twice = accountIds.find((a, i) => accountIds.indexOf(a) !== i);
    if (twice !== undefined) {
      throw new Error(`IdentityCenterAssignments: account ${twice} is listed twice for group ${groupId}`);
    }
    if (accountIds.length > MAX_ACCOUNTS_PER_ASSIGNMENT) {
      throw new Error(
        `IdentityCenterAssignments: group ${groupId} gets ${permissionSet.node.id} in ${accountIds.length} accounts, more than the ${MAX_ACCOUNTS_PER_ASSIGNMENT} one resource assigns; use another group for some of them`,
      );
    }
    this.assigned.add(key);
    // Spread over up to ASSIGNMENT_SHARES resources by a hash of the account ID, so that one run of the function
    // makes a share of the assignments (each waits for Identity Center) and an account stays in its share as others
    // come and go. Named after the set, the group and the share, so that adding or removing another group's or
    // set's assignments never moves these to another resource (a group taking over another's resource would lose
    // the other's assignments).
    const group = Token.isUnresolved(groupId) ? `${this.assigned.size}` : groupId.replace(/[^A-Za-z0-9-]/g, '');
    const shares = new Map<number, string[]>();
    for (const account of accountIds) {
      const share = Token.isUnresolved(account) ? 0 : shareOf(account);
      shares.set(share, [...(shares.get(share) ?? []), account]);
    }
    for (const [share, accounts] of [...shares].sort(([a], [b]) => a - b)) {
      this.reconciler.resource(
        this,
        `${permissionSet.node.id}-${group}-${share}`,
        'Custom::LandfallIdentityCenterAssignments',
        {
          InstanceArn: this.instanceArn,
          PermissionSetArn: permissionSet.permissionSetArn,
          GroupId: groupId,
          Accounts: accounts,
        },
      );
    }
  }
}
