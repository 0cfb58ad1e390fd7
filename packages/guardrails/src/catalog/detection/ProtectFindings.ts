import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectFindings: IamGuardrail = {
  id: 'ProtectFindings',
  title: 'Member accounts cannot archive, suppress or auto-close the findings that detect them',
  rationale:
    'Triage belongs to the security team in the delegated administrator account (where this guardrail does not attach); an intruder who marks a finding resolved or trusts their own IP has silenced the alarm.',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.312(b)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'guardduty:ArchiveFindings',
    'guardduty:CreateIPSet',
    'guardduty:UpdateIPSet',
    'guardduty:UpdateFindingsFeedback',
    'securityhub:BatchUpdateFindings',
    'securityhub:UpdateFindings',
    'securityhub:CreateAutomationRule',
    'securityhub:BatchUpdateAutomationRules',
    'securityhub:UpdateStandardsControl',
    'securityhub:BatchUpdateStandardsControlAssociations',
    'access-analyzer:UpdateFindings',
    'access-analyzer:ApplyArchiveRule',
    'macie2:UpdateFindingsFilter',
    'macie2:CreateFindingsFilter',
  ]),
};
