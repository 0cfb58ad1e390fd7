import { MANAGED_POLICY_PATH, WILDCARD_REASON } from '@landfall/encryption/lib/account-settings-call';
import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { BASTION_TAG, SessionDocumentNames } from './names';

/** Props of `BastionSessionRole`. */
export interface BastionSessionRoleProps {
  /**
   * Who may assume the role, always with MFA: IAM users, or roles whose sessions carry MFA
   * (`iam.ArnPrincipal` for an ARN, `iam.AccountPrincipal` for an account's principals).
   */
  readonly trustedPrincipals: iam.IPrincipal[];
  /**
   * IAM Identity Center permission sets whose roles in this account may assume the role too
   * (`AWSReservedSSO_<name>_*`, which only Identity Center can create). Their sessions carry no
   * MFA flag: Identity Center asks for MFA at sign-in.
   * @default - none
   */
  readonly identityCenterPermissionSets?: string[];
  /** The key sessions are encrypted with (the preferences' `sessionKey`). */
  readonly sessionKey: kms.IKey;
  /**
   * Name of the role.
   * @default 'landfall-session-admin'
   */
  readonly roleName?: string;
}

/**
 * The roles IAM Identity Center makes for permission sets in this account, under its path `/aws-reserved/sso.amazonaws.com/`.
 * IAM keeps that path to AWS: no account user can create a role there or change one (AWS documents the roles as
 * protected; `@landfall/guardrails`' simulation tests prove it as the simulator models IAM).
 */
function identityCenterRoles(permissionSets: string[]): Record<string, Record<string, string[]>> {
  return {
    ArnLike: {
      // Identity Center's path, with or without its region (an instance outside us-east-1 adds it).
      'aws:PrincipalArn': permissionSets.flatMap((name) =>
        ['', '*/'].map(
          (region) =>
            `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/aws-reserved/sso.amazonaws.com/${region}AWSReservedSSO_${name}_*`,
        ),
      ),
    },
  };
}

/** The longest the MFA may be old when the role is assumed: an hour, like the role's sessions. */
const MFA_MAX_AGE_SECONDS = 3600;

/**
 * The role administrators assume, with MFA, to reach the bastion: a recorded shell on it, or
 * port forwarding through it, and nothing else. It starts sessions only on this account's
 * instances that carry the bastion tag (`BASTION_TAG`: Auto Scaling replaces the bastion's
 * instance, so no instance ID lasts) and only with the account's recorded-shell preferences or
 * AWS's port forwarding documents, resumes and ends only the caller's own sessions, and encrypts
 * them with the session key. Its sessions last an hour at most. IAM is global: deploy it once
 * per account.
 *
 * `aws:MultiFactorAuthPresent` is absent from federated and chained role sessions (IAM Identity
 * Center's included): the trusted principals must be ones whose sessions carry MFA.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(d) person or entity authentication;
 * 164.312(a)(2)(iii) automatic logoff.
 */
export class BastionSessionRole extends Construct {
  public readonly role: iam.Role;
  /** The role's permissions. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: BastionSessionRoleProps) {
    super(scope, id);
    const permissionSets = props.identityCenterPermissionSets ?? [];
    if (props.trustedPrincipals.length === 0 && permissionSets.length === 0) {
      throw new Error(
        'BastionSessionRole: trustedPrincipals and identityCenterPermissionSets are empty — give the administrators who may assume it',
      );
    }
    const stack = Stack.of(this);
    const mfa = {
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThanEquals: { 'aws:MultiFactorAuthAge': String(MFA_MAX_AGE_SECONDS) },
    };
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName ?? 'landfall-session-admin',
      description: 'Landfall: administrators start recorded Session Manager sessions on the bastion (MFA)',
      assumedBy:
        props.trustedPrincipals.length > 0
          ? new iam.PrincipalWithConditions(new iam.CompositePrincipal(...props.trustedPrincipals), mfa)
          : new iam.PrincipalWithConditions(
              new iam.AccountPrincipal(stack.account),
              identityCenterRoles(permissionSets),
            ),
      maxSessionDuration: Duration.hours(1),
    });
    if (props.trustedPrincipals.length > 0 && permissionSets.length > 0) {
      this.role.assumeRolePolicy!.addStatements(
        new iam.PolicyStatement({
          actions: ['sts:AssumeRole'],
          principals: [new iam.AccountPrincipal(stack.account)],
          conditions: identityCenterRoles(permissionSets),
        }),
      );
    }
    // A session that names no document is checked against the preferences document too.
    const documentCheck = { BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' } };
    const document = (name: string, owner: string) =>
      `arn:${Aws.PARTITION}:ssm:${stack.region}:${owner}:document/${name}`;
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      path: MANAGED_POLICY_PATH,
      description: 'Landfall: sessions on the tagged bastion only, with the recorded shell or port forwarding',
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'StartSessionsOnTheBastion',
          actions: ['ssm:StartSession'],
          // The bastion's instance is whichever one Auto Scaling launched last: named by its tag, not its ID.
          resources: [`arn:${Aws.PARTITION}:ec2:${Aws.REGION}:${Aws.ACCOUNT_ID}:instance/*`],
          conditions: {
            StringEquals: { [`ssm:resourceTag/${BASTION_TAG.key}`]: BASTION_TAG.value },
            ...documentCheck,
          },
        }),
        new iam.PolicyStatement({
          sid: 'WithTheRecordedShellOrPortForwarding',
          actions: ['ssm:StartSession'],
          resources: [
            document(SessionDocumentNames.RUN_SHELL, stack.account),
            // AWS's own documents: no account in their ARN.
            document(SessionDocumentNames.PORT_FORWARDING, ''),
            document(SessionDocumentNames.PORT_FORWARDING_TO_REMOTE_HOST, ''),
          ],
          conditions: documentCheck,
        }),
        new iam.PolicyStatement({
          sid: 'OwnSessionsOnly',
          actions: ['ssm:TerminateSession', 'ssm:ResumeSession'],
          resources: [`arn:${Aws.PARTITION}:ssm:${Aws.REGION}:${Aws.ACCOUNT_ID}:session/\${aws:userid}-*`],
        }),
        new iam.PolicyStatement({
          sid: 'SeeSessionsAndInstances',
          actions: ['ssm:DescribeSessions', 'ssm:DescribeInstanceInformation', 'ssm:GetConnectionStatus'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'EncryptSessions',
          actions: ['kms:GenerateDataKey'],
          resources: [props.sessionKey.keyArn],
        }),
      ],
    });
    Validations.of(this.policy).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: WILDCARD_REASON },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:session/<aws:userid>-*]',
        reason: WILDCARD_REASON,
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*]',
        reason: WILDCARD_REASON,
      },
    );
  }
}
