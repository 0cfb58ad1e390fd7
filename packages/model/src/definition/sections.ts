/** A purpose that gets its own customer-managed KMS key in every account. */
export type KeyPurpose = 'data' | 'logs' | 'backup';

/** KMS keys and encryption defaults. Encryption itself cannot be turned off. */
export interface EncryptionDefinition {
  /**
   * Purposes that get their own customer-managed key.
   * @minItems 1
   * @uniqueItems true
   * @default ['data', 'logs', 'backup']
   */
  readonly keyPurposes?: KeyPurpose[];

  /**
   * Days between automatic key rotations (AWS KMS allows 90 to 2560).
   * @minimum 90
   * @maximum 2560
   * @default 365
   */
  readonly keyRotationPeriodDays?: number;
}

/**
 * Audit logging. The organization trail, AWS Config with the HIPAA Security rules, flow
 * logs, GuardDuty, Security Hub, Macie and IAM Access Analyzer are always on.
 */
export interface LoggingDefinition {
  /**
   * Days the log archive keeps CloudTrail, Config, flow and access logs. HIPAA
   * asks for six years of documentation (164.316(b)(2)(i)).
   * @minimum 365
   * @maximum 3653
   * @default 2192
   */
  readonly archiveRetentionDays?: number;

  /**
   * Days CloudWatch Logs keeps log groups in member accounts. One of the values
   * CloudWatch Logs accepts.
   * @default 365
   */
  readonly cloudWatchRetentionDays?: number;

  /**
   * Name prefixes of the S3 buckets that hold PHI: the organization trail records every read
   * and write of their objects (S3 data events). The log archive's own buckets are never
   * recorded (their every write is a log).
   * @uniqueItems true
   * @default - every bucket of the organization
   */
  readonly phiBucketPrefixes?: BucketNamePrefix[];
}

/**
 * The start of S3 bucket names.
 * @minLength 3
 * @maxLength 63
 * @pattern ^[a-z0-9][a-z0-9.-]*$
 * @fix use lowercase letters, digits, dots and hyphens, as S3 bucket names do (e.g. acme-health-phi-)
 */
export type BucketNamePrefix = string;

/**
 * AWS Backup. An organization backup policy runs a daily, a weekly and a monthly rule in every
 * account of `ous`, into a vault encrypted with the account's backup key, and copies every
 * recovery point to the backup account's locked vault and to `copyRegion`. Restore tests and
 * AWS Backup Audit Manager run in every covered account. Backups cannot be turned off.
 */
export interface BackupDefinition {
  /**
   * When the daily backup runs, as an AWS Backup schedule expression (UTC).
   * @pattern ^cron\(.+\)$
   * @fix use an AWS cron expression such as cron(0 5 * * ? *)
   * @default 'cron(0 5 * * ? *)'
   */
  readonly schedule?: string;

  /**
   * Days a daily recovery point is kept.
   * @minimum 1
   * @default 35
   */
  readonly retentionDays?: number;

  /**
   * Days after which daily recovery points move to cold storage. AWS Backup requires
   * them to stay in cold storage at least 90 days, so `retentionDays` must be at
   * least this plus 90.
   * @minimum 1
   * @default - never moved to cold storage
   */
  readonly coldStorageAfterDays?: number;

  /**
   * The weekly rule.
   * @default - Sundays at 06:00 UTC, kept 91 days
   */
  readonly weekly?: BackupRuleDefinition;

  /**
   * The monthly rule.
   * @default - the 1st at 07:00 UTC, kept 365 days, in cold storage after 90
   */
  readonly monthly?: BackupRuleDefinition;

  /**
   * Region that every recovery point is copied to, for regional disasters. A
   * governed region other than `homeRegion`. Recovery points made in `copyRegion`
   * are copied to `homeRegion`.
   * @default - the first governed region after `homeRegion`; no copy when only one region is governed
   */
  readonly copyRegion?: string;

