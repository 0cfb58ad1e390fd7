import { BACKUP_ROLE_NAME, BACKUP_VAULT_NAME, CENTRAL_BACKUP_VAULT_NAME } from '../../backup-names';
import { BackupContext, BackupRuleContext, ManagementGuardrail } from '../../guardrail';

/** Every leaf of a backup policy is set with `@@assign`, numbers as strings. */
const assign = (value: string | string[]) => ({ '@@assign': value });

/** `us-east-1` → `landfall_us_east_1`: plan names allow letters, digits and `-_.`. */
export function backupPlanName(region: string): string {
  return `landfall_${region.replace(/-/g, '_')}`;
}

function lifecycle(retentionDays: number, coldStorageAfterDays?: number) {
  return {
    ...(coldStorageAfterDays !== undefined
      ? { move_to_cold_storage_after_days: assign(String(coldStorageAfterDays)) }
      : {}),
    delete_after_days: assign(String(retentionDays)),
  };
}

/** A copy action, keyed by the vault's ARN as AWS requires. */
function copyTo(arn: string, life: ReturnType<typeof lifecycle>) {
  return { [arn]: { target_backup_vault_arn: assign(arn), lifecycle: life } };
}

function rule(backup: BackupContext, region: string, r: BackupRuleContext) {
  // Recovery points made in the copy region are copied to the home region; all others to the copy region.
  const copyRegion = region === backup.copyRegion ? backup.homeRegion : backup.copyRegion;
  const other = copyRegion !== region ? copyRegion : undefined;
  const copies = {
    // AWS Backup does not keep cross-account copies in cold storage.
    ...(backup.backupAccountId !== undefined
      ? copyTo(
          `arn:aws:backup:${region}:${backup.backupAccountId}:backup-vault:${CENTRAL_BACKUP_VAULT_NAME}`,
          lifecycle(r.retentionDays),
        )
      : {}),
    ...(other !== undefined
      ? copyTo(
          `arn:aws:backup:${other}:$account:backup-vault:${BACKUP_VAULT_NAME}`,
          lifecycle(r.retentionDays, r.coldStorageAfterDays),
        )
      : {}),
  };
  return {
    schedule_expression: assign(r.schedule),
    start_backup_window_minutes: assign('60'),
    complete_backup_window_minutes: assign('1440'),
    target_backup_vault_name: assign(BACKUP_VAULT_NAME),
    lifecycle: lifecycle(r.retentionDays, r.coldStorageAfterDays),
    recovery_point_tags: { landfall: { tag_key: assign('landfall:rule'), tag_value: assign(r.name) } },
    ...(Object.keys(copies).length > 0 ? { copy_actions: copies } : {}),
  };
}

export const OrganizationBackupPolicy: ManagementGuardrail = {
  id: 'OrganizationBackupPolicy',
  title:
    'Every covered account backs up tagged resources daily, weekly and monthly, with copies to the backup account and a second region',
  rationale:
    "An organization backup policy runs the definition's backup plan in every account of backup.ous, in every governed region: recovery points go to the account's vault and are copied to the backup account's locked vault and to the copy region. Child policies cannot change the plans, and account administrators cannot delete them.",
  hipaa: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)'],
  type: 'BACKUP_POLICY',
  unwaivable: {
    reason: 'backups cannot be turned off',
    fix: 'remove this waiver; to back up fewer accounts, set backup.ous to the OUs that hold the accounts to back up',
  },
  document: ({ backup }) => ({
    plans: Object.fromEntries(
      backup.regions.map((region) => [
        backupPlanName(region),
        {
          regions: assign([region]),
          rules: Object.fromEntries(backup.rules.map((r) => [r.name, rule(backup, region, r)])),
          selections: {
            tags: {
              landfall: {
                iam_role_arn: assign(`arn:aws:iam::$account:role/${BACKUP_ROLE_NAME}`),
                tag_key: assign(backup.selectionTag.key),
                tag_value: assign([backup.selectionTag.value]),
              },
            },
          },
          // No child policy may weaken, append to or remove from the plan.
          '@@operators_allowed_for_child_policies': ['@@none'],
        },
      ]),
    ),
  }),
};
