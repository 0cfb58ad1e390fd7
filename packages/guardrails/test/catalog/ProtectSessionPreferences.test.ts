import { PROD_ACCOUNT, prove } from '../simulation';

const SESSION_ROLE = `arn:aws:iam::${PROD_ACCOUNT}:role/landfall-session-admin`;
const DEPLOY_ROLE = `arn:aws:iam::${PROD_ACCOUNT}:role/cdk-landfall-deploy-role-${PROD_ACCOUNT}-us-east-1`;
const BASTION = `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:instance/i-0123456789abcdef0`;
const PREFERENCES = `arn:aws:ssm:us-east-1:${PROD_ACCOUNT}:document/SSM-SessionManagerRunShell`;

prove('ProtectSessionPreferences', {
  deny: [
    {
      name: 'a developer turning session logging off by rewriting the preferences document',
      action: 'ssm:UpdateDocument',
      resource: PREFERENCES,
    },
    { name: 'a developer deleting the preferences', action: 'ssm:DeleteDocument', resource: PREFERENCES },
    {
      name: 'a developer rewriting the session role to drop MFA',
      action: 'iam:UpdateAssumeRolePolicy',
      resource: SESSION_ROLE,
    },
    {
      name: 'a developer running a shell script on the bastion with Run Command',
      action: 'ssm:SendCommand',
      resource: BASTION,
      context: { 'aws:ResourceTag/landfall:bastion': 'true' },
    },
    {
      name: "a developer removing the bastion's tag so that Run Command reaches it",
      action: 'ec2:DeleteTags',
      resource: BASTION,
      context: { 'aws:TagKeys': ['landfall:bastion'] },
    },
  ],
  allow: [
    {
      name: "Landfall's deploy role writing the preferences",
      action: 'ssm:UpdateDocument',
      resource: PREFERENCES,
      principal: DEPLOY_ROLE,
    },
    {
      name: 'a developer running a command on an application server (not the bastion)',
      action: 'ssm:SendCommand',
      resource: `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:instance/i-0fedcba9876543210`,
    },
    { name: 'a developer reading the preferences', action: 'ssm:GetDocument', resource: PREFERENCES },
    {
      name: 'a developer tagging an application server',
      action: 'ec2:CreateTags',
      resource: `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:instance/i-0fedcba9876543210`,
      context: { 'aws:TagKeys': ['team'] },
    },
  ],
});
