import { ADMIN, prove } from '../simulation';

prove(
  'ProtectAlertBusPolicy',
  {
    deny: [
      { name: 'the audit administrator closing the alert bus to the organization', action: 'events:RemovePermission' },
      { name: 'the audit administrator opening the alert bus to another account', action: 'events:PutPermission' },
    ],
    allow: [
      {
        name: 'the audit administrator reading the bus',
        action: 'events:DescribeEventBus',
        resource: 'arn:aws:events:us-east-1:333333333333:event-bus/landfall-security-alerts',
      },
      { name: 'the exempt admin redeploying the bus policy', action: 'events:PutPermission', principal: ADMIN },
    ],
  },
  'Root/Security',
);
