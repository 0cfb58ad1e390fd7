/**
 * The names the organization backup policy and the account baselines agree on: the policy
 * names the vault and the role in every account by these names, so they are fixed.
 */
export const BackupNames = {
  /** Each covered account's vault, in every governed region. */
  VAULT: 'landfall',
  /** The backup account's vault that every recovery point is copied to, in every governed region. */
  CENTRAL_VAULT: 'landfall-central',
  /** The role AWS Backup assumes to back up and restore (and restore tests to restore). */
  ROLE: 'landfall-backup',
} as const;
