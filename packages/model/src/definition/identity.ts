/**
 * Who may do what, in which account: IAM Identity Center groups, the permission set each
 * gets in which OUs, environments or accounts, and the break-glass users for emergencies.
 * Groups are created in IAM Identity Center (or synchronized into it from the identity
 * provider); Landfall makes the permission sets and assignments from the management account.
 */
export interface IdentityDefinition {
  /**
   * The organization's IAM Identity Center instance, enabled in the management account.
   * Permission sets and assignments are deployed once it is set; until then `landfall synth`
   * says they are left out.
   * @pattern ^arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9.-]{16}$
   * @fix give the instance ARN IAM Identity Center shows under Settings, e.g. arn:aws:sso:::instance/ssoins-1111111111111111
   * @default - none yet: no permission sets or assignments
   */
  readonly instanceArn?: string;

  /**
   * The longest session the organization's access policy allows, in hours: no permission
   * set and no break-glass session may be longer.
   * @minimum 1
   * @maximum 12
   * @default 8
   */
  readonly maxSessionHours?: number;

  /**
   * Permission sets besides Landfall's own (Administrator, Developer, ReadOnly, Auditor,
   * SecurityTriage): each starts from one of them and may add customer-managed policies by name.
   * @default - Landfall's own only
   */
  readonly permissionSets?: PermissionSetDefinition[];

  /**
   * The groups and what each may do where.
   * @default - none
   */
  readonly groups?: IdentityGroupDefinition[];

  /**
   * The emergency access: IAM users in the management account who, with MFA, may assume the
   * break-glass role of any member account. Every use is alerted and recorded.
   */
  readonly breakGlass: BreakGlassDefinition;
}

/** Landfall's own permission sets, which every other set starts from. */
export type PermissionSetBase = 'Administrator' | 'Developer' | 'ReadOnly' | 'Auditor' | 'SecurityTriage';

/** A permission set of the definition's own. */
export interface PermissionSetDefinition {
  /**
   * The permission set's name in IAM Identity Center; not one of Landfall's own.
   * @pattern ^[A-Za-z][A-Za-z0-9+=,.@-]{0,31}$
   * @fix use up to 32 letters, digits and +=,.@- starting with a letter (e.g. DataEngineer)
   */
  readonly name: string;

  /** The Landfall set whose policies it starts from. */
  readonly base: PermissionSetBase;

  /**
   * Session length in hours, at most identity.maxSessionHours.
   * @minimum 1
   * @maximum 12
   * @default - the base's (Administrator 2, SecurityTriage 4, others 8), at most identity.maxSessionHours
   */
  readonly sessionHours?: number;

  /**
   * Customer-managed IAM policies, by name, that must exist in every account the set is
   * assigned in (for account-specific resources). Landfall cannot see what they allow, so a
   * set with any is treated as one that writes: it is never assigned in production.
   * @uniqueItems true
   * @default - none
   */
  readonly customerManagedPolicies?: IamPolicyName[];

  /**
   * What the set is for, shown in IAM Identity Center and the access report.
   * @maxLength 700
   * @default - the base's description
   */
  readonly description?: string;
}

/**
 * An IAM policy name.
 * @pattern ^[A-Za-z0-9+=,.@_-]{1,128}$
 * @fix use the policy's name as IAM shows it (letters, digits and +=,.@_-), e.g. data-platform-read
 */
export type IamPolicyName = string;

/** A group of IAM Identity Center and where it gets which permission set. */
export interface IdentityGroupDefinition {
  /**
   * The group's name, as the VPN and the bastion refer to it.
   * @pattern ^[a-z][a-z0-9-]{0,39}$
   * @fix use up to 40 lowercase letters, digits and hyphens, starting with a letter (e.g. developers)
   */
  readonly name: string;

  /**
   * The group's ID in the Identity Center identity store (Groups, then the group's details).
   * @pattern ^([0-9a-f]{10}-)?[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$
   * @fix copy the group ID from IAM Identity Center, e.g. a1b2c3d4-0000-4000-8000-000000000001
   */
  readonly groupId: string;

  /**
   * Which permission set the group gets where.
   * @default - none: the group reaches no account (the VPN and bastion may still name it)
   */
  readonly assignments?: AssignmentDefinition[];
}

/**
 * One permission set in a set of accounts: every account of the OUs (and their child OUs),
 * of the environments, and the accounts named. The management account is reached only when
 * it is named in `accounts`.
 */
export interface AssignmentDefinition {
  /** A Landfall permission set (Administrator, Developer, ReadOnly, Auditor, SecurityTriage) or one of identity.permissionSets. */
  readonly permissionSet: string;

  /**
   * OU paths, e.g. `Root/Security`; `Root` is every member account.
   * @uniqueItems true
   * @default - none
   */
  readonly ous?: string[];

  /**
   * Environments: every workload or sandbox account of each.
   * @uniqueItems true
   * @default - none
   */
  readonly environments?: string[];

  /**
   * Account names.
   * @uniqueItems true
   * @default - none
   */
  readonly accounts?: string[];
}

/** The break-glass users and their sessions. */
export interface BreakGlassDefinition {
  /**
   * The people who may break the glass: each becomes the IAM user
   * `break-glass-<name>` (path `/landfall/break-glass/`) in the management account, who can do
   * nothing without MFA but assume the break-glass role. At least one; two are recommended.
   * @uniqueItems true
   */
  readonly users: BreakGlassUserName[];

  /**
   * Length of a break-glass session in hours, at most identity.maxSessionHours.
   * @minimum 1
   * @maximum 12
   * @default 1
   */
  readonly sessionHours?: number;
}

/**
 * A break-glass user's short name.
 * @pattern ^[a-z][a-z0-9.-]{0,39}$
 * @fix use up to 40 lowercase letters, digits, dots and hyphens, starting with a letter (e.g. jane.doe)
 */
export type BreakGlassUserName = string;
