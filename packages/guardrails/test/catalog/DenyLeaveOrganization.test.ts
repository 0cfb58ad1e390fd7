import { ADMIN, prove } from '../simulation';

prove('DenyLeaveOrganization', {
  deny: [
    { name: 'a developer leaving the organization', action: 'organizations:LeaveOrganization' },
    { name: 'even the exempt admin leaving it', action: 'organizations:LeaveOrganization', principal: ADMIN },
  ],
  allow: [
    { name: 'describing the organization', action: 'organizations:DescribeOrganization' },
    { name: "listing the account's parents", action: 'organizations:ListParents' },
  ],
});
