/**
 * The names the organization backup policy and Landfall's backup stacks agree on: the policy
 * names the vault and the role of every covered account, and the backup account's central
 * vault, by these names, so they are fixed.
 */

/** Each covered account's vault, in every governed region: the backup plans' target. */
export const BACKUP_VAULT_NAME = 'landfall';

/** The backup account's vault, in every governed region, that every recovery point is copied to. */
export const CENTRAL_BACKUP_VAULT_NAME = 'landfall-central';

/** The role AWS Backup assumes in every covered account to back up and restore. */
export const BACKUP_ROLE_NAME = 'landfall-backup';
