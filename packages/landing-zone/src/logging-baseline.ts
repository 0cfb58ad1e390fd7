import { KeyPurpose } from '@landfall/encryption';
import { FindingSeverity } from '@landfall/logging';
import { ResolvedLandingZone } from '@landfall/model';
import { App } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { BACKUP_REPORTS_PREFIX, BACKUP_REPORTS_REPLICATION_ROLE } from './backup-baseline';
import { Directory, PLACEHOLDER_MARK, accountsOf, placeholder } from './deployment';
import { INGRESS_LOGS_PREFIX, INGRESS_LOGS_REPLICATION_ROLE } from './ingress-baseline';
import type { AccountStacks } from './landing-zone';
import { onPlaceholder, stackHelpers } from './stack-helpers';
import { SESSION_LOGS_PREFIX } from './stacks/access-stacks';
import { EncryptionStack } from './stacks/encryption-stack';
import {
  AccountLoggingStack,
  LogArchiveStack,
  LogBucketNames,
  SecurityStack,
  TrailStack,
} from './stacks/logging-stacks';

/** The region where AWS delivers the events of global services (sign-in, Organizations) to EventBridge. */
const GLOBAL_EVENTS_REGION = 'us-east-1';
/** The organization trail's name. */
export function trailName(lz: ResolvedLandingZone): string {
  return `${lz.name}-organization-trail`;
}

/** The log archive's bucket names: fixed, because producers in other accounts address them by name. */
export function logBucketNames(lz: ResolvedLandingZone, directory: Directory): LogBucketNames {
  const logArchive = accountsOf(lz).find((a) => a.account.role === 'log-archive')!.account.name;
  // S3 bucket names are lowercase: a review-only assembly names them after a lowercase stand-in.
  const id = directory.accountId(logArchive) ?? PLACEHOLDER_MARK.toLowerCase();
  return {
    archive: `${lz.name}-log-archive-${id}`,
    delivery: `${lz.name}-log-delivery-${id}`,
    accessLogs: `${lz.name}-s3-access-logs-${id}`,
  };
}

/**
 * The logging baseline: the log archive (log-archive account), the organization trail
 * (management account), threat detection, the HIPAA Config rules and the alerts (audit
 * account), and in every account and governed region a Config recorder and the forwarding
 * of security events (in us-east-1 too, where sign-in and Organizations events arrive).
 */
