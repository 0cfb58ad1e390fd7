import { Validations } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { IConstruct } from 'constructs';

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

/** `acknowledgeImportedLogKey` for every log group under `scope` (all encrypted with the imported logs key). */
export function acknowledgeImportedLogKeys(scope: IConstruct): void {
  acknowledgeImportedLogKey(...scope.node.findAll().filter((c): c is logs.LogGroup => c instanceof logs.LogGroup));
}
