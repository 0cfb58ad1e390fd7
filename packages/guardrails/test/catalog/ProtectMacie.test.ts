import { ADMIN, prove } from '../simulation';

prove('ProtectMacie', {
  deny: [
    { name: 'a developer disabling Macie', action: 'macie2:DisableMacie' },
    { name: 'a developer pausing Macie', action: 'macie2:UpdateMacieSession' },
    { name: 'a developer leaving the Macie administrator', action: 'macie2:DisassociateFromAdministratorAccount' },
  ],
  allow: [
    { name: 'a developer reading Macie findings', action: 'macie2:GetFindings' },
    { name: 'the exempt admin pausing Macie', action: 'macie2:UpdateMacieSession', principal: ADMIN },
  ],
});
