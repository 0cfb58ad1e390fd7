import { ADMIN, prove } from '../simulation';

const forwarding = 'arn:aws:events:us-east-1:111111111111:rule/landfall-security-alert-forwarding';
const alertRule = 'arn:aws:events:us-east-1:333333333333:rule/landfall-security-alerts/landfall-alert-root-sign-in';
const topic = 'arn:aws:sns:us-east-1:333333333333:landfall-security-alerts';

prove('ProtectSecurityAlerts', {
  deny: [
    {
      name: "a prod administrator deleting the rule that forwards the account's security events",
      action: 'events:DeleteRule',
      resource: forwarding,
    },
    { name: 'a prod administrator disabling the forwarding rule', action: 'events:DisableRule', resource: forwarding },
    {
      name: 'a prod administrator pointing the forwarding rule elsewhere',
      action: 'events:RemoveTargets',
      resource: forwarding,
    },
    {
      name: 'the audit administrator disabling the root sign-in alert',
      action: 'events:DisableRule',
      resource: alertRule,
    },
    {
      name: 'the audit administrator deleting the alert bus',
      action: 'events:DeleteEventBus',
      resource: 'arn:aws:events:us-east-1:333333333333:event-bus/landfall-security-alerts',
    },
    {
      name: 'the audit administrator unsubscribing the security team',
      action: 'sns:Unsubscribe',
      resource: topic,
    },
    { name: 'the audit administrator deleting the alert topic', action: 'sns:DeleteTopic', resource: topic },
  ],
  allow: [
    {
      name: "a developer changing their application's own rule",
      action: 'events:PutRule',
      resource: 'arn:aws:events:us-east-1:111111111111:rule/app-nightly',
    },
    {
      name: 'a developer publishing to their own topic',
      action: 'sns:Publish',
      resource: 'arn:aws:sns:us-east-1:111111111111:app-events',
    },
    {
      name: 'the exempt admin redeploying the forwarding rule',
      action: 'events:PutRule',
      resource: forwarding,
      principal: ADMIN,
    },
  ],
});
