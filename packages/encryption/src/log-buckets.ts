import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

// Log buckets as every Landfall construct package makes them (the log archive's, the AWS Backup reports'), and
// their acknowledged findings. Not part of the public API.

/** What every Landfall log bucket is: versioned, private, ACLs off, TLS 1.2+ only, retained. */
export const LOG_BUCKET_PROPS = {
  versioned: true,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
  enforceSSL: true,
  minimumTLSVersion: 1.2,
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

/** A bucket for S3 server access logs: SSE-S3 and no Object Lock, the only kind S3 delivers them to. */
export function accessLogsBucket(
  scope: Construct,
  id: string,
  bucketName: string,
  lifecycleRules: s3.LifecycleRule[],
): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    ...LOG_BUCKET_PROPS,
    bucketName,
    encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules,
  });
  acknowledgeBucket(
    bucket,
    ['S3DefaultEncryptionKMS', 'S3BucketReplicationEnabled', 'S3BucketLoggingEnabled', 'S3BucketObjectLock'],
    ACCESS_LOGS_REASON,
  );
  return bucket;
}

/**
 * S3 server access logging of `source` into `target` under `prefix`, through the target's bucket policy (ACLs
 * stay off) whatever the app's feature flags. The source is named, not referenced: its own policy would otherwise
 * wait for the target's, and the target's for it.
 */
export function logAccessTo(source: s3.Bucket, sourceName: string, target: s3.Bucket, prefix: string, sid: string) {
  const stack = Stack.of(source);
  (source.node.defaultChild as s3.CfnBucket).loggingConfiguration = {
    destinationBucketName: target.bucketName,
    logFilePrefix: prefix,
  };
  target.addToResourcePolicy(
    new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [target.arnForObjects(`${prefix}*`)],
      conditions: {
        ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:s3:::${sourceName}` },
        StringEquals: { 'aws:SourceAccount': stack.account },
      },
    }),
  );
  // S3 checks the target's policy when logging is turned on.
  source.node.addDependency(target.policy!);
}

/**
 * Nothing outside the organization reads or writes the bucket, unless it is an AWS service acting for one of
 * `sourceAccounts` (S3 server access logging, AWS Config, log delivery).
 */
export function onlyTheOrganization(
  bucket: s3.Bucket,
  organizationId: string,
  sourceAccounts: string | string[],
): void {
  bucket.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'OnlyTheOrganization',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['s3:*'],
      resources: [bucket.bucketArn, bucket.arnForObjects('*')],
      conditions: {
        StringNotEqualsIfExists: { 'aws:PrincipalOrgID': organizationId, 'aws:SourceAccount': sourceAccounts },
      },
    }),
  );
}

/** Every object's creation and removal reaches EventBridge (AWS Control Tower's CT.S3.PR.x event notifications). */
export function notifyEventBridge(...buckets: s3.Bucket[]): void {
  for (const b of buckets) {
    (b.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
  }
}

/** Why a server access log bucket is SSE-S3, unlocked, unlogged and not replicated. */
export const ACCESS_LOGS_REASON =
  "An S3 server access log bucket (the log archive's, the AWS Backup reports bucket's, the ingress log bucket's): S3 delivers server access logs only to a bucket of the same account encrypted with SSE-S3 and without Object Lock; a log bucket that logged its own access would log forever; and it cannot replicate into the archive, whose access logs it receives (each bucket would need the other to exist first). It is versioned, TLS-only, organization-only and kept for the archive's retention.";

/** Why a landing bucket has no Object Lock, and the archive is not replicated. */
export const LANDING_BUCKET_REASON =
  "Log producers that cannot write into the locked archive deliver to an unlocked landing bucket: AWS Config cannot deliver into a bucket with Object Lock, AWS Backup Audit Manager writes reports only into a bucket of its own account, and Elastic Load Balancing writes access logs only into an SSE-S3 bucket of the region (CloudFront's standard logs only through bucket ACLs), so the ingress log bucket is SSE-S3 with ACLs for log delivery. Each landing bucket replicates every object within 15 minutes (Replication Time Control) into the log archive, which locks it (S3 Object Lock, compliance mode) for the whole retention; the archive, being the replica, is not replicated again.";

/** The same finding of every cdk-nag pack and AWS's proactive controls, acknowledged with one reason. */
export function acknowledgeBucket(bucket: s3.IBucket, rules: string[], reason: string): void {
  // AWS Control Tower's rule for each finding, where it has one (it does not check replication).
  const guard: Record<string, string> = {
    S3DefaultEncryptionKMS: 's3_bucket_default_encryption_kms_check',
    S3BucketLoggingEnabled: 's3_bucket_logging_enabled_check',
    S3BucketObjectLock: 's3_bucket_object_lock_enabled_check',
  };
  // cdk-nag has no Object Lock rule, and exempts a bucket other buckets log to from its logging rule: those
  // findings are AWS Control Tower's alone.
  const nag = rules.filter((r) => r !== 'S3BucketObjectLock' && r !== 'S3BucketLoggingEnabled');
  for (const rule of rules) {
    if (guard[rule]) Validations.of(bucket).acknowledge({ id: `cdk-validator-cfnguard::${guard[rule]}`, reason });
  }
  for (const rule of nag) {
    Validations.of(bucket).acknowledge(
      { id: `HIPAA.Security::HIPAA.Security-${rule}`, reason },
      { id: `NIST.800.53.R5::NIST.800.53.R5-${rule}`, reason },
    );
  }
}
