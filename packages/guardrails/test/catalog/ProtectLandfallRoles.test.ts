import { ADMIN, prove } from '../simulation';

const landfallRole = 'arn:aws:iam::111111111111:role/LandfallNetworkDeploy';

prove('ProtectLandfallRoles', {
  deny: [
    { name: 'a developer deleting a Landfall role', action: 'iam:DeleteRole', resource: landfallRole },
    {
      name: "a developer rewriting a Landfall role's trust",
      action: 'iam:UpdateAssumeRolePolicy',
      resource: landfallRole,
    },
    {
      name: 'a developer attaching a policy to a Landfall role',
      action: 'iam:AttachRolePolicy',
      resource: 'arn:aws:iam::111111111111:role/LandfallAdmin',
    },
  ],
  allow: [
    {
      name: 'the exempt admin updating a Landfall role',
      action: 'iam:UpdateAssumeRolePolicy',
      resource: landfallRole,
      principal: ADMIN,
    },
    {
      name: 'a developer deleting an application role',
      action: 'iam:DeleteRole',
      resource: 'arn:aws:iam::111111111111:role/AppRole',
    },
  ],
});
