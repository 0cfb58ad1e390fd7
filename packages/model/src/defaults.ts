import {
  AlertsDefinition,
  BastionDefinition,
  BackupRuleDefinition,
  BackupSelectionTag,
  CentralVaultDefinition,
  EncryptionDefinition,
  EnvironmentNetworkDefinition,
  GuardrailExceptions,
  GuardrailsDefinition,
  IdentityDefinition,
  PermissionSetBase,
  PermissionSetDefinition,
  PipelineDefinition,
  StackSetsDefinition,
  IngressDefinition,
  LandingZoneDefinition,
  LoggingDefinition,
  NetworkDefinition,
  PolicyLimitsDefinition,
  RestoreTestingDefinition,
  VpnDefinition,
  VpnGroupDefinition,
} from './definition';
import { walkOrganization } from './walk';

/** The secure defaults, in one place; the types' `@default` docs state the same. */
export const DEFAULTS = {
  network: {
    topology: 'transit-gateway',
    hubCidr: '10.0.0.0/20',
    vpcNetmask: 20,
    interfaceEndpoints: ['ssm', 'ssmmessages', 'ec2messages', 'kms', 'logs', 'sts'],
  },
  guardrails: {
    baseline: 'hipaa',
    cdkQualifier: 'landfall',
    // The peering topology's accept role: it accepts the hub's peering into each workload VPC.
    networkRoleNames: ['LandfallNetworkDeploy', 'landfall-hub-peering-*'],
    limits: {
      scpMaxCharacters: 10240,
      scpMaxPerTarget: 10,
      scpFreePerTarget: 2,
      rcpMaxCharacters: 5120,
      rcpMaxPerTarget: 5,
    },
  },
  encryption: { keyPurposes: ['data', 'logs', 'backup'], keyRotationPeriodDays: 365 },
  logging: { archiveRetentionDays: 2192, cloudWatchRetentionDays: 365 },
  backup: {
    schedule: 'cron(0 5 * * ? *)',
    retentionDays: 35,
    weekly: { schedule: 'cron(0 6 ? * SUN *)', retentionDays: 91 },
    monthly: { schedule: 'cron(0 7 1 * ? *)', retentionDays: 365, coldStorageAfterDays: 90 },
    selectionTag: { key: 'backup', value: 'true' },
    changeableForDays: 3,
    restoreTesting: {
      schedule: 'cron(0 9 ? * MON *)',
      resourceTypes: ['EBS', 'S3', 'DynamoDB', 'EFS'],
      selectionWindowDays: 7,
      validationWindowHours: 4,
    },
  },
  access: {
    vpn: { clientCidr: '172.16.0.0/22', splitTunnel: true, sessionTimeoutHours: 8, groupName: 'admins' },
    bastion: { idleSessionTimeoutMinutes: 20 },
  },
  ingress: { minimumTlsVersion: 'TLSv1.2_2021', wafRateLimit: 2000, allowedCountries: ['US'] },
  alerts: { findingSeverity: 'HIGH' },
  identity: { maxSessionHours: 8, breakGlassSessionHours: 1 },
  pipeline: { branch: 'main', definitionFile: 'landing-zone.json', installCommands: ['npm ci'] },
  stackSets: { failureTolerancePercentage: 0, maxConcurrentPercentage: 100 },
} as const;

/** What each of Landfall's permission sets may do: the facts validation and the access report rely on. */
export const PERMISSION_SET_BASES: Readonly<
  Record<
    PermissionSetBase,
    {
      readonly writes: boolean;
      readonly readsData: boolean;
      readonly sessionHours: number;
      readonly description: string;
    }
  >
> = {
  Administrator: {
    writes: true,
    readsData: true,
    sessionHours: 2,
    description: 'Administers the account (AdministratorAccess), within the guardrails',
  },
  Developer: {
    writes: true,
    readsData: true,
    sessionHours: 8,
    description:
      'Builds and runs workloads (PowerUserAccess: everything but IAM and the organization), within the guardrails',
  },
  ReadOnly: {
    writes: false,
    readsData: false,
    sessionHours: 8,
    description:
      'Sees configuration and metrics (ViewOnlyAccess); never reads objects, items, secrets, log events or decrypts',
  },
  Auditor: {
    writes: false,
    readsData: false,
    sessionHours: 8,
    description:
      'Reviews configuration and security settings (SecurityAudit, ViewOnlyAccess) and reads the log archive; reads no other data',
  },
  SecurityTriage: {
    writes: true,
    readsData: false,
    sessionHours: 4,
    description:
      'Triages GuardDuty and Security Hub findings (their workflow state) and reviews security settings; reads no workload data',
  },
};

