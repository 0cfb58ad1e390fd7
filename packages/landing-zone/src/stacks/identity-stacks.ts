import { BreakGlassRole, BreakGlassUsers, IdentityCenterPermissionSet } from '@landfall/identity';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** One permission set as the identity stack makes it. */
export interface IdentityStackPermissionSet {
  readonly name: string;
  readonly description: string;
  readonly sessionHours: number;
  readonly managedPolicyNames: string[];
  readonly customerManagedPolicyNames: string[];
  readonly inlinePolicy?: object;
  /** Group ID and account ID of each assignment. */
  readonly assignments: Array<{ readonly groupId: string; readonly accountId: string }>;
}

export interface IdentityStackProps extends StackProps {
  /** Where each set's assignments go, by account ID: this stack unless a function says another (see `IdentityAssignmentsStack`). */
  readonly assignmentScope?: (accountId: string) => Construct | undefined;
  /** The Identity Center instance; without it, only the break-glass users are made. */
  readonly instanceArn?: string;
  readonly maxSessionHours: number;
  readonly permissionSets: IdentityStackPermissionSet[];
  readonly breakGlassUsers: string[];
  readonly organizationId: string;
}

/**
 * The management account, home region: IAM Identity Center's permission sets and their
 * assignments to groups in accounts, and the break-glass users.
 */
export class IdentityStack extends Stack {
  public readonly permissionSets: Record<string, IdentityCenterPermissionSet> = {};
  public readonly breakGlass: BreakGlassUsers;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    if (props.instanceArn) {
      for (const set of props.permissionSets) {
        const made = new IdentityCenterPermissionSet(this, `PermissionSet-${set.name}`, {
          instanceArn: props.instanceArn,
          permissionSetName: set.name,
          description: set.description,
          sessionDuration: Duration.hours(set.sessionHours),
          maxSessionDuration: Duration.hours(props.maxSessionHours),
          managedPolicyNames: set.managedPolicyNames,
          customerManagedPolicyNames: set.customerManagedPolicyNames,
          inlinePolicy: set.inlinePolicy ? iam.PolicyDocument.fromJson(set.inlinePolicy) : undefined,
        });
        for (const a of set.assignments) {
          made.assignToGroup(a.groupId, a.accountId, props.assignmentScope?.(a.accountId));
        }
        this.permissionSets[set.name] = made;
      }
    }
    this.breakGlass = new BreakGlassUsers(this, 'BreakGlass', {
      userNames: props.breakGlassUsers,
      organizationId: props.organizationId,
    });
  }
}

/** Assignments of one bucket of accounts, when there are too many for the identity stack (CloudFormation's 500 resources). */
export class IdentityAssignmentsStack extends Stack {}

export interface BreakGlassStackProps extends StackProps {
  readonly managementAccountId: string;
  readonly regions: string[];
  readonly sessionHours: number;
}

/** Every member account, home region (IAM is global): the break-glass role. */
export class BreakGlassStack extends Stack {
  public readonly breakGlass: BreakGlassRole;

  constructor(scope: Construct, id: string, props: BreakGlassStackProps) {
    super(scope, id, props);
    this.breakGlass = new BreakGlassRole(this, 'BreakGlass', {
      managementAccountId: props.managementAccountId,
      regions: props.regions,
      sessionDuration: Duration.hours(props.sessionHours),
    });
  }
}
