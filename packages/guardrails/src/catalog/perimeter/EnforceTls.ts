import { PERIMETER_ACTIONS } from './services';
import { IamGuardrail } from '../../guardrail';

export const EnforceTls: IamGuardrail = {
  id: 'EnforceTls',
  title: 'S3, KMS, SQS, Secrets Manager and STS accept only TLS requests',
  rationale: 'PHI is encrypted in transit everywhere, whatever a bucket or queue policy says.',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  type: 'RESOURCE_CONTROL_POLICY',
  exemptions: 'none',
  statements: () => [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: [...PERIMETER_ACTIONS, 'sts:*'],
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } },
    },
  ],
};
