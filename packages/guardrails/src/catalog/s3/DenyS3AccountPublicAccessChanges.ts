import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const DenyS3AccountPublicAccessChanges: IamGuardrail = {
  id: 'DenyS3AccountPublicAccessChanges',
  title: 'The account-level S3 Block Public Access setting cannot be changed',
  rationale: 'Account-level Block Public Access is the switch that keeps any bucket from going public by mistake.',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt('s3:PutAccountPublicAccessBlock'),
};
