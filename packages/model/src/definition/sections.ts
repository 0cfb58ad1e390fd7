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

/** AWS Backup: plans, vaults and copies. Backups cannot be turned off. */
export interface BackupDefinition {
  /**
   * When backups run, as an AWS Backup schedule expression.
   * @pattern ^cron\(.+\)$
   * @fix use an AWS cron expression such as cron(0 5 * * ? *)
   * @default 'cron(0 5 * * ? *)'
   */
  readonly schedule?: string;

  /**
   * Days a recovery point is kept.
   * @minimum 1
   * @default 35
   */
  readonly retentionDays?: number;

  /**
   * Days after which recovery points move to cold storage. AWS Backup requires
   * them to stay in cold storage at least 90 days, so `retentionDays` must be at
   * least this plus 90.
   * @minimum 1
   * @default - never moved to cold storage
   */
  readonly coldStorageAfterDays?: number;

  /**
   * Region that every recovery point is copied to, for regional disasters. A
   * governed region other than `homeRegion`.
   * @default - the first governed region after `homeRegion`; no copy when only one region is governed
   */
  readonly copyRegion?: string;
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
