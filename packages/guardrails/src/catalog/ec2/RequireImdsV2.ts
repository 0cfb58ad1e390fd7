import { IamGuardrail, Statement } from '../../guardrail';

export const RequireImdsV2: IamGuardrail = {
  id: 'RequireImdsV2',
  title: 'Instances launch with IMDSv2 only, and role credentials come only from IMDSv2',
  rationale: 'IMDSv1 lets a server-side request forgery read instance role credentials; IMDSv2 sessions stop that.',
  hipaa: ['164.312(a)(1)', '164.312(d)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  statements: (): Statement[] => [
    {
      Effect: 'Deny',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } },
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
      Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } },
    },
    { Effect: 'Deny', Action: '*', Resource: '*', Condition: { NumericLessThan: { 'ec2:RoleDelivery': '2.0' } } },
  ],
};
