import { ADMIN, prove } from '../simulation';

prove('ProtectAccountSettings', {
  deny: [
    { name: 'a developer changing the security contact', action: 'account:PutAlternateContact' },
    { name: 'a developer starting a root email change', action: 'account:StartPrimaryEmailUpdate' },
    { name: 'a developer enabling an opt-in region', action: 'account:EnableRegion' },
  ],
  allow: [
    { name: 'a developer reading the alternate contacts', action: 'account:GetAlternateContact' },
    { name: 'the exempt admin setting the security contact', action: 'account:PutAlternateContact', principal: ADMIN },
  ],
});