/** The permission set bastion groups get in the shared-services account: it may only assume the session role. */
export const BASTION_SESSION_PERMISSION_SET = 'BastionSession';

type Filled<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };

/** A definition with every default written out: what `landing-zone.json` holds. */
export interface ResolvedLandingZone extends Omit<
  LandingZoneDefinition,
  | 'network'
  | 'guardrails'
  | 'encryption'
  | 'logging'
  | 'backup'
  | 'access'
  | 'ingress'
  | 'alerts'
  | 'identity'
  | 'pipeline'
  | 'stackSets'
> {
  readonly network: Omit<Filled<NetworkDefinition>, 'environments'> & {
    readonly environments: Record<string, EnvironmentNetworkDefinition & { readonly production: boolean }>;
  };
  readonly guardrails: Omit<Filled<GuardrailsDefinition>, 'limits' | 'exceptions'> & {
    readonly limits: Filled<PolicyLimitsDefinition>;
    readonly exceptions: Filled<GuardrailExceptions>;
  };
  readonly encryption: Filled<EncryptionDefinition>;
  readonly logging: Filled<Omit<LoggingDefinition, 'phiBucketPrefixes'>> & Pick<LoggingDefinition, 'phiBucketPrefixes'>;
  readonly backup: ResolvedBackup;
  readonly access: {
    readonly vpn: ResolvedVpn;
    readonly bastion: Filled<BastionDefinition>;
  };
  readonly ingress: Filled<IngressDefinition>;
  readonly alerts: Filled<AlertsDefinition>;
  /** Absent when the definition has no identity section. */
  readonly identity?: ResolvedIdentity;
  /** Absent when the definition has no pipeline. */
  readonly pipeline?: ResolvedPipeline;
  readonly stackSets: Filled<StackSetsDefinition>;
}

/** The pipeline with its defaults written out; `app` stays absent when it is cdk.json's. */
export type ResolvedPipeline = Filled<Omit<PipelineDefinition, 'app'>> & Pick<PipelineDefinition, 'app'>;

/** A permission set with what it may do written out: Landfall's own and the definition's. */
export interface ResolvedPermissionSet {
  readonly name: string;
  readonly base: PermissionSetBase;
  readonly sessionHours: number;
  readonly customerManagedPolicies: string[];
  readonly description: string;
  /** Changes resources (the base writes, or customer-managed policies Landfall cannot see). */
  readonly writes: boolean;
  /** Reads data-plane content that may hold PHI. */
  readonly readsData: boolean;
}

/** Every permission set a resolved identity section can assign: Landfall's own first, then the definition's. */
export function permissionSetsOf(identity: ResolvedIdentity): ResolvedPermissionSet[] {
  const own = Object.entries(PERMISSION_SET_BASES).map(([name, base]) => ({
    name,
    base: name as PermissionSetBase,
    sessionHours: Math.min(base.sessionHours, identity.maxSessionHours),
    customerManagedPolicies: [],
    description: base.description,
    writes: base.writes,
    readsData: base.readsData,
  }));
  const custom = identity.permissionSets.map((p) => ({
    ...p,
    writes: PERMISSION_SET_BASES[p.base].writes || p.customerManagedPolicies.length > 0,
    readsData: PERMISSION_SET_BASES[p.base].readsData,
  }));
  return [...own, ...custom];
}

/** One assignment with its targets written out. */
export interface ResolvedAssignment {
  readonly permissionSet: string;
  readonly ous: string[];
  readonly environments: string[];
  readonly accounts: string[];
}

/** The identity section with every default written out. */
export interface ResolvedIdentity {
  readonly instanceArn?: string;
  readonly maxSessionHours: number;
  /** The definition's own sets (see `permissionSetsOf` for all of them). */
  readonly permissionSets: Array<Filled<PermissionSetDefinition>>;
  readonly groups: Array<{
    readonly name: string;
    readonly groupId: string;
    readonly assignments: ResolvedAssignment[];
  }>;
  readonly breakGlass: { readonly users: string[]; readonly sessionHours: number };
}

/** The client VPN with its defaults written out; it is deployed once the certificate and authentication are set. */
export interface ResolvedVpn
  extends
    Filled<Omit<VpnDefinition, 'serverCertificateArn' | 'authentication' | 'groups'>>,
    Pick<VpnDefinition, 'serverCertificateArn' | 'authentication'> {
  readonly groups: Array<Filled<Omit<VpnGroupDefinition, 'groupId'>> & Pick<VpnGroupDefinition, 'groupId'>>;
}

