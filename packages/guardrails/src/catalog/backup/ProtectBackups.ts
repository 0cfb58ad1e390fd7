import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectBackups: IamGuardrail = {
  id: 'ProtectBackups',
  title: 'Backup vaults, plans and recovery points cannot be deleted or weakened',
  rationale:
    'Backups are the last line against ransomware and mistakes; an attacker with account access must not be able to erase them.',
  hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.312(c)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'backup:DeleteBackupVault',
    'backup:DeleteBackupVaultAccessPolicy',
    'backup:PutBackupVaultAccessPolicy',
    'backup:DeleteBackupVaultLockConfiguration',
    'backup:DeleteBackupPlan',
    'backup:UpdateBackupPlan',
    'backup:DeleteBackupSelection',
    'backup:DeleteRecoveryPoint',
    'backup:UpdateRecoveryPointLifecycle',
    'backup:DisassociateRecoveryPoint',
  ]),
};
