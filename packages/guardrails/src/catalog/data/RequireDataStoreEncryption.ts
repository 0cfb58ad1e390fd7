import { IamGuardrail, Statement } from '../../guardrail';

export const RequireDataStoreEncryption: IamGuardrail = {
  id: 'RequireDataStoreEncryption',
  title: 'Aurora and RDS clusters and EFS file systems are created encrypted',
  rationale:
    'Storage encryption can only be chosen at creation: an unencrypted database cluster or file system stays unencrypted for life. A request that does not ask for encryption is denied.',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  statements: (): Statement[] => [
    {
      Effect: 'Deny',
      Action: 'rds:CreateDBCluster',
      Resource: '*',
      Condition: { BoolIfExists: { 'rds:StorageEncrypted': 'false' } },
    },
    {
      Effect: 'Deny',
      Action: 'elasticfilesystem:CreateFileSystem',
      Resource: '*',
      Condition: { BoolIfExists: { 'elasticfilesystem:Encrypted': 'false' } },
    },
  ],
};
