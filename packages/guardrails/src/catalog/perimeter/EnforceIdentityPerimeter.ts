import { PERIMETER_ACTIONS } from './services';
import { IamGuardrail, Statement } from '../../guardrail';

export const EnforceIdentityPerimeter: IamGuardrail = {
  id: 'EnforceIdentityPerimeter',
  title: 'Only principals of this organization, or AWS services, reach its S3, KMS, SQS, Secrets Manager and roles',
  rationale:
    'A misconfigured bucket or key policy can no longer grant PHI to an outside account: the organization is the identity perimeter.',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(4)(ii)(B)'],
  type: 'RESOURCE_CONTROL_POLICY',
  exemptions: 'none',
  statements: (context): Statement[] => [
    {
      Effect: 'Deny',
      Principal: '*',
      // Only AssumeRole of sts: web-identity and SAML federation have no principal organization.
      Action: [...PERIMETER_ACTIONS.filter((a) => a !== 's3:*'), 'sts:AssumeRole'],
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    },
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: {
        // Regions older than August 2022 deliver load-balancer access logs from an ELB account, not a service principal.
        StringNotEqualsIfExists: {
          'aws:PrincipalOrgID': '${aws:ResourceOrgID}',
          ...(context.elbLogAccounts.length > 0 ? { 'aws:PrincipalAccount': [...context.elbLogAccounts] } : {}),
        },
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
      },
    },
  ],
};
