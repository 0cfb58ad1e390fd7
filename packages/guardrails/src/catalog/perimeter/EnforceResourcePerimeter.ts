import { IamGuardrail, Statement } from '../../guardrail';

/** The calls that put data somewhere: objects, messages, records, events, and encryption under someone's key. */
export const DATA_WRITE_ACTIONS = [
  's3:PutObject',
  's3:PutObjectAcl',
  's3:ReplicateObject',
  'sqs:SendMessage',
  'sns:Publish',
  'kinesis:PutRecord',
  'kinesis:PutRecords',
  'firehose:PutRecord',
  'firehose:PutRecordBatch',
  'dynamodb:PutItem',
  'dynamodb:BatchWriteItem',
  'events:PutEvents',
  'lambda:InvokeFunction',
  'kms:Encrypt',
  'kms:ReEncryptTo',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:CreateGrant',
];

export const EnforceResourcePerimeter: IamGuardrail = {
  id: 'EnforceResourcePerimeter',
  title:
    'Principals of the organization write data only to resources of the organization (or a listed outside account)',
  rationale:
    "The identity side of the data perimeter: an administrator cannot copy PHI into a bucket, queue, stream or key of another organization, whatever that resource's policy allows.",
  hipaa: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(4)(ii)(A)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  statements: (context): Statement[] => [
    {
      Effect: 'Deny',
      Action: DATA_WRITE_ACTIONS,
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: {
          'aws:ResourceOrgID': '${aws:PrincipalOrgID}',
          ...(context.outsideAccounts.length > 0 ? { 'aws:ResourceAccount': [...context.outsideAccounts] } : {}),
        },
        // AWS services acting for the caller (CloudFormation, S3 replication set up by AWS) are AWS's documented exception.
        BoolIfExists: { 'aws:PrincipalIsAWSService': 'false', 'aws:ViaAWSService': 'false' },
      },
    },
  ],
};
