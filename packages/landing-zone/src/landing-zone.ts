import { KeyPurpose } from '@landfall/encryption';
import { compileGuardrails } from '@landfall/guardrails';
import {
  AccountDefinition,
  LandingZoneValidationError,
  ResolvedLandingZone,
  UserError,
  ouDeployments,
} from '@landfall/model';
import { EnvironmentPool, NetworkEnvironment, PeeredVpc, TransitGatewaySpokeAttachment } from '@landfall/network';
import {
  App,
  CfnOutput,
  CliCredentialsStackSynthesizer,
  Environment,
  IStackSynthesizer,
  Stack,
  Tags,
} from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { buildAccess } from './access-baseline';
import { buildBackup } from './backup-baseline';
import { checkLandingZone } from './checks';
import {
  DeploymentIds,
  Directory,
  NO_IDS,
  PLACEHOLDER_MARK,
  accountsOf,
  placeholder,
  regionalNetworkName,
  regionalNetworkPath,
} from './deployment';
import { buildIdentity } from './identity-baseline';
import { buildIngress } from './ingress-baseline';
import { buildLogging, logBucketNames } from './logging-baseline';
import { buildPipeline } from './pipeline';
import { ACCOUNT_NAME_MARK, STACK_SET_METADATA, landfallSynthesizer, recordOutput, register } from './stack-helpers';
import { EncryptionStack } from './stacks/encryption-stack';
import { HubSpokesStack } from './stacks/hub-spokes-stack';
import { HubStack } from './stacks/hub-stack';
import { CLOUDFRONT_ORIGIN_FACING, s3PrefixList } from './stacks/prefix-list';
import { StackSetAssetsStack, stackSetAssetsBucketName } from './stacks/stackset-assets-stack';
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
  /** The synthesizer of Landfall's stacks in a region. @default - Landfall's bootstrap (`landfallSynthesizer`) */
  readonly synthesizer?: (region: string) => IStackSynthesizer;
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

/** The workload baselines of an OU deployed as StackSets: one template per baseline and region for all its accounts. */
export interface StackSetBaseline {
  /** The OU, e.g. `Root/Workloads/Prod`. */
  readonly ouPath: string;
  /** The templates, by baseline and region (`encryption/us-east-1`, ...): account-agnostic stacks named after the OU. */
  readonly owner: AccountStacks;
  /** The accounts of the OU today (a StackSet also reaches those that join later). */
  readonly accounts: readonly string[];
}

/** The stacks of every account, and what waits for a later deployment phase. */
export interface LandingZoneStacks {
  /** Every account; one whose OU deploys as StackSets has no stacks of its own (`stacks` is empty). */
  readonly accounts: readonly AccountStacks[];
  /** The OUs whose workload baselines are StackSets. */
  readonly stackSets: readonly StackSetBaseline[];
  /** Cross-account wiring left out because an ID is not recorded yet. */
  readonly pending: readonly string[];
}

