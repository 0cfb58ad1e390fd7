import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const ProtectLogArchive: IamGuardrail = {
  id: 'ProtectLogArchive',
  title:
    "The log archive's buckets, and the AWS Backup reports bucket that replicates into it, cannot be deleted, emptied, written, opened or reconfigured",
  rationale:
    "Object Lock keeps every archived log for its retention, but the delivery bucket (AWS Config cannot write to a locked one), the backup account's reports bucket (AWS Backup writes reports only into its own account) and the buckets' policies, replication, encryption and lifecycle are their account administrators' to change; only the deploy roles may. A report forged into the reports bucket would be replicated into the locked archive: only AWS Backup's service-linked role writes it.",
  hipaa: ['164.312(b)', '164.312(c)(1)', '164.308(a)(1)(ii)(D)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: [
        's3:DeleteBucket',
        's3:PutBucketPolicy',
        's3:DeleteBucketPolicy',
        's3:PutBucketVersioning',
        's3:PutReplicationConfiguration',
        's3:PutLifecycleConfiguration',
        's3:PutBucketLogging',
        's3:PutEncryptionConfiguration',
        's3:PutBucketObjectLockConfiguration',
        's3:PutBucketOwnershipControls',
        's3:PutBucketAcl',
        's3:PutBucketPublicAccessBlock',
        's3:PutBucketNotification',
        's3:PutBucketTagging',
        // Overwriting makes the original a noncurrent version, which the lifecycle expires.
        's3:PutObject',
        's3:DeleteObject',
        's3:DeleteObjectVersion',
        's3:PutObjectAcl',
        's3:PutObjectVersionAcl',
        's3:BypassGovernanceRetention',
        's3:PutBucketRequestPayment',
      ],
      Resource: context.logBucketArns.flatMap((arn) => [arn, `${arn}/*`]),
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
  ],
};
