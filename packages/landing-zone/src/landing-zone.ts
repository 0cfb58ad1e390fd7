import { KeyPurpose } from '@landfall/encryption';
import { LANDFALL_TAG, compileGuardrails } from '@landfall/guardrails';
import { FindingSeverity } from '@landfall/logging';
import { AccountDefinition, LandingZoneValidationError, ResolvedLandingZone, backupRules } from '@landfall/model';
import { EnvironmentPool, NetworkEnvironment, PeeredVpc, TransitGatewaySpokeAttachment } from '@landfall/network';
import { App, DefaultStackSynthesizer, Environment, Stack, Tags, Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';
import { checkLandingZone } from './checks';
import { DeploymentIds, Directory, NO_IDS, PLACEHOLDER_MARK, accountsOf, placeholder } from './deployment';
import { AccountBackupStack, CentralBackupStack } from './stacks/backup-stacks';
import { EncryptionStack } from './stacks/encryption-stack';
import { HubSpokesStack } from './stacks/hub-spokes-stack';
import { HubStack } from './stacks/hub-stack';
import {
  AccountLoggingStack,
  LogArchiveStack,
  LogBucketNames,
  SecurityStack,
  TrailStack,
} from './stacks/logging-stacks';
import { WorkloadNetworkStack } from './stacks/workload-network-stack';

/** What an account's customization hook gets: its definition, its stacks, and where to add more. */
export interface AccountStacks {
  /** The CDK app: add stacks to it. */
  readonly app: App;
  readonly account: AccountDefinition;
  /** The account's OU path, e.g. `Root/Workloads/Prod`. */
  readonly ouPath: string;
  readonly definition: ResolvedLandingZone;
  /** Landfall's stacks for this account, by baseline and region (`encryption/us-east-1`, `network/us-east-1`, `backup/us-east-1`, `hub/us-east-1`). */
  readonly stacks: Readonly<Record<string, Stack>>;
  /** The account's environment in a governed region, for stacks you add. */
  env(region?: string): Environment;
}

/** A per-account hook (the exported `customize` of `accounts/<name>/index.ts`). */
export type AccountCustomization = (account: AccountStacks) => void;

export interface LandingZoneOptions {
  /** A validated definition with defaults (see `@landfall/model` `validate`). */
  readonly definition: ResolvedLandingZone;
  /** Account, OU and network IDs (`accounts.lock.json`). @default - none */
  readonly ids?: DeploymentIds;
  /**
   * Synthesize without IDs: account-agnostic stacks, marked stand-ins for
   * unknown IDs. For review and checks; not deployable. @default false
   */
  readonly placeholders?: boolean;
  /** Hooks by account name. @default - none */
  readonly customizations?: Readonly<Record<string, AccountCustomization>>;
}

/** The stacks of every account, and what waits for a later deployment phase. */
export interface LandingZoneStacks {
  readonly accounts: readonly AccountStacks[];
  /** Cross-account wiring left out because an ID is not recorded yet. */
  readonly pending: readonly string[];
}

/**
 * Adds the stacks of every account of a definition to `app`: encryption in every
 * account and governed region; a VPC per workload account; the hub network in
 * the shared-services account's home region. Fails before adding anything when
 * the definition asks for something AWS does not have, or when accounts have no
 * IDs and placeholders are off.
 */
export function buildLandingZone(app: App, options: LandingZoneOptions): LandingZoneStacks {
  const lz = options.definition;
  const problems = checkLandingZone(lz);
  if (problems.length > 0) throw new LandingZoneValidationError(problems);
  const directory = new Directory(lz, options.ids ?? NO_IDS, options.placeholders ?? false);
  const missing = directory.accountsWithoutIds();
  if (missing.length > 0 && !directory.placeholders) {
    throw new Error(
      `accounts.lock.json has no ID for ${missing.map((m) => `'${m}'`).join(', ')}: run \`landfall apply\` to create the accounts first, or synthesize with placeholders (landfall synth --placeholders) for a review-only assembly`,
    );
  }
  const s3PolicyTargets = s3OrganizationPolicyTargets(lz);
  const retention = lz.logging.cloudWatchRetentionDays as logs.RetentionDays;
  const purposes = lz.encryption.keyPurposes.map((p) => p as KeyPurpose);
  const accounts = accountsOf(lz);
  const sharedServices = accounts.find((a) => a.account.role === 'shared-services');
  const network = lz.network;
  const azs = (region: string) => network.availabilityZones[region];
  const hubDestinations = [network.hubCidr, lz.access.vpn.clientCidr];
  const logBuckets = logBucketNames(lz, directory);
  const backupAccount = accounts.find((a) => a.account.role === 'backup')!.account.name;
  const backedUp = (ouPath: string, role: string) =>
    role !== 'management' &&
    role !== 'backup' &&
    lz.backup.ous.some((ou) => ouPath === ou || ouPath.startsWith(`${ou}/`));
  const archiveBucketArn = `arn:aws:s3:::${logBuckets.delivery}`;
  const built: AccountStacks[] = [];
  const spokes: Array<{ name: string; environment: string; cidr: string }> = [];

  for (const { account, ouPath } of accounts) {
    const accountId = directory.accountId(account.name);
    const env = (region = lz.homeRegion): Environment => (accountId ? { account: accountId, region } : { region });
    const stacks: Record<string, Stack> = {};
    const add = <T extends Stack>(key: string, stack: T): T => register(stacks, key, stack, lz.name, account.name);
    const encryption: Record<string, EncryptionStack> = {};
    for (const region of lz.regions) {
      const publicAccessBlock =
        region !== lz.homeRegion
          ? 'elsewhere'
          : account.role !== 'management' && s3PolicyTargets.some((t) => ouPath === t || ouPath.startsWith(`${t}/`))
            ? 'organization'
            : 'deploy';
      encryption[region] = add(
        `encryption/${region}`,
        new EncryptionStack(app, `${account.name}-encryption-${region}`, {
          env: env(region),
          terminationProtection: true,
          synthesizer: landfallSynthesizer(lz),
          purposes,
          rotationPeriodDays: lz.encryption.keyRotationPeriodDays,
          logRetention: retention,
          accountPublicAccessBlock: publicAccessBlock,
          // AWS Backup copies this account's recovery points to the backup account, which needs its keys for that.
          backupCopyAccounts: backedUp(ouPath, account.role)
            ? [directory.accountIdForReference(backupAccount)]
            : undefined,
          backupOptIn: backedUp(ouPath, account.role),
          crossAccountBackup: account.role === 'management' && region === lz.homeRegion,
          description: `Landfall ${lz.name}: encryption baseline of ${account.name} in ${region}`,
        }),
      );
    }
    const logKey = (region: string) => encryption[region].keys.keyFor(KeyPurpose.LOGS);

    if (account.role === 'workload' && account.environment) {
      const plan = network.environments[account.environment];
      const explicit = plan.accountCidrs?.[account.name];
      const regions = explicit ? [lz.homeRegion] : lz.regions;
      spokes.push({ name: account.name, environment: account.environment, cidr: explicit ?? plan.ipamPoolCidr! });
      for (const region of regions) {
        const home = region === lz.homeRegion;
        const poolId = explicit
          ? undefined
          : directory.networkId(
              `${account.name} VPC in ${region}: record network.ipamPools["${account.environment}/${region}"] (hub stack output)`,
              (n) => n.ipamPools?.[`${account.environment}/${region}`],
              placeholder('ipam-pool', account.environment, region),
            );
        if (!explicit && !poolId) continue;
        const serviceDnsRuleId =
          home && sharedServices && network.interfaceEndpoints.length > 0
            ? directory.networkId(
                `${account.name} resolving the hub's endpoints by name: record network.serviceDnsRuleId (hub stack output)`,
                (n) => n.serviceDnsRuleId,
                placeholder('rslvr-rr'),
              )
            : undefined;
        const transitGatewayId =
          home && network.topology === 'transit-gateway'
            ? directory.networkId(
                `${account.name} attachment: record network.transitGatewayId (hub stack output)`,
                (n) => n.transitGatewayId,
                placeholder('tgw'),
              )
            : undefined;
        const peering =
          home && network.topology === 'peering' && sharedServices
            ? {
                hubAccount: directory.accountIdForReference(sharedServices.account.name),
                peeringConnectionId: directory.networkId(
                  `${account.name} routes to the hub: record network.peeringConnections.${account.name} (hub stack output)`,
                  (n) => n.peeringConnections?.[account.name],
                  placeholder('pcx', account.name),
                ),
              }
            : undefined;
        add(
          `network/${region}`,
          new WorkloadNetworkStack(app, `${account.name}-network-${region}`, {
            env: env(region),
            terminationProtection: true,
            synthesizer: landfallSynthesizer(lz),
            description: `Landfall ${lz.name}: network of ${account.name} in ${region}`,
            logKey: logKey(region),
            logRetention: retention,
            archiveBucketArn,
            availabilityZones: azs(region),
            ...(explicit ? { cidr: explicit } : { ipamPoolId: poolId, ipamNetmask: plan.vpcNetmask }),
            hubDestinations,
            serviceDnsRuleId,
            transitGatewayId,
            peering,
          }),
        );
      }
    }
    built.push({ app, account, ouPath, definition: lz, env, stacks });
  }

  if (sharedServices) {
    const hubAccount = built.find((b) => b.account.name === sharedServices.account.name)!;
    const environments: NetworkEnvironment[] = Object.entries(network.environments).map(([name, plan]) => ({
      name,
      production: plan.production,
      cidrs: plan.ipamPoolCidr ? [plan.ipamPoolCidr] : Object.values(plan.accountCidrs ?? {}),
    }));
    const pools: EnvironmentPool[] = Object.entries(network.environments)
      .filter(([, plan]) => plan.ipamPoolCidr)
      .map(([name, plan]) => ({
        name,
        cidr: plan.ipamPoolCidr!,
        vpcNetmask: plan.vpcNetmask,
        shareWith: [
          ...new Set(
            accounts
              .filter((a) => a.account.role === 'workload' && a.account.environment === name)
              .map((a) => a.ouPath),
          ),
        ].map((p) => directory.ouArn(p)),
      }));
    const tgwSpokes: TransitGatewaySpokeAttachment[] = [];
    const peered: PeeredVpc[] = [];
    for (const spoke of spokes) {
      if (network.topology === 'transit-gateway') {
        const attachmentId = directory.networkId(
          `hub route domain of ${spoke.name}: record network.attachments.${spoke.name} (its network stack's output)`,
          (n) => n.attachments?.[spoke.name],
          placeholder('tgw-attach', spoke.name),
        );
        if (attachmentId) tgwSpokes.push({ name: spoke.name, environment: spoke.environment, attachmentId });
      } else {
        const vpc = directory.vpc(spoke.name, spoke.cidr);
        if (vpc) {
          peered.push({
            name: spoke.name,
            environment: spoke.environment,
            vpcId: vpc.vpcId,
            cidr: vpc.cidr,
            account: directory.accountIdForReference(spoke.name),
            acceptRoleArn: `arn:aws:iam::${directory.accountIdForReference(spoke.name)}:role/landfall-hub-peering-${lz.homeRegion}`,
          });
        }
      }
    }
    const region = lz.homeRegion;
    const stack = new HubStack(app, `${sharedServices.account.name}-hub-${region}`, {
      env: hubAccount.env(region),
      terminationProtection: true,
      synthesizer: landfallSynthesizer(lz),
      description: `Landfall ${lz.name}: network hub in ${region}`,
      logKey: (hubAccount.stacks[`encryption/${region}`] as EncryptionStack).keys.keyFor(KeyPurpose.LOGS),
      logRetention: retention,
      archiveBucketArn,
      availabilityZones: azs(region),
      hubCidr: network.hubCidr,
      interfaceEndpoints: network.interfaceEndpoints,
      clientCidrs: [...environments.flatMap((e) => e.cidrs), lz.access.vpn.clientCidr],
      environments,
      links: network.connections,
      serviceDnsShareWith: [directory.organizationArn()],
      ...(pools.length > 0 ? { addressPlan: { regions: lz.regions, pools } } : {}),
      ...(network.topology === 'transit-gateway'
        ? { transitGateway: { shareWith: [directory.organizationArn()] } }
        : {}),
    });
    const hubStacks = hubAccount.stacks as Record<string, Stack>;
    register(hubStacks, `hub/${region}`, stack, lz.name, sharedServices.account.name);
    // The spokes' wiring, in shares that keep every stack well under 500 resources (2 per transit gateway spoke, 5 per peering).
    const share = network.topology === 'transit-gateway' ? SPOKES_PER_STACK.transitGateway : SPOKES_PER_STACK.peering;
    const wired: Array<TransitGatewaySpokeAttachment | PeeredVpc> =
      network.topology === 'transit-gateway' ? tgwSpokes : peered;
    for (let k = 0; k * share < wired.length; k++) {
      const part = wired.slice(k * share, (k + 1) * share);
      const spokesStack = new HubSpokesStack(app, `${sharedServices.account.name}-hub-spokes-${region}-${k + 1}`, {
        env: hubAccount.env(region),
        terminationProtection: true,
        synthesizer: landfallSynthesizer(lz),
        description: `Landfall ${lz.name}: workload VPCs ${k * share + 1}-${k * share + part.length} on the hub in ${region}`,
        ...(network.topology === 'transit-gateway'
          ? {
              transitGateway: {
                routeTableIds: stack.routeTableIds,
                links: network.connections,
                spokes: part as TransitGatewaySpokeAttachment[],
              },
            }
          : { peering: { hubVpc: stack.hub.vpc, spokes: part as PeeredVpc[] } }),
      });
      register(hubStacks, `hub-spokes/${region}/${k + 1}`, spokesStack, lz.name, sharedServices.account.name);
    }
  }

  buildLogging(app, lz, directory, built, logBuckets);
  buildBackup(app, lz, directory, built, logBuckets, backedUp);

  for (const account of built) options.customizations?.[account.account.name]?.(account);
  return { accounts: built, pending: directory.pending };
}

/** The region where AWS delivers the events of global services (sign-in, Organizations) to EventBridge. */
const GLOBAL_EVENTS_REGION = 'us-east-1';
/** The organization trail's name. */
export function trailName(lz: ResolvedLandingZone): string {
  return `${lz.name}-organization-trail`;
}

/** The log archive's bucket names: fixed, because producers in other accounts address them by name. */
function logBucketNames(lz: ResolvedLandingZone, directory: Directory): LogBucketNames {
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
function buildLogging(
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

  add(
    logArchive,
    `log-archive/${home}`,
    new LogArchiveStack(app, `${logArchive.account.name}-log-archive-${home}`, {
      ...common(logArchive, home),
      description: `Landfall ${lz.name}: the organization's log archive`,
      organizationId: directory.organizationId(),
      accounts: built.map((b) => directory.accountIdForReference(b.account.name)),
      trail,
      retentionDays: lz.logging.archiveRetentionDays,
      buckets,
      replicaSources: [
        {
          roleArn: `arn:aws:iam::${directory.accountIdForReference(byRole('backup').account.name)}:role/${BACKUP_REPORTS_REPLICATION_ROLE}`,
          prefix: BACKUP_REPORTS_PREFIX,
        },
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
      new TrailStack(app, `${management.account.name}-trail-${home}`, {
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
  for (const region of lz.regions) {
    add(
      audit,
      `security/${region}`,
      new SecurityStack(app, `${audit.account.name}-security-${region}`, {
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
        macieMembers: built
          .filter((b) => b !== audit)
          .map((b) => ({ accountId: directory.accountIdForReference(b.account.name), email: b.account.email })),
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
        new AccountLoggingStack(app, `${b.account.name}-logging-${region}`, {
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

/**
 * The backup baseline: in every account the backup policy covers and every governed region, the
 * vault the policy backs up into, the backup role, AWS Backup's opt-ins, restore tests and the
 * Audit Manager framework; in the backup account, the locked central vault of every region and
 * the organization's reports, replicated into the log archive. (AWS Backup's opt-ins and the
 * management account's cross-account backup are deploy-time calls of the encryption stacks.)
 */
function buildBackup(
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
        new AccountBackupStack(app, `${b.account.name}-backup-${region}`, {
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

  const archiveKeyArn = directory.loggingId(
    "the AWS Backup reports' replication into the log archive: record logging.archiveKeyArn (output of the log archive stack)",
    (l) => l.archiveKeyArn,
    `arn:aws:kms:${home}:${directory.accountIdForReference(logArchive.account.name)}:key/${placeholder('key')}`,
  );
  // S3 bucket names are lowercase: a review-only assembly names them after a lowercase stand-in.
  const bucketId = directory.accountId(backup.account.name) ?? PLACEHOLDER_MARK.toLowerCase();
  for (const region of lz.regions) {
    const stack = add(
      backup,
      `backup-vault/${region}`,
      new CentralBackupStack(app, `${backup.account.name}-backup-vault-${region}`, {
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

/**
 * CloudFormation's linter reads an ARN with a stand-in account (`account-PLACEHOLDER-audit`) as malformed. In a
 * review-only assembly that is expected, and said once here rather than printed for every stack; recorded IDs
 * make the ARNs real and the acknowledgement is never made.
 */
function onPlaceholder(scope: IConstruct, rule: string): void {
  Validations.of(scope).acknowledge({
    id: `CloudFormation-Validate::${rule}`,
    reason:
      "A review-only assembly: this ARN names another account by a marked stand-in (no account ID is recorded yet), which CloudFormation's linter reads as malformed.",
  });
}

/**
 * Landfall's stacks deploy through Landfall's own CDK bootstrap (its qualifier), whose
 * roles the guardrails reserve; the stock bootstrap stays for workload teams and is
 * never exempt (docs/decisions/0003-deploy-principals.md).
 */
export function landfallSynthesizer(lz: ResolvedLandingZone): DefaultStackSynthesizer {
  return new DefaultStackSynthesizer({ qualifier: lz.guardrails.cdkQualifier });
}

/** What every stack of an account is created with (its environment, protection, Landfall's bootstrap), and how it is filed. */
function stackHelpers(lz: ResolvedLandingZone) {
  return {
    common: (b: AccountStacks, region: string) => ({
      env: b.env(region),
      terminationProtection: true,
      synthesizer: landfallSynthesizer(lz),
    }),
    add: <T extends Stack>(b: AccountStacks, key: string, stack: T): T =>
      register(b.stacks as Record<string, Stack>, key, stack, lz.name, b.account.name),
  };
}

/** Files a stack under its account's stacks, tagged with the landing zone and the account. */
function register<T extends Stack>(
  stacks: Record<string, Stack>,
  key: string,
  stack: T,
  landingZone: string,
  account: string,
): T {
  Tags.of(stack).add(LANDFALL_TAG, landingZone);
  Tags.of(stack).add('landfall:account', account);
  stacks[key] = stack;
  return stack;
}

/** How many spokes one hub-spokes stack wires: well under CloudFormation's 500 resources and 200 outputs. */
export const SPOKES_PER_STACK = { transitGateway: 150, peering: 75 } as const;

/** OU paths where the S3 organization policy (account-level Block Public Access) is attached. */
function s3OrganizationPolicyTargets(lz: ResolvedLandingZone): string[] {
  const compiled = compileGuardrails(lz);
  if (!compiled.ok) return [];
  return Object.entries(compiled.compilation.attachments)
    .filter(([, ids]) => ids.includes('S3OrganizationBlockPublicAccess'))
    .map(([target]) => target);
}