export function buildLogging(
  app: App,
  lz: ResolvedLandingZone,
  directory: Directory,
  built: AccountStacks[],
  buckets: LogBucketNames,
): void {
  const home = lz.homeRegion;
  const byRole = (role: string) => built.find((b) => b.account.role === role)!;
  const [logArchive, audit, management] = [byRole('log-archive'), byRole('audit'), byRole('management')];
  const retention = lz.logging.cloudWatchRetentionDays as logs.RetentionDays;
  const logKeyOf = (account: AccountStacks, region: string) =>
    (account.stacks[`encryption/${region}`] as EncryptionStack).keys.keyFor(KeyPurpose.LOGS);
  const trail = {
    account: directory.accountIdForReference(management.account.name),
    region: home,
    name: trailName(lz),
  };
  const { common, add } = stackHelpers(lz);
  // Every account of the organization (`built` has the owners of stacks: accounts, and OUs' StackSet templates).
  const members = accountsOf(lz);

  add(
    logArchive,
    `log-archive/${home}`,
    new LogArchiveStack(app, `${directory.stackPrefix(logArchive.account.name)}-log-archive-${home}`, {
      ...common(logArchive, home),
      description: `Landfall ${lz.name}: the organization's log archive`,
      organizationId: directory.organizationId(),
      accounts: members.map((m) => directory.accountIdForReference(m.account.name)),
      trail,
      retentionDays: lz.logging.archiveRetentionDays,
      buckets,
      sessionLogsPrefix: SESSION_LOGS_PREFIX,
      replicaSources: [
        {
          roleArn: `arn:aws:iam::${directory.accountIdForReference(byRole('backup').account.name)}:role/${BACKUP_REPORTS_REPLICATION_ROLE}`,
          prefix: BACKUP_REPORTS_PREFIX,
        },
        ...built
          .filter((b) => b.account.ingress)
          .map((b) => ({
            roleArn: `arn:aws:iam::${directory.accountIdForReference(b.account.name)}:role/${INGRESS_LOGS_REPLICATION_ROLE}`,
            prefix: `${INGRESS_LOGS_PREFIX}/${b.account.name}`,
          })),
      ],
    }),
  );
  const keyArn = directory.loggingId(
    'the organization trail and the AWS Config recorders: record logging.archiveKeyArn (output of the log archive stack)',
    (l) => l.archiveKeyArn,
    `arn:aws:kms:${home}:${directory.accountIdForReference(logArchive.account.name)}:key/${placeholder('key')}`,
  );
  if (keyArn) {
    const trailStack = add(
      management,
      `trail/${home}`,
      new TrailStack(app, `${directory.stackPrefix(management.account.name)}-trail-${home}`, {
        ...common(management, home),
        description: `Landfall ${lz.name}: the organization trail`,
        trailName: trail.name,
        organizationId: directory.organizationId(),
        bucketName: buckets.delivery,
        keyArn,
        logKey: logKeyOf(management, home),
        logRetention: retention,
        phiBucketPrefixes: lz.logging.phiBucketPrefixes,
        excludeBucketNames: [buckets.archive, buckets.delivery, buckets.accessLogs],
      }),
    );
    if (directory.placeholders) onPlaceholder(trailStack.trail, 'F3017');
  }

  const alertBusArn = `arn:aws:events:${home}:${directory.accountIdForReference(audit.account.name)}:event-bus/landfall-security-alerts`;
  const rootId = directory.rootId(
    "Security Hub's configuration policy at the organization root: run `landfall apply` to record the root's ID",
  );
  // One function enrols them all, whatever their number, a resource per 3,000 (`MacieMembers`).
  const macieMembers = members
    .filter((m) => m.account.name !== audit.account.name)
    .map((m) => ({ accountId: directory.accountIdForReference(m.account.name), email: m.account.email }));
  for (const region of lz.regions) {
    add(
      audit,
      `security/${region}`,
      new SecurityStack(app, `${directory.stackPrefix(audit.account.name)}-security-${region}`, {
        ...common(audit, region),
        description: `Landfall ${lz.name}: threat detection, HIPAA Config rules${region === home ? ' and security alerts' : ''} for the organization in ${region}`,
        home: region === home,
        regions: lz.regions,
        organizationId: directory.organizationId(),
        rootId,
        emails: lz.alerts.emails,
        findingSeverity: lz.alerts.findingSeverity as FindingSeverity,
        logKey: logKeyOf(audit, region),
        logRetention: retention,
        macieMembers,
        hipaaRules: keyArn !== undefined,
      }),
    );
  }
  const alertRegions = lz.regions.includes(GLOBAL_EVENTS_REGION) ? lz.regions : [...lz.regions, GLOBAL_EVENTS_REGION];
  for (const b of built) {
    for (const region of alertRegions) {
      const governed = lz.regions.includes(region);
      const stack = add(
        b,
        `logging/${region}`,
        new AccountLoggingStack(app, `${directory.stackPrefix(b.account.name)}-logging-${region}`, {
          ...common(b, region),
          description: governed
            ? `Landfall ${lz.name}: AWS Config and security event forwarding of ${b.account.name} in ${region}`
            : `Landfall ${lz.name}: forwarding of ${b.account.name}'s sign-in and organization events from ${region}`,
          recorder: governed && keyArn ? { bucketName: buckets.delivery, keyArn, home: region === home } : undefined,
          alertBusArn,
        }),
      );
      if (directory.placeholders) onPlaceholder(stack.node.findChild('AlertForwarding'), 'E3510');
    }
  }
}
