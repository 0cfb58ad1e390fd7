import { MANAGED_POLICY_PATH, WILDCARD_REASON } from '@landfall/encryption/lib/account-settings-call';
import { Aws, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { checkLinuxUserName } from './checks';
import { DEFAULT_RUN_AS_USER, SessionDocumentNames } from './names';

/** Props of `SessionManagerPreferences`. */
export interface SessionManagerPreferencesProps {
  /** The bucket session logs are written to at the end of each session (the log archive's). */
  readonly logBucketName: string;
  /**
   * Where in the bucket session logs go.
   * @default 'session-manager/'
   */
  readonly logPrefix?: string;
  /**
   * The bucket's KMS key, when its default encryption uses one: instances need it to write.
   * @default - none: the bucket's default encryption needs no permission of the writer
   */
  readonly logBucketKeyArn?: string;
  /** The key sessions are encrypted with, end to end between the administrator and the instance. */
  readonly sessionKey: kms.IKey;
  /** The key the session log group is encrypted with (the account's logs key). */
  readonly logKey: kms.IKey;
  /**
   * How long session logs are kept in CloudWatch Logs (the bucket keeps its own copy).
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Minutes without input after which a session ends (1 to 60).
   * @default 20
   */
  readonly idleSessionTimeoutMinutes?: number;
  /**
   * Minutes after which a session ends whatever happens in it (1 to 1440).
   * @default 240
   */
  readonly maxSessionDurationMinutes?: number;
  /**
   * The Linux user sessions run as when the administrator's principal names none
   * (`SSMSessionRunAs` tag). It must exist on the instance; `RecordedBastion` creates it.
   * @default 'landfall-session'
   */
  readonly runAsUser?: string;
}

/** The log group sessions stream to, one per account and region like the preferences. */
export const SESSION_LOG_GROUP_NAME = '/landfall/session-manager';

/**
 * The shell every Linux session starts: a notice that it is recorded, then bash with a
 * timestamped history written after every command and each command also sent to the
 * system log. The session's stream is the record; the history is a second trace on the instance.
 */
const LINUX_SHELL_PROFILE = [
  "echo 'NOTICE: this session is recorded. Every command and its output are logged and reviewed. Authorized use only.'",
  'export HISTFILE="$HOME/.bash_history" HISTSIZE=100000 HISTFILESIZE=100000 HISTCONTROL= HISTTIMEFORMAT=\'%F %T %z \'',
  'export PROMPT_COMMAND=\'history -a; logger -p authpriv.notice -t landfall-session "$(id -un): $(history 1)"\'',
  'cd "$HOME"',
  'exec /bin/bash',
].join('\n');

/**
 * Session Manager's preferences for an account and region: every session runs as an
 * unprivileged user, is encrypted with a customer-managed key, is streamed to an encrypted
 * CloudWatch log group and written at its end to the log archive bucket, ends after the idle
 * timeout and the maximum duration, and starts a shell that records each command. It also makes
 * the customer-managed policy (`instancePolicy`) any server's role attaches so that its sessions
 * can be logged: without it the agent cannot write the logs and the session fails.
 *
 * AWS fixes the preferences document's name (`SSM-SessionManagerRunShell`), so there is one per
 * account and region, and creating it fails if the account already has one: the account's first
 * preferences must come from here (delete one made in the console before deploying).
 *
 * HIPAA: 164.312(b) audit controls; 164.312(a)(2)(iii) automatic logoff; 164.312(a)(2)(iv)
 * encryption and decryption; 164.312(e)(1) transmission security.
 */
export class SessionManagerPreferences extends Construct {
  public readonly document: ssm.CfnDocument;
  /** Where sessions stream to. */
  public readonly logGroup: logs.LogGroup;
  /** What a server's role needs for its sessions to be logged: attach it to every role of an instance sessions reach. */
  public readonly instancePolicy: iam.ManagedPolicy;
  /** The user sessions run as. */
  public readonly runAsUser: string;

  constructor(scope: Construct, id: string, props: SessionManagerPreferencesProps) {
    super(scope, id);
    const idle = props.idleSessionTimeoutMinutes ?? 20;
    const longest = props.maxSessionDurationMinutes ?? 240;
    inRange('idleSessionTimeoutMinutes', idle, 1, 60);
    inRange('maxSessionDurationMinutes', longest, 1, 1440);
    this.runAsUser = props.runAsUser ?? DEFAULT_RUN_AS_USER;
    checkLinuxUserName(this.runAsUser, 'SessionManagerPreferences: runAsUser');
    const prefix = (props.logPrefix ?? 'session-manager/').replace(/\/+$/, '');
    if (prefix === '' || prefix.startsWith('/')) {
      throw new Error(
        `SessionManagerPreferences: logPrefix '${props.logPrefix}' is empty or starts with '/'; give one such as 'session-manager/'`,
      );
    }

    this.logGroup = new logs.LogGroup(this, 'SessionLogs', {
      logGroupName: SESSION_LOG_GROUP_NAME,
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.document = new ssm.CfnDocument(this, 'Document', {
      name: SessionDocumentNames.RUN_SHELL,
      documentType: 'Session',
      documentFormat: 'JSON',
      // The name is fixed: a change makes a new version rather than a replacement.
      updateMethod: 'NewVersion',
      content: {
        schemaVersion: '1.0',
        description: 'Landfall: Session Manager preferences (every session encrypted, recorded and time-limited)',
        sessionType: 'Standard_Stream',
        inputs: {
          s3BucketName: props.logBucketName,
          s3KeyPrefix: prefix,
          s3EncryptionEnabled: true,
          cloudWatchLogGroupName: SESSION_LOG_GROUP_NAME,
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: props.sessionKey.keyId,
          runAsEnabled: true,
          runAsDefaultUser: this.runAsUser,
          idleSessionTimeout: String(idle),
          maxSessionDuration: String(longest),
          shellProfile: { linux: LINUX_SHELL_PROFILE, windows: '' },
        },
      },
    });
    this.document.node.addDependency(this.logGroup);
    this.instancePolicy = this.sessionLoggingPolicy(props, prefix);
  }

  private sessionLoggingPolicy(props: SessionManagerPreferencesProps, prefix: string): iam.ManagedPolicy {
    const bucket = `arn:${Aws.PARTITION}:s3:::${props.logBucketName}`;
    const policy = new iam.ManagedPolicy(this, 'InstancePolicy', {
      // Managed policy names are global to the account: one per region.
      managedPolicyName: `landfall-session-logging-${Stack.of(this).region}`,
      path: MANAGED_POLICY_PATH,
      description: 'Landfall: what an instance needs for its Session Manager sessions to be encrypted and logged',
      statements: [
        new iam.PolicyStatement({
          sid: 'SessionChannels',
          actions: [
            'ssmmessages:CreateControlChannel',
            'ssmmessages:CreateDataChannel',
            'ssmmessages:OpenControlChannel',
            'ssmmessages:OpenDataChannel',
            'ssm:UpdateInstanceInformation',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'SessionLogsToS3',
          actions: ['s3:PutObject'],
          resources: [`${bucket}/${prefix}/*`],
        }),
        new iam.PolicyStatement({
          sid: 'CheckBucketEncryption',
          actions: ['s3:GetEncryptionConfiguration'],
          resources: [bucket],
        }),
        new iam.PolicyStatement({
          sid: 'SessionLogsToCloudWatch',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.logGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'CheckLogGroupEncryption',
          actions: ['logs:DescribeLogGroups'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'SessionEncryption',
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.sessionKey.keyArn, ...(props.logBucketKeyArn ? [props.logBucketKeyArn] : [])],
        }),
      ],
    });
    Validations.of(policy).acknowledge(
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: WILDCARD_REASON },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${props.logBucketName}/${asNagShowsIt(this, prefix)}/*]`,
        reason: WILDCARD_REASON,
      },
    );
    return policy;
  }
}

/**
 * A value as cdk-nag names it in a finding: itself, or, when it holds a reference (the account ID of a template
 * for many accounts), its parts with each `Ref` shown as `<Name>`.
 */
function asNagShowsIt(scope: Construct, value: string): string {
  const resolved = Stack.of(scope).resolve(value);
  if (typeof resolved === 'string') return resolved;
  const [separator, parts] = resolved['Fn::Join'] as [string, unknown[]];
  return parts.map((p) => (typeof p === 'string' ? p : isRef(p) ? `<${p.Ref}>` : JSON.stringify(p))).join(separator);
}

function isRef(value: unknown): value is { Ref: string } {
  return typeof value === 'object' && value !== null && typeof (value as { Ref?: unknown }).Ref === 'string';
}

function inRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`SessionManagerPreferences: ${name} is ${value}; give a whole number from ${min} to ${max}`);
  }
}
