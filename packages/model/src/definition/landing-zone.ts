import { GuardrailsDefinition } from './guardrails';
import { IdentityDefinition } from './identity';
import { NetworkDefinition } from './network';
import {
  AccessDefinition,
  AlertsDefinition,
  BackupDefinition,
  EncryptionDefinition,
  AccountIngressDefinition,
  IngressDefinition,
  LoggingDefinition,
  PipelineDefinition,
} from './sections';

/**
 * A whole landing zone: one client's AWS organization, its governed regions and
 * the baselines every account gets.
 */
export interface LandingZoneDefinition {
  /**
   * Path or URL of the JSON Schema, for editor completion. Ignored by Landfall.
   */
  readonly $schema?: string;

  /**
   * Name of the landing zone, usually the client's. Prefixes resource names, so it
   * is short lowercase kebab-case.
   * @pattern ^[a-z][a-z0-9-]{1,30}[a-z0-9]$
   * @fix use 3 to 32 lowercase letters, digits and hyphens, starting with a letter (e.g. acme-health)
   */
  readonly name: string;

  /**
   * The region where the organization's shared resources live (log archive, hub
   * network, IPAM). Must be one of `regions`.
   * @pattern ^[a-z]{2}(-[a-z]+)+-\d{1,2}$
   * @fix use an AWS region code such as us-east-1
   */
  readonly homeRegion: string;

  /**
   * Governed regions: the only regions where workloads may run. Every other region
   * is denied by guardrails, except for the global services AWS documents.
   * @minItems 1
   * @uniqueItems true
   */
  readonly regions: RegionName[];

  /** The organization: accounts at the root and the OU tree. */
  readonly organization: OrganizationDefinition;

  /**
   * Address plan and topology.
   * @default - transit-gateway topology; every workload environment must still be given an address plan
   */
  readonly network?: NetworkDefinition;

  /**
   * Preventive guardrails (SCPs, RCPs, declarative policies).
   * @default - the `hipaa` baseline with Landfall's deploy roles exempt
   */
  readonly guardrails?: GuardrailsDefinition;

  /**
   * KMS keys and encryption defaults.
   * @default - data, logs and backup keys, rotated yearly
   */
  readonly encryption?: EncryptionDefinition;

  /**
   * The organization trail, AWS Config, threat detection and log retention.
   * @default - six years of log retention in the log archive, S3 data events for every bucket
   */
  readonly logging?: LoggingDefinition;

  /**
   * AWS Backup plans and vaults.
   * @default - daily backups kept 35 days, copied to the second governed region when there is one
   */
  readonly backup?: BackupDefinition;

  /**
   * How people reach servers: client VPN and the recorded bastion.
   * @default - VPN clients from 172.16.0.0/22, bastion sessions end after 20 idle minutes
   */
  readonly access?: AccessDefinition;

  /**
   * Who may do what in which account (IAM Identity Center), and break-glass access.
   * @default - no permission sets, assignments or break-glass role
   */
  readonly identity?: IdentityDefinition;

  /**
   * The public entry for workloads (CloudFront + WAF + ALB).
   * @default - TLS 1.2 minimum, WAF rate limit of 2000 requests per 5 minutes per IP
   */
  readonly ingress?: IngressDefinition;

  /**
   * Where security alerts go.
   * @default - no email subscribers (alerts still reach the audit account's topic), findings from HIGH
   */
  readonly alerts?: AlertsDefinition;

  /**
   * The pipeline that delivers every change after the first `landfall deploy`.
   * @default - no pipeline: run `landfall deploy` yourself
   */
  readonly pipeline?: PipelineDefinition;

  /**
   * How the StackSets of OUs deployed as `stack-sets` roll out.
   * @default - no failure tolerated, every account of a region at once
   */
  readonly stackSets?: StackSetsDefinition;
}

/** The operation preferences of the workload baselines' StackSets. */
export interface StackSetsDefinition {
  /**
   * Share of a region's accounts whose instance may fail before the operation
   * stops (the failed accounts are reported, and the next run deploys them again).
   * @minimum 0
   * @maximum 100
   * @fix use a whole percentage from 0 to 100
   * @default 0
   */
  readonly failureTolerancePercentage?: number;

  /**
   * Share of a region's accounts deployed at once.
   * @minimum 1
   * @maximum 100
   * @fix use a whole percentage from 1 to 100
   * @default 100
   */
  readonly maxConcurrentPercentage?: number;
}

