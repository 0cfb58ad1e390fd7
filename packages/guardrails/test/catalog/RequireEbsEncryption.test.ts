import { ADMIN, prove } from '../simulation';

const volume = 'arn:aws:ec2:us-east-1:111111111111:volume/*';

prove('RequireEbsEncryption', {
  deny: [
    {
      name: 'creating an unencrypted volume',
      action: 'ec2:CreateVolume',
      resource: volume,
      context: { 'ec2:Encrypted': 'false' },
    },
    {
      name: 'launching an instance with an unencrypted volume',
      action: 'ec2:RunInstances',
      resource: volume,
      context: { 'ec2:Encrypted': 'false' },
    },
    {
      name: 'turning off EBS encryption by default, even as admin',
      action: 'ec2:DisableEbsEncryptionByDefault',
      principal: ADMIN,
    },
  ],
  allow: [
    {
      name: 'creating an encrypted volume',
      action: 'ec2:CreateVolume',
      resource: volume,
      context: { 'ec2:Encrypted': 'true' },
    },
    {
      name: 'launching an instance with an encrypted volume',
      action: 'ec2:RunInstances',
      resource: volume,
      context: { 'ec2:Encrypted': 'true' },
    },
    { name: 'turning EBS encryption by default on', action: 'ec2:EnableEbsEncryptionByDefault' },
  ],
});
