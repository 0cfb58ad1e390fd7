import { ADMIN, prove } from '../simulation';

prove('RequireDataStoreEncryption', {
  deny: [
    {
      name: 'a developer creating an unencrypted Aurora cluster',
      action: 'rds:CreateDBCluster',
      context: { 'rds:StorageEncrypted': 'false' },
    },
    { name: 'a developer creating a cluster without asking for encryption', action: 'rds:CreateDBCluster' },
    {
      name: 'a developer creating an unencrypted EFS file system',
      action: 'elasticfilesystem:CreateFileSystem',
      context: { 'elasticfilesystem:Encrypted': 'false' },
    },
    {
      name: 'the exempt admin creating an unencrypted EFS file system',
      action: 'elasticfilesystem:CreateFileSystem',
      context: { 'elasticfilesystem:Encrypted': 'false' },
      principal: ADMIN,
    },
  ],
  allow: [
    {
      name: 'a developer creating an encrypted Aurora cluster',
      action: 'rds:CreateDBCluster',
      context: { 'rds:StorageEncrypted': 'true' },
    },
    {
      name: 'a developer creating an encrypted EFS file system',
      action: 'elasticfilesystem:CreateFileSystem',
      context: { 'elasticfilesystem:Encrypted': 'true' },
    },
  ],
});
