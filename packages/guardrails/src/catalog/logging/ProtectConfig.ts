import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectConfig: IamGuardrail = {
  id: 'ProtectConfig',
  title: 'AWS Config recording, delivery, retention and rules cannot be stopped, shortened or removed',
  rationale:
    'Config is the detective layer: it records every configuration change and evaluates the HIPAA conformance rules.',
  hipaa: ['164.312(b)', '164.308(a)(8)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'config:DeleteConfigurationRecorder',
    'config:StopConfigurationRecorder',
    'config:PutConfigurationRecorder',
    'config:DeleteDeliveryChannel',
    'config:PutDeliveryChannel',
    'config:DeleteConfigRule',
    'config:DeleteConformancePack',
    'config:DeleteRetentionConfiguration',
    'config:DeleteAggregationAuthorization',
    'config:PutRetentionConfiguration',
    'config:DisassociateResourceTypes',
    'config:DeleteEvaluationResults',
    'config:DeleteRemediationConfiguration',
    'config:DeleteOrganizationConfigRule',
    'config:DeleteOrganizationConformancePack',
  ]),
};
