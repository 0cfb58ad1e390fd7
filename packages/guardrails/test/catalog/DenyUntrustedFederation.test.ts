import { prove } from '../simulation';

const role = 'arn:aws:iam::111111111111:role/Backdoor';
const ssoRole =
  'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_ReadOnly_0123456789abcdef';
const trusting = (federated: string, action: string, resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: federated }, Action: action, Resource: resource }],
});

prove('DenyUntrustedFederation', {
  deny: [
    {
      name: 'a Google account assuming a role whose trust an administrator planted',
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: role,
      federatedProvider: 'accounts.google.com',
      principal: 'accounts.google.com',
      resourcePolicy: trusting('accounts.google.com', 'sts:AssumeRoleWithWebIdentity', role),
    },
    {
      name: 'a GitHub Actions token (not listed in the definition) assuming a role',
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: role,
      federatedProvider: 'token.actions.githubusercontent.com',
      principal: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
      resourcePolicy: trusting(
        'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
        'sts:AssumeRoleWithWebIdentity',
        role,
      ),
    },
    {
      name: 'a SAML identity provider assuming a role of its own',
      action: 'sts:AssumeRoleWithSAML',
      resource: role,
      federatedProvider: 'arn:aws:iam::111111111111:saml-provider/Evil',
      principal: 'arn:aws:iam::111111111111:saml-provider/Evil',
      resourcePolicy: trusting('arn:aws:iam::111111111111:saml-provider/Evil', 'sts:AssumeRoleWithSAML', role),
    },
  ],
  allow: [
    {
      name: 'IAM Identity Center signing a person in to its own role with SAML',
      action: 'sts:AssumeRoleWithSAML',
      resource: ssoRole,
      federatedProvider: 'arn:aws:iam::111111111111:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE',
      principal: 'arn:aws:iam::111111111111:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE',
      resourcePolicy: trusting(
        'arn:aws:iam::111111111111:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE',
        'sts:AssumeRoleWithSAML',
        ssoRole,
      ),
    },
    { name: 'a developer assuming a role of the account', action: 'sts:AssumeRole', resource: role },
  ],
});
