import { Duration, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import { Construct } from 'constructs';

/** IAM Identity Center's limits on a permission set (AWS quotas, not adjustable unless noted). */
const LONGEST_SESSION = Duration.hours(12);
const SHORTEST_SESSION = Duration.hours(1);
const INLINE_POLICY_MAX_CHARACTERS = 32768;
const MANAGED_POLICIES_MAX = 10;

/** Props of `IdentityCenterPermissionSet`. */
export interface IdentityCenterPermissionSetProps {
  /** ARN of the IAM Identity Center instance (the organization's, in the management account). */
  readonly instanceArn: string;
  /** Name of the permission set: the role in each account is `AWSReservedSSO_<name>_<suffix>`. */
  readonly permissionSetName: string;
  /** What the set is for, as IAM Identity Center shows it. */
  readonly description: string;
  /** How long a session lasts: 1 to 12 hours, and at most `maxSessionDuration`. */
  readonly sessionDuration: Duration;
  /**
   * The longest session the organization's access policy allows.
   * @default Duration.hours(12)
   */
  readonly maxSessionDuration?: Duration;
  /**
   * AWS managed policies by name, as in their ARN after `policy/`, e.g. `job-function/ViewOnlyAccess`.
   * @default - none
   */
  readonly managedPolicyNames?: string[];
  /**
   * Customer-managed policies by name: each must exist, with this name, in every account the set is assigned in.
   * @default - none
   */
  readonly customerManagedPolicyNames?: string[];
  /**
   * The set's inline policy.
   * @default - none
   */
  readonly inlinePolicy?: iam.PolicyDocument;
}

/**
 * A permission set of IAM Identity Center, with a session length checked against the
 * organization's limit, and its assignments to groups in accounts. Identity Center creates the
 * set's role in each account it is assigned in (through its service-linked role, which the
 * guardrails do not bind, and which no account user can edit) and removes it when the last
 * assignment goes. Deploy it in the management account or Identity Center's delegated
 * administrator account.
 *
 * HIPAA: 164.308(a)(4)(ii)(B) access authorization; 164.308(a)(3)(ii)(A) authorization and/or
 * supervision; 164.312(a)(1) access control; 164.312(a)(2)(iii) automatic logoff.
 */
export class IdentityCenterPermissionSet extends Construct {
  public readonly permissionSet: sso.CfnPermissionSet;
  /** The set's ARN. */
  public readonly permissionSetArn: string;
  private readonly instanceArn: string;
  private readonly assigned = new Set<string>();

  constructor(scope: Construct, id: string, props: IdentityCenterPermissionSetProps) {
    super(scope, id);
    const session = props.sessionDuration.toMinutes();
    const max = (props.maxSessionDuration ?? LONGEST_SESSION).toMinutes();
    if (session < SHORTEST_SESSION.toMinutes() || session > LONGEST_SESSION.toMinutes()) {
      throw new Error(
        `IdentityCenterPermissionSet ${props.permissionSetName}: a session of ${session} minutes is outside IAM Identity Center's 1 to 12 hours`,
      );
    }
    if (session > max) {
      throw new Error(
        `IdentityCenterPermissionSet ${props.permissionSetName}: a session of ${session / 60} hours is longer than the ${max / 60} hours the access policy allows — shorten sessionDuration`,
      );
    }
    const managed = props.managedPolicyNames ?? [];
    const customer = props.customerManagedPolicyNames ?? [];
    if (managed.length > MANAGED_POLICIES_MAX || customer.length > MANAGED_POLICIES_MAX) {
      throw new Error(
        `IdentityCenterPermissionSet ${props.permissionSetName}: at most ${MANAGED_POLICIES_MAX} AWS managed and ${MANAGED_POLICIES_MAX} customer-managed policies (IAM Identity Center's quota)`,
      );
    }
    const inline = props.inlinePolicy?.toJSON();
    const inlineText = inline !== undefined ? JSON.stringify(inline) : '';
    if (!Token.isUnresolved(inlineText) && inlineText.length > INLINE_POLICY_MAX_CHARACTERS) {
      throw new Error(
        `IdentityCenterPermissionSet ${props.permissionSetName}: the inline policy has ${inlineText.length} characters, more than the ${INLINE_POLICY_MAX_CHARACTERS} IAM Identity Center accepts`,
      );
    }
    this.instanceArn = props.instanceArn;
    this.permissionSet = new sso.CfnPermissionSet(this, 'Resource', {
      instanceArn: props.instanceArn,
      name: props.permissionSetName,
      description: props.description,
      sessionDuration: `PT${session % 60 === 0 ? `${session / 60}H` : `${session}M`}`,
      managedPolicies: managed.length > 0 ? managed.map((n) => `arn:aws:iam::aws:policy/${n}`) : undefined,
      customerManagedPolicyReferences: customer.length > 0 ? customer.map((name) => ({ name })) : undefined,
      inlinePolicy: inline,
    });
    this.permissionSetArn = this.permissionSet.attrPermissionSetArn;
  }

  /**
   * Gives the members of an IAM Identity Center group this set in an account.
   * @param scope where to make the assignment (another stack of the same account and region, to spread many
   *   assignments over stacks)
   * @default - this construct
   */
  public assignToGroup(groupId: string, accountId: string, scope?: Construct): sso.CfnAssignment {
    const key = `${groupId}:${accountId}`;
    if (this.assigned.has(key)) {
      throw new Error(`IdentityCenterPermissionSet: group ${groupId} already has this set in ${accountId}`);
    }
    this.assigned.add(key);
    // Named after the group and the account, so that adding or removing another assignment never replaces this one
    // (a replacement would create the same assignment before deleting it, which IAM Identity Center refuses).
    const name = Token.isUnresolved(key) ? `Assignment${this.assigned.size}` : `Assignment-${groupId}-${accountId}`;
    return new sso.CfnAssignment(scope ?? this, scope ? `${this.node.id}-${name}` : name, {
      instanceArn: this.instanceArn,
      permissionSetArn: this.permissionSetArn,
      principalType: 'GROUP',
      principalId: groupId,
      targetType: 'AWS_ACCOUNT',
      targetId: accountId,
    });
  }
}