/** A backup rule with its defaults written out. */
export interface ResolvedBackupRule {
  readonly schedule: string;
  readonly retentionDays: number;
  readonly coldStorageAfterDays?: number;
}

/** The backup section with every default written out. */
export interface ResolvedBackup extends ResolvedBackupRule {
  readonly weekly: ResolvedBackupRule;
  readonly monthly: ResolvedBackupRule;
  readonly copyRegion?: string;
  readonly ous: string[];
  readonly selectionTag: BackupSelectionTag;
  readonly centralVault: Filled<Omit<CentralVaultDefinition, 'maxRetentionDays'>> &
    Pick<CentralVaultDefinition, 'maxRetentionDays'>;
  readonly restoreTesting: Filled<RestoreTestingDefinition>;
}

/** The OUs (paths from the root) that hold workload accounts: where backups are on unless the definition says. */
export function defaultBackupOus(organization: LandingZoneDefinition['organization']): string[] {
  const { accounts } = walkOrganization(organization);
  const topLevel = (ouPath: string) => ouPath.split('/').slice(0, 2).join('/');
  return [...new Set(accounts.filter((a) => a.account.role === 'workload').map((a) => topLevel(a.ouPath)))];
}

/** A backup rule's retention and cold-storage days, in the order daily, weekly, monthly. */
export function backupRules(
  backup: ResolvedBackup,
): Array<{ name: 'daily' | 'weekly' | 'monthly' } & ResolvedBackupRule> {
  return [
    {
      name: 'daily',
      schedule: backup.schedule,
      retentionDays: backup.retentionDays,
      ...(backup.coldStorageAfterDays !== undefined ? { coldStorageAfterDays: backup.coldStorageAfterDays } : {}),
    },
    { name: 'weekly', ...backup.weekly },
    { name: 'monthly', ...backup.monthly },
  ];
}

function resolveRule(rule: BackupRuleDefinition | undefined, defaults: ResolvedBackupRule): ResolvedBackupRule {
  // A rule that sets its own retention drops the default's cold storage unless it sets one too.
  const cold =
    rule?.coldStorageAfterDays ?? (rule?.retentionDays === undefined ? defaults.coldStorageAfterDays : undefined);
  return {
    schedule: rule?.schedule ?? defaults.schedule,
    retentionDays: rule?.retentionDays ?? defaults.retentionDays,
    ...(cold !== undefined ? { coldStorageAfterDays: cold } : {}),
  };
}

/**
 * The roles exempt from protective guardrails unless the definition names its own:
 * an operator role, Landfall's CDK execution role, service-managed StackSets', and the
 * roles of Landfall's deploy-time functions (the account settings CloudFormation has no
 * resource for: EBS encryption by default, GuardDuty's and Macie's organization settings).
 */
export function defaultExemptRoleNames(cdkQualifier: string): string[] {
  return ['LandfallAdmin', `cdk-${cdkQualifier}-cfn-exec-role-*`, 'stacksets-exec-*', 'landfall-deploy-time-*'];
}

/** Whether an environment is production when the definition does not say. */
export function isProductionByName(environment: string): boolean {
  return environment === 'prod' || environment === 'production';
}

/** The second governed region, where backups are copied unless the definition says otherwise. */
export function defaultCopyRegion(homeRegion: string, regions: readonly string[]): string | undefined {
  return regions.find((r) => r !== homeRegion);
}

/**
 * Writes out every default. Call only on a valid definition (see `validate`):
 * the result is what every later stage reads.
 */
