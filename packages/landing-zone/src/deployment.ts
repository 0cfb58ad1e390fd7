import {
  AccountDefinition,
  ResolvedLandingZone,
  UserError,
  readLockFileContent,
  walkOrganization,
} from '@landfall/model';
import { Aws } from 'aws-cdk-lib';

/**
 * IDs that exist only once something is deployed: accounts and OUs (written by
 * `landfall apply`), and the network's cross-account IDs (outputs of the hub and
 * workload stacks, recorded after each deployment phase). All of it lives in
 * `accounts.lock.json`.
 */
export interface DeploymentIds {
  readonly organizationId?: string;
  /** Account name → account ID. */
  readonly accounts: Readonly<Record<string, string>>;
  /** OU path (`Root/Workloads/Prod`) → OU ID. */
  readonly ous: Readonly<Record<string, string>>;
  readonly network?: NetworkIds;
  readonly logging?: LoggingIds;
  /**
   * Account name → the name its stacks carry, for accounts renamed after `landfall apply` recorded them (written by
   * apply): CloudFormation cannot rename a stack, so a renamed account keeps its stacks. @default - each account's name
   */
  readonly stackPrefixes?: Readonly<Record<string, string>>;
}

/** The logging baseline's cross-account IDs, outputs of the log-archive account's stack. */
export interface LoggingIds {
  /** The log archive's key (output `ArchiveKeyArn` of the log archive stack): the trail and every recorder encrypt with it. */
  readonly archiveKeyArn?: string;
}

/** One region's hub and the workload VPCs wired to it: each an output of one stack that another stack needs. */
export interface RegionalNetworkIds {
  /** The hub's transit gateway (output of the shared-services hub stack of the region). */
  readonly transitGatewayId?: string;
  /** The hub's rule that forwards AWS service names to its interface endpoints (output of the hub stack). */
  readonly serviceDnsRuleId?: string;
  /** Account name → its VPC's transit gateway attachment ID (output of its network stack). */
  readonly attachments?: Readonly<Record<string, string>>;
  /** Account name → its VPC (output of its network stack; the peering topology needs both). */
  readonly vpcs?: Readonly<Record<string, { readonly vpcId?: string; readonly cidr?: string }>>;
  /** Account name → the hub's peering connection to it (output of the hub stack). */
  readonly peeringConnections?: Readonly<Record<string, string>>;
}

/** The network's cross-account IDs: the home region's hub at the top, every other governed region's under `regions`. */
export interface NetworkIds extends RegionalNetworkIds {
  /** `<environment>/<region>` → IPAM pool ID (outputs of the home region's hub stack, which holds the address plan). */
  readonly ipamPools?: Readonly<Record<string, string>>;
  /** Region → the IDs of the hub of a governed region other than the home region, and of the VPCs wired to it. */
  readonly regions?: Readonly<Record<string, RegionalNetworkIds>>;
}

/**
 * Where a region's network IDs are in accounts.lock.json: the home region's at `network`, another region's at
 * `network.regions.<region>` (the lock file predates hubs outside the home region).
 */
export function regionalNetworkPath(lz: ResolvedLandingZone, region: string): string[] {
  return region === lz.homeRegion ? ['network'] : ['network', 'regions', region];
}

/** `regionalNetworkPath` as people read it in a pending item or an output's description. */
export function regionalNetworkName(lz: ResolvedLandingZone, region: string): string {
  return region === lz.homeRegion ? 'network' : `network.regions["${region}"]`;
}

/** Every account of a validated definition with its OU path, in document order. */
export function accountsOf(
  lz: ResolvedLandingZone,
): Array<{ readonly account: AccountDefinition; readonly ouPath: string }> {
  return walkOrganization(lz.organization).accounts.map(({ account, ouPath }) => ({
    account: account as AccountDefinition,
    ouPath,
  }));
}

export const NO_IDS: DeploymentIds = { accounts: {}, ous: {} };

/**
 * Reads `accounts.lock.json`; a missing file means nothing is deployed yet. Read by @landfall/model's one reader:
 * invalid JSON or a hand-edit the lock file's schema refuses is a user error naming the field.
 */
