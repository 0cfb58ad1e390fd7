import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectEbsDefaultKey: IamGuardrail = {
  id: 'ProtectEbsDefaultKey',
  title: 'The key that encrypts new EBS volumes by default cannot be changed or reset',
  rationale:
    "Pointing default encryption at a key the attacker controls (or at the AWS-managed key, which cannot be shared or revoked) quietly moves every new disk out of the organization's key policy.",
  hipaa: ['164.312(a)(2)(iv)', '164.312(c)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt(['ec2:ModifyEbsDefaultKmsKeyId', 'ec2:ResetEbsDefaultKmsKeyId']),
};
