import { IamGuardrail } from '../../guardrail';

export const RequireModernTls: IamGuardrail = {
  id: 'RequireModernTls',
  title: 'S3 accepts only TLS 1.2 or later, for every caller',
  rationale:
    'TLS 1.0 and 1.1 have known weaknesses; S3 is where PHI rests and the one store whose requests carry the TLS version AWS can check.',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)'],
  type: 'RESOURCE_CONTROL_POLICY',
  exemptions: 'none',
  statements: () => [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
    },
  ],
};
