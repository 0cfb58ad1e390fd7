import { AWS_MANAGED_POLICY_REASON } from '@landfall/encryption/lib/account-settings-call';
import { Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { BackupNames } from './names';

/** AWS Backup's own managed policies: what its service role needs for every resource type it backs up and restores. */
const MANAGED_POLICIES = [
  'service-role/AWSBackupServiceRolePolicyForBackup',
  'service-role/AWSBackupServiceRolePolicyForRestores',
  'AWSBackupServiceRolePolicyForS3Backup',
  'AWSBackupServiceRolePolicyForS3Restore',
];

/** Why the role uses AWS managed policies (cdk-nag AwsSolutions-IAM4): Landfall's one reason for them. */
export const BACKUP_ROLE_REASON = AWS_MANAGED_POLICY_REASON;

/** Props of `BackupServiceRole`. */
export interface BackupServiceRoleProps {
  /**
   * Name of the role; the organization backup policy names it in every account.
   * @default 'landfall-backup'
   */
  readonly roleName?: string;
}

/**
 * The role AWS Backup assumes in an account to back up and restore what the backup policy
 * selects, and to run restore tests. It trusts only AWS Backup acting for this account. IAM
 * is global: deploy it once per account.
 *
 * HIPAA: 164.308(a)(7)(ii)(A) data backup plan; 164.308(a)(7)(ii)(B) disaster recovery plan.
 */
export class BackupServiceRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BackupServiceRoleProps = {}) {
    super(scope, id);
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName ?? BackupNames.ROLE,
      description: 'AWS Backup backs up, restores and runs restore tests (Landfall)',
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      managedPolicies: MANAGED_POLICIES.map((name) => iam.ManagedPolicy.fromAwsManagedPolicyName(name)),
    });
    Validations.of(this.role).acknowledge(
      ...MANAGED_POLICIES.map((name) => ({
        id: `AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        reason: BACKUP_ROLE_REASON,
      })),
    );
  }
}
