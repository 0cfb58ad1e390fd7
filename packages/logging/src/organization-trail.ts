import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Which S3 buckets' object reads and writes (S3 data events) the trail records. */
export interface S3DataEventsProps {
  /**
   * Name prefixes of the buckets whose object-level activity is recorded (the buckets that hold
   * PHI). An empty list records no S3 data events.
   * @default - every bucket of the organization except `excludeBucketNames`
   */
  readonly bucketNamePrefixes?: string[];
  /**
   * Buckets never recorded, however they are named: the log archive's own buckets, whose
   * every write is the trail itself (recording them would log the logging).
   * @default - none
   */
  readonly excludeBucketNames?: string[];
}

/** Props of `OrganizationTrail`. */
export interface OrganizationTrailProps {
  /** The trail's name (the log archive's bucket and key policies name it). */
  readonly trailName: string;
  /** ID of the organization (`o-...`) whose accounts the trail records. */
  readonly organizationId: string;
  /** Name of the log archive bucket (in the log-archive account). */
  readonly bucketName: string;
  /** ARN of the log archive's key (in the log-archive account). */
  readonly keyArn: string;
  /** Key of the CloudWatch Logs group the trail also delivers to (in this account). */
  readonly logKey: kms.IKey;
  /**
   * How long the CloudWatch Logs copy is kept (the archive keeps the files for its own retention).
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * S3 data events.
   * @default - every bucket of the organization except the excluded ones
   */
  readonly s3DataEvents?: S3DataEventsProps;
}

/**
 * The organization trail: every account, every region, management events (read and
 * write), S3 data events for the buckets that hold PHI, log-file integrity validation,
 * encryption with the log archive's key, delivery to the log archive and to a
 * CloudWatch Logs group in this account (encrypted, retained) for searches and alarms.
 * Create it in the management account (or CloudTrail's delegated administrator).
 *
 * HIPAA: 164.312(b) audit controls; 164.312(c)(1) and 164.312(c)(2) integrity (log-file
 * validation); 164.312(a)(2)(iv) and 164.312(e)(2)(ii) encryption; 164.308(a)(1)(ii)(D)
 * information system activity review; 164.308(a)(5)(ii)(C) log-in monitoring.
 */
export class OrganizationTrail extends Construct {
  public readonly trail: cloudtrail.Trail;
  /** The CloudWatch Logs copy of every account's events. */
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: OrganizationTrailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/landfall/cloudtrail/${props.trailName}`,
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.trail = new cloudtrail.Trail(this, 'Trail', {
      trailName: props.trailName,
      bucket: s3.Bucket.fromBucketName(this, 'Archive', props.bucketName),
      encryptionKey: kms.Key.fromKeyArn(this, 'ArchiveKey', props.keyArn),
      isOrganizationTrail: true,
      orgId: props.organizationId,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
    });
    const cfn = this.trail.node.defaultChild as cloudtrail.CfnTrail;
    // CloudTrail's delivery to CloudWatch Logs through a role with a managed policy (no inline policy) that may
    // write only the streams of this group (CloudTrail names them after accounts and regions).
    const role = new iam.Role(this, 'LogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'CloudTrail delivers the organization trail to CloudWatch Logs (Landfall)',
    });
    const policy = new iam.ManagedPolicy(this, 'LogsPolicy', {
      path: '/landfall/',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    cfn.cloudWatchLogsLogGroupArn = this.logGroup.logGroupArn;
    cfn.cloudWatchLogsRoleArn = role.roleArn;
    cfn.node.addDependency(policy);
    // Advanced event selectors replace the basic ones: management events, plus the chosen buckets' data events.
    cfn.addPropertyDeletionOverride('EventSelectors');
    cfn.advancedEventSelectors = [
      {
        name: 'Management events, read and write',
        fieldSelectors: [{ field: 'eventCategory', equalTo: ['Management'] }],
      },
      ...s3DataEventSelectors(stack.partition, props.s3DataEvents ?? {}),
    ];
  }
}

function s3DataEventSelectors(
  partition: string,
  props: S3DataEventsProps,
): cloudtrail.CfnTrail.AdvancedEventSelectorProperty[] {
  const excluded = (props.excludeBucketNames ?? []).map((b) => `arn:${partition}:s3:::${b}/`);
  const prefixes = props.bucketNamePrefixes;
  if (prefixes && prefixes.length === 0) return [];
  const fieldSelectors: cloudtrail.CfnTrail.AdvancedFieldSelectorProperty[] = [
    { field: 'eventCategory', equalTo: ['Data'] },
    { field: 'resources.type', equalTo: ['AWS::S3::Object'] },
  ];
  // One selector per field: its operators must all match (started by a PHI prefix, and not an archive bucket).
  if (prefixes || excluded.length > 0) {
    fieldSelectors.push({
      field: 'resources.ARN',
      ...(prefixes ? { startsWith: prefixes.map((p) => `arn:${partition}:s3:::${p}`) } : {}),
      ...(excluded.length > 0 ? { notStartsWith: excluded } : {}),
    });
  }
  return [{ name: prefixes ? 'S3 data events of the PHI buckets' : 'S3 data events of every bucket', fieldSelectors }];
}
