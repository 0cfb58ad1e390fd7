import { IamGuardrail, denyUnlessExempt, unlessPrincipal } from '../../guardrail';

export const ProtectKmsKeys: IamGuardrail = {
  id: 'ProtectKmsKeys',
  title: 'KMS keys cannot be scheduled for deletion, disabled, lose rotation or lock everyone out',
  rationale:
    'Deleting or disabling a key makes every object encrypted under it unreadable: ransomware without the ransom note.',
  hipaa: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context) => [
    ...denyUnlessExempt([
      'kms:ScheduleKeyDeletion',
      'kms:DisableKey',
      'kms:DisableKeyRotation',
      'kms:DeleteImportedKeyMaterial',
    ])(context),
    {
      // A key policy that locks everyone out, KMS's safety check bypassed, makes the key as good as deleted.
      Effect: 'Deny',
      Action: ['kms:PutKeyPolicy', 'kms:CreateKey'],
      Resource: '*',
      Condition: {
        Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' },
        ...unlessPrincipal(context.exemptPrincipalArns),
      },
    },
  ],
};
