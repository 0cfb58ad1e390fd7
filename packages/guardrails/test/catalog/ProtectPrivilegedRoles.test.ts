import { ADMIN, prove } from '../simulation';

const role = (name: string) => `arn:aws:iam::111111111111:role/${name}`;
const DEPLOY_ROLE = role('cdk-landfall-deploy-role-111111111111-us-east-1');

prove('ProtectPrivilegedRoles', {
  deny: [
    {
      name: 'a developer creating a role named like the StackSets execution role',
      action: 'iam:CreateRole',
      resource: role('stacksets-exec-forged'),
    },
    {
      name: "a developer rewriting the trust of Landfall's CDK execution role",
      action: 'iam:UpdateAssumeRolePolicy',
      resource: role('cdk-landfall-cfn-exec-role-111111111111-us-east-1'),
    },
    { name: "a developer assuming Landfall's CDK deploy role", action: 'sts:AssumeRole', resource: DEPLOY_ROLE },
    {
      name: "a developer passing Landfall's execution role to CloudFormation",
      action: 'iam:PassRole',
      resource: role('cdk-landfall-cfn-exec-role-111111111111-us-east-1'),
    },
    {
      name: 'a developer rewriting the trust of the backup role AWS Backup assumes',
      action: 'iam:UpdateAssumeRolePolicy',
      resource: role('landfall-backup'),
    },
    {
      name: 'a developer passing the backup role to a restore job',
      action: 'iam:PassRole',
      resource: role('landfall-backup'),
    },
    {
      name: 'a developer attaching a policy to the network role',
      action: 'iam:AttachRolePolicy',
      resource: role('LandfallNetworkDeploy'),
    },
  ],
  allow: [
    {
      name: 'the exempt admin updating a protected role',
      action: 'iam:UpdateAssumeRolePolicy',
      resource: role('LandfallNetworkDeploy'),
      principal: ADMIN,
    },
    {
      name: "Landfall's deploy role passing the execution role",
      action: 'iam:PassRole',
      resource: role('cdk-landfall-cfn-exec-role-111111111111-us-east-1'),
      principal: DEPLOY_ROLE,
    },
    { name: 'a developer creating an application role', action: 'iam:CreateRole', resource: role('AppRole') },
    {
      name: "a developer assuming the stock CDK bootstrap's deploy role (workload deploys)",
      action: 'sts:AssumeRole',
      resource: role('cdk-hnb659fds-deploy-role-111111111111-us-east-1'),
    },
  ],
});
