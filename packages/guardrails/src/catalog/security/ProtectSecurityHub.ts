import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectSecurityHub: IamGuardrail = {
  id: 'ProtectSecurityHub',
  title: 'Security Hub and its standards cannot be disabled or detached',
  rationale: 'Security Hub aggregates findings for the security team; disabling it hides every other detector.',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'securityhub:DisableSecurityHub',
    'securityhub:DisassociateFromAdministratorAccount',
    'securityhub:DisassociateFromMasterAccount',
    'securityhub:DeleteMembers',
    'securityhub:BatchDisableStandards',
    'securityhub:DisableImportFindingsForProduct',
    'securityhub:DeleteInsight',
  ]),
};
