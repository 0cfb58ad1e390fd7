import { IamGuardrail, Statement, denyUnlessExempt, unlessPrincipal } from '../../guardrail';

const ACTIONS = [
  'guardduty:DeleteDetector',
  'guardduty:UpdateDetector',
  'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:DisassociateFromMasterAccount',
  'guardduty:DeleteMembers',
  'guardduty:StopMonitoringMembers',
  'guardduty:CreateFilter',
  'guardduty:UpdateFilter',
  'guardduty:DeletePublishingDestination',
];

export const ProtectGuardDuty: IamGuardrail = {
  id: 'ProtectGuardDuty',
  title: 'GuardDuty cannot be disabled, detached from the administrator, muted or told to skip resources',
  rationale: 'Threat detection that an intruder can switch off detects nothing.',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context): Statement[] => [
    ...denyUnlessExempt(ACTIONS)(context),
    {
      // Tags that switch GuardDuty's malware scans or runtime agent off, resource by resource.
      Effect: 'Deny',
      Action: ['ec2:CreateTags', 'ecs:TagResource', 'eks:TagResource', 'tag:TagResources'],
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': { 'aws:TagKeys': ['GuardDutyExcluded', 'GuardDutyManaged'] },
        ...unlessPrincipal(context.exemptPrincipalArns),
      },
    },
  ],
};
