import { ADMIN, prove } from '../simulation';

const vault = 'arn:aws:backup:us-east-1:111111111111:backup-vault:primary';
const point = 'arn:aws:backup:us-east-1:111111111111:recovery-point:abc';

prove('ProtectBackups', {
  deny: [
    { name: 'a developer deleting a recovery point', action: 'backup:DeleteRecoveryPoint', resource: point },
    { name: 'a developer deleting the vault', action: 'backup:DeleteBackupVault', resource: vault },
    {
      name: "a developer shortening a recovery point's lifecycle",
      action: 'backup:UpdateRecoveryPointLifecycle',
      resource: point,
    },
  ],
  allow: [
    {
      name: 'the exempt admin deleting the vault',
      action: 'backup:DeleteBackupVault',
      resource: vault,
      principal: ADMIN,
    },
    { name: 'a developer starting a backup job', action: 'backup:StartBackupJob', resource: vault },
  ],
});
