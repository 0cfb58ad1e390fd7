import { ELB_LOG_ACCOUNTS } from '../../src/elb-log-accounts';
import { OTHER_ORG_ACCOUNT, OUTSIDER, prove } from '../simulation';

const object = 'arn:aws:s3:::records/patient.json';
const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const role = 'arn:aws:iam::111111111111:role/Reporting';
const grant = (principal: string, action: string, resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: action, Resource: resource }],
});
const colleague = `arn:aws:iam::${OTHER_ORG_ACCOUNT}:role/Analytics`;

prove('EnforceIdentityPerimeter', {
  deny: [
    {
      name: "Elastic Load Balancing's eu-west-1 account (not a governed region) writing to a bucket",
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::alb-logs/AWSLogs/111111111111/x.gz',
      principal: `arn:aws:iam::${ELB_LOG_ACCOUNTS['eu-west-1']}:root`,
      resourcePolicy: grant(
        `arn:aws:iam::${ELB_LOG_ACCOUNTS['eu-west-1']}:root`,
        's3:PutObject',
        'arn:aws:s3:::alb-logs/*',
      ),
    },
    {
      name: "Elastic Load Balancing's us-east-1 account decrypting with a key (it may only deliver logs to S3)",
      action: 'kms:Decrypt',
      resource: key,
      principal: `arn:aws:iam::${ELB_LOG_ACCOUNTS['us-east-1']}:root`,
      resourcePolicy: grant(`arn:aws:iam::${ELB_LOG_ACCOUNTS['us-east-1']}:root`, 'kms:Decrypt', key),
    },
    {
      name: 'an outside account reading an object its bucket policy grants',
      action: 's3:GetObject',
      resource: object,
      principal: OUTSIDER,
      resourcePolicy: grant(OUTSIDER, 's3:GetObject', object),
    },
    {
      name: 'an outside account decrypting with a key its key policy grants',
      action: 'kms:Decrypt',
      resource: key,
      principal: OUTSIDER,
      resourcePolicy: grant(OUTSIDER, 'kms:Decrypt', key),
    },
    {
      name: 'an outside account assuming a role that trusts it',
      action: 'sts:AssumeRole',
      resource: role,
      principal: OUTSIDER,
      resourcePolicy: grant(OUTSIDER, 'sts:AssumeRole', role),
    },
  ],
  allow: [
    {
      name: 'another account of the organization reading a granted object',
      action: 's3:GetObject',
      resource: object,
      principal: colleague,
      resourcePolicy: grant(colleague, 's3:GetObject', object),
    },
    { name: 'a developer of the account reading an object', action: 's3:GetObject', resource: object },
    {
      name: "Elastic Load Balancing's us-east-1 account delivering access logs its bucket policy grants",
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::alb-logs/AWSLogs/111111111111/x.gz',
      principal: `arn:aws:iam::${ELB_LOG_ACCOUNTS['us-east-1']}:root`,
      resourcePolicy: grant(
        `arn:aws:iam::${ELB_LOG_ACCOUNTS['us-east-1']}:root`,
        's3:PutObject',
        'arn:aws:s3:::alb-logs/*',
      ),
    },
    {
      name: 'another account of the organization assuming a role that trusts it',
      action: 'sts:AssumeRole',
      resource: role,
      principal: colleague,
      resourcePolicy: grant(colleague, 'sts:AssumeRole', role),
    },
  ],
});
