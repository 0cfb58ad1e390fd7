import { Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * The network stacks' log groups are encrypted with the account's logs key, which the
 * encryption stack owns and exports. AWS Control Tower's CT.CLOUDWATCH.PR.3 (cfn-guard)
 * recognizes only a literal key ARN or a key in the same template, so it reports them.
 */
export function acknowledgeImportedLogKey(...groups: logs.LogGroup[]): void {
  for (const group of groups) {
    Validations.of(group).acknowledge({
      id: 'cdk-validator-cfnguard::cloudwatch_log_group_encrypted_check',
      reason:
        "Encrypted with the account's customer-managed logs key, imported from its encryption stack (Fn::ImportValue); the rule recognizes only a literal ARN or a key in the same template.",
    });
  }
}