export function resolveDefaults(def: LandingZoneDefinition): ResolvedLandingZone {
  const network = def.network ?? {};
  const environments: ResolvedLandingZone['network']['environments'] = {};
  for (const [name, env] of Object.entries(network.environments ?? {})) {
    environments[name] = {
      production: env.production ?? isProductionByName(name),
      ...(env.ipamPoolCidr !== undefined
        ? { ipamPoolCidr: env.ipamPoolCidr, vpcNetmask: env.vpcNetmask ?? DEFAULTS.network.vpcNetmask }
        : {}),
      ...(env.accountCidrs !== undefined ? { accountCidrs: env.accountCidrs } : {}),
    };
  }
  const cdkQualifier = def.guardrails?.cdkQualifier ?? DEFAULTS.guardrails.cdkQualifier;
  const copyRegion = def.backup?.copyRegion ?? defaultCopyRegion(def.homeRegion, def.regions);
  return {
    ...(def.$schema !== undefined ? { $schema: def.$schema } : {}),
    name: def.name,
    homeRegion: def.homeRegion,
    regions: [...def.regions],
    organization: def.organization,
    network: {
      topology: network.topology ?? DEFAULTS.network.topology,
      hubCidr: network.hubCidr ?? DEFAULTS.network.hubCidr,
      environments,
      connections: network.connections ?? [],
      interfaceEndpoints: network.interfaceEndpoints ?? [...DEFAULTS.network.interfaceEndpoints],
      availabilityZones: Object.fromEntries(
        def.regions.map((r) => [r, [...(network.availabilityZones?.[r] ?? [`${r}a`, `${r}b`])]]),
      ),
    },
    guardrails: {
      baseline: def.guardrails?.baseline ?? DEFAULTS.guardrails.baseline,
      cdkQualifier,
      exemptRoleNames: def.guardrails?.exemptRoleNames ?? defaultExemptRoleNames(cdkQualifier),
      networkRoleNames: def.guardrails?.networkRoleNames ?? [...DEFAULTS.guardrails.networkRoleNames],
      limits: { ...DEFAULTS.guardrails.limits, ...def.guardrails?.limits },
      waivers: def.guardrails?.waivers ?? [],
      exceptions: {
        outsideAccounts: def.guardrails?.exceptions?.outsideAccounts ?? [],
        iamUsers: def.guardrails?.exceptions?.iamUsers ?? [],
        oidcProviders: def.guardrails?.exceptions?.oidcProviders ?? [],
      },
    },
    encryption: {
      keyPurposes: def.encryption?.keyPurposes ?? [...DEFAULTS.encryption.keyPurposes],
      keyRotationPeriodDays: def.encryption?.keyRotationPeriodDays ?? DEFAULTS.encryption.keyRotationPeriodDays,
    },
    logging: {
      archiveRetentionDays: def.logging?.archiveRetentionDays ?? DEFAULTS.logging.archiveRetentionDays,
      cloudWatchRetentionDays: def.logging?.cloudWatchRetentionDays ?? DEFAULTS.logging.cloudWatchRetentionDays,
      ...(def.logging?.phiBucketPrefixes !== undefined ? { phiBucketPrefixes: def.logging.phiBucketPrefixes } : {}),
    },
    backup: resolveBackup(def, copyRegion),
    access: {
      vpn: resolveVpn(def.access?.vpn ?? {}, def.identity?.groups ?? []),
      bastion: {
        idleSessionTimeoutMinutes:
          def.access?.bastion?.idleSessionTimeoutMinutes ?? DEFAULTS.access.bastion.idleSessionTimeoutMinutes,
        admins: def.access?.bastion?.admins ?? [],
        groups: def.access?.bastion?.groups ?? [],
        portForwarding: def.access?.bastion?.portForwarding ?? [],
      },
    },
    ingress: {
      minimumTlsVersion: def.ingress?.minimumTlsVersion ?? DEFAULTS.ingress.minimumTlsVersion,
      wafRateLimit: def.ingress?.wafRateLimit ?? DEFAULTS.ingress.wafRateLimit,
      allowedCountries: def.ingress?.allowedCountries ?? [...DEFAULTS.ingress.allowedCountries],
    },
    alerts: {
      emails: def.alerts?.emails ?? [],
      findingSeverity: def.alerts?.findingSeverity ?? DEFAULTS.alerts.findingSeverity,
    },
    ...(def.identity !== undefined ? { identity: resolveIdentity(def.identity) } : {}),
    ...(def.pipeline !== undefined ? { pipeline: resolvePipeline(def.pipeline) } : {}),
    stackSets: {
      failureTolerancePercentage:
        def.stackSets?.failureTolerancePercentage ?? DEFAULTS.stackSets.failureTolerancePercentage,
      maxConcurrentPercentage: def.stackSets?.maxConcurrentPercentage ?? DEFAULTS.stackSets.maxConcurrentPercentage,
    },
  };
}

function resolvePipeline(pipeline: PipelineDefinition): ResolvedPipeline {
  return {
    repository: pipeline.repository,
    branch: pipeline.branch ?? DEFAULTS.pipeline.branch,
    connectionArn: pipeline.connectionArn,
    definitionFile: pipeline.definitionFile ?? DEFAULTS.pipeline.definitionFile,
    ...(pipeline.app !== undefined ? { app: pipeline.app } : {}),
    installCommands: pipeline.installCommands ?? [...DEFAULTS.pipeline.installCommands],
  };
}

