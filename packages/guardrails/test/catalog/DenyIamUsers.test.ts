import { ADMIN, prove } from '../simulation';

const user = (name: string) => `arn:aws:iam::111111111111:user/${name}`;

prove('DenyIamUsers', {
  deny: [
    { name: 'a developer creating an IAM user', action: 'iam:CreateUser', resource: user('backdoor') },
    { name: 'a developer creating an access key', action: 'iam:CreateAccessKey', resource: user('backdoor') },
    {
      name: 'the exempt admin giving a user a console password',
      action: 'iam:CreateLoginProfile',
      resource: user('backdoor'),
      principal: ADMIN,
    },
  ],
  allow: [
    { name: 'a developer creating a role', action: 'iam:CreateRole', resource: 'arn:aws:iam::111111111111:role/App' },
    { name: 'a developer deleting an access key', action: 'iam:DeleteAccessKey', resource: user('legacy') },
  ],
});
