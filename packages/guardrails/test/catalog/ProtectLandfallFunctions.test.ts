import { ADMIN, prove } from '../simulation';

const fn = 'arn:aws:lambda:us-east-1:111111111111:function:landfall-account-settings';
const tagged = { 'aws:ResourceTag/landfall:landing-zone': 'acme-health' };

prove('ProtectLandfallFunctions', {
  deny: [
    {
      name: 'a prod administrator rewriting the policy of the alert forwarding role (managed policies carry no tag)',
      action: 'iam:CreatePolicyVersion',
      resource: 'arn:aws:iam::111111111111:policy/landfall/prod-logging-us-east-1-AlertForwardingPutOnTheAuditBus-ABC',
    },
    {
      name: "the log-archive administrator switching to an older version of the replication role's policy",
      action: 'iam:SetDefaultPolicyVersion',
      resource: 'arn:aws:iam::222222222222:policy/landfall/log-archive-ReplicationPolicy-ABC',
    },
    {
      name: 'a prod administrator invoking the deploy-time function with a crafted request (it runs as an exempt role)',
      action: 'lambda:InvokeFunction',
      resource: 'arn:aws:lambda:us-east-1:111111111111:function:landfall-account-settings',
      context: { 'aws:ResourceTag/landfall:landing-zone': 'acme-health' },
    },
    {
      name: "a prod administrator replacing the deploy-time function's code",
      action: 'lambda:UpdateFunctionCode',
      resource: 'arn:aws:lambda:us-east-1:111111111111:function:landfall-account-settings',
      context: { 'aws:ResourceTag/landfall:landing-zone': 'acme-health' },
    },
  ],
  allow: [
    {
      name: "a developer invoking the application's own function",
      action: 'lambda:InvokeFunction',
      resource: 'arn:aws:lambda:us-east-1:111111111111:function:app',
    },
    {
      name: 'a developer versioning their own managed policy',
      action: 'iam:CreatePolicyVersion',
      resource: 'arn:aws:iam::111111111111:policy/app-policy',
    },
    {
      name: 'the exempt admin redeploying the deploy-time function',
      action: 'lambda:UpdateFunctionCode',
      resource: fn,
      context: tagged,
      principal: ADMIN,
    },
  ],
});
