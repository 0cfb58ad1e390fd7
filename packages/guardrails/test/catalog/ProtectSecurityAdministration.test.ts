import { ADMIN, prove } from '../simulation';

prove(
  'ProtectSecurityAdministration',
  {
    deny: [
      {
        name: 'the audit administrator turning Security Hub off in every account by policy',
        action: 'securityhub:UpdateConfigurationPolicy',
      },
      {
        name: "the audit administrator stopping other regions' findings reaching the alerts",
        action: 'securityhub:DeleteFindingAggregator',
      },
      {
        name: 'the audit administrator unenrolling new accounts from GuardDuty',
        action: 'guardduty:UpdateOrganizationConfiguration',
      },
      {
        name: "the audit administrator switching a member's GuardDuty plans off",
        action: 'guardduty:UpdateMemberDetectors',
      },
      { name: 'the audit administrator pausing Macie in a member account', action: 'macie2:UpdateMemberSession' },
      {
        name: 'the audit administrator narrowing Macie discovery',
        action: 'macie2:UpdateAutomatedDiscoveryConfiguration',
      },
      {
        name: 'the audit administrator excluding prod from the HIPAA conformance pack',
        action: 'config:PutOrganizationConformancePack',
      },
    ],
    allow: [
      { name: 'the audit team archiving a triaged GuardDuty finding', action: 'guardduty:ArchiveFindings' },
      {
        name: 'the audit team updating the workflow of a Security Hub finding',
        action: 'securityhub:BatchUpdateFindings',
      },
      {
        name: 'the exempt admin redeploying the GuardDuty organization settings',
        action: 'guardduty:UpdateOrganizationConfiguration',
        principal: ADMIN,
      },
    ],
  },
  'Root/Security',
);