export function readDeploymentIds(file: string): DeploymentIds {
  const lock = readLockFileContent(file);
  return {
    organizationId: lock.organizationId,
    accounts: lock.accounts ?? {},
    ous: lock.ous ?? {},
    network: lock.network,
    logging: lock.logging,
    stackPrefixes: lock.stackPrefixes,
  };
}

/** The word that marks every stand-in ID. */
export const PLACEHOLDER_MARK = 'PLACEHOLDER';

/** A stand-in for an ID not known yet, unmistakable in a template. */
export function placeholder(kind: string, ...names: string[]): string {
  return [kind, PLACEHOLDER_MARK, ...names].join('-');
}

/**
 * Answers "what is the ID of ..." for the composition. Without placeholders, a
 * missing account ID is an error (you cannot deploy to an unknown account) and a
 * missing network ID means that wiring waits for the next deployment phase. With
 * placeholders (offline review), every unknown ID is a marked stand-in and
 * stacks are account-agnostic.
 */
export class Directory {
  /** Wiring left out because an ID is not known yet, for the report. */
  public readonly pending: string[] = [];
  /** Name → OU path of the owners of StackSet templates: one for every account of an OU, in any account. */
  private readonly templates = new Map<string, string>();

  constructor(
    private readonly lz: ResolvedLandingZone,
    private readonly ids: DeploymentIds,
    public readonly placeholders: boolean,
  ) {}

  /** What an account's stack names start with: its name, or the name it had when renamed (see `DeploymentIds.stackPrefixes`). */
  public stackPrefix(accountName: string): string {
    if (this.templates.has(accountName)) return accountName;
    return this.ids.stackPrefixes?.[accountName] ?? accountName;
  }

  /**
   * Declares the owner of an OU's StackSet templates: its stacks are account-agnostic (`accountId` is undefined),
   * and a reference to its account is the account each instance deploys to (`AWS::AccountId`).
   */
  public addTemplateOwner(name: string, ouPath: string): void {
    this.templates.set(name, ouPath);
  }

  /** Whether a name is a StackSet templates' owner (`addTemplateOwner`), not an account. */
  public isTemplateOwner(name: string): boolean {
    return this.templates.has(name);
  }

  /** The account IDs recorded so far, by account name. */
  public knownAccountIds(): Record<string, string> {
    return { ...this.ids.accounts };
  }

  /** Account names of the definition that have no ID. */
  public accountsWithoutIds(): string[] {
    return accountsOf(this.lz)
      .map((a) => a.account.name)
      .filter((name) => !this.ids.accounts[name]);
  }

  /** The account's ID; `undefined` (account-agnostic) only in placeholder mode. */
  public accountId(name: string): string | undefined {
    if (this.templates.has(name)) return undefined;
    const id = this.ids.accounts[name];
    if (id || this.placeholders) return id;
    throw new UserError(
      'accounts.lock.json',
      `no ID for account '${name}'`,
      'run `landfall apply` first, or synthesize with placeholders for review',
    );
  }

  /** The account's ID in an ARN or policy: a marked stand-in in placeholder mode. */
  public accountIdForReference(name: string): string {
    if (this.templates.has(name)) return Aws.ACCOUNT_ID;
    return this.accountId(name) ?? placeholder('account', name);
  }

  /** An OU's ID (`ou-...`, or the root's `r-...`), or a marked stand-in (placeholder mode only). */
  public ouId(path: string): string {
    const id = this.ids.ous[path];
    if (id) return id;
    if (this.placeholders) return placeholder('ou', ...path.split('/').slice(1));
    throw new UserError(
      'accounts.lock.json',
      `no ID for OU '${path}'`,
      'run `landfall apply` first (it records every OU of the definition), or synthesize with placeholders for review',
    );
  }

  public organizationArn(): string {
    return `arn:aws:organizations::${this.managementAccount()}:organization/${this.organizationId()}`;
  }

  /** ARN of an OU, by path; a stand-in when its ID is not known (placeholder mode only). */
  public ouArn(path: string): string {
    const id = this.ouId(path);
    return `arn:aws:organizations::${this.managementAccount()}:ou/${this.organizationId()}/${id}`;
  }

