import { IamGuardrail, unlessPrincipal } from '../../guardrail';

const OIDC_ACTIONS = [
  'iam:CreateOpenIDConnectProvider',
  'iam:UpdateOpenIDConnectProviderThumbprint',
  'iam:AddClientIDToOpenIDConnectProvider',
];

export const DenyIdentityProviders: IamGuardrail = {
  id: 'DenyIdentityProviders',
  title: 'No SAML or OpenID Connect identity provider, except the OIDC providers the definition lists',
  rationale:
    'A federated identity provider is a door that outlives every session: whoever controls it can sign in as any role that trusts it.',
  hipaa: ['164.312(a)(1)', '164.312(d)', '164.308(a)(4)(ii)(B)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: OIDC_ACTIONS,
      ...(context.oidcProviderArns.length > 0 ? { NotResource: [...context.oidcProviderArns] } : { Resource: '*' }),
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
    {
      Effect: 'Deny',
      Action: ['iam:CreateSAMLProvider', 'iam:UpdateSAMLProvider'],
      Resource: '*',
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
  ],
};
