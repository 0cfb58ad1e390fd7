/**
 * AWS limits that shape the definition. Documented AWS values; not adjustable by
 * quota requests (unlike the policy size limits, which the guardrails compiler
 * takes as configuration).
 */
export const AWS_LIMITS = {
  /** Organizations: OUs nest at most five levels below the root. */
  ouMaxDepth: 5,
  /** A VPC CIDR is between /16 and /28; Landfall needs room for two tiers across AZs, so /24 at most. */
  vpcMinPrefix: 16,
  vpcMaxPrefix: 24,
  /** Client VPN client CIDR: between /12 and /22. */
  vpnClientMinPrefix: 12,
  vpnClientMaxPrefix: 22,
  /** AWS Backup: recovery points stay in cold storage at least 90 days. */
  backupColdStorageMinDays: 90,
} as const;

/** Retention values CloudWatch Logs accepts (PutRetentionPolicy). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;
