import { ArnFormat, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { BackupNames } from './names';

/** What nobody may do to a recovery point in a Landfall vault: its lifecycle alone ends it. */
const RECOVERY_POINT_CHANGES = ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'];

/** Props of `AccountBackupVault`. */
export interface AccountBackupVaultProps {
  /** The account's backup key: recovery points of fully managed resource types are encrypted with it. */
  readonly encryptionKey: kms.IKey;
  /**
   * Name of the vault; the organization backup policy names it.
   * @default 'landfall'
   */
  readonly vaultName?: string;
  /**
   * Vault Lock in governance mode: AWS Backup refuses any job that would keep a recovery
   * point less than this many days, and refuses everyone, the root user included, an early
   * deletion. Governance mode can be removed by a principal allowed to, which `ProtectBackups`
   * allows only Landfall's deploy roles.
   * @default - no lock
   */
  readonly lockMinRetentionDays?: number;
}

/**
 * The vault an account's backups go to, in one region: encrypted with the account's
 * customer-managed backup key, retained when its stack is deleted, and with an access policy
 * that denies everyone the deletion of a recovery point or a change of its lifecycle, so only
 * the retention of the rule that made it ends it. (The `ProtectBackups` guardrail keeps an
 * account administrator from removing the policy, the vault or its notifications.)
 *
 * HIPAA: 164.308(a)(7)(ii)(A) data backup plan; 164.310(d)(2)(iv) data backup and storage;
 * 164.312(a)(2)(iv) encryption and decryption; 164.312(c)(1) integrity.
 */
export class AccountBackupVault extends Construct {
  public readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: AccountBackupVaultProps) {
    super(scope, id);
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName ?? BackupNames.VAULT,
      encryptionKey: props.encryptionKey,
      blockRecoveryPointDeletion: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lockConfiguration:
        props.lockMinRetentionDays !== undefined
          ? { minRetention: Duration.days(props.lockMinRetentionDays) }
          : undefined,
    });
  }
}

/** The central vault's lock. */
export interface VaultLockOptions {
  /** Days a recovery point is kept at least: nobody can delete it earlier. */
  readonly minRetentionDays: number;
  /**
   * Days a recovery point is kept at most.
   * @default - no maximum
   */
  readonly maxRetentionDays?: number;
  /**
   * Days after deployment during which the lock can still be removed. After them the lock
   * is in compliance mode: immutable, even to the account's root user and to AWS.
   * @default 3
   */
  readonly changeableForDays?: number;
}

/** Props of `CentralBackupVault`. */
export interface CentralBackupVaultProps {
  /** The backup account's key the copies are encrypted with. */
  readonly encryptionKey: kms.IKey;
  /** The organization (`o-...`) whose accounts may copy into the vault; nobody else can. */
  readonly organizationId: string;
  /** Vault Lock. */
  readonly lock: VaultLockOptions;
  /**
   * A logically air-gapped vault instead of a standard one: locked in compliance mode from
   * the start, isolated by AWS Backup, and shareable for restores with another account if
   * this one is lost. It needs `lock.maxRetentionDays`, and its lock has no cooling-off period.
   * @default false
   */
  readonly airGapped?: boolean;
  /**
   * Name of the vault; the organization backup policy's copy actions name it.
   * @default 'landfall-central'
   */
  readonly vaultName?: string;
}

/**
 * The backup account's vault that every covered account copies its recovery points to, in
 * one region: Vault Lock in compliance mode (a minimum retention nobody, not the root user
 * nor AWS, can shorten once the cooling-off period ends), copies admitted from the
 * organization's accounts only, recovery points never deleted or shortened by hand, and
 * retained when its stack is deleted. Optionally a logically air-gapped vault.
 *
 * HIPAA: 164.308(a)(7)(ii)(A) data backup plan; 164.308(a)(7)(ii)(B) disaster recovery plan;
 * 164.310(d)(2)(iv) data backup and storage; 164.312(c)(1) integrity.
 */
export class CentralBackupVault extends Construct {
  /** The vault's ARN, for copy actions. */
  public readonly vaultArn: string;
  /** The vault's name. */
  public readonly vaultName: string;

  constructor(scope: Construct, id: string, props: CentralBackupVaultProps) {
    super(scope, id);
    const lock = props.lock;
    const changeableForDays = lock.changeableForDays ?? 3;
    checkDays('lock.minRetentionDays', lock.minRetentionDays, 1);
    if (lock.maxRetentionDays !== undefined) {
      checkDays('lock.maxRetentionDays', lock.maxRetentionDays, lock.minRetentionDays);
    }
    if (!Token.isUnresolved(changeableForDays) && changeableForDays < 3) {
      throw new Error(
        `CentralBackupVault: lock.changeableForDays is ${changeableForDays}; AWS Backup needs at least 3 for compliance mode`,
      );
    }
    this.vaultName = props.vaultName ?? BackupNames.CENTRAL_VAULT;
    const stack = Stack.of(this);
    this.vaultArn = stack.formatArn({
      service: 'backup',
      resource: 'backup-vault',
      resourceName: this.vaultName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const accessPolicy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'CopiesFromTheOrganization',
          principals: [new iam.AnyPrincipal()],
          actions: ['backup:CopyIntoBackupVault'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
        }),
        new iam.PolicyStatement({
          sid: 'RecoveryPointsEndOnlyByTheirLifecycle',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: RECOVERY_POINT_CHANGES,
          resources: ['*'],
        }),
      ],
    });

    if (props.airGapped) {
      if (lock.maxRetentionDays === undefined) {
        throw new Error('CentralBackupVault: an air-gapped vault needs lock.maxRetentionDays');
      }
      if (lock.minRetentionDays < 7) {
        throw new Error(
          `CentralBackupVault: lock.minRetentionDays is ${lock.minRetentionDays}; an air-gapped vault keeps recovery points at least 7 days`,
        );
      }
      const vault = new backup.CfnLogicallyAirGappedBackupVault(this, 'Vault', {
        backupVaultName: this.vaultName,
        minRetentionDays: lock.minRetentionDays,
        maxRetentionDays: lock.maxRetentionDays,
        encryptionKeyArn: props.encryptionKey.keyArn,
        accessPolicy: accessPolicy.toJSON(),
      });
      vault.applyRemovalPolicy(RemovalPolicy.RETAIN);
    } else {
      new backup.BackupVault(this, 'Vault', {
        backupVaultName: this.vaultName,
        encryptionKey: props.encryptionKey,
        accessPolicy,
        removalPolicy: RemovalPolicy.RETAIN,
        lockConfiguration: {
          minRetention: Duration.days(lock.minRetentionDays),
          maxRetention: lock.maxRetentionDays !== undefined ? Duration.days(lock.maxRetentionDays) : undefined,
          changeableFor: Duration.days(changeableForDays),
        },
      });
    }
  }
}

function checkDays(name: string, days: number, min: number): void {
  if (!Token.isUnresolved(days) && (!Number.isInteger(days) || days < min)) {
    throw new Error(`CentralBackupVault: ${name} is ${days}; give a whole number of days of at least ${min}`);
  }
}
