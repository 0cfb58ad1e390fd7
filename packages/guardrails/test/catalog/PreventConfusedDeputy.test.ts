import { ORG_ID, prove } from '../simulation';

const bucket = 'arn:aws:s3:::trail-logs/AWSLogs/x';
const queue = 'arn:aws:sqs:us-east-1:111111111111:intake';
const toService = (service: string, action: string, resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: action, Resource: resource }],
});

prove('PreventConfusedDeputy', {
  deny: [
    {
      name: 'CloudTrail writing for an account of another organization',
      action: 's3:PutObject',
      resource: bucket,
      principal: 'cloudtrail.amazonaws.com',
      resourcePolicy: toService('cloudtrail.amazonaws.com', 's3:PutObject', bucket),
      context: { 'aws:SourceAccount': '999999999999', 'aws:SourceOrgID': 'o-someoneelse' },
    },
    {
      name: 'SNS delivering for an account of another organization',
      action: 'sqs:SendMessage',
      resource: queue,
      principal: 'sns.amazonaws.com',
      resourcePolicy: toService('sns.amazonaws.com', 'sqs:SendMessage', queue),
      context: { 'aws:SourceAccount': '999999999999', 'aws:SourceOrgID': 'o-someoneelse' },
    },
  ],
  allow: [
    {
      name: 'CloudWatch Logs delivery writing VPC flow logs of an account of this organization',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::log-archive/AWSLogs/x',
      principal: 'delivery.logs.amazonaws.com',
      resourcePolicy: toService('delivery.logs.amazonaws.com', 's3:PutObject', 'arn:aws:s3:::log-archive/AWSLogs/x'),
      context: { 'aws:SourceAccount': '111111111111', 'aws:SourceOrgID': ORG_ID },
    },
    {
      name: "Elastic Load Balancing's log delivery (newer regions) writing access logs for this organization",
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::alb-logs/AWSLogs/x',
      principal: 'logdelivery.elasticloadbalancing.amazonaws.com',
      resourcePolicy: toService(
        'logdelivery.elasticloadbalancing.amazonaws.com',
        's3:PutObject',
        'arn:aws:s3:::alb-logs/AWSLogs/x',
      ),
      context: { 'aws:SourceAccount': '111111111111', 'aws:SourceOrgID': ORG_ID },
    },
    {
      name: 'CloudTrail writing for this organization',
      action: 's3:PutObject',
      resource: bucket,
      principal: 'cloudtrail.amazonaws.com',
      resourcePolicy: toService('cloudtrail.amazonaws.com', 's3:PutObject', bucket),
      context: { 'aws:SourceAccount': '111111111111', 'aws:SourceOrgID': ORG_ID },
    },
    {
      name: 'SNS delivering for this organization',
      action: 'sqs:SendMessage',
      resource: queue,
      principal: 'sns.amazonaws.com',
      resourcePolicy: toService('sns.amazonaws.com', 'sqs:SendMessage', queue),
      context: { 'aws:SourceAccount': '111111111111', 'aws:SourceOrgID': ORG_ID },
    },
  ],
});
