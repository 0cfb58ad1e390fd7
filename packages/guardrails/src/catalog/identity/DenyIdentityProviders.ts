import { IamGuardrail, unlessPrincipal } from '../../guardrail';

const OIDC_ACTIONS = [
  'iam:CreateOpenIDConnectProvider',
  'iam:UpdateOpenIDConnectProviderThumbprint',
  'iam:AddClientIDToOpenIDConnectProvider',
];

export const DenyIdentityProviders: IamGuardrail = {
  id: 'DenyIdentityProviders',
  title:
    'No SAML or OpenID Connect identity provider, Roles Anywhere trust anchor or SSM hybrid activation, except the OIDC providers the definition lists',
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
      // SAML providers, IAM Roles Anywhere trust anchors (a CA of one's own) and SSM hybrid activations
      // (an outside machine refreshing role credentials) are all ways in that outlive a session.
      Action: [
        'iam:CreateSAMLProvider',
        'iam:UpdateSAMLProvider',
        'rolesanywhere:CreateTrustAnchor',
        'rolesanywhere:UpdateTrustAnchor',
        'ssm:CreateActivation',
      ],
      Resource: '*',
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
  ],
};
