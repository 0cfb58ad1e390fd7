import { ADMIN, prove } from '../simulation';

const stack = 'arn:aws:cloudformation:us-east-1:111111111111:stack/prod-encryption-us-east-1/1';
const tagged = { 'aws:ResourceTag/landfall:landing-zone': 'acme-health' };
const DEPLOY_ROLE = 'arn:aws:iam::111111111111:role/cdk-landfall-deploy-role-111111111111-us-east-1';

prove('ProtectLandfallStacks', {
  deny: [
    {
      name: "a developer deleting Landfall's encryption stack",
      action: 'cloudformation:DeleteStack',
      resource: stack,
      context: tagged,
    },
    {
      name: "a developer updating Landfall's stack (borrowing its execution role)",
      action: 'cloudformation:UpdateStack',
      resource: stack,
      context: tagged,
    },
    {
      name: "a developer turning off a Landfall stack's termination protection",
      action: 'cloudformation:UpdateTerminationProtection',
      resource: stack,
      context: tagged,
    },
    {
      name: "a developer cancelling Landfall's update of its stack (it rolls back)",
      action: 'cloudformation:CancelUpdateStack',
      resource: stack,
      context: tagged,
    },
    {
      name: "a developer replicating code into Landfall's staging bucket under an asset's key",
      action: 's3:ReplicateObject',
      resource: 'arn:aws:s3:::cdk-landfall-assets-111111111111-us-east-1/0123abcd.zip',
    },
    {
      name: 'a developer deleting an old version of a staged asset',
      action: 's3:DeleteObjectVersion',
      resource: 'arn:aws:s3:::cdk-landfall-assets-111111111111-us-east-1/0123abcd.zip',
    },
    {
      name: "a developer expiring the staging bucket's objects by lifecycle",
      action: 's3:PutLifecycleConfiguration',
      resource: 'arn:aws:s3:::cdk-landfall-assets-111111111111-us-east-1',
    },
    {
      name: "a developer creating a bucket of the staging bucket's name before the bootstrap reaches a Region",
      action: 's3:CreateBucket',
      resource: 'arn:aws:s3:::cdk-landfall-assets-111111111111-eu-west-1',
    },
    {
      name: "a member account's administrator taking the name of the management account's StackSet assets bucket first",
      action: 's3:CreateBucket',
      resource: 'arn:aws:s3:::landfall-stackset-assets-999999999999-eu-west-1',
    },
    {
      name: 'a member account taking the name of its access-log bucket first',
      action: 's3:CreateBucket',
      resource: 'arn:aws:s3:::landfall-stackset-999999999999-eu-west-1-logs',
    },
    {
      name: "a developer overwriting the bootstrap's version parameter (every Landfall stack checks it)",
      action: 'ssm:PutParameter',
      resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/cdk-bootstrap/landfall/version',
    },
    {
      name: "a developer deleting the bootstrap's version parameter",
      action: 'ssm:DeleteParameter',
      resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/cdk-bootstrap/landfall/version',
    },
    {
      name: 'a developer creating a stack that claims the Landfall tag',
      action: 'cloudformation:CreateStack',
      resource: stack,
      context: { 'aws:RequestTag/landfall:landing-zone': 'acme-health' },
    },
  ],
  allow: [
    {
      name: "Landfall's file-publishing role staging a template",
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::cdk-landfall-assets-111111111111-us-east-1/template.json',
      principal: 'arn:aws:iam::111111111111:role/cdk-landfall-file-publishing-role-111111111111-us-east-1',
    },
    {
      name: "a developer detaching a policy from the application's own role",
      action: 'iam:DetachRolePolicy',
      resource: 'arn:aws:iam::111111111111:role/AppRole',
    },
    {
      name: "a developer staging assets in the stock CDK bootstrap's bucket",
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::cdk-hnb659fds-assets-111111111111-us-east-1/asset.zip',
    },
    {
      name: "Landfall's deploy role executing a change set on its stack",
      action: 'cloudformation:ExecuteChangeSet',
      resource: stack,
      context: tagged,
      principal: DEPLOY_ROLE,
    },
    {
      name: 'the exempt admin updating a Landfall stack',
      action: 'cloudformation:UpdateStack',
      resource: stack,
      context: tagged,
      principal: ADMIN,
    },
    {
      name: "a developer writing the stock CDK bootstrap's version parameter",
      action: 'ssm:PutParameter',
      resource: 'arn:aws:ssm:us-east-1:111111111111:parameter/cdk-bootstrap/hnb659fds/version',
    },
    {
      name: "a developer deleting the application's own stack",
      action: 'cloudformation:DeleteStack',
      resource: 'arn:aws:cloudformation:us-east-1:111111111111:stack/app/1',
    },
  ],
});
