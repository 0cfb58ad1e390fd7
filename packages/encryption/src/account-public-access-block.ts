import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { accountSettingsCall } from './account-settings-call';
import { DeployTimeLogsProps } from './deploy-time-logs';

/** Props of `AccountPublicAccessBlock`. */
export interface AccountPublicAccessBlockProps extends DeployTimeLogsProps {
  /**
   * Whether an S3 organization policy already manages Block Public Access for the
   * account. AWS then refuses account-level changes, so nothing is deployed: the
   * organization policy is the control.
   * @default false
   */
  readonly managedByOrganization?: boolean;
}

/**
 * All four S3 Block Public Access settings for the whole account (no bucket can be
 * made public by policy or ACL). CloudFormation has no resource for the account
 * setting, so it is an idempotent SDK call; deleting the stack leaves the block on.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(e)(1) transmission security.
 */
export class AccountPublicAccessBlock extends Construct {
  /** Whether this construct deploys the setting (false when the organization manages it). */
  public readonly deployed: boolean;

  constructor(scope: Construct, id: string, props: AccountPublicAccessBlockProps = {}) {
    super(scope, id);
    this.deployed = !props.managedByOrganization;
    if (!this.deployed) return;
    const stack = Stack.of(this);
    const block: cr.AwsSdkCall = {
      service: 'S3Control',
      action: 'putPublicAccessBlock',
      parameters: {
        AccountId: stack.account,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      },
      physicalResourceId: cr.PhysicalResourceId.of(`s3-account-public-access-block-${stack.account}`),
    };
    accountSettingsCall(
      this,
      'Block',
      block,
      [new iam.PolicyStatement({ actions: ['s3:PutAccountPublicAccessBlock'], resources: ['*'] })],
      props,
    );
  }
}
