import { IamGuardrail, Statement } from '../../guardrail';

export const RequireImdsV2: IamGuardrail = {
  id: 'RequireImdsV2',
  title: 'No instance launches or is switched to IMDSv1, and role credentials come only from IMDSv2',
  rationale: 'IMDSv1 lets a server-side request forgery read instance role credentials; IMDSv2 sessions stop that.',
  hipaa: ['164.312(a)(1)', '164.312(d)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  statements: (): Statement[] => [
    {
      Effect: 'Deny',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:*:*:instance/*',
      // A launch that names no token setting sends no ec2:MetadataHttpTokens and gets the account default,
      // which Ec2ImdsV2Defaults pins to required with a declarative policy the account cannot change.
      Condition: { StringEquals: { 'ec2:MetadataHttpTokens': 'optional' } },
    },
    {
      Effect: 'Deny',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: { NumericGreaterThan: { 'ec2:MetadataHttpPutResponseHopLimit': '2' } },
    },
    {
      Effect: 'Deny',
      Action: 'ec2:ModifyInstanceMetadataOptions',
      Resource: '*',
      Condition: { StringEquals: { 'ec2:MetadataHttpTokens': 'optional' } },
    },
    { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NumericLessThan: { 'ec2:RoleDelivery': '2.0' } } },
  ],
};
