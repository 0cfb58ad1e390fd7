import { Stack } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Props of `ConfigRecorder`. */
export interface ConfigRecorderProps {
  /** Name of the log archive bucket Config delivers snapshots and history to. */
  readonly bucketName: string;
  /** ARN of the log archive's key. */
  readonly keyArn: string;
  /**
   * Whether this recorder also records the global resource types (IAM users, groups, roles,
   * policies). Record them in one region per account (the home region), or every region
   * records the same changes.
   */
  readonly recordGlobalResources: boolean;
  /**
   * Whether to create AWS Config's service-linked role (once per account: in the stack that
   * records global resources). Off when something else (AWS Control Tower, a previous
   * Config setup) already created it.
   * @default - the same as `recordGlobalResources`
   */
  readonly createServiceLinkedRole?: boolean;
  /**
   * How often Config delivers a configuration snapshot.
   * @default 'TwentyFour_Hours'
   */
  readonly snapshotFrequency?: string;
}

/**
 * AWS Config in one account and region: a recorder of every supported resource type
 * (global ones in one region only), through Config's service-linked role, with its
 * delivery channel to the organization's log archive, encrypted with the archive's key.
 * CloudFormation starts recording as soon as both exist. The organization's rules and
 * conformance packs, deployed from the audit account, evaluate what it records.
 *
 * HIPAA: 164.312(b) audit controls (configuration history); 164.308(a)(1)(ii)(D)
 * information system activity review; 164.308(a)(8) evaluation.
 */
export class ConfigRecorder extends Construct {
  public readonly recorder: config.CfnConfigurationRecorder;
  public readonly deliveryChannel: config.CfnDeliveryChannel;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const roleArn = `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`;
    this.recorder = new config.CfnConfigurationRecorder(this, 'Recorder', {
      name: 'landfall',
      roleArn,
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: props.recordGlobalResources,
      },
    });
    if (props.createServiceLinkedRole ?? props.recordGlobalResources) {
      const role = new iam.CfnServiceLinkedRole(this, 'ServiceLinkedRole', {
        awsServiceName: 'config.amazonaws.com',
        description: 'AWS Config records configuration changes (Landfall)',
      });
      this.recorder.node.addDependency(role);
    }
    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'Delivery', {
      name: 'landfall',
      s3BucketName: props.bucketName,
      s3KmsKeyArn: props.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency: props.snapshotFrequency ?? 'TwentyFour_Hours' },
    });
    // No DependsOn between the two: CloudFormation starts the recorder once the channel exists, and an
    // explicit ordering is known to leave the stack waiting.
  }
}
