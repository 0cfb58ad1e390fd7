import { ADMIN, ROOT_USER, prove } from '../simulation';

prove('DenyRootUser', {
  deny: [
    { name: 'the root user listing buckets', action: 's3:ListAllMyBuckets', principal: ROOT_USER },
    {
      name: 'the root user creating an IAM user',
      action: 'iam:CreateUser',
      resource: 'arn:aws:iam::111111111111:user/x',
      principal: ROOT_USER,
    },
  ],
  allow: [
    {
      name: 'a centralized root access session (sts:AssumeRoot from the management account) deleting a lock-out bucket policy',
      action: 's3:DeleteBucketPolicy',
      resource: 'arn:aws:s3:::records',
      principal: ROOT_USER,
      context: { 'aws:AssumedRoot': 'true' },
    },
    { name: 'a developer listing buckets', action: 's3:ListAllMyBuckets' },
    {
      name: 'the admin role creating an IAM role',
      action: 'iam:CreateRole',
      resource: 'arn:aws:iam::111111111111:role/App',
      principal: ADMIN,
    },
  ],
});
