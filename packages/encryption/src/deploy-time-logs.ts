import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';

/** Where a construct's deploy-time function writes its logs. */
export interface DeployTimeLogsProps {
  /**
   * The key the function's log group is encrypted with.
   * @default - CloudWatch Logs' own encryption (no customer-managed key)
   */
  readonly logKey?: kms.IKey;
  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
}