function resolveIdentity(identity: IdentityDefinition): ResolvedIdentity {
  const maxSessionHours = identity.maxSessionHours ?? DEFAULTS.identity.maxSessionHours;
  const custom = (identity.permissionSets ?? []).map((p) => {
    const base = PERMISSION_SET_BASES[p.base];
    return {
      name: p.name,
      base: p.base,
      sessionHours: p.sessionHours ?? Math.min(base.sessionHours, maxSessionHours),
      customerManagedPolicies: p.customerManagedPolicies ?? [],
      description: p.description ?? base.description,
    };
  });
  return {
    ...(identity.instanceArn !== undefined ? { instanceArn: identity.instanceArn } : {}),
    maxSessionHours,
    permissionSets: custom,
    groups: (identity.groups ?? []).map((g) => ({
      name: g.name,
      groupId: g.groupId,
      assignments: (g.assignments ?? []).map((a) => ({
        permissionSet: a.permissionSet,
        ous: a.ous ?? [],
        environments: a.environments ?? [],
        accounts: a.accounts ?? [],
      })),
    })),
    breakGlass: {
      users: [...identity.breakGlass.users],
      sessionHours: identity.breakGlass.sessionHours ?? DEFAULTS.identity.breakGlassSessionHours,
    },
  };
}

/** With identity groups, a VPN group without a groupId takes the identity group's of the same name. */
function resolveVpn(vpn: VpnDefinition, identityGroups: ReadonlyArray<{ name: string; groupId: string }>): ResolvedVpn {
  const d = DEFAULTS.access.vpn;
  return {
    clientCidr: vpn.clientCidr ?? d.clientCidr,
    splitTunnel: vpn.splitTunnel ?? d.splitTunnel,
    sessionTimeoutHours: vpn.sessionTimeoutHours ?? d.sessionTimeoutHours,
    ...(vpn.serverCertificateArn ? { serverCertificateArn: vpn.serverCertificateArn } : {}),
    ...(vpn.authentication ? { authentication: vpn.authentication } : {}),
    groups: (vpn.groups ?? [{ name: d.groupName }]).map((g) => {
      const groupId = g.groupId ?? identityGroups.find((i) => i.name === g.name)?.groupId;
      return {
        name: g.name,
        ...(groupId !== undefined ? { groupId } : {}),
        environments: g.environments ?? [],
      };
    }),
  };
}

function resolveBackup(def: LandingZoneDefinition, copyRegion: string | undefined): ResolvedBackup {
  const backup = def.backup ?? {};
  const d = DEFAULTS.backup;
  const weekly = resolveRule(backup.weekly, d.weekly);
  const monthly = resolveRule(backup.monthly, d.monthly);
  const retentionDays = backup.retentionDays ?? d.retentionDays;
  const restore = backup.restoreTesting ?? {};
  return {
    schedule: backup.schedule ?? d.schedule,
    retentionDays,
    ...(backup.coldStorageAfterDays !== undefined ? { coldStorageAfterDays: backup.coldStorageAfterDays } : {}),
    weekly,
    monthly,
    ...(copyRegion !== undefined ? { copyRegion } : {}),
    ous: backup.ous ?? defaultBackupOus(def.organization),
    selectionTag: backup.selectionTag ?? { ...d.selectionTag },
    centralVault: {
      minRetentionDays:
        backup.centralVault?.minRetentionDays ?? Math.min(retentionDays, weekly.retentionDays, monthly.retentionDays),
      // An air-gapped vault needs a maximum: the longest rule's retention unless the definition sets one.
      ...(backup.centralVault?.maxRetentionDays !== undefined || backup.centralVault?.airGapped
        ? {
            maxRetentionDays:
              backup.centralVault?.maxRetentionDays ??
              Math.max(retentionDays, weekly.retentionDays, monthly.retentionDays),
          }
        : {}),
      changeableForDays: backup.centralVault?.changeableForDays ?? d.changeableForDays,
      airGapped: backup.centralVault?.airGapped ?? false,
    },
    restoreTesting: {
      schedule: restore.schedule ?? d.restoreTesting.schedule,
      resourceTypes: restore.resourceTypes ?? [...d.restoreTesting.resourceTypes],
      selectionWindowDays: restore.selectionWindowDays ?? d.restoreTesting.selectionWindowDays,
      validationWindowHours: restore.validationWindowHours ?? d.restoreTesting.validationWindowHours,
    },
  };
}
