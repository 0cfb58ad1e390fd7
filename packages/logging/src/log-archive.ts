// The one reason Landfall gives for an IAM wildcard, shared with the encryption baseline's deploy-time calls.
import { WILDCARD_REASON } from '@landfall/encryption/lib/account-settings-call';
import { landfallKey } from '@landfall/encryption/lib/landfall-key';
import {
  LANDING_BUCKET_REASON,
  LOG_BUCKET_PROPS,
  accessLogsBucket,
  acknowledgeBucket,
  logAccessTo,
  notifyEventBridge,
  onlyTheOrganization,
} from '@landfall/encryption/lib/log-buckets';
import { Aws, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The organization trail whose files the archive accepts. */
export interface ArchivedTrail {
  /** Account the trail is created in: the management account (or CloudTrail's delegated administrator). */
  readonly account: string;
  /** Region the trail is created in (its home region). */
  readonly region: string;
  /** The trail's name. */
  readonly name: string;
}

/** Props of `LogArchive`. */
export interface LogArchiveProps {
  /** ID of the organization (`o-...`): only its principals may read or write. */
  readonly organizationId: string;
  /**
   * The organization's accounts: AWS services (AWS Config, log delivery, S3 server access
   * logging) may deliver only for these (`aws:SourceAccount`; AWS Config documents no
   * organization-wide condition for its service principal).
   */
  readonly accounts: string[];
  /** The organization trail that delivers here. */
  readonly trail: ArchivedTrail;
  /**
   * How long every log object is locked (S3 Object Lock, compliance mode: nobody, not even
   * the account's root user, can delete or overwrite it before then) and kept. HIPAA asks
   * for six years of documentation (164.316(b)(2)(i)).
   * @default Duration.days(2192)
   */
  readonly retention?: Duration;
  /**
   * Name of the archive bucket.
   */
  readonly bucketName: string;
  /**
   * Name of the delivery bucket: producers in other accounts address it by name, so it is fixed.
   */
  readonly deliveryBucketName: string;
  /**
   * Name of the bucket that receives the S3 server access logs of the other two (the archive
   * and this bucket refer to each other, so both names are fixed).
   */
  readonly accessLogsBucketName: string;
  /**
   * Days after which log objects move to S3 Glacier Instant Retrieval, then (after a year) to
   * S3 Glacier Deep Archive.
   * @default Duration.days(90)
   */
  readonly coldAfter?: Duration;
  /**
   * Alias of the archive's key.
   * @default 'alias/landfall/log-archive'
   */
  readonly keyAlias?: string;
  /**
   * Landing buckets in other accounts of the organization that replicate into the archive,
   * each under its own prefix (AWS Backup Audit Manager's reports, which it writes only into
   * a bucket of the backup account).
   * @default - none
   */
  readonly replicaSources?: ReplicaSource[];
  /**
   * Key prefix (without slashes) under which Session Manager writes session logs into the
   * delivery bucket, as the instances it records: every principal of the organization may
   * put objects under `<prefix>/<its own account ID>/` and nowhere else.
   * @default - no session logs
   */
  readonly sessionLogsPrefix?: string;
}

/** A bucket in another account that replicates into the archive. */
export interface ReplicaSource {
  /** ARN of the role its S3 replication assumes (a role with a fixed name). */
  readonly roleArn: string;
  /** The key prefix it replicates under, without a trailing slash (e.g. `backup-reports`). */
  readonly prefix: string;
}

/**
 * The organization's log archive. Producers (the organization trail, AWS Config in every
 * account, VPC flow logs) deliver to a delivery bucket whose policy
 * admits exactly the service principals each needs, scoped to the organization trail
 * (`aws:SourceArn`) or to the organization's accounts (`aws:SourceAccount`); S3
 * replication (with Replication Time Control: 15 minutes) copies every object into the
 * archive bucket, which is under S3 Object Lock in compliance mode for the whole retention,
 * so no one (the account's administrator and root user included) can delete or overwrite
 * a log before it expires. (AWS Config cannot deliver to a bucket with Object Lock, hence
 * the two buckets.) Both are encrypted with the archive's own customer-managed key and
 * versioned; every bucket refuses plain HTTP and TLS below 1.2 and every principal outside
 * the organization. S3 server access logs of both go to a third bucket (S3 delivers them
 * only to SSE-S3 buckets without Object Lock), versioned and kept as long. Archived objects
 * move to colder storage classes and expire when their lock does; key and buckets are
 * retained when the stack is deleted.
 *
 * HIPAA: 164.312(b) audit controls; 164.312(c)(1) integrity; 164.312(c)(2) mechanism to
 * authenticate ePHI (logs cannot be altered); 164.312(a)(2)(iv) and 164.312(e)(2)(ii)
 * encryption; 164.308(a)(1)(ii)(D) information system activity review; 164.316(b)(2)(i)
 * retention.
 */
export class LogArchive extends Construct {
  /** The archive bucket: under Object Lock, written only by replication. */
  public readonly bucket: s3.Bucket;
  /** The bucket producers deliver to (CloudTrail, AWS Config, flow logs); replicated into `bucket`. */
  public readonly deliveryBucket: s3.Bucket;
  /** The bucket of the archive's S3 server access logs (SSE-S3, as S3 requires). */
  public readonly accessLogsBucket: s3.Bucket;
  /** The archive's key: every producer encrypts with it. */
  public readonly key: kms.Key;
  /** ARN of the organization trail the archive accepts. */
  public readonly trailArn: string;

  constructor(scope: Construct, id: string, props: LogArchiveProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const retention = props.retention ?? Duration.days(2192);
    const retentionDays = retention.toDays();
    if (!Token.isUnresolved(retentionDays) && (retentionDays < 1 || retentionDays > 36500)) {
      throw new Error(`LogArchive: retention is ${retentionDays} days; S3 Object Lock accepts 1 to 36500`);
    }
    const coldAfter = (props.coldAfter ?? Duration.days(90)).toDays();
    const org = props.organizationId;
    if (props.accounts.length === 0) {
      throw new Error('LogArchive: accounts is empty — give every account of the organization');
    }
    const inOrg = { 'aws:SourceAccount': props.accounts };
    this.trailArn = `arn:${stack.partition}:cloudtrail:${props.trail.region}:${props.trail.account}:trail/${props.trail.name}`;

    this.key = landfallKey(this, 'Key', {
      description: 'Landfall log archive key: CloudTrail, AWS Config and flow logs',
      alias: props.keyAlias ?? 'alias/landfall/log-archive',
    });
    const keyStatement = (sid: string, service: string, actions: string[], conditions: Record<string, unknown>) =>
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service)],
          actions,
          resources: ['*'],
          conditions,
        }),
      );
    keyStatement('CloudTrailEncryptsTheOrganizationTrail', 'cloudtrail.amazonaws.com', ['kms:GenerateDataKey*'], {
      StringEquals: { 'aws:SourceArn': this.trailArn },
      StringLike: {
        'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${props.trail.account}:trail/*`,
      },
    });
    keyStatement('CloudTrailDescribesTheKey', 'cloudtrail.amazonaws.com', ['kms:DescribeKey'], {
      StringEquals: { 'aws:SourceArn': this.trailArn },
    });
    keyStatement('ConfigDeliversForTheOrganization', 'config.amazonaws.com', ['kms:GenerateDataKey', 'kms:Decrypt'], {
      StringEquals: inOrg,
    });
    keyStatement(
      'LogDeliveryForTheOrganization',
      'delivery.logs.amazonaws.com',
      ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      { StringEquals: inOrg },
    );

    // Server access logs: S3 delivers them only to an SSE-S3 bucket without Object Lock.
    this.accessLogsBucket = accessLogsBucket(
      this,
      'AccessLogs',
      props.accessLogsBucketName,
      lifecycle(coldAfter, retentionDays),
    );
    // The locked archive: written only by replication from the delivery bucket below, so every producer's
    // delivery (including AWS Config's, which cannot deliver to a bucket with Object Lock) ends up here.
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      ...LOG_BUCKET_PROPS,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(retention),
      lifecycleRules: lifecycle(coldAfter, retentionDays),
    });
    // Replication's role: a managed policy (no inline policy) naming exactly the two buckets and the key.
    const replicationRole = new iam.Role(this, 'ReplicationRole', {
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'S3 replication from the log delivery bucket into the locked archive (Landfall)',
    });
    // Pseudo-parameter partition and literal names: the acknowledgement below names the same resources in every stack.
    const deliveryArn = `arn:${Aws.PARTITION}:s3:::${props.deliveryBucketName}`;
    const archiveArn = `arn:${Aws.PARTITION}:s3:::${props.bucketName}`;
    const replicationPolicy = new iam.ManagedPolicy(this, 'ReplicationPolicy', {
      path: '/landfall/',
      roles: [replicationRole],
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'],
          resources: [deliveryArn],
        }),
        new iam.PolicyStatement({
          actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
          resources: [`${deliveryArn}/*`],
        }),
        new iam.PolicyStatement({
          actions: ['s3:ReplicateObject', 's3:ReplicateTags'],
          resources: [`${archiveArn}/*`],
        }),
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [this.key.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
      ],
    });
    Validations.of(replicationPolicy).acknowledge(
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.deliveryBucketName}/*]`,
        reason: WILDCARD_REASON,
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.bucketName}/*]`,
        reason: WILDCARD_REASON,
      },
    );
    acknowledgeBucket(this.bucket, ['S3BucketReplicationEnabled'], LANDING_BUCKET_REASON);
    const intoTheArchive = (ruleId: string): s3.ReplicationRule[] => [
      {
        id: ruleId,
        destination: this.bucket,
        kmsKey: this.key,
        sseKmsEncryptedObjects: true,
        deleteMarkerReplication: false,
        // Replication Time Control: 99.99% of objects are in the archive within 15 minutes.
        replicationTimeControl: s3.ReplicationTimeValue.FIFTEEN_MINUTES,
        metrics: s3.ReplicationTimeValue.FIFTEEN_MINUTES,
        priority: 0,
        filter: {},
      },
    ];
    // Where producers deliver: same key, versioned, every object replicated into the archive within minutes.
    this.deliveryBucket = new s3.Bucket(this, 'Delivery', {
      bucketName: props.deliveryBucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      ...LOG_BUCKET_PROPS,
      replicationRole: replicationRole.withoutPolicyUpdates(),
      replicationRules: intoTheArchive('DeliveriesIntoTheArchive'),
      lifecycleRules: landing(),
    });
    acknowledgeBucket(this.deliveryBucket, ['S3BucketObjectLock'], LANDING_BUCKET_REASON);
    notifyEventBridge(this.accessLogsBucket, this.bucket, this.deliveryBucket);
    logAccessTo(this.bucket, props.bucketName, this.accessLogsBucket, 'archive/', 'ServerAccessLogsOfTheArchive');
    logAccessTo(
      this.deliveryBucket,
      props.deliveryBucketName,
      this.accessLogsBucket,
      'delivery/',
      'ServerAccessLogsOfTheDeliveryBucket',
    );

    // Landing buckets of other accounts replicate into the archive, each only under its own prefix.
    for (const [i, source] of (props.replicaSources ?? []).entries()) {
      const principals = [new iam.ArnPrincipal(source.roleArn)];
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `ReplicaSource${i + 1}Objects`,
          principals,
          actions: ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'],
          resources: [this.bucket.arnForObjects(`${source.prefix}/*`)],
        }),
      );
      this.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `ReplicaSource${i + 1}Bucket`,
          principals,
          actions: ['s3:GetBucketVersioning', 's3:ListBucket'],
          resources: [this.bucket.bucketArn],
        }),
      );
      this.key.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: `ReplicaSource${i + 1}Encrypts`,
          principals,
          actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
          resources: ['*'],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
      );
    }

    if (props.sessionLogsPrefix) this.admitSessionLogs(props.sessionLogsPrefix, org, stack.region);

    const bucket = this.deliveryBucket;
    const allow = (sid: string, service: string, actions: string[], resources: string[], conditions: object) =>
      bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid,
          principals: [new iam.ServicePrincipal(service)],
          actions,
          resources,
          conditions: conditions as Record<string, unknown>,
        }),
      );
    // Nothing outside the organization reads or writes, unless it is an AWS service acting for one of its accounts.
    for (const b of [this.bucket, this.accessLogsBucket, bucket]) onlyTheOrganization(b, org, props.accounts);
    const trail = { StringEquals: { 'aws:SourceArn': this.trailArn } };
    allow('CloudTrailChecksTheBucket', 'cloudtrail.amazonaws.com', ['s3:GetBucketAcl'], [bucket.bucketArn], trail);
    allow(
      'CloudTrailWritesTheOrganizationTrail',
      'cloudtrail.amazonaws.com',
      ['s3:PutObject'],
      [bucket.arnForObjects(`AWSLogs/${props.trail.account}/*`), bucket.arnForObjects(`AWSLogs/${org}/*`)],
      { StringEquals: { 'aws:SourceArn': this.trailArn, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    );
    allow('ConfigChecksTheBucket', 'config.amazonaws.com', ['s3:GetBucketAcl', 's3:ListBucket'], [bucket.bucketArn], {
      StringEquals: inOrg,
    });
    allow('ConfigDelivers', 'config.amazonaws.com', ['s3:PutObject'], [bucket.arnForObjects('AWSLogs/*/Config/*')], {
      StringEquals: { ...inOrg, 's3:x-amz-acl': 'bucket-owner-full-control' },
    });
    allow(
      'LogDeliveryChecksTheBucket',
      'delivery.logs.amazonaws.com',
      ['s3:GetBucketAcl', 's3:ListBucket'],
      [bucket.bucketArn],
      { StringEquals: inOrg },
    );
    allow(
      'LogDeliveryWritesFlowAndQueryLogs',
      'delivery.logs.amazonaws.com',
      ['s3:PutObject'],
      [bucket.arnForObjects('AWSLogs/*')],
      { StringEquals: { ...inOrg, 's3:x-amz-acl': 'bucket-owner-full-control' } },
    );
  }

  /**
   * Session Manager's agent writes each session's log with the instance's own credentials:
   * any principal of the organization, only under its own account's prefix, encrypted with
   * the archive's key through S3.
   */
  private admitSessionLogs(prefix: string, organizationId: string, region: string): void {
    const org = { StringEquals: { 'aws:PrincipalOrgID': organizationId } };
    this.deliveryBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SessionManagerWritesSessionLogs',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.deliveryBucket.arnForObjects(`${prefix}/\${aws:PrincipalAccount}/*`)],
        conditions: org,
      }),
    );
    this.deliveryBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SessionManagerChecksEncryption',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetEncryptionConfiguration'],
        resources: [this.deliveryBucket.bucketArn],
        conditions: org,
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'SessionManagerEncryptsSessionLogs',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:PrincipalOrgID': organizationId, 'kms:ViaService': `s3.${region}.amazonaws.com` },
        },
      }),
    );
  }
}

/** A landing bucket keeps what it replicated for a month (the archive has it); older versions a day. */
function landing(): s3.LifecycleRule[] {
  return [
    {
      id: 'ReplicatedThenExpire',
      expiration: Duration.days(30),
      noncurrentVersionExpiration: Duration.days(1),
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    },
  ];
}

/** Colder storage as logs age; objects expire (noncurrent versions too) once their lock has. */
function lifecycle(coldAfterDays: number, retentionDays: number): s3.LifecycleRule[] {
  const deepAfter = Math.max(coldAfterDays + 90, 365);
  const transitions: s3.Transition[] = [
    { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(coldAfterDays) },
  ];
  if (Token.isUnresolved(retentionDays) || deepAfter < retentionDays) {
    transitions.push({ storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(deepAfter) });
  }
  return [
    {
      id: 'ColderThenExpire',
      transitions,
      expiration: Duration.days(retentionDays + 1),
      noncurrentVersionExpiration: Duration.days(1),
      abortIncompleteMultipartUploadAfter: Duration.days(7),
    },
  ];
}
