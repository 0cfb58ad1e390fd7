import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectSecurityAdministration: IamGuardrail = {
  id: 'ProtectSecurityAdministration',
  title:
    "The security services' organization settings (which accounts are enrolled, which plans and standards run, where findings aggregate) change only through Landfall's deployments",
  rationale:
    "The audit account administers GuardDuty, Security Hub, Macie and AWS Config for the whole organization: from there one call unenrols every account, turns a standard or a protection plan off, or stops another region's findings reaching the alerts. Triage (archiving and updating findings, suppression filters) stays the security team's.",
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.308(a)(8)', '164.312(b)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'guardduty:UpdateOrganizationConfiguration',
    'guardduty:UpdateMemberDetectors',
    'guardduty:DisassociateMembers',
    'guardduty:DisableOrganizationAdminAccount',
    'guardduty:CreateIPSet',
    'guardduty:UpdateIPSet',
    'securityhub:UpdateOrganizationConfiguration',
    'securityhub:UpdateConfigurationPolicy',
    'securityhub:DeleteConfigurationPolicy',
    'securityhub:StartConfigurationPolicyAssociation',
    'securityhub:StartConfigurationPolicyDisassociation',
    'securityhub:UpdateFindingAggregator',
    'securityhub:DeleteFindingAggregator',
    'securityhub:DisassociateMembers',
    'securityhub:DisableOrganizationAdminAccount',
    'macie2:UpdateOrganizationConfiguration',
    'macie2:UpdateAutomatedDiscoveryConfiguration',
    'macie2:UpdateClassificationScope',
    'macie2:UpdateMemberSession',
    'macie2:PutFindingsPublicationConfiguration',
    'macie2:DisableOrganizationAdminAccount',
    'config:PutOrganizationConformancePack',
    'config:PutOrganizationConfigRule',
    'config:PutConfigurationAggregator',
    'config:DeleteConfigurationAggregator',
  ]),
};
