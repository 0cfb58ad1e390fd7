// The one reason Landfall gives for an IAM wildcard, and the log buckets' reasons, shared with the other construct packages.
import { WILDCARD_REASON } from '@landfall/encryption/lib/account-settings-call';
import {
  LANDING_BUCKET_REASON,
  LOG_BUCKET_PROPS,
  accessLogsBucket,
  acknowledgeBucket,
  logAccessTo,
  notifyEventBridge,
  onlyTheOrganization,
} from '@landfall/encryption/lib/log-buckets';
import { Aws, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** The report templates every organization report plan covers. */
export const REPORT_TEMPLATES = [
  'BACKUP_JOB_REPORT',
  'COPY_JOB_REPORT',
  'RESTORE_JOB_REPORT',
  'CONTROL_COMPLIANCE_REPORT',
  'RESOURCE_COMPLIANCE_REPORT',
];

/** Where reports end up: the log archive's locked bucket, in the log-archive account. */
export interface ReportArchive {
  /** The archive bucket's name. */
  readonly bucketName: string;
  /** The account that owns it. */
  readonly account: string;
  /** The archive bucket's KMS key, which replicas are encrypted with. */
  readonly keyArn: string;
}

/** Props of `BackupReports`. */
export interface BackupReportsProps {
  /** The key the reports bucket is encrypted with (the backup account's backup key). */
  readonly encryptionKey: kms.IKey;
  /** Name of the bucket AWS Backup writes reports to, in this account. */
  readonly bucketName: string;
  /** Name of the bucket that receives the reports bucket's S3 server access logs (S3 needs one in this account). */
  readonly accessLogsBucketName: string;
  /** The log archive the reports are replicated into, under `keyPrefix`. */
  readonly archive: ReportArchive;
  /** The organization (`o-...`): nothing outside it reads the bucket. */
  readonly organizationId: string;
  /** Regions the reports cover. */
  readonly regions: string[];
  /**
   * Name of the role S3 replicates with; the log archive admits it by name.
   * @default 'landfall-backup-reports-replication'
   */
  readonly replicationRoleName?: string;
  /**
   * Days the server access logs are kept.
   * @default 2192
   */
  readonly accessLogsRetentionDays?: number;
  /**
   * Prefix of the reports, in this bucket and in the archive.
   * @default 'backup-reports'
   */
  readonly keyPrefix?: string;
}

/** The role AWS Backup Audit Manager writes reports as (its service-linked role), by ARN. */
function reportsRoleArn(account: string): string {
  return `arn:${Aws.PARTITION}:iam::${account}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`;
}

/**
 * AWS Backup Audit Manager's organization-wide reports, made daily in the backup account (AWS
 * Backup's delegated administrator): backup, copy and restore jobs (restore tests included),
 * and control and resource compliance with the frameworks of every account. AWS Backup writes
 * reports only to a bucket of its own account, so they land in an encrypted bucket here and
 * S3 replication (Replication Time Control) copies each into the log archive's locked bucket,
 * where an auditor reads them beside the trail.
 *
 * HIPAA: 164.308(a)(1)(ii)(D) information system activity review; 164.308(a)(7)(ii)(D)
 * testing and revision procedures; 164.312(b) audit controls; 164.316(b)(1) documentation.
 */
export class BackupReports extends Construct {
  public readonly bucket: s3.Bucket;
  /** The reports bucket's server access logs (SSE-S3, as S3 requires). */
  public readonly accessLogsBucket: s3.Bucket;
  public readonly reportPlans: backup.CfnReportPlan[] = [];
  /** The replication role's ARN, which the log archive must admit. */
  public readonly replicationRoleArn: string;

  constructor(scope: Construct, id: string, props: BackupReportsProps) {
    super(scope, id);
    if (props.regions.length === 0) throw new Error('BackupReports: regions is empty — give the governed regions');
    const stack = Stack.of(this);
    const prefix = props.keyPrefix ?? 'backup-reports';
    const writer = reportsRoleArn(stack.account);
    // Server access logs: S3 delivers them only to an SSE-S3 bucket of the same account, without Object Lock.
    this.accessLogsBucket = accessLogsBucket(this, 'AccessLogs', props.accessLogsBucketName, [
      {
        expiration: Duration.days(props.accessLogsRetentionDays ?? 2192),
        noncurrentVersionExpiration: Duration.days(1),
      },
    ]);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      ...LOG_BUCKET_PROPS,
      // The archive keeps them; this copy only has to outlive replication.
      lifecycleRules: [{ expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(1) }],
    });
    logAccessTo(this.bucket, props.bucketName, this.accessLogsBucket, 'reports/', 'ServerAccessLogsOfTheReportsBucket');
    acknowledgeBucket(this.bucket, ['S3BucketObjectLock'], LANDING_BUCKET_REASON);
    notifyEventBridge(this.bucket, this.accessLogsBucket);
    // The service-linked role appears with the first report, so it is named in a condition, not as a principal.
    const asTheReportWriter = { ArnEquals: { 'aws:PrincipalArn': writer } };
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AuditManagerWritesReports',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${prefix}/*`)],
        conditions: { ...asTheReportWriter, StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    );
    // S3 server access logging delivers as a service, for this account.
    for (const b of [this.bucket, this.accessLogsBucket]) onlyTheOrganization(b, props.organizationId, stack.account);
    props.encryptionKey.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AuditManagerEncryptsReports',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:GenerateDataKey', 'kms:Encrypt', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          ...asTheReportWriter,
          StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com`, 'aws:PrincipalAccount': stack.account },
        },
      }),
    );

    // Replication into the log archive: a role of its own, named so the archive can admit it.
    const role = new iam.Role(this, 'ReplicationRole', {
      roleName: props.replicationRoleName ?? 'landfall-backup-reports-replication',
      assumedBy: new iam.ServicePrincipal('s3.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'S3 replication of AWS Backup reports into the log archive (Landfall)',
    });
    this.replicationRoleArn = role.roleArn;
    const source = `arn:${Aws.PARTITION}:s3:::${props.bucketName}`;
    const destination = `arn:${Aws.PARTITION}:s3:::${props.archive.bucketName}`;
    const policy = new iam.ManagedPolicy(this, 'ReplicationPolicy', {
      path: '/landfall/',
      roles: [role],
      statements: [
        new iam.PolicyStatement({ actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [source] }),
        new iam.PolicyStatement({
          actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'],
          resources: [`${source}/${prefix}/*`],
        }),
        new iam.PolicyStatement({
          actions: ['s3:ReplicateObject', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'],
          resources: [`${destination}/${prefix}/*`],
        }),
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [props.encryptionKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
        new iam.PolicyStatement({
          actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [props.archive.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${stack.region}.amazonaws.com` } },
        }),
      ],
    });
    Validations.of(policy).acknowledge(
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.bucketName}/${prefix}/*]`,
        reason: WILDCARD_REASON,
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.archive.bucketName}/${prefix}/*]`,
        reason: WILDCARD_REASON,
      },
    );
    const cfnBucket = this.bucket.node.defaultChild as s3.CfnBucket;
    cfnBucket.replicationConfiguration = {
      role: role.roleArn,
      rules: [
        {
          id: 'ReportsIntoTheLogArchive',
          status: 'Enabled',
          priority: 0,
          filter: { prefix: `${prefix}/` },
          deleteMarkerReplication: { status: 'Disabled' },
          sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
          destination: {
            bucket: `arn:${stack.partition}:s3:::${props.archive.bucketName}`,
            account: props.archive.account,
            accessControlTranslation: { owner: 'Destination' },
            encryptionConfiguration: { replicaKmsKeyId: props.archive.keyArn },
            replicationTime: { status: 'Enabled', time: { minutes: 15 } },
            metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } },
          },
        },
      ],
    };
    cfnBucket.node.addDependency(policy);

    for (const template of REPORT_TEMPLATES) {
      const name = template.toLowerCase().replace(/_report$/, '');
      this.reportPlans.push(
        new backup.CfnReportPlan(this, `${name}Report`, {
          reportPlanName: `landfall_${name}`,
          reportPlanDescription: `Landfall: the organization's ${name.replace(/_/g, ' ')} report, daily`,
          // JSON properties: CloudFormation's own (Pascal) case.
          reportDeliveryChannel: { S3BucketName: props.bucketName, S3KeyPrefix: prefix, Formats: ['CSV'] },
          reportSetting: { ReportTemplate: template, Accounts: ['ROOT'], Regions: props.regions },
        }),
      );
    }
    for (const plan of this.reportPlans) plan.node.addDependency(this.bucket);
  }
}
