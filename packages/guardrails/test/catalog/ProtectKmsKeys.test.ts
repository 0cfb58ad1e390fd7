import { ADMIN, prove } from '../simulation';

const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
// KMS needs the key policy to trust the account, as the default key policy does.
const resourcePolicy = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' },
  ],
};

prove('ProtectKmsKeys', {
  deny: [
    { name: 'a developer scheduling key deletion', action: 'kms:ScheduleKeyDeletion', resource: key, resourcePolicy },
    { name: 'a developer disabling a key', action: 'kms:DisableKey', resource: key, resourcePolicy },
    { name: 'a developer turning rotation off', action: 'kms:DisableKeyRotation', resource: key, resourcePolicy },
  ],
  allow: [
    {
      name: 'the exempt admin scheduling key deletion',
      action: 'kms:ScheduleKeyDeletion',
      resource: key,
      principal: ADMIN,
      resourcePolicy,
    },
    { name: 'a developer encrypting with the key', action: 'kms:Encrypt', resource: key, resourcePolicy },
  ],
});