  /**
   * Where the backup policy attaches: OU paths such as `Root/Workloads`, or `Root`. Every
   * account under them, except the management and backup accounts, gets the vaults, the
   * backup role, restore tests and the audit framework.
   * @minItems 1
   * @uniqueItems true
   * @default - every OU that holds a workload account
   */
  readonly ous?: string[];

  /**
   * The tag that puts a resource in the backup plan: resources tagged `key` = `value` are
   * backed up. Removing or changing this tag is denied to member accounts (`ProtectBackups`)
   * through every tagging API that names the tag (S3's older `PutBucketTagging` does not; see
   * docs/backup.md), and AWS Backup Audit Manager reports data stores without a backup plan.
   * @default - key `backup`, value `true`
   */
  readonly selectionTag?: BackupSelectionTag;

  /**
   * The backup account's central vault in every governed region, which every recovery point
   * is copied to.
   * @default - Vault Lock in compliance mode, minimum retention the shortest rule's, 3 days to change
   */
  readonly centralVault?: CentralVaultDefinition;

  /**
   * Restore tests: AWS Backup restores a sample of recovery points on a schedule, validates
   * them and deletes the restored resources; results reach the alert topic.
   * @default - weekly, the latest recovery point of each EBS volume, S3 bucket, DynamoDB table and EFS file system of the last 7 days
   */
  readonly restoreTesting?: RestoreTestingDefinition;
}

/** One rule of the backup plan. */
export interface BackupRuleDefinition {
  /**
   * When the rule runs, as an AWS Backup schedule expression (UTC).
   * @pattern ^cron\(.+\)$
   * @fix use an AWS cron expression such as cron(0 6 ? * SUN *)
   */
  readonly schedule?: string;

  /**
   * Days a recovery point of this rule is kept.
   * @minimum 1
   */
  readonly retentionDays?: number;

  /**
   * Days after which the rule's recovery points move to cold storage (at least 90 days
   * before `retentionDays`).
   * @minimum 1
   */
  readonly coldStorageAfterDays?: number;
}

/** A tag key and value. */
export interface BackupSelectionTag {
  /**
   * @minLength 1
   * @maxLength 128
   */
  readonly key: string;
  /**
   * @minLength 1
   * @maxLength 256
   */
  readonly value: string;
}

/** The central vault's lock. */
export interface CentralVaultDefinition {
  /**
   * Days a recovery point in the central vault is kept at least: Vault Lock refuses an earlier
   * deletion, by anyone. At most the shortest rule's retention (copies keep their rule's).
   * @minimum 1
   * @default - the shortest rule's retentionDays
   */
  readonly minRetentionDays?: number;

  /**
   * Days a recovery point in the central vault is kept at most.
   * @minimum 1
   * @default - no maximum; the longest rule's retention for an air-gapped vault, which needs one
   */
  readonly maxRetentionDays?: number;

  /**
   * Days after deployment during which the lock can still be removed (its cooling-off
   * period). After them the lock is in compliance mode: nobody, not the account's root user
   * nor AWS, can remove it or shorten its retention.
   * @minimum 3
   * @maximum 36500
   * @default 3
   */
  readonly changeableForDays?: number;

  /**
   * Copy to a logically air-gapped vault instead: locked in compliance mode from the start,
   * encrypted with the backup account's backup key, and shareable through AWS RAM with another
   * account of the organization, which can then restore from it if the backup account is lost.
   * @default false
   */
  readonly airGapped?: boolean;
}

/** A resource type that restore tests restore: those that restore without network placement. */
export type RestoreTestResourceType = 'EBS' | 'S3' | 'DynamoDB' | 'EFS';

/** Restore tests. */
export interface RestoreTestingDefinition {
  /**
   * When restore tests run, as an AWS Backup schedule expression (UTC).
   * @pattern ^cron\(.+\)$
   * @fix use an AWS cron expression such as cron(0 9 ? * MON *)
   * @default 'cron(0 9 ? * MON *)'
   */
  readonly schedule?: string;