/**
 * Adds the stacks of every account of a definition to `app`: encryption in every
 * account and governed region; a VPC per workload account and region; a network
 * hub in the shared-services account in every governed region, each serving its
 * region's workload VPCs. Fails before adding anything when
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
    throw new UserError(
      'accounts.lock.json',
      `no ID for ${missing.map((m) => `'${m}'`).join(', ')}`,
      'run `landfall apply` to create the accounts first, or synthesize with placeholders for a review-only assembly (`landfall synth --placeholders`; LANDFALL_PLACEHOLDERS=true for the accounts/ app, e.g. `LANDFALL_PLACEHOLDERS=true npx cdk synth`)',
    );
  }
  // CloudFormation cannot rename a stack: a renamed account's stacks keep its old name, which no other may take.
  const prefixHolder = new Map<string, string>();
  for (const { account } of accountsOf(lz)) {
    const prefix = directory.stackPrefix(account.name);
    const holder = prefixHolder.get(prefix);
    if (holder !== undefined) {
      const taker = [holder, account.name].find((n) => n === prefix);
      const renamed = [holder, account.name].find((n) => n !== prefix)!;
      throw new UserError(
        'accounts.lock.json, stackPrefixes',
        `accounts ${holder} and ${account.name} would both name their stacks ${prefix}-*`,
        taker
          ? `${renamed} was ${prefix} when its stacks were deployed — give ${taker} another name in the definition`
          : `restore stackPrefixes in accounts.lock.json from version control (\`landfall apply\` writes it)`,
      );
    }
    prefixHolder.set(prefix, account.name);
  }
  const s3PolicyTargets = s3OrganizationPolicyTargets(lz);
  const retention = lz.logging.cloudWatchRetentionDays as logs.RetentionDays;
  const purposes = lz.encryption.keyPurposes.map((p) => p as KeyPurpose);
  const accounts = accountsOf(lz);
  const sharedServices = accounts.find((a) => a.account.role === 'shared-services');
  const network = lz.network;
  const azs = (region: string) => network.availabilityZones[region];
  // The home region's hub also reaches the client VPN's clients; another region's hub serves its endpoints and DNS.
  const hubDestinations = (region: string) =>
    region === lz.homeRegion ? [network.hubCidr, lz.access.vpn.clientCidr] : [network.hubCidr];
  const logBuckets = logBucketNames(lz, directory);
  const backupAccount = accounts.find((a) => a.account.role === 'backup')!.account.name;
  const backedUp = (ouPath: string, role: string) =>
    role !== 'management' &&
    role !== 'backup' &&
    lz.backup.ous.some((ou) => ouPath === ou || ouPath.startsWith(`${ou}/`));
  const archiveBucketArn = `arn:aws:s3:::${logBuckets.delivery}`;
  const built: AccountStacks[] = [];
  // Every workload VPC, by region: each region's hub wires its own.
  const spokes: Array<{ name: string; environment: string; cidr: string; region: string }> = [];

  // The OUs whose workload baselines deploy as StackSets: one owner of their templates each, account-agnostic.
  const stackSetOus = ouDeployments(lz as unknown as Record<string, unknown>).filter((d) => d.mode === 'stack-sets');
  const ownerNames = new Map<string, string>();
  for (const d of stackSetOus) {
    const name = templateOwnerName(d.ouPath);
    const clash =
      [...ownerNames].find(([, n]) => n === name)?.[0] ?? accounts.find((a) => a.account.name === name)?.ouPath;
    if (clash !== undefined) {
      throw new UserError(
        `${d.path}.deployment`,
        `the StackSets of ${d.ouPath} would be named ${name}-*, as ${accounts.some((a) => a.account.name === name) ? `the account ${name}'s stacks are` : `those of ${clash} are`}`,
        'rename one of the OUs (or the account), or set deployment: stacks on this OU',
      );
    }
    ownerNames.set(d.ouPath, name);
    directory.addTemplateOwner(name, d.ouPath);
  }
  const management = accounts.find((a) => a.account.role === 'management')!;
  // The StackSet instances' Lambda code: a bucket of the management account in each governed region.
  const assetBucket = (region: string) =>
    stackSetAssetsBucketName(directory.accountId(management.account.name) ?? PLACEHOLDER_MARK.toLowerCase(), region);
  const synthesizerOf = (owner: string, region: string): IStackSynthesizer =>
    directory.isTemplateOwner(owner)
      ? new CliCredentialsStackSynthesizer({ fileAssetsBucketName: assetBucket(region), bucketPrefix: `${lz.name}/` })
      : landfallSynthesizer(lz);

  /**
   * The encryption and network baselines of an account, or of an OU's StackSet templates (`owner` then names them
   * and `recordAs` is the mark the deployment replaces with each instance's account). Returns the regions with a VPC.
   */
  const buildBaseline = (account: AccountDefinition, ouPath: string, recordAs: string): AccountStacks => {
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
        new EncryptionStack(app, `${directory.stackPrefix(account.name)}-encryption-${region}`, {
          env: env(region),
          terminationProtection: true,
          synthesizer: synthesizerOf(account.name, region),
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
          // The bastion's security group lets session logs out to S3; the load balancer's admits CloudFront.
          prefixLists:
            region !== lz.homeRegion
              ? undefined
              : account.role === 'shared-services'
                ? [s3PrefixList(region)]
                : account.ingress
                  ? [CLOUDFRONT_ORIGIN_FACING]
                  : undefined,
          description: `Landfall ${lz.name}: encryption baseline of ${describeOwner(account.name)} in ${region}`,
        }),
      );
    }
    const logKey = (region: string) => encryption[region].keys.keyFor(KeyPurpose.LOGS);

    if (account.role === 'workload' && account.environment) {
      const plan = network.environments[account.environment];
      const explicit = plan.accountCidrs?.[account.name];
      const regions = explicit ? [lz.homeRegion] : lz.regions;
      for (const region of regions) {
        const home = region === lz.homeRegion;
        const at = regionalNetworkName(lz, region);
        const poolId = explicit
          ? undefined
          : directory.networkId(
              `${describeOwner(account.name)} VPC in ${region}: record network.ipamPools["${account.environment}/${region}"] (hub stack output)`,
              (n) => n.ipamPools?.[`${account.environment}/${region}`],
              placeholder('ipam-pool', account.environment, region),
            );
        if (!explicit && !poolId) continue;
        // Placeholders of the home region's IDs keep the names they had before other regions had hubs.
        const where = home ? [] : [region];
        const serviceDnsRuleId =
          sharedServices && network.interfaceEndpoints.length > 0
            ? directory.regionalNetworkId(
                region,
                `${describeOwner(account.name)} resolving the hub's endpoints by name in ${region}: record ${at}.serviceDnsRuleId (hub stack output)`,
                (n) => n.serviceDnsRuleId,
                placeholder('rslvr-rr', ...where),
              )
            : undefined;
        const transitGatewayId =
          sharedServices && network.topology === 'transit-gateway'
            ? directory.regionalNetworkId(
                region,
                `${describeOwner(account.name)} attachment in ${region}: record ${at}.transitGatewayId (hub stack output)`,
                (n) => n.transitGatewayId,
                placeholder('tgw', ...where),
              )
            : undefined;
        const peering =
          network.topology === 'peering' && sharedServices
            ? {
                hubAccount: directory.accountIdForReference(sharedServices.account.name),
                peeringConnectionId: directory.regionalNetworkId(
                  region,
                  `${account.name} routes to the hub in ${region}: record ${at}.peeringConnections.${account.name} (hub stack output)`,
                  (n) => n.peeringConnections?.[account.name],
                  placeholder('pcx', account.name, ...where),
                ),
              }
            : undefined;
        const networkStack = add(
          `network/${region}`,
          new WorkloadNetworkStack(app, `${directory.stackPrefix(account.name)}-network-${region}`, {
            env: env(region),
            terminationProtection: true,
            synthesizer: synthesizerOf(account.name, region),
            description: `Landfall ${lz.name}: network of ${describeOwner(account.name)} in ${region}`,
            logKey: logKey(region),
            logRetention: retention,
            archiveBucketArn,
            availabilityZones: azs(region),
            ...(explicit ? { cidr: explicit } : { ipamPoolId: poolId, ipamNetmask: plan.vpcNetmask }),
            internetFacing: home && account.ingress !== undefined,
            hubDestinations: hubDestinations(region),
            serviceDnsRuleId,
            transitGatewayId,
            peering,
            recordedAt: at,
          }),
        );
        // Each region's hub wires the VPCs of its region: their IDs and attachments are what its next synthesis needs.
        const output = (id: string) => networkStack.node.tryFindChild(id) as CfnOutput | undefined;
        const path = regionalNetworkPath(lz, region);
        recordOutput(output('VpcId')!, [...path, 'vpcs', recordAs, 'vpcId']);
        recordOutput(output('VpcCidr')!, [...path, 'vpcs', recordAs, 'cidr']);
        const attachment = output('TransitGatewayAttachmentId');
        if (attachment) recordOutput(attachment, [...path, 'attachments', recordAs]);
      }
    }
    return {
      app,
      account,
      ouPath,
      definition: lz,
      env,
      stacks,
      ...(directory.isTemplateOwner(account.name)
        ? { synthesizer: (region: string) => synthesizerOf(account.name, region) }
        : {}),
    };
  };
  const describeOwner = (name: string) =>
    directory.isTemplateOwner(name) ? `the accounts of ${[...ownerNames].find(([, n]) => n === name)![0]}` : name;
  /** The spokes of an account's VPCs: one per region whose network baseline it has. */
  const addSpokes = (name: string, environment: string, owner: AccountStacks) => {
    const plan = network.environments[environment];
    for (const region of lz.regions.filter((r) => owner.stacks[`network/${r}`])) {
      spokes.push({ name, environment, cidr: plan.accountCidrs?.[name] ?? plan.ipamPoolCidr!, region });
    }
  };

  const templates: StackSetBaseline[] = [];
  for (const d of stackSetOus) {
    const members = accounts.filter((a) => a.ouPath === d.ouPath && a.account.role === 'workload');
    const owner = buildBaseline(
      { ...members[0].account, name: ownerNames.get(d.ouPath)! },
      d.ouPath,
      ACCOUNT_NAME_MARK,
    );
    templates.push({ ouPath: d.ouPath, owner, accounts: members.map((m) => m.account.name) });
  }
  const templateOf = new Map(templates.map((t) => [t.ouPath, t]));
  for (const { account, ouPath } of accounts) {
    const template = account.role === 'workload' ? templateOf.get(ouPath) : undefined;
    if (template) {
      // Its baselines are the OU's StackSets: it has no stack of its own, and its VPCs are the templates'.
      const accountId = directory.accountId(account.name);
      const env = (region = lz.homeRegion): Environment => (accountId ? { account: accountId, region } : { region });
      built.push({ app, account, ouPath, definition: lz, env, stacks: {} });
      addSpokes(account.name, account.environment!, template.owner);
      continue;
    }
    const owner = buildBaseline(account, ouPath, account.name);
    if (account.role === 'workload' && account.environment) addSpokes(account.name, account.environment, owner);
    built.push(owner);
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
    const hubStacks = hubAccount.stacks as Record<string, Stack>;
    // A hub in every governed region: its workload VPCs reach AWS services through its endpoints and resolve their
    // names through its resolver, as in the home region. The hubs are not connected to one another, so no region's
    // hub opens a path another region's route domains close (no dev↔prod path in any region, nor across regions).
    for (const region of lz.regions) {
      const home = region === lz.homeRegion;
      const at = regionalNetworkName(lz, region);
      const inRegion = spokes.filter((s) => s.region === region);
      const tgwSpokes: TransitGatewaySpokeAttachment[] = [];
      const peered: PeeredVpc[] = [];
      // The hub names each spoke's resources (logical IDs) after the spoke's stack prefix, not the account's name:
      // an account renamed keeps its wiring rather than having CloudFormation replace it.
      for (const spoke of inRegion) {
        if (network.topology === 'transit-gateway') {
          const attachmentId = directory.regionalNetworkId(
            region,
            `hub route domain of ${spoke.name} in ${region}: record ${at}.attachments.${spoke.name} (its network stack's output)`,
            (n) => n.attachments?.[spoke.name],
            placeholder('tgw-attach', spoke.name, ...(home ? [] : [region])),
          );
          if (attachmentId) {
            tgwSpokes.push({
              name: directory.stackPrefix(spoke.name),
              environment: spoke.environment,
              attachmentId,
              // The placement refuses an attachment of another account (a wrong record in accounts.lock.json).
              accountId: directory.accountIdForReference(spoke.name),
            });
          }
        } else {
          const vpc = directory.vpc(spoke.name, spoke.cidr, region);
          if (vpc) {
            peered.push({
              name: directory.stackPrefix(spoke.name),
              environment: spoke.environment,
              vpcId: vpc.vpcId,
              cidr: vpc.cidr,
              account: directory.accountIdForReference(spoke.name),
              acceptRoleArn: `arn:aws:iam::${directory.accountIdForReference(spoke.name)}:role/landfall-hub-peering-${region}`,
            });
          }
        }
      }
      const recordPath = regionalNetworkPath(lz, region);
      const stack = new HubStack(app, `${directory.stackPrefix(sharedServices.account.name)}-hub-${region}`, {
        env: hubAccount.env(region),
        terminationProtection: true,
        synthesizer: landfallSynthesizer(lz),
        description: home
          ? `Landfall ${lz.name}: network hub in ${region}`
          : `Landfall ${lz.name}: network hub in ${region} (endpoints and DNS for the region's workload VPCs)`,
        logKey: (hubAccount.stacks[`encryption/${region}`] as EncryptionStack).keys.keyFor(KeyPurpose.LOGS),
        logRetention: retention,
        archiveBucketArn,
        availabilityZones: azs(region),
        hubCidr: network.hubCidr,
        interfaceEndpoints: network.interfaceEndpoints,
        // The client VPN ends in the home region's hub; another region's hub serves only its workload VPCs.
        clientCidrs: [...environments.flatMap((e) => e.cidrs), ...(home ? [lz.access.vpn.clientCidr] : [])],
        environments,
        links: network.connections,
        serviceDnsShareWith: [directory.organizationArn()],
        recordPath,
        // One address plan (IPAM) for every governed region, in the home region's hub.
        ...(home && pools.length > 0 ? { addressPlan: { regions: lz.regions, pools } } : {}),
        ...(network.topology === 'transit-gateway'
          ? { transitGateway: { shareWith: [directory.organizationArn()] } }
          : {}),
      });
      register(hubStacks, `hub/${region}`, stack, lz.name, sharedServices.account.name);
      // The spokes' wiring: with a transit gateway, one stack (a resource per environment, whatever the number of
      // spokes); with peering, shares that keep every stack well under 500 resources (5 per peering).
      const share = network.topology === 'transit-gateway' ? Math.max(1, tgwSpokes.length) : SPOKES_PER_STACK.peering;
      const wired: Array<TransitGatewaySpokeAttachment | PeeredVpc> =
        network.topology === 'transit-gateway' ? tgwSpokes : peered;
      for (let k = 0; k * share < wired.length; k++) {
        const part = wired.slice(k * share, (k + 1) * share);
        const spokesStack = new HubSpokesStack(
          app,
          `${directory.stackPrefix(sharedServices.account.name)}-hub-spokes-${region}-${k + 1}`,
          {
            env: hubAccount.env(region),
            terminationProtection: true,
            synthesizer: landfallSynthesizer(lz),
            description: `Landfall ${lz.name}: workload VPCs ${k * share + 1}-${k * share + part.length} on the hub in ${region}`,
            recordPath,
            logKey: (hubAccount.stacks[`encryption/${region}`] as EncryptionStack).keys.keyFor(KeyPurpose.LOGS),
            logRetention: retention,
            ...(network.topology === 'transit-gateway'
              ? {
                  transitGateway: {
                    transitGatewayId: stack.transitGatewayId!,
                    productionEnvironments: environments.filter((e) => e.production).map((e) => e.name),
                    routeTableIds: stack.routeTableIds,
                    links: network.connections,
                    spokes: part as TransitGatewaySpokeAttachment[],
                  },
                }
              : {
                  peering: {
                    hubVpc: stack.hub.vpc,
                    spokes: part as PeeredVpc[],
                    accountNames: Object.fromEntries(inRegion.map((s) => [directory.stackPrefix(s.name), s.name])),
                  },
                }),
          },
        );
        register(hubStacks, `hub-spokes/${region}/${k + 1}`, spokesStack, lz.name, sharedServices.account.name);
      }
    }
  }

  // Every baseline of an account with stacks of its own, and of each OU's StackSet templates.
  const owners = [
    ...built.filter((b) => !templateOf.has(b.ouPath) || b.account.role !== 'workload'),
    ...templates.map((t) => t.owner),
  ];
  buildLogging(app, lz, directory, owners, logBuckets);
  buildBackup(app, lz, directory, owners, logBuckets, backedUp);
  buildAccess(app, lz, directory, owners, logBuckets);
  buildIngress(app, lz, directory, owners, logBuckets);
  buildIdentity(app, lz, directory, owners);
  buildPipeline(app, lz, directory, owners);

  if (templates.length > 0) {
    const assets = Object.fromEntries(
      lz.regions.map((region) => {
        const stack = new StackSetAssetsStack(
          app,
          `${directory.stackPrefix(management.account.name)}-stackset-assets-${region}`,
          {
            env: {
              ...(directory.accountId(management.account.name)
                ? { account: directory.accountId(management.account.name) }
                : {}),
              region,
            },
            terminationProtection: true,
            synthesizer: landfallSynthesizer(lz),
            description: `Landfall ${lz.name}: the Lambda code of the workload baselines' StackSets in ${region}, for the organization to read`,
            organizationId: directory.organizationId(),
          },
        );
        const holder = built.find((b) => b.account.name === management.account.name)!;
        register(
          holder.stacks as Record<string, Stack>,
          `stackset-assets/${region}`,
          stack,
          lz.name,
          management.account.name,
        );
        return [region, stack];
      }),
    );
    for (const t of templates) {
      const ids = Object.fromEntries(
        t.accounts.flatMap((name) => {
          const id = directory.accountId(name);
          return id ? [[id, name]] : [];
        }),
      );
      for (const stack of Object.values(t.owner.stacks)) {
        stack.node.addMetadata(STACK_SET_METADATA, {
          organizationalUnitIds: [directory.ouId(t.ouPath)],
          accounts: ids,
          ouPath: t.ouPath,
        });
        // StackSets apply a stack set's tags to every instance: the OU's, not an account's.
        Tags.of(stack).remove('landfall:account');
        Tags.of(stack).add('landfall:ou', t.ouPath);
        const region = stack.region;
        if (assets[region]) stack.addStackDependency(assets[region], 'its Lambda code is in the bucket');
      }
    }
  }

  for (const account of built) options.customizations?.[account.account.name]?.(account);
  return { accounts: built, stackSets: templates, pending: directory.pending };
}

/** What the StackSet templates of an OU are named after: `ou-workloads-prod` for `Root/Workloads/Prod`. */
export function templateOwnerName(ouPath: string): string {
  const slug = ouPath
    .split('/')
    .slice(1)
    .join('-')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `ou-${slug}`.slice(0, 60).replace(/-+$/, '');
}

/** How many peered VPCs one hub-spokes stack wires: well under CloudFormation's 500 resources and 200 outputs. */
export const SPOKES_PER_STACK = { peering: 75 } as const;

/** OU paths where the S3 organization policy (account-level Block Public Access) is attached. */
function s3OrganizationPolicyTargets(lz: ResolvedLandingZone): string[] {
  const compiled = compileGuardrails(lz);
  if (!compiled.ok) return [];
  return Object.entries(compiled.compilation.attachments)
    .filter(([, ids]) => ids.includes('S3OrganizationBlockPublicAccess'))
    .map(([target]) => target);
}
