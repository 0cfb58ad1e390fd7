import { IamGuardrail, Statement } from '../../guardrail';

export const DenyUntrustedFederation: IamGuardrail = {
  id: 'DenyUntrustedFederation',
  title:
    'No role can be assumed through web identity federation except from the OIDC providers the definition lists, nor through SAML except by IAM Identity Center',
  rationale:
    'A role that trusts Google, Cognito or any OIDC issuer needs no identity provider in the account: an administrator could plant one that answers to their own token long after their access ends.',
  hipaa: ['164.312(a)(1)', '164.312(d)', '164.308(a)(3)(ii)(C)'],
  type: 'RESOURCE_CONTROL_POLICY',
  exemptions: 'none',
  statements: (context): Statement[] => [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Resource: '*',
      ...(context.oidcProviderHosts.length > 0
        ? { Condition: { StringNotLikeIfExists: { 'aws:FederatedProvider': [...context.oidcProviderHosts] } } }
        : {}),
    },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 'sts:AssumeRoleWithSAML',
      // IAM Identity Center signs people in to its own roles with SAML.
      NotResource: 'arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*',
    },
  ],
};