  /**
   * Resource types whose recovery points are restored.
   * @minItems 1
   * @uniqueItems true
   * @default ['EBS', 'S3', 'DynamoDB', 'EFS']
   */
  readonly resourceTypes?: RestoreTestResourceType[];

  /**
   * Recovery points of the last this-many days are candidates.
   * @minimum 1
   * @maximum 365
   * @default 7
   */
  readonly selectionWindowDays?: number;

  /**
   * Hours the restored resource is kept for validation before AWS Backup deletes it.
   * @minimum 1
   * @maximum 168
   * @default 4
   */
  readonly validationWindowHours?: number;
}

/** How administrators and developers reach servers. */
export interface AccessDefinition {
  /**
   * The client VPN in the shared-services account.
   * @default - clients from 172.16.0.0/22, split tunnel
   */
  readonly vpn?: VpnDefinition;

  /**
   * The recorded bastion (SSM Session Manager).
   * @default - sessions end after 20 idle minutes
   */
  readonly bastion?: BastionDefinition;
}

/** The client VPN endpoint. */
export interface VpnDefinition {
  /**
   * Range client addresses are assigned from: between /12 and /22, and overlapping
   * no VPC or pool of the landing zone.
   * @default '172.16.0.0/22'
   */
  readonly clientCidr?: string;

  /**
   * Send only landing-zone traffic through the VPN.
   * @default true
   */
  readonly splitTunnel?: boolean;

  /**
   * The ACM certificate the endpoint presents, imported into the shared-services
   * account in the home region. The client VPN is deployed once this and
   * `authentication` are set; until then `landfall synth` says it is left out.
   * @default - no client VPN yet
   */
  readonly serverCertificateArn?: AcmCertificateArn;

  /**
   * How clients prove who they are: mutual TLS or SAML federation.
   * @default - none: required with serverCertificateArn
   */
  readonly authentication?: VpnAuthenticationDefinition;

  /**
   * Hours after which a connection ends and the client signs in again.
   * @default 8
   */
  readonly sessionTimeoutHours?: VpnSessionTimeoutHours;

  /**
   * Who reaches which networks. Every group reaches the hub (interface endpoints,
   * DNS, and so Session Manager and the bastion); a group reaches an environment's
   * workload networks only when it lists the environment. A group never reaches both
   * a production and a non-production environment. With mutual TLS there is one group
   * and no group IDs: certificates do not tell groups apart.
   * @default - one group, `admins`, that reaches the hub only
   */
  readonly groups?: VpnGroupDefinition[];
}

/**
 * An ACM certificate's ARN.
 * @pattern ^arn:aws[a-z-]*:acm:[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:certificate/[A-Za-z0-9-]+$
 * @fix give the certificate's ARN as ACM shows it, e.g. arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-0000-4000-8000-000000000000
 */
export type AcmCertificateArn = string;

/** Session lengths AWS Client VPN offers. */
export type VpnSessionTimeoutHours = 8 | 10 | 12 | 24;

/** How VPN clients authenticate. */
export interface VpnAuthenticationDefinition {
  /** `mutual-tls`: client certificates; `saml`: federation with IAM Identity Center (or another SAML IdP). */
  readonly type: 'mutual-tls' | 'saml';

  /**
   * The CA certificate client certificates are issued by, in ACM (mutual TLS).
   * @default - required for mutual-tls
   */
  readonly clientRootCertificateArn?: AcmCertificateArn;

  /**
   * The IAM SAML provider of the identity provider (SAML), in the shared-services account.
   * @pattern ^arn:aws[a-z-]*:iam::\d{12}:saml-provider/[A-Za-z0-9._-]+$
   * @fix give the provider's ARN, e.g. arn:aws:iam::111111111111:saml-provider/landfall-vpn
   * @default - required for saml
   */
  readonly samlProviderArn?: string;

  /**
   * A second SAML provider for the self-service portal, where users download their profile.
   * @pattern ^arn:aws[a-z-]*:iam::\d{12}:saml-provider/[A-Za-z0-9._-]+$
   * @fix give the provider's ARN, e.g. arn:aws:iam::111111111111:saml-provider/landfall-vpn-portal
   * @default - no self-service portal
   */
  readonly selfServiceSamlProviderArn?: string;
}

