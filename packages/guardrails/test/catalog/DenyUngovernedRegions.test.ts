import { ADMIN, prove } from '../simulation';

const table = (region: string) => `arn:aws:dynamodb:${region}:111111111111:table/records`;

prove('DenyUngovernedRegions', {
  deny: [
    {
      name: 'creating a KMS key in eu-west-1 (KMS is regional, not global)',
      action: 'kms:CreateKey',
      region: 'eu-west-1',
    },
    {
      name: 'recording AWS Config in eu-west-1 (Config is regional)',
      action: 'config:PutConfigRule',
      region: 'eu-west-1',
    },
    { name: 'creating a regional WAF web ACL in eu-west-1', action: 'wafv2:CreateWebACL', region: 'eu-west-1' },
    {
      name: 'reading a DynamoDB table in eu-west-1',
      action: 'dynamodb:GetItem',
      resource: table('eu-west-1'),
      region: 'eu-west-1',
    },
    {
      name: 'invoking a Lambda function in ap-southeast-2',
      action: 'lambda:InvokeFunction',
      resource: 'arn:aws:lambda:ap-southeast-2:111111111111:function:f',
      region: 'ap-southeast-2',
    },
  ],
  allow: [
    {
      name: 'reading a DynamoDB table in us-west-2 (governed)',
      action: 'dynamodb:GetItem',
      resource: table('us-west-2'),
      region: 'us-west-2',
    },
    { name: 'calling IAM (global) from eu-west-1', action: 'iam:ListRoles', region: 'eu-west-1' },
    { name: 'calling STS (global) from ap-south-1', action: 'sts:GetCallerIdentity', region: 'ap-south-1' },
    {
      name: 'the exempt admin working in eu-west-1',
      action: 'dynamodb:GetItem',
      resource: table('eu-west-1'),
      region: 'eu-west-1',
      principal: ADMIN,
    },
  ],
});
