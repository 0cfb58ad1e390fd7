import { ADMIN, prove } from '../simulation';

prove('ProtectFindings', {
  deny: [
    { name: 'a developer archiving GuardDuty findings', action: 'guardduty:ArchiveFindings' },
    {
      name: 'a developer adding a GuardDuty trusted IP list (silences findings from it)',
      action: 'guardduty:CreateIPSet',
    },
    { name: 'a developer suppressing Security Hub findings', action: 'securityhub:BatchUpdateFindings' },
    { name: 'a developer archiving Access Analyzer findings', action: 'access-analyzer:UpdateFindings' },
    { name: 'a developer adding a Macie filter that archives findings', action: 'macie2:CreateFindingsFilter' },
  ],
  allow: [
    { name: 'a developer reading GuardDuty findings', action: 'guardduty:GetFindings' },
    { name: 'a developer reading Security Hub findings', action: 'securityhub:GetFindings' },
    { name: 'the exempt admin archiving findings', action: 'guardduty:ArchiveFindings', principal: ADMIN },
  ],
});
