import { ADMIN, prove } from '../simulation';

const detector = 'arn:aws:guardduty:us-east-1:111111111111:detector/abc';

prove('ProtectGuardDuty', {
  deny: [
    { name: 'a developer deleting the detector', action: 'guardduty:DeleteDetector', resource: detector },
    { name: 'a developer adding a suppression filter', action: 'guardduty:CreateFilter' },
  ],
  allow: [
    {
      name: 'a developer tagging an instance with a cost centre',
      action: 'ec2:CreateTags',
      context: { 'aws:TagKeys': ['CostCentre'] },
    },
    {
      name: 'the exempt admin updating the detector',
      action: 'guardduty:UpdateDetector',
      resource: detector,
      principal: ADMIN,
    },
    { name: 'a developer listing findings', action: 'guardduty:ListFindings' },
  ],
});