/** A group of VPN users and the networks it reaches. */
export interface VpnGroupDefinition {
  /**
   * The group's name, for review and the docs.
   * @pattern ^[a-z][a-z0-9-]{0,39}$
   * @fix use up to 40 lowercase letters, digits and hyphens, starting with a letter (e.g. developers)
   */
  readonly name: string;

  /**
   * The identity provider's group ID whose members the rules admit (SAML only).
   * @minLength 1
   * @maxLength 255
   * @default - required with saml; not allowed with mutual-tls
   */
  readonly groupId?: string;

  /**
   * Environments whose workload networks the group reaches, besides the hub.
   * @uniqueItems true
   * @default - none: the hub only
   */
  readonly environments?: string[];
}

/** The recorded bastion. Session logging cannot be turned off. */
export interface BastionDefinition {
  /**
   * Minutes of inactivity before a session ends.
   * @minimum 1
   * @maximum 60
   * @default 20
   */
  readonly idleSessionTimeoutMinutes?: number;

  /**
   * Who may assume the session role (`landfall-session-admin`), always with MFA:
   * IAM role or user ARNs of the shared-services account or of other accounts of
   * the organization.
   * @uniqueItems true
   * @default - principals of the shared-services account that its own IAM policies allow
   */
  readonly admins?: IamPrincipalArn[];

  /**
   * Groups of identity.groups whose members may start sessions: each gets the `BastionSession`
   * permission set in the shared-services account, which may assume only the session role.
   * @uniqueItems true
   * @default - none
   */
  readonly groups?: string[];

  /**
   * What the bastion may forward sessions to (Session Manager port forwarding),
   * e.g. databases: an environment's workload networks on one port.
   * @default - nothing: sessions on the bastion itself only
   */
  readonly portForwarding?: PortForwardingDefinition[];
}

/**
 * An IAM role or user ARN.
 * @pattern ^arn:aws[a-z-]*:iam::\d{12}:(role|user)/[A-Za-z0-9+=,.@_/-]+$
 * @fix give a role or user ARN, e.g. arn:aws:iam::111111111111:role/platform-admin
 */
export type IamPrincipalArn = string;

/** A destination the bastion forwards sessions to. */
export interface PortForwardingDefinition {
  /** The environment whose workload networks hold the destination. */
  readonly environment: string;

  /**
   * TCP port, e.g. 5432 for PostgreSQL.
   * @minimum 1
   * @maximum 65535
   */
  readonly port: number;
}

/** TLS policies CloudFront accepts as the viewer minimum. */
export type MinimumTlsVersion = 'TLSv1.2_2019' | 'TLSv1.2_2021' | 'TLSv1.3_2025';

/** The secure public entry workloads use. */
export interface IngressDefinition {
  /**
   * Lowest TLS version viewers may use.
   * @default 'TLSv1.2_2021'
   */
  readonly minimumTlsVersion?: MinimumTlsVersion;

  /**
   * Requests one client IP may make in 5 minutes before WAF blocks it.
   * @minimum 10
   * @maximum 2000000000
   * @default 2000
   */
  readonly wafRateLimit?: number;

  /**
   * Countries whose viewers CloudFront serves (ISO 3166-1 alpha-2 codes); every other
   * country gets 403 before WAF or the application sees the request.
   * @minItems 1
   * @uniqueItems true
   * @default ['US']
   */
  readonly allowedCountries?: CountryCode[];
}

/**
 * An ISO 3166-1 alpha-2 country code.
 * @pattern ^[A-Z]{2}$
 * @fix use the two capital letters of the country, e.g. US or CA
 */
export type CountryCode = string;

/**
 * A DNS name.
 * @pattern ^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$
 * @fix use a lowercase DNS name you control, e.g. origin.prod.example.com
 */
export type DomainName = string;

