import { KeyPurpose } from '@landfall/encryption';
import { ResolvedLandingZone, backupRules } from '@landfall/model';
import { App } from 'aws-cdk-lib';
import { Directory, PLACEHOLDER_MARK } from './deployment';
import type { AccountStacks } from './landing-zone';
import { onPlaceholder, stackHelpers } from './stack-helpers';
import { AccountBackupStack, CentralBackupStack } from './stacks/backup-stacks';
import { EncryptionStack } from './stacks/encryption-stack';
import { LogBucketNames } from './stacks/logging-stacks';

/**
 * The backup baseline: in every account the backup policy covers and every governed region, the
 * vault the policy backs up into, the backup role, AWS Backup's opt-ins, restore tests and the
 * Audit Manager framework; in the backup account, the locked central vault of every region and
 * the organization's reports, replicated into the log archive. (AWS Backup's opt-ins and the
 * management account's cross-account backup are deploy-time calls of the encryption stacks.)
 */
export function buildBackup(
  app: App,
  lz: ResolvedLandingZone,
  directory: Directory,
  built: AccountStacks[],
  buckets: LogBucketNames,
  backedUp: (ouPath: string, role: string) => boolean,
): void {
  const home = lz.homeRegion;
  const byRole = (role: string) => built.find((b) => b.account.role === role)!;
  const [backup, logArchive] = [byRole('backup'), byRole('log-archive')];
  const keyOf = (account: AccountStacks, region: string, purpose: KeyPurpose) =>
    (account.stacks[`encryption/${region}`] as EncryptionStack).keys.keyFor(purpose);
  const { common, add } = stackHelpers(lz);
  const backupAccountId = directory.accountIdForReference(backup.account.name);
  const minRetentionDays = Math.min(...backupRules(lz.backup).map((r) => r.retentionDays));

  for (const b of built.filter((a) => backedUp(a.ouPath, a.account.role))) {
    const stacks = lz.regions.map((region) =>
      add(
        b,
        `backup/${region}`,
        new AccountBackupStack(app, `${directory.stackPrefix(b.account.name)}-backup-${region}`, {
          ...common(b, region),
          description: `Landfall ${lz.name}: backup vault, restore tests and backup audit of ${b.account.name} in ${region}`,
          backupKey: keyOf(b, region, KeyPurpose.BACKUP),
          home: region === home,
          minRetentionDays,
          copyRegion: lz.backup.copyRegion && (region === lz.backup.copyRegion ? home : lz.backup.copyRegion),
          copyAccount: backupAccountId,
          restoreTesting: lz.backup.restoreTesting,
        }),
      ),
    );
    // The backup role is global: made in the home region, used by the restore tests of every region.
    const homeStack = stacks[lz.regions.indexOf(home)];
    for (const stack of stacks) if (stack !== homeStack) stack.addStackDependency(homeStack);
  }

  const archiveKeyArn = directory.archiveKeyArn("the AWS Backup reports' replication into the log archive");
  // S3 bucket names are lowercase: a review-only assembly names them after a lowercase stand-in.
  const bucketId = directory.accountId(backup.account.name) ?? PLACEHOLDER_MARK.toLowerCase();
  for (const region of lz.regions) {
    const stack = add(
      backup,
      `backup-vault/${region}`,
      new CentralBackupStack(app, `${directory.stackPrefix(backup.account.name)}-backup-vault-${region}`, {
        ...common(backup, region),
        description: `Landfall ${lz.name}: the organization's locked backup vault in ${region}${region === home ? ', and the AWS Backup reports' : ''}`,
        backupKey: keyOf(backup, region, KeyPurpose.BACKUP),
        organizationId: directory.organizationId(),
        lock: lz.backup.centralVault,
        airGapped: lz.backup.centralVault.airGapped,
        reports:
          region === home && archiveKeyArn
            ? {
                bucketName: `${lz.name}-backup-reports-${bucketId}`,
                accessLogsBucketName: `${lz.name}-backup-access-logs-${bucketId}`,
                archive: {
                  bucketName: buckets.archive,
                  account: directory.accountIdForReference(logArchive.account.name),
                  keyArn: archiveKeyArn,
                },
                regions: lz.regions,
                retentionDays: lz.logging.archiveRetentionDays,
              }
            : undefined,
      }),
    );
    if (directory.placeholders && stack.reports) onPlaceholder(stack.reports, 'E3510');
  }
}

/** The role the backup account's S3 replication assumes to copy AWS Backup reports into the log archive. */
export const BACKUP_REPORTS_REPLICATION_ROLE = 'landfall-backup-reports-replication';
/** Where AWS Backup's reports are, in the reports bucket and in the log archive. */
export const BACKUP_REPORTS_PREFIX = 'backup-reports';
