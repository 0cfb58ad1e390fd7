import {
  AlertForwarding,
  ConfigRecorder,
  FindingSeverity,
  LogArchive,
  MacieMember,
  OrganizationConfigAggregator,
  OrganizationHipaaRules,
  OrganizationTrail,
  ReplicaSource,
  SecurityAlerts,
  ThreatDetection,
} from '@landfall/logging';
import { CfnOutput, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { recordOutput } from '../stack-helpers';
import { acknowledgeImportedLogKey, acknowledgeImportedLogKeys } from './imported-log-key';

/** The names the log archive's buckets get, fixed because producers in other accounts address them. */
export interface LogBucketNames {
  readonly archive: string;
  readonly delivery: string;
  readonly accessLogs: string;
}

export interface LogArchiveStackProps extends StackProps {
  readonly organizationId: string;
  readonly accounts: string[];
  readonly trail: { readonly account: string; readonly region: string; readonly name: string };
  readonly retentionDays: number;
  readonly buckets: LogBucketNames;
  /** Buckets of other accounts that replicate into the archive (the AWS Backup reports). */
  readonly replicaSources?: ReplicaSource[];
  /** Where Session Manager writes session logs in the delivery bucket. */
  readonly sessionLogsPrefix?: string;
}

/** The log-archive account, home region: the organization's log archive. */
export class LogArchiveStack extends Stack {
  public readonly archive: LogArchive;

  constructor(scope: Construct, id: string, props: LogArchiveStackProps) {
    super(scope, id, props);
    this.archive = new LogArchive(this, 'Archive', {
      organizationId: props.organizationId,
      accounts: props.accounts,
      trail: props.trail,
      retention: Duration.days(props.retentionDays),
      bucketName: props.buckets.archive,
      deliveryBucketName: props.buckets.delivery,
      accessLogsBucketName: props.buckets.accessLogs,
      replicaSources: props.replicaSources,
      sessionLogsPrefix: props.sessionLogsPrefix,
    });
    // What every producer's stack needs and cannot reference across accounts: recorded in accounts.lock.json.
    recordOutput(
      new CfnOutput(this, 'ArchiveKeyArn', {
        value: this.archive.key.keyArn,
        description: 'logging.archiveKeyArn in accounts.lock.json',
      }),
      ['logging', 'archiveKeyArn'],
    );
  }
}

export interface TrailStackProps extends StackProps {
  readonly trailName: string;
  readonly organizationId: string;
  readonly bucketName: string;
  readonly keyArn: string;
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  readonly phiBucketPrefixes?: string[];
  readonly excludeBucketNames: string[];
}

/** The management account, home region: the organization trail. */
export class TrailStack extends Stack {
  public readonly trail: OrganizationTrail;

  constructor(scope: Construct, id: string, props: TrailStackProps) {
    super(scope, id, props);
    this.trail = new OrganizationTrail(this, 'OrganizationTrail', {
      trailName: props.trailName,
      organizationId: props.organizationId,
      bucketName: props.bucketName,
      keyArn: props.keyArn,
      logKey: props.logKey,
      logRetention: props.logRetention,
      s3DataEvents: { bucketNamePrefixes: props.phiBucketPrefixes, excludeBucketNames: props.excludeBucketNames },
    });
    acknowledgeImportedLogKey(this.trail.logGroup);
  }
}

export interface AccountLoggingStackProps extends StackProps {
  /** AWS Config's recorder: absent in a region that is not governed (only alerts are forwarded there). */
  readonly recorder?: { readonly bucketName: string; readonly keyArn: string; readonly home: boolean };
  readonly alertBusArn: string;
}

/** Every account, every governed region: AWS Config's recorder and the forwarding of security events. */
export class AccountLoggingStack extends Stack {
  constructor(scope: Construct, id: string, props: AccountLoggingStackProps) {
    super(scope, id, props);
    if (props.recorder) {
      new ConfigRecorder(this, 'Config', {
        bucketName: props.recorder.bucketName,
        keyArn: props.recorder.keyArn,
        recordGlobalResources: props.recorder.home,
      });
    }
    new AlertForwarding(this, 'AlertForwarding', { eventBusArn: props.alertBusArn });
  }
}

export interface SecurityStackProps extends StackProps {
  readonly home: boolean;
  readonly regions: string[];
  readonly organizationId: string;
  /** The organization root, once recorded: Security Hub's configuration policy is associated with it. */
  readonly rootId?: string;
  readonly emails: string[];
  readonly findingSeverity: FindingSeverity;
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** The organization's other accounts, enrolled in Macie. */
  readonly macieMembers: MacieMember[];
  /**
   * Whether the HIPAA Config rules deploy: only once the member accounts' recorders do (the
   * archive key is recorded), or the organization conformance pack fails in accounts without one.
   */
  readonly hipaaRules: boolean;
}

/**
 * The audit account, every governed region: threat detection and the HIPAA Config rules for the
 * organization; in the home region also the Config aggregator and the security alerts.
 */
export class SecurityStack extends Stack {
  public readonly alerts?: SecurityAlerts;

  constructor(scope: Construct, id: string, props: SecurityStackProps) {
    super(scope, id, props);
    new ThreatDetection(this, 'ThreatDetection', {
      home: props.home,
      linkedRegions: props.regions.filter((r) => r !== this.region),
      rootId: props.rootId,
      logs: { logKey: props.logKey, logRetention: props.logRetention },
      macieMembers: props.macieMembers,
    });
    // The deploy-time function's log group, encrypted with the account's imported logs key.
    acknowledgeImportedLogKeys(this);
    if (props.hipaaRules) new OrganizationHipaaRules(this, 'HipaaRules');
    if (props.home) {
      new OrganizationConfigAggregator(this, 'ConfigAggregator', { regions: props.regions });
      this.alerts = new SecurityAlerts(this, 'Alerts', {
        organizationId: props.organizationId,
        emails: props.emails,
        findingSeverity: props.findingSeverity,
      });
    }
  }
}
