import { ADMIN, prove } from '../simulation';

const snapshot = 'arn:aws:ec2:us-east-1::snapshot/snap-0123456789abcdef0';

prove('DenyExternalSharing', {
  deny: [
    {
      name: 'a developer sharing an EBS snapshot with an account',
      action: 'ec2:ModifySnapshotAttribute',
      resource: snapshot,
      context: { 'ec2:Add/userId': '222222222222' },
    },
    {
      name: 'a developer sharing an AMI',
      action: 'ec2:ModifyImageAttribute',
      resource: 'arn:aws:ec2:us-east-1::image/ami-12345678',
    },
    {
      name: 'a developer sharing an RDS snapshot',
      action: 'rds:ModifyDBSnapshotAttribute',
      resource: 'arn:aws:rds:us-east-1:111111111111:snapshot:s',
    },
    {
      name: 'a developer creating a RAM share open to outside principals',
      action: 'ram:CreateResourceShare',
      context: { 'ram:RequestedAllowsExternalPrincipals': 'true' },
    },
    {
      name: 'a developer accepting a resource share invitation from outside',
      action: 'ram:AcceptResourceShareInvitation',
    },
  ],
  allow: [
    {
      name: 'a developer creating a RAM share inside the organization',
      action: 'ram:CreateResourceShare',
      context: { 'ram:RequestedAllowsExternalPrincipals': 'false' },
    },
    {
      name: 'a developer removing a share from a snapshot',
      action: 'ec2:ModifySnapshotAttribute',
      resource: snapshot,
      context: { 'ec2:Remove/userId': '222222222222' },
    },
    {
      name: 'the exempt admin sharing an AMI',
      action: 'ec2:ModifyImageAttribute',
      resource: 'arn:aws:ec2:us-east-1::image/ami-12345678',
      principal: ADMIN,
    },
  ],
});
