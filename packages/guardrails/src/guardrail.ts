/** Organizations policy types that Landfall compiles. */
export type PolicyType =
  'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'DECLARATIVE_POLICY_EC2' | 'S3_POLICY' | 'BACKUP_POLICY';

/**
 * Where a baseline attaches a guardrail. Each placement resolves to OUs of the
 * definition by the accounts they hold (see `resolvePlacements`), so a baseline
 * works for any OU naming.
 */
export type Placement = 'root' | 'workloads' | 'prod' | 'dev' | 'sandbox' | 'security' | 'infrastructure' | 'backup';

/** One rule of the organization backup policy. */
export interface BackupRuleContext {
  readonly name: 'daily' | 'weekly' | 'monthly';
  /** AWS Backup schedule expression (UTC). */
  readonly schedule: string;
  readonly retentionDays: number;
  readonly coldStorageAfterDays?: number;
}

/** What the organization backup policy and ProtectBackups are rendered from (the definition's `backup` section). */
export interface BackupContext {
  /** Governed regions: one backup plan each. */
  readonly regions: readonly string[];
  /** Where recovery points made in `copyRegion` are copied to. */
  readonly homeRegion: string;
  /** Region every recovery point is copied to; none when only one region is governed. */
  readonly copyRegion?: string;
  /** The daily, weekly and monthly rules, in that order. */
  readonly rules: readonly BackupRuleContext[];
  /** Resources tagged `key` = `value` are backed up; removing or changing the tag is denied. */
  readonly selectionTag: { readonly key: string; readonly value: string };
  /**
   * The backup account's ID, whose central vaults receive a copy of every recovery point:
   * unknown until the account exists (accounts.lock.json or the live organization).
   */
  readonly backupAccountId?: string;
}

/**
 * What guardrail statements are rendered from: configuration, never account IDs but
 * the backup account's, which the backup policy's cross-account copy must name.
 */
export interface GuardrailContext {
  /** Principals exempt from protective guardrails (deploy and admin roles), as ARN patterns. */
  readonly exemptPrincipalArns: readonly string[];
  /** Principals that may create network edges: the network roles and the exempt principals, as ARN patterns. */
  readonly networkPrincipalArns: readonly string[];
  /**
   * Every role the exemptions rely on: the exempt and network roles and Landfall's CDK
   * bootstrap roles. No other principal of a member account may create, change, delete,
   * assume or pass them.
   */
  readonly protectedRoleArns: readonly string[];
  /** Principals that may pass a protected role or change Landfall's stacks: the exempt ones and Landfall's CDK deploy role. */
  readonly deployPrincipalArns: readonly string[];
  /**
   * Landfall's CDK staging buckets and their objects (templates and assets its execution role deploys), and the
   * names of the management account's StackSet assets buckets.
   */
  readonly stagingBucketArns: readonly string[];
  /**
   * The other names Landfall's CDK bootstrap takes in every account and Region (its version parameter, its
   * container assets repository): reserved, so nobody can take one first and make the bootstrap fail.
   */
  readonly bootstrapReservedArns: readonly string[];
  /** Governed regions. */
  readonly regions: readonly string[];
  /** Accounts outside the organization that the data perimeter lets through (the definition's exceptions). */
  readonly outsideAccounts: readonly string[];
  /** IAM users that may exist, as ARN patterns. */
  readonly iamUserArns: readonly string[];
  /** OpenID Connect providers that may be created, as ARN patterns. */
  readonly oidcProviderArns: readonly string[];
  /** The same providers by host, as `aws:FederatedProvider` names them. */
  readonly oidcProviderHosts: readonly string[];
  /** Elastic Load Balancing's log-delivery accounts in the governed regions that have one. */
  readonly elbLogAccounts: readonly string[];
  /**
   * The log archive's buckets (archive, delivery, server access logs) and the backup account's reports and its access
   * logs, as ARN patterns: `arn:aws:s3:::<name>-log-archive-*`.
   */
  /**
   * The accounts that hold the log archive's buckets (log archive, backup), when their IDs are known: the Auditor
   * permission set reads those buckets only there, not a look-alike bucket elsewhere.
   */
  readonly logArchiveAccountIds?: readonly string[];
  readonly logBucketArns: readonly string[];
  /** The organization backup policy's plans and the tag that selects resources. */
  readonly backup: BackupContext;
}

