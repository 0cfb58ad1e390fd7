import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';

/** What every Landfall VPC takes: where its subnets go and how its activity is recorded. */
export interface LandfallVpcProps {
  /**
   * The availability zones, by name. Give them for a stack with an explicit
   * account when synthesizing without AWS credentials (CDK would look them up).
   * @default - the stack's availability zones (the first two, or `maxAzs` where offered)
   */
  readonly availabilityZones?: string[];

  /** Key the flow-log and DNS query-log groups are encrypted with (the account's logs key). */
  readonly logKey: kms.IKey;

  /**
   * How long flow logs and DNS query logs stay in CloudWatch Logs.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * ARN of the organization's log archive bucket (`LogArchive` of @landfall/logging): flow
   * logs also go there, where they are kept under Object Lock for the archive's retention.
   * @default - flow logs go to CloudWatch Logs only
   */
  readonly archiveBucketArn?: string;
}