  /** The organization's ID, or a marked stand-in (placeholder mode only). */
  public organizationId(): string {
    if (this.ids.organizationId) return this.ids.organizationId;
    if (this.placeholders) return placeholder('o');
    throw new UserError(
      'accounts.lock.json',
      'no organizationId',
      'run `landfall apply` first (it records the organization), or synthesize with placeholders for review',
    );
  }

  /** The organization root's ID (`r-...`), recorded by `landfall apply`; a stand-in in placeholder mode. */
  public rootId(what: string): string | undefined {
    const id = this.ids.ous.Root;
    if (id) return id;
    if (this.placeholders) return placeholder('r');
    this.pending.push(what);
    return undefined;
  }

  /** A logging ID (see `networkId`). */
  public loggingId(what: string, lookup: (l: LoggingIds) => string | undefined, stub: string): string | undefined {
    const id = this.ids.logging ? lookup(this.ids.logging) : undefined;
    if (id) return id;
    if (this.placeholders) return stub;
    this.pending.push(what);
    return undefined;
  }

  /**
   * The log archive's key (its stack's output), for what writes into the archive: `forWhat` names it in the
   * pending note while the key is not recorded.
   */
  public archiveKeyArn(forWhat: string): string | undefined {
    const logArchive = accountsOf(this.lz).find((a) => a.account.role === 'log-archive')!.account.name;
    return this.loggingId(
      `${forWhat}: record logging.archiveKeyArn (output of the log archive stack)`,
      (l) => l.archiveKeyArn,
      `arn:aws:kms:${this.lz.homeRegion}:${this.accountIdForReference(logArchive)}:key/${placeholder('key')}`,
    );
  }

  /**
   * A network ID, a stand-in in placeholder mode, or `undefined` (recorded as
   * pending) when the stack that makes it has not deployed yet.
   */
  public networkId(what: string, lookup: (n: NetworkIds) => string | undefined, stub: string): string | undefined {
    const id = this.ids.network ? lookup(this.ids.network) : undefined;
    if (id) return id;
    if (this.placeholders) return stub;
    this.pending.push(what);
    return undefined;
  }

  /** `networkId` of one region's hub and the VPCs wired to it (`regionalNetworkPath`). */
  public regionalNetworkId(
    region: string,
    what: string,
    lookup: (n: RegionalNetworkIds) => string | undefined,
    stub: string,
  ): string | undefined {
    return this.networkId(
      what,
      (n) => {
        const regional = region === this.lz.homeRegion ? n : n.regions?.[region];
        return regional ? lookup(regional) : undefined;
      },
      stub,
    );
  }

  /** A workload VPC for peering; in placeholder mode a stand-in with the best CIDR the definition knows. */
  public vpc(
    account: string,
    knownCidr: string,
    region = this.lz.homeRegion,
  ): { vpcId: string; cidr: string } | undefined {
    const network = this.ids.network;
    const vpc = (region === this.lz.homeRegion ? network : network?.regions?.[region])?.vpcs?.[account];
    if (vpc?.vpcId && vpc.cidr) return { vpcId: vpc.vpcId, cidr: vpc.cidr };
    const where = region === this.lz.homeRegion ? [] : [region];
    if (this.placeholders) return { vpcId: placeholder('vpc', account, ...where), cidr: knownCidr };
    this.pending.push(
      `peering with ${account} in ${region}: record ${regionalNetworkName(this.lz, region)}.vpcs.${account} (its network stack's outputs)`,
    );
    return undefined;
  }

  private managementAccount(): string {
    const management = accountsOf(this.lz).find((a) => a.account.role === 'management')!.account.name;
    return this.accountIdForReference(management);
  }
}

/** When `landfall deploy` deploys an account's stacks: the core accounts, then the network hub, then the spokes. */
export type DeploymentPhase = 'core' | 'hub' | 'spokes';

/**
 * The phase of an account's stacks. The hub (shared services) comes after the core
 * accounts (the log archive's key is recorded first) and before the workload and
 * sandbox accounts, whose VPCs attach to it.
 */
export function deploymentPhase(account: Pick<AccountDefinition, 'role'>): DeploymentPhase {
  if (account.role === 'shared-services') return 'hub';
  if (account.role === 'workload' || account.role === 'sandbox') return 'spokes';
  return 'core';
}