/** The tag Landfall puts on every stack and, through the stack, on every resource it deploys. */
export const LANDFALL_TAG = 'landfall:landing-zone';

/**
 * How the names of the management account's StackSet assets buckets begin (`landfall-stackset-assets-<id>-<region>`,
 * and its access logs' `landfall-stackset-<id>-<region>-logs`): reserved in member accounts (ProtectLandfallStacks).
 */
export const STACKSET_BUCKET_PREFIX = 'landfall-stackset-';

/** An IAM policy statement (SCP or RCP). */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: string | Record<string, string | string[]>;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

interface GuardrailBase {
  /** PascalCase id, also the catalog file's name. */
  readonly id: string;
  /** One line: what it prevents. */
  readonly title: string;
  /** Why a HIPAA landing zone needs it. */
  readonly rationale: string;
  /** HIPAA Security Rule sections it serves, e.g. `164.312(b)`. */
  readonly hipaa: readonly string[];
  /** Set when a waiver of it is an error: why, and what to do instead. */
  readonly unwaivable?: { readonly reason: string; readonly fix: string };
}

/** A guardrail made of IAM statements: an SCP or an RCP. */
export interface IamGuardrail extends GuardrailBase {
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  /** Whether exempt principals may still act (protective guardrails) or nobody may. */
  readonly exemptions: 'exempt-principals' | 'deploy-principals' | 'network-principals' | 'none';
  /**
   * A principal let through beyond `exemptions`, and only for what further statements of the guardrail (conditioned
   * `ArnLike aws:PrincipalArn` on it) leave it: e.g. AWS Backup's role, sharing what AWS Backup made.
   */
  readonly narrowExemption?: { readonly principalArn: string; readonly what: string };
  readonly statements: (context: GuardrailContext) => Statement[];
}

/** A guardrail that sets service attributes: a declarative EC2 policy, an S3 policy or a backup policy. */
export interface ManagementGuardrail extends GuardrailBase {
  readonly type: 'DECLARATIVE_POLICY_EC2' | 'S3_POLICY' | 'BACKUP_POLICY';
  /** The policy document; documents of one type attached to one target are merged. */
  readonly document: (context: GuardrailContext) => Record<string, unknown>;
}

export type Guardrail = IamGuardrail | ManagementGuardrail;

export function isIamGuardrail(guardrail: Guardrail): guardrail is IamGuardrail {
  return guardrail.type === 'SERVICE_CONTROL_POLICY' || guardrail.type === 'RESOURCE_CONTROL_POLICY';
}

/** `ArnNotLike aws:PrincipalArn` for the principals a guardrail lets through. */
export function unlessPrincipal(arns: readonly string[]): Statement['Condition'] {
  return { ArnNotLike: { 'aws:PrincipalArn': [...arns] } };
}

/** The principals a guardrail's `exemptions` names, in a context. */
export function exemptedBy(
  exemptions: IamGuardrail['exemptions'],
  context: GuardrailContext,
): readonly string[] | null {
  return {
    'exempt-principals': context.exemptPrincipalArns,
    'deploy-principals': context.deployPrincipalArns,
    'network-principals': context.networkPrincipalArns,
    none: null,
  }[exemptions];
}

/**
 * The statements of a protective guardrail: deny these actions to everyone but
 * the exempt principals (the deploy and admin roles).
 */
export function denyUnlessExempt(
  actions: string | string[],
  resource: string | string[] = '*',
): IamGuardrail['statements'] {
  return (context) => [
    { Effect: 'Deny', Action: actions, Resource: resource, Condition: unlessPrincipal(context.exemptPrincipalArns) },
  ];
}
