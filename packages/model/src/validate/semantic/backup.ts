import { DEFAULTS, defaultBackupOus } from '../../defaults';
import { LandingZoneDefinition } from '../../definition';
import { AWS_LIMITS } from '../../limits';
import { isRecord, list, text, walkOrganization } from '../../walk';
import { ValidationError, didYouMean, joinPath } from '../errors';

type RuleName = 'daily' | 'weekly' | 'monthly';

/** A rule's path, retention and cold-storage days as the input gives them, defaults filled in. */
function rulesOf(
  backup: Record<string, unknown>,
): Array<{ name: RuleName; path: string; retention: number; cold?: number }> {
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const rule = (name: 'weekly' | 'monthly') => {
    const r = isRecord(backup[name]) ? backup[name] : {};
    const d = DEFAULTS.backup[name];
    const retention = num(r.retentionDays);
    const cold =
      num(r.coldStorageAfterDays) ??
      (retention === undefined ? (d as { coldStorageAfterDays?: number }).coldStorageAfterDays : undefined);
    return {
      name,
      path: `backup.${name}`,
      retention: retention ?? d.retentionDays,
      ...(cold !== undefined ? { cold } : {}),
    };
  };
  const cold = num(backup.coldStorageAfterDays);
  return [
    {
      name: 'daily',
      path: 'backup',
      retention: num(backup.retentionDays) ?? DEFAULTS.backup.retentionDays,
      ...(cold !== undefined ? { cold } : {}),
    },
    rule('weekly'),
    rule('monthly'),
  ];
}

/**
 * The backup section against the organization: cold storage within retention, the OUs
 * the policy attaches to, and the central vault's lock against the rules' retention
 * (a copy kept shorter than the lock's minimum, or longer than its maximum, fails).
 */
export function checkBackup(input: Record<string, unknown>): ValidationError[] {
  const errors: ValidationError[] = [];
  const backup = isRecord(input.backup) ? input.backup : {};
  const rules = rulesOf(backup);
  for (const rule of rules) {
    if (rule.cold !== undefined && rule.retention < rule.cold + AWS_LIMITS.backupColdStorageMinDays) {
      errors.push({
        path: joinPath(rule.path, 'retentionDays'),
        message: `${rule.retention} days, but ${rule.name} recovery points move to cold storage after ${rule.cold} and must stay there ${AWS_LIMITS.backupColdStorageMinDays}`,
        fix: `set retentionDays to at least ${rule.cold + AWS_LIMITS.backupColdStorageMinDays}, or lower coldStorageAfterDays`,
      });
    }
  }

  const { accounts, ous } = walkOrganization(input.organization);
  const known = ous.map((o) => o.ouPath);
  const backupAccount = accounts.find((a) => a.account.role === 'backup');
  const given = Array.isArray(backup.ous);
  const targets = given
    ? list(backup.ous)
    : defaultBackupOus(input.organization as LandingZoneDefinition['organization']);
  targets.forEach((target, i) => {
    const path = given ? joinPath('backup.ous', i) : 'backup.ous';
    const ou = text(target);
    if (ou === undefined) return;
    if (ou === 'Root') {
      errors.push({
        path,
        message: 'Root holds the management and backup accounts, which the backup policy must not cover',
        fix: `name the OUs that hold the accounts to back up${known.length ? `, e.g. ${known[0]}` : ''}`,
      });
    } else if (!known.includes(ou)) {
      // A default derived from the OUs names an unknown OU only when an OU's name is invalid, which is reported there.
      if (!given) return;
      errors.push({
        path,
        message: `${ou} is not an OU of the organization`,
        fix: ou.startsWith('Root/') ? didYouMean(ou, known) : `write it as a path from the root, e.g. Root/${ou}`,
      });
    } else if (backupAccount && (backupAccount.ouPath === ou || backupAccount.ouPath.startsWith(`${ou}/`))) {
      errors.push({
        path,
        message: `${ou} holds the backup account (${text(backupAccount.account.name)}), whose vaults receive the copies`,
        fix: "name OUs that hold the accounts to back up, not the backup account's",
      });
    }
  });

  const encryption = isRecord(input.encryption) ? input.encryption : {};
  if (Array.isArray(encryption.keyPurposes) && !encryption.keyPurposes.includes('backup')) {
    errors.push({
      path: 'encryption.keyPurposes',
      message: "has no 'backup' key, which every backup vault is encrypted with",
      fix: "add 'backup' to keyPurposes",
    });
  }

  const vault = isRecord(backup.centralVault) ? backup.centralVault : {};
  const shortest = rules.reduce((a, b) => (b.retention < a.retention ? b : a));
  const longest = rules.reduce((a, b) => (b.retention > a.retention ? b : a));
  const min = typeof vault.minRetentionDays === 'number' ? vault.minRetentionDays : undefined;
  const max = typeof vault.maxRetentionDays === 'number' ? vault.maxRetentionDays : undefined;
  if (min !== undefined && min > shortest.retention) {
    errors.push({
      path: 'backup.centralVault.minRetentionDays',
      message: `${min} days, but ${shortest.name} copies are kept ${shortest.retention}: the locked vault would refuse them`,
      fix: `set minRetentionDays to at most ${shortest.retention}, or keep ${shortest.name} recovery points longer`,
    });
  }
  if (max !== undefined && max < longest.retention) {
    errors.push({
      path: 'backup.centralVault.maxRetentionDays',
      message: `${max} days, but ${longest.name} copies are kept ${longest.retention}: the locked vault would refuse them`,
      fix: `set maxRetentionDays to at least ${longest.retention}, or leave it out`,
    });
  }
  if (min !== undefined && max !== undefined && max < min) {
    errors.push({
      path: 'backup.centralVault.maxRetentionDays',
      message: `${max} days is below minRetentionDays (${min})`,
      fix: `set it to at least ${min}`,
    });
  }
  return errors;
}