/** An account's public entry: where CloudFront reaches its load balancer, and the names viewers use. */
export interface AccountIngressDefinition {
  /**
   * The name CloudFront uses to reach the load balancer over HTTPS (point it at the
   * load balancer's DNS name, the ingress stack's output).
   */
  readonly originDomainName: DomainName;

  /** The load balancer's certificate for originDomainName, in ACM in the home region. */
  readonly originCertificateArn: AcmCertificateArn;

  /**
   * Names viewers use, covered by viewerCertificateArn.
   * @minItems 1
   * @uniqueItems true
   */
  readonly domainNames: DomainName[];

  /** CloudFront's certificate for domainNames, in ACM in us-east-1 (CloudFront's requirement). */
  readonly viewerCertificateArn: AcmCertificateArn;
}

/**
 * Security alerts: root sign-in, console sign-in failures, denied API calls, changes to
 * SCPs/RCPs, CloudTrail, Config, security groups, network ACLs, route tables and KMS keys,
 * and GuardDuty and Security Hub findings, published to an encrypted SNS topic in the audit
 * account.
 */
export interface AlertsDefinition {
  /**
   * Addresses subscribed to security alerts.
   * @uniqueItems true
   * @default - none
   */
  readonly emails?: EmailAddress[];

  /**
   * GuardDuty and Security Hub findings at or above this severity are alerts.
   * @default 'HIGH'
   */
  readonly findingSeverity?: FindingSeverity;
}

/** Severity of a GuardDuty or Security Hub finding. */
export type FindingSeverity = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

/**
 * An email address.
 * @minLength 6
 * @maxLength 254
 * @pattern ^[^\s@]+@[^\s@]+\.[^\s@]+$
 * @fix use an address like security@example.com
 */
export type EmailAddress = string;

/**
 * The delivery pipeline: CDK Pipelines (AWS CodePipeline and CodeBuild) in the
 * management account's home region. On every push to the branch it synthesizes
 * the landing zone and checks it with every gate of `landfall check`, applies the
 * organization (`landfall apply`), deploys every account's stacks but those of
 * production environments (`landfall deploy --skip-production`: the bootstrap
 * StackSet, the core accounts, the hubs, the other spokes), shows production's
 * change sets, waits for a manual approval, and deploys production. It updates
 * itself first. The first `landfall deploy` creates it; the lock file then lives
 * in its state bucket.
 */
export interface PipelineDefinition {
  /**
   * The repository that holds this definition, as the connection's provider names
   * it (`owner/name` on GitHub, GitLab or Bitbucket).
   * @pattern ^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$
   * @fix use owner/name, e.g. acme-health/landing-zone
   */
  readonly repository: string;

  /**
   * The branch whose pushes are delivered.
   * @minLength 1
   * @maxLength 255
   * @default 'main'
   */
  readonly branch?: string;

  /**
   * ARN of an AWS CodeConnections connection to the repository's provider, in the
   * management account and the home region. A connection is created pending and
   * someone completes it in the console once; Landfall does not create it.
   * @pattern ^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z]{2}(-[a-z]+)+-\d{1,2}:\d{12}:connection/[0-9a-f-]{36}$
   * @fix copy the connection's ARN from the console (Developer Tools → Settings → Connections), e.g. arn:aws:codeconnections:us-east-1:111111111111:connection/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d
   */
  readonly connectionArn: string;

  /**
   * The definition file, relative to the repository's root, as `--config` takes it.
   * @pattern ^[^/].*\.(json|ya?ml)$
   * @fix give a relative path to a .json, .yaml or .yml file, e.g. landing-zone.yaml
   * @default 'landing-zone.json'
   */
  readonly definitionFile?: string;

  /**
   * The CDK app `landfall synth --app` and `landfall deploy --app` run, with the
   * accounts' customizations.
   * @minLength 1
   * @default - the `app` of the repository's cdk.json
   */
  readonly app?: string;

  /**
   * What installs Landfall in each build, from the repository's root.
   * @minItems 1
   * @default ['npm ci']
   */
  readonly installCommands?: string[];
}
