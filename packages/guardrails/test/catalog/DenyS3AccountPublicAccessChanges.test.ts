import { ADMIN, prove } from '../simulation';

prove('DenyS3AccountPublicAccessChanges', {
  deny: [
    { name: 'a developer changing account Block Public Access', action: 's3:PutAccountPublicAccessBlock' },
    {
      name: 'a CI role changing it',
      action: 's3:PutAccountPublicAccessBlock',
      principal: 'arn:aws:iam::111111111111:role/ci-deploy',
    },
  ],
  allow: [
    { name: 'the exempt admin changing it', action: 's3:PutAccountPublicAccessBlock', principal: ADMIN },
    { name: 'a developer reading it', action: 's3:GetAccountPublicAccessBlock' },
  ],
});
