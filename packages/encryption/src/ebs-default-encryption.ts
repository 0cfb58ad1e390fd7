import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { accountSettingsCall } from './account-settings-call';
import { DeployTimeLogsProps } from './deploy-time-logs';

/** Props of `EbsDefaultEncryption`. */
export interface EbsDefaultEncryptionProps extends DeployTimeLogsProps {
  /** The key new EBS volumes of the account and region are encrypted with. */
  readonly key: kms.IKey;
}

/**
 * Turns on EBS encryption by default for the stack's account and region, with a
 * customer-managed key. CloudFormation has no resource for this setting, so it is
 * an SDK call (both calls are idempotent). Deleting the stack restores nothing:
 * encryption stays on.
 *
 * HIPAA: 164.312(a)(2)(iv) encryption and decryption.
 */
export class EbsDefaultEncryption extends Construct {
  constructor(scope: Construct, id: string, props: EbsDefaultEncryptionProps) {
    super(scope, id);
    const physicalResourceId = cr.PhysicalResourceId.of(`ebs-default-encryption-${Stack.of(this).region}`);
    const statements = [
      new iam.PolicyStatement({
        actions: ['ec2:EnableEbsEncryptionByDefault', 'ec2:ModifyEbsDefaultKmsKeyId', 'ec2:GetEbsEncryptionByDefault'],
        resources: ['*'],
      }),
      new iam.PolicyStatement({ actions: ['kms:DescribeKey'], resources: [props.key.keyArn] }),
    ];
    const enable = accountSettingsCall(
      this,
      'Enable',
      { service: 'EC2', action: 'enableEbsEncryptionByDefault', physicalResourceId },
      statements,
      props,
    );
    const setKey = accountSettingsCall(
      this,
      'DefaultKey',
      {
        service: 'EC2',
        action: 'modifyEbsDefaultKmsKeyId',
        parameters: { KmsKeyId: props.key.keyArn },
        physicalResourceId,
      },
      [],
      props,
    );
    setKey.node.addDependency(enable);
  }
}
