import { ADMIN, prove } from '../simulation';

const archive = 'arn:aws:s3:::acme-health-log-archive-222222222222';
const delivery = 'arn:aws:s3:::acme-health-log-delivery-222222222222';

prove(
  'ProtectLogArchive',
  {
    deny: [
      {
        name: "the log-archive administrator deleting a trail's log file before replication",
        action: 's3:DeleteObject',
        resource: `${delivery}/AWSLogs/o-exampleorg1/CloudTrail/file.json.gz`,
      },
      {
        name: 'the log-archive administrator opening the delivery bucket with a new policy',
        action: 's3:PutBucketPolicy',
        resource: delivery,
      },
      {
        name: 'the log-archive administrator turning replication into the archive off',
        action: 's3:PutReplicationConfiguration',
        resource: delivery,
      },
      {
        name: 'the log-archive administrator shortening what the archive keeps',
        action: 's3:PutLifecycleConfiguration',
        resource: archive,
      },
      {
        name: 'the log-archive administrator re-keying the archive',
        action: 's3:PutEncryptionConfiguration',
        resource: archive,
      },
      {
        name: 'the log-archive administrator deleting an old version of a log',
        action: 's3:DeleteObjectVersion',
        resource: `${archive}/AWSLogs/x`,
      },
      {
        name: 'the log-archive administrator deleting the server access logs',
        action: 's3:DeleteObject',
        resource: 'arn:aws:s3:::acme-health-s3-access-logs-222222222222/archive/x',
      },
    ],
    allow: [
      { name: 'an auditor reading an archived log', action: 's3:GetObject', resource: `${archive}/AWSLogs/x` },
      {
        name: 'a developer deleting an object of their own bucket',
        action: 's3:DeleteObject',
        resource: 'arn:aws:s3:::acme-app-data/x',
      },
      {
        name: 'the exempt admin changing the delivery bucket policy',
        action: 's3:PutBucketPolicy',
        resource: delivery,
        principal: ADMIN,
      },
    ],
  },
  'Root/Security',
);
