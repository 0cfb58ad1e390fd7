import { OTHER_ORG_ACCOUNT, OUTSIDE_ACCOUNT, prove } from '../simulation';

const outsideBucket = 'arn:aws:s3:::exfil-bucket/dump.csv';
const open = (action: string, resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: action, Resource: resource }],
});
const outside = { resourceAccount: OUTSIDE_ACCOUNT };

prove('EnforceResourcePerimeter', {
  deny: [
    {
      name: 'a developer writing an object to a bucket of another organization',
      action: 's3:PutObject',
      resource: outsideBucket,
      resourcePolicy: open('s3:PutObject', outsideBucket),
      ...outside,
    },
    {
      name: 'a developer sending a message to an outside queue',
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:us-east-1:${OUTSIDE_ACCOUNT}:q`,
      resourcePolicy: open('sqs:SendMessage', '*'),
      ...outside,
    },
    {
      name: "a developer encrypting with an outside account's key",
      action: 'kms:Encrypt',
      resource: `arn:aws:kms:us-east-1:${OUTSIDE_ACCOUNT}:key/1`,
      resourcePolicy: open('kms:Encrypt', '*'),
      ...outside,
    },
    {
      name: 'a developer replicating objects into an outside bucket',
      action: 's3:ReplicateObject',
      resource: outsideBucket,
      resourcePolicy: open('s3:ReplicateObject', outsideBucket),
      ...outside,
    },
  ],
  allow: [
    {
      name: 'a developer writing to a bucket of the account',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::records/a.json',
    },
    {
      name: 'a developer writing to a bucket of another account of the organization',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::shared-data/a.json',
      resourceAccount: OTHER_ORG_ACCOUNT,
      resourcePolicy: open('s3:PutObject', 'arn:aws:s3:::shared-data/*'),
    },
    {
      name: 'a developer reading a public object outside the organization (a package mirror)',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::amazonlinux-mirror/repo.xml',
      resourcePolicy: open('s3:GetObject', '*'),
      ...outside,
    },
  ],
});
