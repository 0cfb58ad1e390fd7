import { Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { Construct } from 'constructs';

/** Props of `BackupAuditFramework`. */
export interface BackupAuditFrameworkProps {
  /** Days every recovery point and every plan rule must keep data at least. */
  readonly minRetentionDays: number;
  /** Hours between backups a plan must not exceed (24 for a daily rule). */
  readonly maxHoursBetweenBackups?: number;
  /** Region every recovery point must also be copied to. */
  readonly copyRegion?: string;
  /** Account every recovery point must also be copied to (the backup account). */
  readonly copyAccount?: string;
  /** Vault Lock the central vault must have: its minimum retention in days. */
  readonly vaultLockMinRetentionDays?: number;
  /**
   * Name of the framework (letters, digits and underscores).
   * @default 'landfall_hipaa_backup'
   */
  readonly frameworkName?: string;
}

/**
 * An AWS Backup Audit Manager framework over one account and region, evaluated daily through
 * AWS Config: every supported resource is in a backup plan; plans back up at least daily and
 * keep data at least the minimum; recovery points are encrypted, kept the minimum, and cannot
 * be deleted by hand; resources are copied to the second region and to the backup account;
 * and a recent recovery point exists. Its compliance shows in the Audit Manager console, in
 * AWS Config and in the organization's compliance reports.
 *
 * HIPAA: 164.308(a)(7)(ii)(A) data backup plan; 164.308(a)(1)(ii)(D) information system
 * activity review; 164.308(a)(8) evaluation; 164.312(c)(1) integrity.
 */
export class BackupAuditFramework extends Construct {
  public readonly framework: backup.CfnFramework;
  /** The framework's ARN, for report plans. */
  public readonly frameworkArn: string;

  constructor(scope: Construct, id: string, props: BackupAuditFrameworkProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.minRetentionDays) && props.minRetentionDays < 1) {
      throw new Error(`BackupAuditFramework: minRetentionDays is ${props.minRetentionDays}; give at least 1`);
    }
    const control = (name: string, parameters: Record<string, string | undefined> = {}) => ({
      controlName: name,
      controlInputParameters: Object.entries(parameters)
        .filter((e): e is [string, string] => e[1] !== undefined)
        .map(([parameterName, parameterValue]) => ({ parameterName, parameterValue })),
    });
    const retention = String(props.minRetentionDays);
    const controls = [
      control('BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN'),
      control('BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK', {
        requiredFrequencyUnit: 'hours',
        requiredFrequencyValue: String(props.maxHoursBetweenBackups ?? 24),
        requiredRetentionDays: retention,
      }),
      control('BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK', { requiredRetentionDays: retention }),
      control('BACKUP_RECOVERY_POINT_ENCRYPTED'),
      control('BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED'),
      control('BACKUP_LAST_RECOVERY_POINT_CREATED', { recoveryPointAgeUnit: 'days', recoveryPointAgeValue: '1' }),
      ...(props.copyRegion
        ? [control('BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION', { crossRegionList: props.copyRegion })]
        : []),
      ...(props.copyAccount
        ? [control('BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT', { crossAccountList: props.copyAccount })]
        : []),
      ...(props.vaultLockMinRetentionDays !== undefined
        ? [
            control('BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK', {
              minRetentionDays: String(props.vaultLockMinRetentionDays),
            }),
          ]
        : []),
    ];
    this.framework = new backup.CfnFramework(this, 'Framework', {
      frameworkName: props.frameworkName ?? 'landfall_hipaa_backup',
      frameworkDescription:
        'Landfall: HIPAA 164.308(a)(7) backup controls — plan coverage, frequency, retention, encryption, no manual deletion, copies, vault lock',
      frameworkControls: controls,
    });
    this.frameworkArn = this.framework.attrFrameworkArn;
  }
}
