import { ADMIN, prove } from '../simulation';

const oidc = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';

prove('DenyIdentityProviders', {
  deny: [
    {
      name: 'a developer creating an OIDC provider the definition does not list',
      action: 'iam:CreateOpenIDConnectProvider',
      resource: oidc,
    },
    {
      name: 'a developer adding a client ID to an OIDC provider',
      action: 'iam:AddClientIDToOpenIDConnectProvider',
      resource: oidc,
    },
    {
      name: 'a developer creating a SAML provider',
      action: 'iam:CreateSAMLProvider',
      resource: 'arn:aws:iam::111111111111:saml-provider/Evil',
    },
  ],
  allow: [
    {
      name: 'the exempt admin creating an OIDC provider',
      action: 'iam:CreateOpenIDConnectProvider',
      resource: oidc,
      principal: ADMIN,
    },
    { name: 'a developer listing identity providers', action: 'iam:ListOpenIDConnectProviders' },
  ],
});
