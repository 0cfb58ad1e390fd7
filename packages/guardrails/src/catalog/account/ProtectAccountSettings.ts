import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectAccountSettings: IamGuardrail = {
  id: 'ProtectAccountSettings',
  title: 'Account contacts, the root email address and region opt-in cannot be changed from the account',
  rationale:
    'Security notices from AWS must reach the security team, the root email is the key to account recovery, and a newly enabled region is an ungoverned one.',
  hipaa: ['164.308(a)(6)(ii)', '164.308(a)(1)(ii)(B)', '164.312(a)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'account:PutAlternateContact',
    'account:DeleteAlternateContact',
    'account:PutContactInformation',
    'account:StartPrimaryEmailUpdate',
    'account:AcceptPrimaryEmailUpdate',
    'account:EnableRegion',
    'account:DisableRegion',
  ]),
};
