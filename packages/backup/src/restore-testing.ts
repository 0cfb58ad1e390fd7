import { Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Resource types a restore test restores without being told where to place them on the network. */
export enum RestoreTestResourceType {
  EBS = 'EBS',
  S3 = 'S3',
  DYNAMODB = 'DynamoDB',
  EFS = 'EFS',
}

/** Props of `RestoreTesting`. */
export interface RestoreTestingProps {
  /** The role AWS Backup restores with (the account's backup role). */
  readonly role: iam.IRole;
  /** ARNs of the vaults whose recovery points are tested. */
  readonly vaultArns: string[];
  /**
   * When tests run, as a cron expression (UTC).
   * @default 'cron(0 9 ? * MON *)'
   */
  readonly schedule?: string;
  /**
   * Resource types whose recovery points are restored.
   * @default - EBS, S3, DynamoDB and EFS
   */
  readonly resourceTypes?: RestoreTestResourceType[];
  /**
   * Recovery points of the last this-many days are candidates (1 to 365).
   * @default 7
   */
  readonly selectionWindowDays?: number;
  /**
   * Hours a restored resource is kept for validation before AWS Backup deletes it (1 to 168).
   * @default 4
   */
  readonly validationWindowHours?: number;
  /**
   * Name of the plan (letters, digits and underscores).
   * @default 'landfall_restore_tests'
   */
  readonly planName?: string;
}

/**
 * Restore tests: on a schedule, AWS Backup restores the latest recovery point of every
 * protected resource of the chosen types from the account's vaults, keeps the restored copy
 * for the validation window, and deletes it. Each restore job emits a `Restore Job State
 * Change` event carrying the plan's ARN, which Landfall's security alerts forward to the
 * alert topic: a failed restore is an alert, a completed one a record.
 *
 * HIPAA: 164.308(a)(7)(ii)(D) testing and revision procedures; 164.308(a)(7)(ii)(B) disaster
 * recovery plan; 164.310(d)(2)(iv) data backup and storage.
 */
export class RestoreTesting extends Construct {
  public readonly plan: backup.CfnRestoreTestingPlan;
  /** The plan's ARN, which each restore job's event carries. */
  public readonly planArn: string;

  constructor(scope: Construct, id: string, props: RestoreTestingProps) {
    super(scope, id);
    const types = props.resourceTypes ?? [
      RestoreTestResourceType.EBS,
      RestoreTestResourceType.S3,
      RestoreTestResourceType.DYNAMODB,
      RestoreTestResourceType.EFS,
    ];
    if (types.length === 0) throw new Error('RestoreTesting: resourceTypes is empty — give the types to test');
    if (props.vaultArns.length === 0) throw new Error('RestoreTesting: vaultArns is empty — give the vaults to test');
    const window = props.selectionWindowDays ?? 7;
    const validation = props.validationWindowHours ?? 4;
    inRange('selectionWindowDays', window, 1, 365);
    inRange('validationWindowHours', validation, 1, 168);
    const planName = props.planName ?? 'landfall_restore_tests';
    this.plan = new backup.CfnRestoreTestingPlan(this, 'Plan', {
      restoreTestingPlanName: planName,
      scheduleExpression: props.schedule ?? 'cron(0 9 ? * MON *)',
      startWindowHours: 24,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: props.vaultArns,
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: window,
      },
    });
    this.planArn = this.plan.attrRestoreTestingPlanArn;
    for (const type of new Set(types)) {
      const selection = new backup.CfnRestoreTestingSelection(this, `${type}Selection`, {
        restoreTestingPlanName: planName,
        restoreTestingSelectionName: `landfall_${type.toLowerCase()}`,
        protectedResourceType: type,
        protectedResourceArns: ['*'],
        iamRoleArn: props.role.roleArn,
        validationWindowHours: validation,
      });
      selection.node.addDependency(this.plan);
    }
  }
}

function inRange(name: string, value: number, min: number, max: number): void {
  if (!Token.isUnresolved(value) && (!Number.isInteger(value) || value < min || value > max)) {
    throw new Error(`RestoreTesting: ${name} is ${value}; give a whole number from ${min} to ${max}`);
  }
}
