import { AccountPublicAccessBlock, EbsDefaultEncryption, EncryptionKeys, KeyPurpose } from '@landfall/encryption';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface EncryptionStackProps extends StackProps {
  readonly purposes: KeyPurpose[];
  readonly rotationPeriodDays: number;
  /** Account-wide S3 Block Public Access: deploy it here, or not (another region does, or the organization's S3 policy). */
  readonly accountPublicAccessBlock: 'deploy' | 'organization' | 'elsewhere';
  /** How long the deploy-time function's logs are kept (encrypted with the logs key). */
  readonly logRetention: logs.RetentionDays;
}

/** Every account, every governed region: KMS keys per purpose, EBS encryption by default, S3 Block Public Access. */
export class EncryptionStack extends Stack {
  public readonly keys: EncryptionKeys;

  constructor(scope: Construct, id: string, props: EncryptionStackProps) {
    super(scope, id, props);
    this.keys = new EncryptionKeys(this, 'Keys', {
      purposes: props.purposes,
      rotationPeriod: Duration.days(props.rotationPeriodDays),
    });
    const deployLogs = { logKey: this.keys.keyFor(KeyPurpose.LOGS), logRetention: props.logRetention };
    new EbsDefaultEncryption(this, 'EbsDefaultEncryption', { key: this.keys.keyFor(KeyPurpose.DATA), ...deployLogs });
    if (props.accountPublicAccessBlock !== 'elsewhere') {
      new AccountPublicAccessBlock(this, 'S3BlockPublicAccess', {
        managedByOrganization: props.accountPublicAccessBlock === 'organization',
        ...deployLogs,
      });
    }
  }
}