/**
 * An AWS region code.
 * @pattern ^[a-z]{2}(-[a-z]+)+-\d{1,2}$
 * @fix use an AWS region code such as us-east-1
 */
export type RegionName = string;

/** The organization root. The management account lives here. */
export interface OrganizationDefinition {
  /**
   * Accounts directly under the root. Exactly one account in the whole
   * organization has role `management`, and it is here.
   * @default - none
   */
  readonly accounts?: AccountDefinition[];

  /**
   * Organizational units under the root.
   * @default - none
   */
  readonly ous?: OrganizationalUnitDefinition[];
}

/** An organizational unit, up to AWS's nesting depth of 5. */
export interface OrganizationalUnitDefinition {
  /**
   * Name of the OU, unique among its siblings. Guardrail targets refer to OUs by
   * path, e.g. `Root/Workloads/Prod`.
   * @pattern ^[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}$
   * @fix use 1 to 128 letters, digits, spaces, dots, underscores or hyphens, starting with a letter or digit (no slashes)
   */
  readonly name: string;

  /**
   * Accounts in this OU.
   * @default - none
   */
  readonly accounts?: AccountDefinition[];

  /**
   * Child OUs.
   * @default - none
   */
  readonly ous?: OrganizationalUnitDefinition[];

  /**
   * How the baselines of this OU's workload accounts deploy. `stack-sets`: one
   * service-managed StackSet per baseline and region, targeted at the OU with
   * automatic deployment (an account that joins gets its baseline stacks from
   * AWS; its logging and hub wiring need it in the definition and a `landfall
   * deploy`; one that leaves keeps its retained resources). `stacks`: a CDK
   * stack per account (for `cdk diff` per account, customizations of Landfall's
   * stacks, or accounts that differ: a public entry, their own CIDRs, peering).
   * Only for an OU that directly holds workload accounts.
   * @default - `stack-sets` when every account directly in the OU is a workload of one environment
   * with no public entry, its environment draws from an IPAM pool, the topology is transit-gateway
   * and no child OU holds accounts; `stacks` otherwise (docs/stacks.md says why for each OU)
   */
  readonly deployment?: DeploymentMode;
}

/** How an OU's workload baselines deploy: service-managed StackSets, or a CDK stack per account. */
export type DeploymentMode = 'stack-sets' | 'stacks';

/** What an account is for; decides which baselines it gets. */
export type AccountRole =
  'management' | 'log-archive' | 'audit' | 'backup' | 'shared-services' | 'workload' | 'sandbox';

/** A member account (or the management account). */
export interface AccountDefinition {
  /**
   * Account name, unique in the organization. It names the account's stacks and
   * its folder under `accounts/`, so it is lowercase kebab-case.
   * @pattern ^[a-z][a-z0-9-]{0,48}[a-z0-9]$
   * @fix use 2 to 50 lowercase letters, digits and hyphens, starting with a letter (e.g. prod or data-platform-dev)
   */
  readonly name: string;

  /**
   * Root user email of the account, unique across AWS. Use a distribution list
   * the client owns.
   * @minLength 6
   * @maxLength 64
   * @pattern ^[^\s@]+@[^\s@]+\.[^\s@]+$
   * @fix use an address like aws-prod@example.com: 6 to 64 characters, a local part, an at sign and a dotted domain
   */
  readonly email: string;

  /** The account's role. */
  readonly role: AccountRole;

  /**
   * Environment of a workload (or sandbox) account, e.g. `prod`, `dev`, `staging`.
   * Accounts of one environment share its address plan and may never reach a
   * production environment unless they are one.
   * @pattern ^[a-z][a-z0-9-]{0,19}$
   * @fix use up to 20 lowercase letters, digits and hyphens, starting with a letter (e.g. prod)
   * @default - required for `workload` accounts; not allowed on other roles except `sandbox`
   */
  readonly environment?: string;

  /**
   * Tags applied to the account in Organizations.
   * @default - none
   */
  readonly tags?: Record<string, string>;

  /**
   * The account's public entry (CloudFront + WAF + internet-facing ALB), for a
   * `workload` account only. Its VPC gets ingress subnets (no public IPs) for the
   * load balancer, the only subnets VPC Block Public Access lets the internet reach.
   * @default - none: nothing in the account is reachable from the internet
   */
  readonly ingress?: AccountIngressDefinition;
}
