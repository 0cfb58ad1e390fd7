import { ADMIN, prove } from '../simulation';

const trail = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/organization';

prove('ProtectCloudTrail', {
  deny: [
    { name: 'a developer stopping the trail', action: 'cloudtrail:StopLogging', resource: trail },
    { name: 'a developer deleting the trail', action: 'cloudtrail:DeleteTrail', resource: trail },
  ],
  allow: [
    {
      name: 'the exempt admin updating the trail',
      action: 'cloudtrail:UpdateTrail',
      resource: trail,
      principal: ADMIN,
    },
    { name: 'a developer looking up events', action: 'cloudtrail:LookupEvents' },
  ],
});
