// The one reason Landfall gives for an IAM wildcard, and the log buckets' reasons, shared with the other construct packages.
import { MANAGED_POLICY_PATH, WILDCARD_REASON } from '@landfall/encryption/lib/account-settings-call';
import {
  LANDING_BUCKET_REASON,
  LOG_BUCKET_PROPS,
  accessLogsBucket,
  acknowledgeBucket,
  logAccessTo,
  notifyEventBridge,
} from '@landfall/encryption/lib/log-buckets';
import { acknowledgeWildcards } from '@landfall/encryption/lib/nag-wildcards';
import { Arn, ArnFormat, Aws, Duration, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';

/** Props of `IngressLogBucket`. */
export interface IngressLogBucketProps {
  /** Name of the bucket the load balancer's and the distribution's access logs land in. */
  readonly bucketName: string;
  /** Name of the bucket that receives this bucket's S3 server access logs (S3 needs one in this account). */
  readonly accessLogsBucketName: string;
  /** The log archive bucket every log is replicated into. */
  readonly archiveBucketArn: string;
  /** The log archive's KMS key (its account is the archive's account). */
  readonly archiveKeyArn: string;
  /**
   * Where the logs go, in this bucket and in the archive (replication keeps keys): ends with '/', e.g.
   * 'ingress/111111111111/'.
   */
  readonly archivePrefix: string;
  /**
   * Name of the role S3 replicates with; the log archive admits it by name.
   * @default 'landfall-ingress-logs-replication'
   */
  readonly replicationRoleName?: string;
  /**
   * Days a log stays here after landing (the archive keeps its replica for the whole retention).
   * @default 90
   */
  readonly landingRetentionDays?: number;
  /**
   * Days the server access logs are kept.
   * @default 2192
   */
  readonly accessLogsRetentionDays?: number;
}

const literal = (value: string): boolean => !Token.isUnresolved(value);

/** The first problem with the archive props, naming the prop and the fix, or undefined. */
function archiveProblem(props: IngressLogBucketProps): string | undefined {
  if (
    literal(props.archiveBucketArn) &&
    !/^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(props.archiveBucketArn)
  ) {
    return `archiveBucketArn is '${props.archiveBucketArn}' — give the log archive bucket's ARN (arn:aws:s3:::<name>)`;
  }
  if (literal(props.archiveKeyArn) && !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:[^:/]+:key\/./.test(props.archiveKeyArn)) {
    return `archiveKeyArn is '${props.archiveKeyArn}' — give the log archive key's ARN (arn:aws:kms:<region>:<account>:key/<id>), which names the archive's account`;
  }
  const prefix = props.archivePrefix;
  if (!literal(prefix)) return undefined;
  if (!/^[A-Za-z0-9!_.*'()/-]+\/$/.test(prefix) || prefix.startsWith('/')) {
    return `archivePrefix is '${prefix}' — give key-name characters ending with '/', e.g. 'ingress/111111111111/'`;
  }
  if (prefix.includes('AWSLogs')) {
    return `archivePrefix is '${prefix}' — Elastic Load Balancing refuses a prefix containing 'AWSLogs'`;
  }
  return undefined;
}

/**
 * Where a workload account's public entry writes its access logs: the Application Load Balancer's and CloudFront's
 * standard logs. Both services deliver only into a bucket of their own kind — Elastic Load Balancing into an SSE-S3
 * bucket, CloudFront's standard logging through an ACL grant — neither of which the log archive is, so the logs land
 * here (versioned, TLS-only, SSE-S3, public access blocked, server access logged, retained) and S3 replication
 * (Replication Time Control) copies every one into the log archive, where it is locked for the retention.
 *
 * HIPAA: 164.312(b) audit controls; 164.308(a)(1)(ii)(D) information system activity review; 164.312(c)(1) integrity.
 */
export class IngressLogBucket extends Construct {
  public readonly bucket: s3.Bucket;
  /** The bucket's server access logs (SSE-S3, as S3 requires). */
  public readonly accessLogsBucket: s3.Bucket;
  /** The prefix the load balancer writes under (it appends `/AWSLogs/<account>/...`). */
  public readonly loadBalancerLogPrefix: string;
  /** The prefix CloudFront's standard logs are written under. */
  public readonly distributionLogPrefix: string;
  /** The replication role's ARN, which the log archive must admit. */
  public readonly replicationRoleArn: string;

  constructor(scope: Construct, id: string, props: IngressLogBucketProps) {
    super(scope, id);
    const problem = archiveProblem(props);
    if (problem) throw new Error(`IngressLogBucket: ${problem}`);
    const stack = Stack.of(this);
    const prefix = props.archivePrefix;
    this.loadBalancerLogPrefix = `${prefix}alb`;
    this.distributionLogPrefix = `${prefix}cloudfront/`;

    // Server access logs: S3 delivers them only to an SSE-S3 bucket of the same account, without Object Lock.
    this.accessLogsBucket = accessLogsBucket(this, 'AccessLogs', props.accessLogsBucketName, [
      {
        expiration: Duration.days(props.accessLogsRetentionDays ?? 2192),
        noncurrentVersionExpiration: Duration.days(1),
      },
    ]);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...LOG_BUCKET_PROPS,
      bucketName: props.bucketName,
      // Elastic Load Balancing writes access logs only into an SSE-S3 bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
      // CloudFront's standard logging writes through an ACL grant (awslogsdelivery); with bucket-owner-full-control
      // the bucket owner still owns every log.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      // The archive keeps them; this copy only has to outlive replication.
      lifecycleRules: [
        {
          expiration: Duration.days(props.landingRetentionDays ?? 90),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });
    logAccessTo(
      this.bucket,
      props.bucketName,
      this.accessLogsBucket,
      'ingress-logs/',
      'ServerAccessLogsOfTheIngressLogs',
    );
    acknowledgeBucket(this.bucket, ['S3DefaultEncryptionKMS', 'S3BucketObjectLock'], LANDING_BUCKET_REASON);
    notifyEventBridge(this.bucket, this.accessLogsBucket);
    this.admitLoadBalancerLogs(stack);
    this.replicationRoleArn = this.replicateIntoArchive(props);
  }

  /**
   * Elastic Load Balancing's log delivery writes the account's logs under the prefix: its service principal, and,
   * in Regions older than it (August 2022), the Region's Elastic Load Balancing account, as AWS documents.
   */
  private admitLoadBalancerLogs(stack: Stack): void {
    const objects = this.bucket.arnForObjects(`${this.loadBalancerLogPrefix}/AWSLogs/${stack.account}/*`);
    const principals: iam.IPrincipal[] = [new iam.ServicePrincipal('logdelivery.elasticloadbalancing.amazonaws.com')];
    const legacy = Token.isUnresolved(stack.region) ? undefined : RegionInfo.get(stack.region).elbv2Account;
    if (legacy) principals.push(new iam.AccountPrincipal(legacy));
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'LoadBalancerAccessLogs',
        principals,
        actions: ['s3:PutObject'],
        resources: [objects],
      }),
    );
  }

  /** S3 replication of everything under the prefix into the archive, with a role of its own, named. */
  private replicateIntoArchive(props: IngressLogBucketProps): string {
    const stack = Stack.of(this);
    const prefix = props.archivePrefix;
    const archiveName = Arn.split(props.archiveBucketArn, ArnFormat.NO_RESOURCE_NAME).resource;
    const archiveAccount = Arn.split(props.archiveKeyArn, ArnFormat.SLASH_RESOURCE_NAME).account;
    const role = new iam.Role(this, 'ReplicationRole', {
      roleName: props.replicationRoleName ?? 'landfall-ingress-logs-replication',
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'S3 replication of the ingress access logs into the log archive (Landfall)',
    });
    const source = `arn:${Aws.PARTITION}:s3:::${props.bucketName}`;
    const sourceObjects = `${source}/${prefix}*`;
    const archiveObjects = `arn:${Aws.PARTITION}:s3:::${archiveName}/${prefix}*`;
    const policy = new iam.ManagedPolicy(this, 'ReplicationPolicy', {
      path: MANAGED_POLICY_PATH,
      roles: [role],
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [source] }),
        new iam.PolicyStatement({
          actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
          resources: [sourceObjects],
        }),
        new iam.PolicyStatement({
          actions: ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'],
          resources: [archiveObjects],
        }),
        new iam.PolicyStatement({
          actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [props.archiveKeyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
      ],
    });
    acknowledgeWildcards(policy, [sourceObjects, archiveObjects], WILDCARD_REASON);
    const cfnBucket = this.bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.replicationConfiguration = {
      role: role.roleArn,
      rules: [
        {
          id: 'IngressLogsIntoTheLogArchive',
          status: 'Enabled',
          priority: 0,
          filter: { prefix },
          deleteMarkerReplication: { status: 'Disabled' },
          // The logs are SSE-S3 (replicated as they are); a KMS-encrypted object would be re-encrypted with the archive's key.
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: props.archiveBucketArn,
            account: archiveAccount,
            accessControlTranslation: { owner: 'Destination' },
            encryptionConfiguration: { replicaKmsKeyId: props.archiveKeyArn },
            replicationTime: { status: 'Enabled', time: { minutes: 15 } },
            metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } },
          },
        },
      ],
    };
    cfnBucket.node.addDependency(policy);
    return role.roleArn;
  }
}
