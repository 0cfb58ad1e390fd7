import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectKmsKeys: IamGuardrail = {
  id: 'ProtectKmsKeys',
  title: 'KMS keys cannot be scheduled for deletion, disabled or lose rotation',
  rationale:
    'Deleting or disabling a key makes every object encrypted under it unreadable: ransomware without the ransom note.',
  hipaa: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'kms:ScheduleKeyDeletion',
    'kms:DisableKey',
    'kms:DisableKeyRotation',
    'kms:DeleteImportedKeyMaterial',
  ]),
};
