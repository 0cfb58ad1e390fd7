import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectCloudTrail: IamGuardrail = {
  id: 'ProtectCloudTrail',
  title: 'CloudTrail trails and CloudTrail Lake cannot be stopped, deleted or reconfigured',
  rationale: 'The organization trail is the audit record of every action; only the deploy roles may change it.',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'cloudtrail:DeleteTrail',
    'cloudtrail:StopLogging',
    'cloudtrail:UpdateTrail',
    'cloudtrail:PutEventSelectors',
    'cloudtrail:PutInsightSelectors',
    'cloudtrail:DeleteEventDataStore',
    'cloudtrail:UpdateEventDataStore',
    'cloudtrail:StopEventDataStoreIngestion',
    'cloudtrail:DeleteChannel',
    'cloudtrail:DeleteResourcePolicy',
  ]),
};
