import {
  LOG_BUCKET_PROPS,
  accessLogsBucket,
  acknowledgeBucket,
  logAccessTo,
} from '@landfall/encryption/lib/log-buckets';
import { STACKSET_BUCKET_PREFIX } from '@landfall/guardrails';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface StackSetAssetsStackProps extends StackProps {
  /** The organization whose accounts' StackSet instances read the assets. */
  readonly organizationId: string;
}

/** The bucket of a StackSet template's file assets, in the management account and a Region. */
export function stackSetAssetsBucketName(managementAccount: string, region: string): string {
  return `${STACKSET_BUCKET_PREFIX}assets-${managementAccount}-${region}`;
}

/**
 * The file assets (Lambda code) of the workload baselines' StackSet templates, in the management account, one
 * bucket per governed Region: a StackSet instance creates its functions from it in its own account, so every
 * principal of the organization may read the objects; only the management account writes them (`landfall deploy`
 * publishes them before each StackSet operation). Versioned, retained, TLS only, its access logged.
 */
export class StackSetAssetsStack extends Stack {
  public readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StackSetAssetsStackProps) {
    super(scope, id, props);
    const name = stackSetAssetsBucketName(this.account, this.region);
    const accessLogs = accessLogsBucket(this, 'AccessLogs', `${name}-logs`.replace('-assets-', '-'), [
      { expiration: Duration.days(2192), noncurrentVersionExpiration: Duration.days(1) },
    ]);
    this.bucket = new s3.Bucket(this, 'Assets', {
      ...LOG_BUCKET_PROPS,
      bucketName: name,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // Old code stays while an instance may still roll back to it; no version outlives a year.
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(365) }],
    });
    logAccessTo(this.bucket, name, accessLogs, 'assets/', 'ServerAccessLogsOfAssets');
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'InstancesOfTheOrganizationRead',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
      }),
    );
    acknowledgeBucket(
      this.bucket,
      ['S3DefaultEncryptionKMS', 'S3BucketReplicationEnabled', 'S3BucketObjectLock'],
      STACKSET_ASSETS_REASON,
    );
  }
}

const STACKSET_ASSETS_REASON =
  "Landfall's own Lambda code for the baselines' StackSet instances, which every member account's execution role reads when it creates a function: no PHI, and a customer-managed key would have to let every account of the organization decrypt. SSE-S3 encrypts it; each `landfall deploy` publishes it again from the package, so there is nothing to replicate or lock.";
