import { BackupRegionSettings, CrossAccountBackup } from '@landfall/backup';
import { AccountPublicAccessBlock, EbsDefaultEncryption, EncryptionKeys, KeyPurpose } from '@landfall/encryption';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { managedPrefixListId } from './prefix-list';

export interface EncryptionStackProps extends StackProps {
  readonly purposes: KeyPurpose[];
  /** Accounts AWS Backup copies this account's recovery points to (the backup account). */
  readonly backupCopyAccounts?: string[];
  /** Opt the account and region in to AWS Backup for every resource type the backup policy covers. */
  readonly backupOptIn?: boolean;
  /** Turn on cross-account backup for the organization (the management account's home region only). */
  readonly crossAccountBackup?: boolean;
  readonly rotationPeriodDays: number;
  /** Account-wide S3 Block Public Access: deploy it here, or not (another region does, or the organization's S3 policy). */
  readonly accountPublicAccessBlock: 'deploy' | 'organization' | 'elsewhere';
  /**
   * AWS-managed prefix lists whose IDs this account's other stacks need in this region (security groups of the
   * bastion and the ingress), read by the same deploy-time function.
   * @default - none
   */
  readonly prefixLists?: string[];
  /** How long the deploy-time function's logs are kept (encrypted with the logs key). */
  readonly logRetention: logs.RetentionDays;
}

/**
 * Every account, every governed region: KMS keys per purpose, EBS encryption by default, S3 Block Public Access;
 * AWS Backup's opt-ins where the backup policy applies, and cross-account backup in the management account.
 */
export class EncryptionStack extends Stack {
  public readonly keys: EncryptionKeys;
  /** The IDs of `prefixLists`, by name. */
  public readonly prefixListIds: Record<string, string> = {};

  constructor(scope: Construct, id: string, props: EncryptionStackProps) {
    super(scope, id, props);
    this.keys = new EncryptionKeys(this, 'Keys', {
      purposes: props.purposes,
      backupCopyAccounts: props.backupCopyAccounts,
      rotationPeriod: Duration.days(props.rotationPeriodDays),
    });
    const deployLogs = { logKey: this.keys.keyFor(KeyPurpose.LOGS), logRetention: props.logRetention };
    new EbsDefaultEncryption(this, 'EbsDefaultEncryption', { key: this.keys.keyFor(KeyPurpose.DATA), ...deployLogs });
    // AWS Backup's account settings through the same deploy-time function: no function more per account and region.
    const sameFunction = { ...deployLogs, functionName: 'landfall-account-settings' };
    if (props.backupOptIn) new BackupRegionSettings(this, 'BackupRegionSettings', sameFunction);
    if (props.crossAccountBackup) new CrossAccountBackup(this, 'CrossAccountBackup', sameFunction);
    (props.prefixLists ?? []).forEach((name, i) => {
      this.prefixListIds[name] = managedPrefixListId(this, `PrefixList${i + 1}`, name, sameFunction);
    });
    if (props.accountPublicAccessBlock !== 'elsewhere') {
      new AccountPublicAccessBlock(this, 'S3BlockPublicAccess', {
        managedByOrganization: props.accountPublicAccessBlock === 'organization',
        ...deployLogs,
      });
    }
  }
}
