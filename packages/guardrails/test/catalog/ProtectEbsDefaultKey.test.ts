import { ADMIN, prove } from '../simulation';

prove('ProtectEbsDefaultKey', {
  deny: [
    { name: 'a developer pointing EBS default encryption at another key', action: 'ec2:ModifyEbsDefaultKmsKeyId' },
    { name: 'a developer resetting it to the AWS-managed key', action: 'ec2:ResetEbsDefaultKmsKeyId' },
  ],
  allow: [
    { name: 'a developer reading the default key', action: 'ec2:GetEbsDefaultKmsKeyId' },
    { name: 'the exempt admin setting the default key', action: 'ec2:ModifyEbsDefaultKmsKeyId', principal: ADMIN },
  ],
});
