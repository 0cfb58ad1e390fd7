import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectMacie: IamGuardrail = {
  id: 'ProtectMacie',
  title: 'Amazon Macie cannot be disabled, paused or detached from its administrator',
  rationale:
    'Macie finds PHI where it should not be (an unencrypted or shared bucket); a member account must not switch it off.',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.312(b)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'macie2:DisableMacie',
    'macie2:UpdateMacieSession',
    'macie2:DisassociateFromAdministratorAccount',
    'macie2:DisassociateFromMasterAccount',
    'macie2:DeleteMember',
    'macie2:DisassociateMember',
  ]),
};
