import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { landfallKey, letCloudWatchLogsUse } from './landfall-key';

/** What a key protects; each purpose gets its own key, so access to one never implies another. */
export enum KeyPurpose {
  /** Workload data: EBS volumes (the account default), S3 buckets, databases. */
  DATA = 'data',
  /** Log groups, trails and flow logs. */
  LOGS = 'logs',
  /** Backup vaults. */
  BACKUP = 'backup',
}

/** Props of `EncryptionKeys`. */
export interface EncryptionKeysProps {
  /**
   * Purposes that get a customer-managed key.
   * @default [KeyPurpose.DATA, KeyPurpose.LOGS, KeyPurpose.BACKUP]
   */
  readonly purposes?: KeyPurpose[];

  /**
   * Time between automatic rotations, 90 to 2560 days.
   * @default Duration.days(365)
   */
  readonly rotationPeriod?: Duration;

  /**
   * Prefix of each key's alias: `<prefix>/<purpose>`.
   * @default 'alias/landfall'
   */
  readonly aliasPrefix?: string;

  /**
   * Accounts AWS Backup copies this account's recovery points to (the backup account). The
   * recovery points of EBS, EC2 and RDS stay encrypted with the resource's own key, which
   * the copy needs, so those accounts may use the data and backup keys through AWS Backup, EC2
   * and RDS only (`kms:ViaService`), and grant them only to AWS resources.
   * @default - none
   */
  readonly backupCopyAccounts?: string[];
}

/**
 * Customer-managed KMS keys, one per purpose, rotated automatically and retained
 * when the stack is deleted. Key policies give the account (and so IAM) control
 * of the key, and let only the AWS services that need a key use it: CloudWatch
 * Logs for the logs key (scoped to this account's log groups), the EC2 Auto
 * Scaling service-linked role for the data key (EBS default encryption would
 * otherwise break Auto Scaling launches). Grants are created only for AWS resources
 * or by AWS services (AWS Control Tower's proactive control CT.KMS.PR.3).
 *
 * HIPAA: 164.312(a)(2)(iv) encryption and decryption; 164.312(e)(2)(ii) encryption.
 */
export class EncryptionKeys extends Construct {
  private readonly keys = new Map<KeyPurpose, kms.Key>();

  constructor(scope: Construct, id: string, props: EncryptionKeysProps = {}) {
    super(scope, id);
    const rotationPeriod = props.rotationPeriod ?? Duration.days(365);
    if (
      !Token.isUnresolved(rotationPeriod.toDays()) &&
      (rotationPeriod.toDays() < 90 || rotationPeriod.toDays() > 2560)
    ) {
      throw new Error(`EncryptionKeys: rotationPeriod is ${rotationPeriod.toDays()} days; AWS KMS accepts 90 to 2560`);
    }
    const purposes = props.purposes ?? [KeyPurpose.DATA, KeyPurpose.LOGS, KeyPurpose.BACKUP];
    if (purposes.length === 0) throw new Error('EncryptionKeys: purposes is empty — give at least one KeyPurpose');
    const prefix = props.aliasPrefix ?? 'alias/landfall';
    const stack = Stack.of(this);

    for (const purpose of new Set(purposes)) {
      const key = landfallKey(this, `${purpose}Key`, {
        description: `Landfall ${purpose} key`,
        alias: `${prefix}/${purpose}`,
        rotationPeriod,
      });
      if (purpose === KeyPurpose.LOGS) letCloudWatchLogsUse(key, 'CloudWatchLogsOfThisAccount');
      if (purpose === KeyPurpose.DATA) {
        const autoScaling = new iam.ArnPrincipal(
          `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
        );
        key.addToResourcePolicy(
          new iam.PolicyStatement({
            sid: 'AutoScalingLaunchesEncryptedVolumes',
            principals: [autoScaling],
            actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
            resources: ['*'],
          }),
        );
        key.addToResourcePolicy(
          new iam.PolicyStatement({
            sid: 'AutoScalingGrantsForAttachedVolumes',
            principals: [autoScaling],
            actions: ['kms:CreateGrant'],
            resources: ['*'],
            conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
          }),
        );
      }
      const copyAccounts = props.backupCopyAccounts ?? [];
      if (copyAccounts.length > 0 && (purpose === KeyPurpose.DATA || purpose === KeyPurpose.BACKUP)) {
        const principals = copyAccounts.map((a) => new iam.AccountPrincipal(a));
        // Only through the services that copy (EBS and EC2 snapshots, RDS snapshots, AWS Backup's own recovery
        // points): never a direct Decrypt of application data encrypted under the key.
        const throughTheCopyingServices = {
          StringEquals: { 'kms:ViaService': ['ec2', 'rds', 'backup'].map((s) => `${s}.${stack.region}.amazonaws.com`) },
        };
        key.addToResourcePolicy(
          new iam.PolicyStatement({
            sid: 'BackupCopiesToTheBackupAccount',
            principals,
            actions: ['kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
            resources: ['*'],
            conditions: throughTheCopyingServices,
          }),
        );
        key.addToResourcePolicy(
          new iam.PolicyStatement({
            sid: 'BackupCopyGrantsToTheBackupAccount',
            principals,
            actions: ['kms:CreateGrant'],
            resources: ['*'],
            conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, ...throughTheCopyingServices },
          }),
        );
      }
      this.keys.set(purpose, key);
    }
  }

  /** The key of a purpose; fails when the construct was not given that purpose. */
  public keyFor(purpose: KeyPurpose): kms.IKey {
    const key = this.keys.get(purpose);
    if (!key) {
      throw new Error(`EncryptionKeys: no ${purpose} key — add KeyPurpose.${purpose.toUpperCase()} to purposes`);
    }
    return key;
  }
}
