import { ADMIN, prove } from '../simulation';

const hub = 'arn:aws:securityhub:us-east-1:111111111111:hub/default';

prove('ProtectSecurityHub', {
  deny: [
    { name: 'a developer disabling Security Hub', action: 'securityhub:DisableSecurityHub', resource: hub },
    { name: 'a developer disabling standards', action: 'securityhub:BatchDisableStandards', resource: hub },
  ],
  allow: [
    {
      name: 'the exempt admin disabling a standard',
      action: 'securityhub:BatchDisableStandards',
      resource: hub,
      principal: ADMIN,
    },
    { name: 'a developer reading findings', action: 'securityhub:GetFindings', resource: hub },
  ],
});
