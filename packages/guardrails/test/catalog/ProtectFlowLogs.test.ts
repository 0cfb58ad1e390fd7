import { ADMIN, prove } from '../simulation';

const group = 'arn:aws:logs:us-east-1:111111111111:log-group:prod-network-FlowLogs';
const tagged = { 'aws:ResourceTag/landfall:landing-zone': 'acme-health' };

prove('ProtectFlowLogs', {
  deny: [
    { name: 'a developer deleting the VPC flow log', action: 'ec2:DeleteFlowLogs' },
    { name: 'a developer stopping DNS query logging', action: 'route53resolver:DisassociateResolverQueryLogConfig' },
    {
      name: "a developer deleting Landfall's flow-log group",
      action: 'logs:DeleteLogGroup',
      resource: group,
      context: tagged,
    },
    {
      name: "a developer shortening the retention of Landfall's flow-log group",
      action: 'logs:PutRetentionPolicy',
      resource: group,
      context: tagged,
    },
    {
      name: 'a developer removing the Landfall tag from its log group',
      action: 'logs:UntagResource',
      resource: group,
      context: tagged,
    },
  ],
  allow: [
    {
      name: "a developer deleting the application's own log group",
      action: 'logs:DeleteLogGroup',
      resource: 'arn:aws:logs:us-east-1:111111111111:log-group:app',
    },
    { name: 'a developer reading flow-log events', action: 'logs:FilterLogEvents', resource: group, context: tagged },
    { name: 'the exempt admin deleting a flow log', action: 'ec2:DeleteFlowLogs', principal: ADMIN },
  ],
});
