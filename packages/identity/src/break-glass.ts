import { AWS_MANAGED_POLICY_REASON, WILDCARD_REASON } from '@landfall/encryption/lib/account-settings-call';
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { IdentityNames } from './names';

/** The longest an MFA sign-in may be old when the glass is broken. */
const MFA_MAX_AGE_SECONDS = 3600;

/** What a break-glass user may do before signing in with MFA: set up and use their own MFA device, and nothing else. */
const WITHOUT_MFA = [
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ResyncMFADevice',
  'iam:ListMFADevices',
  'iam:GetUser',
  'iam:ChangePassword',
  'iam:GetAccountPasswordPolicy',
  'sts:GetSessionToken',
];

/** Props of `BreakGlassUsers`. */
export interface BreakGlassUsersProps {
  /** The people who may break the glass, by short name: each becomes the user `break-glass-<name>`. */
  readonly userNames: string[];
  /** The organization whose break-glass roles they may assume. */
  readonly organizationId: string;
}

/**
 * The break-glass users, in the management account (which works when IAM Identity Center or
 * the identity provider does not): one IAM user per person, in one group, who can do nothing
 * but set up their own MFA device until they sign in with it, and then only assume the
 * break-glass role (`BreakGlassRole`) of the organization's accounts. No access keys and no
 * console password are made here: the procedure (docs/access.md) has a second person set the
 * password and the person register a hardware MFA device. Deploy it once, in the management account.
 *
 * HIPAA: 164.308(a)(4)(ii)(B) access authorization; 164.312(a)(2)(ii) emergency access
 * procedure; 164.312(d) person or entity authentication.
 */
export class BreakGlassUsers extends Construct {
  public readonly group: iam.Group;
  public readonly users: iam.User[];
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: BreakGlassUsersProps) {
    super(scope, id);
    if (props.userNames.length === 0) {
      throw new Error('BreakGlassUsers: userNames is empty — name at least one person (two are recommended)');
    }
    const path = IdentityNames.BREAK_GLASS_PATH;
    this.group = new iam.Group(this, 'Group', { groupName: IdentityNames.BREAK_GLASS_GROUP, path });
    this.users = props.userNames.map(
      (name) =>
        new iam.User(this, `User-${name}`, {
          userName: `${IdentityNames.BREAK_GLASS_USER_PREFIX}${name}`,
          path,
          groups: [this.group],
        }),
    );
    const self = `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:user${path}\${aws:username}`;
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      path,
      description:
        'Landfall break-glass: with MFA, assume the break-glass role of an account of the organization; nothing else',
      groups: [this.group],
      statements: [
        new iam.PolicyStatement({
          sid: 'BreakTheGlassWithMfa',
          actions: ['sts:AssumeRole'],
          resources: [`arn:${Aws.PARTITION}:iam::*:role/${IdentityNames.BREAK_GLASS_ROLE}`],
          conditions: {
            Bool: { 'aws:MultiFactorAuthPresent': 'true' },
            NumericLessThanEquals: { 'aws:MultiFactorAuthAge': String(MFA_MAX_AGE_SECONDS) },
            StringEquals: { 'aws:ResourceOrgID': props.organizationId },
          },
        }),
        new iam.PolicyStatement({
          sid: 'OwnMfaDeviceAndPassword',
          actions: WITHOUT_MFA.filter((a) => a.startsWith('iam:') && a !== 'iam:GetAccountPasswordPolicy'),
          resources: [self, `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:mfa/\${aws:username}`],
        }),
        new iam.PolicyStatement({
          sid: 'ReadThePasswordPolicy',
          actions: ['iam:GetAccountPasswordPolicy'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'NothingElseWithoutMfa',
          effect: iam.Effect.DENY,
          notActions: WITHOUT_MFA,
          resources: ['*'],
          conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        }),
      ],
    });
    Validations.of(this.policy).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: WILDCARD_REASON },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/${IdentityNames.BREAK_GLASS_ROLE}]`,
        reason: WILDCARD_REASON,
      },
    );
  }
}

/** Props of `BreakGlassRole`. */
export interface BreakGlassRoleProps {
  /** The management account, whose break-glass users (`BreakGlassUsers`) may assume the role. */
  readonly managementAccountId: string;
  /**
   * Regions whose STS endpoints may be used to assume the role: the governed ones, where the
   * assumption's CloudTrail event reaches the alert rules.
   */
  readonly regions: string[];
  /**
   * How long a break-glass session lasts.
   * @default Duration.hours(1)
   */
  readonly sessionDuration?: Duration;
}

/**
 * The break-glass role of a member account: AdministratorAccess, still bounded by every
 * guardrail, assumable only by the break-glass users of the management account, signed in with
 * MFA within the hour, with their own user name as the session name (as the console's switch-role
 * sets it; so every action of the session carries the person's name in CloudTrail), through a
 * governed region's STS endpoint. Each assumption raises the `break-glass-use` alert (`@landfall/logging`). The
 * guardrails keep member-account principals from changing, assuming or passing it. IAM is
 * global: deploy it once per account.
 *
 * HIPAA: 164.312(a)(2)(ii) emergency access procedure; 164.312(b) audit controls;
 * 164.312(d) person or entity authentication.
 */
export class BreakGlassRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BreakGlassRoleProps) {
    super(scope, id);
    if (props.regions.length === 0) throw new Error('BreakGlassRole: regions is empty — give the governed regions');
    const management = props.managementAccountId;
    const usersOf = `arn:${Aws.PARTITION}:iam::${management}:user${IdentityNames.BREAK_GLASS_PATH}${IdentityNames.BREAK_GLASS_USER_PREFIX}*`;
    const conditions = {
      ArnLike: { 'aws:PrincipalArn': usersOf },
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThanEquals: { 'aws:MultiFactorAuthAge': String(MFA_MAX_AGE_SECONDS) },
      StringEquals: { 'aws:RequestedRegion': props.regions },
    };
    this.role = new iam.Role(this, 'Role', {
      roleName: IdentityNames.BREAK_GLASS_ROLE,
      path: '/',
      description: 'Landfall break-glass: emergency administration, by the named users with MFA; every use is alerted',
      assumedBy: new iam.PrincipalWithConditions(new iam.AccountPrincipal(management), {
        ...conditions,
        // The person's own user name as the session's name (the console's switch-role uses it), so that every action
        // of the session names them in CloudTrail.
        StringEquals: { ...conditions.StringEquals, 'sts:RoleSessionName': '${aws:username}' },
      }),
      maxSessionDuration: props.sessionDuration ?? Duration.hours(1),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
      reason: AWS_MANAGED_POLICY_REASON,
    });
  }
}
