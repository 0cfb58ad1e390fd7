import { IamGuardrail } from '../../guardrail';

export const RequireEbsEncryption: IamGuardrail = {
  id: 'RequireEbsEncryption',
  title: 'EBS volumes are always encrypted, and default encryption stays on',
  rationale:
    'Every disk may hold PHI; an unencrypted volume or snapshot copy is a breach waiting for a lost credential.',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  statements: () => [
    { Effect: 'Deny', Action: 'ec2:CreateVolume', Resource: '*', Condition: { Bool: { 'ec2:Encrypted': 'false' } } },
    {
      Effect: 'Deny',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:*:*:volume/*',
      Condition: { Bool: { 'ec2:Encrypted': 'false' } },
    },
    { Effect: 'Deny', Action: 'ec2:DisableEbsEncryptionByDefault', Resource: '*' },
  ],
};
