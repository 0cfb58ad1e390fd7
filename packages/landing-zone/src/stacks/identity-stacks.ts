import { DeployTimeLogsProps } from '@landfall/encryption';
import {
  BreakGlassRole,
  BreakGlassUsers,
  IdentityCenterAssignments,
  IdentityCenterPermissionSet,
} from '@landfall/identity';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeImportedLogKeys } from './imported-log-key';

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

export interface IdentityStackProps extends StackProps, DeployTimeLogsProps {
  /** The Identity Center instance; without it, only the break-glass users are made. */
  readonly instanceArn?: string;
  readonly maxSessionHours: number;
  readonly permissionSets: IdentityStackPermissionSet[];
  readonly breakGlassUsers: string[];
  readonly organizationId: string;
}

/**
 * The management account, home region: IAM Identity Center's permission sets and their
 * assignments to groups in accounts (one resource per group and set, whatever the number of
 * accounts: see `IdentityCenterAssignments`), and the break-glass users.
 */
export class IdentityStack extends Stack {
  public readonly permissionSets: Record<string, IdentityCenterPermissionSet> = {};
  public readonly breakGlass: BreakGlassUsers;

  constructor(scope: Construct, id: string, props: IdentityStackProps) {
    super(scope, id, props);
    if (props.instanceArn) {
      const assignments = new IdentityCenterAssignments(this, 'Assignments', {
        instanceArn: props.instanceArn,
        logKey: props.logKey,
        logRetention: props.logRetention,
      });
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
        const byGroup = new Map<string, string[]>();
        for (const a of set.assignments) byGroup.set(a.groupId, [...(byGroup.get(a.groupId) ?? []), a.accountId]);
        for (const [groupId, accountIds] of byGroup) assignments.assign(made, groupId, accountIds);
        this.permissionSets[set.name] = made;
      }
    }
    this.breakGlass = new BreakGlassUsers(this, 'BreakGlass', {
      userNames: props.breakGlassUsers,
      organizationId: props.organizationId,
    });
    acknowledgeImportedLogKeys(this);
  }
}

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
