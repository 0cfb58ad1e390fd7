import { ADMIN, prove } from '../simulation';

const analyzer = 'arn:aws:access-analyzer:us-east-1:111111111111:analyzer/organization';

prove('ProtectAccessAnalyzer', {
  deny: [
    { name: 'a developer deleting the analyzer', action: 'access-analyzer:DeleteAnalyzer', resource: analyzer },
    { name: 'a developer adding an archive rule', action: 'access-analyzer:CreateArchiveRule' },
  ],
  allow: [
    { name: 'the exempt admin adding an archive rule', action: 'access-analyzer:CreateArchiveRule', principal: ADMIN },
    { name: 'a developer listing findings', action: 'access-analyzer:ListFindings' },
  ],
});
