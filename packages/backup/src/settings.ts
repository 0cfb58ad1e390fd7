import { accountSettingsCall } from '@landfall/encryption/lib/account-settings-call';
import { DeployTimeLogsProps } from '@landfall/encryption/lib/deploy-time-logs';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/**
 * Resource types AWS Backup backs up once opted in. S3 (like a few others) is off in a new
 * account, so a tagged bucket would be silently skipped.
 */
export const OPT_IN_RESOURCE_TYPES = [
  'Aurora',
  'DocumentDB',
  'DynamoDB',
  'EBS',
  'EC2',
  'EFS',
  'FSx',
  'Neptune',
  'RDS',
  'S3',
];

/** Props of `BackupRegionSettings`. */
export interface BackupRegionSettingsProps extends DeployTimeLogsProps {
  /**
   * Resource types AWS Backup may back up in this account and region.
   * @default OPT_IN_RESOURCE_TYPES
   */
  readonly resourceTypes?: string[];
  /**
   * Name of the deploy-time function that makes the call; another function of the stack's
   * account and region must not have it.
   * @default 'landfall-backup-settings'
   */
  readonly functionName?: string;
}

/**
 * Opts an account and region in to backing up every resource type the landing zone uses,
 * S3 included, with DynamoDB's and EFS's full AWS Backup management (their recovery points
 * then use the vault's key and can be copied to another account). CloudFormation has no
 * resource for these settings: it is an idempotent SDK call at deploy time. The
 * `ProtectBackups` guardrail keeps an account administrator from opting out.
 *
 * HIPAA: 164.308(a)(7)(ii)(A) data backup plan.
 */
export class BackupRegionSettings extends Construct {
  constructor(scope: Construct, id: string, props: BackupRegionSettingsProps = {}) {
    super(scope, id);
    const types = props.resourceTypes ?? OPT_IN_RESOURCE_TYPES;
    if (types.length === 0) throw new Error('BackupRegionSettings: resourceTypes is empty — give the types to back up');
    accountSettingsCall(
      this,
      'OptIn',
      {
        service: 'Backup',
        action: 'updateRegionSettings',
        parameters: {
          ResourceTypeOptInPreference: Object.fromEntries(types.map((t) => [t, true])),
          ResourceTypeManagementPreference: { DynamoDB: true, EFS: true },
        },
        physicalResourceId: cr.PhysicalResourceId.of(`backup-region-settings-${Stack.of(this).region}`),
      },
      // UpdateRegionSettings has no resource type.
      [new iam.PolicyStatement({ actions: ['backup:UpdateRegionSettings'], resources: ['*'] })],
      props,
      props.functionName ?? 'landfall-backup-settings',
    );
  }
}

/** Props of `CrossAccountBackup`. */
export interface CrossAccountBackupProps extends DeployTimeLogsProps {
  /**
   * Name of the deploy-time function that makes the call.
   * @default 'landfall-backup-settings'
   */
  readonly functionName?: string;
}

/**
 * Turns on cross-account backup for the organization, which AWS Backup allows only from the
 * management account: without it, no copy reaches the backup account's vault. An idempotent
 * SDK call at deploy time; deploy it in the management account.
 *
 * HIPAA: 164.308(a)(7)(ii)(B) disaster recovery plan.
 */
export class CrossAccountBackup extends Construct {
  constructor(scope: Construct, id: string, props: CrossAccountBackupProps = {}) {
    super(scope, id);
    accountSettingsCall(
      this,
      'Enable',
      {
        service: 'Backup',
        action: 'updateGlobalSettings',
        parameters: { GlobalSettings: { isCrossAccountBackupEnabled: 'true' } },
        physicalResourceId: cr.PhysicalResourceId.of('backup-cross-account'),
      },
      // UpdateGlobalSettings has no resource type; AWS Backup reads the organization to allow it.
      [
        new iam.PolicyStatement({
          actions: [
            'backup:UpdateGlobalSettings',
            'backup:DescribeGlobalSettings',
            'organizations:DescribeOrganization',
          ],
          resources: ['*'],
        }),
      ],
      props,
      props.functionName ?? 'landfall-backup-settings',
    );
  }
}
