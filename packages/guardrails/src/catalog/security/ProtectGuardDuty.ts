import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectGuardDuty: IamGuardrail = {
  id: 'ProtectGuardDuty',
  title: 'GuardDuty cannot be disabled, detached from the administrator or muted',
  rationale: 'Threat detection that an intruder can switch off detects nothing.',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'guardduty:DeleteDetector',
    'guardduty:UpdateDetector',
    'guardduty:DisassociateFromAdministratorAccount',
    'guardduty:DisassociateFromMasterAccount',
    'guardduty:DeleteMembers',
    'guardduty:StopMonitoringMembers',
    'guardduty:CreateFilter',
    'guardduty:UpdateFilter',
    'guardduty:DeletePublishingDestination',
  ]),
};
