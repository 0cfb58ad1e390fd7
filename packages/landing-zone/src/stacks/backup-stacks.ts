import {
  AccountBackupVault,
  BackupAuditFramework,
  BackupNames,
  BackupReports,
  BackupServiceRole,
  CentralBackupVault,
  ReportArchive,
  RestoreTestResourceType,
  RestoreTesting,
} from '@landfall/backup';
import { Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface AccountBackupStackProps extends StackProps {
  /** The account's backup key in this region (its encryption stack's). */
  readonly backupKey: kms.IKey;
  /** The home region holds the (global) backup role. */
  readonly home: boolean;
  /** The shortest retention of any rule: the vault's lock minimum and the audit framework's. */
  readonly minRetentionDays: number;
  /** Where the backup policy copies this region's recovery points: another region and the backup account. */
  readonly copyRegion?: string;
  readonly copyAccount: string;
  readonly restoreTesting: {
    readonly schedule: string;
    readonly resourceTypes: string[];
    readonly selectionWindowDays: number;
    readonly validationWindowHours: number;
  };
}

/**
 * Every account the backup policy covers, every governed region: the vault the policy backs up
 * into, the backup role (home region), restore tests and the Audit Manager framework. (The
 * region's AWS Backup opt-ins are a deploy-time call of the encryption stack.)
 */
export class AccountBackupStack extends Stack {
  public readonly vault: AccountBackupVault;

  constructor(scope: Construct, id: string, props: AccountBackupStackProps) {
    super(scope, id, props);
    const role = props.home
      ? new BackupServiceRole(this, 'ServiceRole').role
      : iam.Role.fromRoleName(this, 'ServiceRole', BackupNames.ROLE);
    this.vault = new AccountBackupVault(this, 'Vault', {
      encryptionKey: props.backupKey,
      lockMinRetentionDays: props.minRetentionDays,
    });
    new RestoreTesting(this, 'RestoreTesting', {
      role,
      vaultArns: [this.vault.vault.backupVaultArn],
      schedule: props.restoreTesting.schedule,
      resourceTypes: props.restoreTesting.resourceTypes as RestoreTestResourceType[],
      selectionWindowDays: props.restoreTesting.selectionWindowDays,
      validationWindowHours: props.restoreTesting.validationWindowHours,
    });
    new BackupAuditFramework(this, 'AuditFramework', {
      minRetentionDays: props.minRetentionDays,
      copyRegion: props.copyRegion,
      copyAccount: props.copyAccount,
      vaultLockMinRetentionDays: props.minRetentionDays,
    });
  }
}

export interface CentralBackupStackProps extends StackProps {
  readonly backupKey: kms.IKey;
  readonly organizationId: string;
  readonly lock: {
    readonly minRetentionDays: number;
    readonly maxRetentionDays?: number;
    readonly changeableForDays: number;
  };
  readonly airGapped: boolean;
  /** The home region makes the organization's Audit Manager reports, replicated into the log archive. */
  readonly reports?: {
    readonly bucketName: string;
    readonly accessLogsBucketName: string;
    readonly archive: ReportArchive;
    readonly regions: string[];
    readonly retentionDays: number;
  };
}

/** The backup account, every governed region: the locked vault every recovery point is copied to; reports in the home region. */
export class CentralBackupStack extends Stack {
  public readonly vault: CentralBackupVault;
  public readonly reports?: BackupReports;

  constructor(scope: Construct, id: string, props: CentralBackupStackProps) {
    super(scope, id, props);
    this.vault = new CentralBackupVault(this, 'CentralVault', {
      encryptionKey: props.backupKey,
      organizationId: props.organizationId,
      lock: props.lock,
      airGapped: props.airGapped,
    });
    if (props.reports) {
      this.reports = new BackupReports(this, 'Reports', {
        encryptionKey: props.backupKey,
        bucketName: props.reports.bucketName,
        accessLogsBucketName: props.reports.accessLogsBucketName,
        accessLogsRetentionDays: props.reports.retentionDays,
        archive: props.reports.archive,
        organizationId: props.organizationId,
        regions: props.reports.regions,
      });
    }
  }
}
