// Every Landfall key is made the same way (rotated, retained, grants only for AWS services).
import { landfallKey } from '@landfall/encryption/lib/landfall-key';
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Severity at or above which GuardDuty and Security Hub findings are alerts. */
export enum FindingSeverity {
  LOW = 'LOW',
  MEDIUM = 'MEDIUM',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

/** One kind of security alert: what it is, and the HIPAA sections it serves. */
export interface SecurityAlertKind {
  /** Short id; the alert rule is `landfall-alert-<id>`. */
  readonly id: string;
  /** What happened, as the message says it. */
  readonly title: string;
  readonly hipaa: string[];
}

const API_CALL = 'AWS API Call via CloudTrail';
const SIGN_IN = 'AWS Console Sign In via CloudTrail';
/**
 * Events of AWS services only: anyone in the organization may put events on the alert bus, but PutEvents refuses
 * an `aws.` source, so a forged sign-in or denial cannot raise (or bury) an alert.
 */
const AWS_SOURCES = events.Match.prefix('aws.');
const DENIED = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation'];

/** The CloudTrail events each account forwards, by alert: event source and names. */
const API_ALERTS: ReadonlyArray<SecurityAlertKind & { source: string; names: string[] }> = [
  {
    id: 'organization-policy-change',
    title: 'a service or resource control policy changed',
    hipaa: ['164.308(a)(1)(ii)(D)', '164.312(b)'],
    source: 'aws.organizations',
    names: [
      'CreatePolicy',
      'UpdatePolicy',
      'DeletePolicy',
      'AttachPolicy',
      'DetachPolicy',
      'EnablePolicyType',
      'DisablePolicyType',
    ],
  },
  {
    id: 'cloudtrail-change',
    title: 'CloudTrail logging changed',
    hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
    source: 'aws.cloudtrail',
    names: [
      'CreateTrail',
      'UpdateTrail',
      'DeleteTrail',
      'StartLogging',
      'StopLogging',
      'PutEventSelectors',
      'PutInsightSelectors',
    ],
  },
  {
    id: 'config-change',
    title: 'AWS Config recording or rules changed',
    hipaa: ['164.312(b)', '164.308(a)(8)'],
    source: 'aws.config',
    names: [
      'StopConfigurationRecorder',
      'DeleteConfigurationRecorder',
      'PutConfigurationRecorder',
      'DeleteDeliveryChannel',
      'PutDeliveryChannel',
      'DeleteConfigRule',
      'DeleteConformancePack',
      'DeleteOrganizationConfigRule',
      'DeleteOrganizationConformancePack',
    ],
  },
  {
    id: 'security-group-change',
    title: 'a security group changed',
    hipaa: ['164.312(e)(1)', '164.308(a)(1)(ii)(D)'],
    source: 'aws.ec2',
    names: [
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'ModifySecurityGroupRules',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ],
  },
  {
    id: 'network-acl-change',
    title: 'a network ACL changed',
    hipaa: ['164.312(e)(1)', '164.308(a)(1)(ii)(D)'],
    source: 'aws.ec2',
    names: [
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ],
  },
  {
    id: 'route-table-change',
    title: 'a route table changed',
    hipaa: ['164.312(e)(1)', '164.308(a)(1)(ii)(D)'],
    source: 'aws.ec2',
    names: [
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'AssociateRouteTable',
      'DisassociateRouteTable',
    ],
  },
  {
    id: 'kms-key-disabled-or-deleted',
    title: 'a KMS key was disabled or scheduled for deletion',
    hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    source: 'aws.kms',
    names: ['DisableKey', 'ScheduleKeyDeletion'],
  },
];

const SIGN_IN_ALERTS: ReadonlyArray<SecurityAlertKind & { detail: Record<string, unknown> }> = [
  {
    id: 'root-sign-in',
    title: "an account's root user signed in",
    hipaa: ['164.308(a)(5)(ii)(C)', '164.312(a)(1)', '164.312(d)'],
    detail: { userIdentity: { type: ['Root'] } },
  },
  {
    id: 'console-sign-in-failure',
    title: 'a console sign-in failed',
    hipaa: ['164.308(a)(5)(ii)(C)', '164.312(d)'],
    detail: { responseElements: { ConsoleLogin: ['Failure'] } },
  },
];

/** The break-glass role of every member account (`@landfall/identity`'s `BreakGlassRole`), by name. */
const BREAK_GLASS_ROLE = 'landfall-break-glass';
const BREAK_GLASS: SecurityAlertKind = {
  id: 'break-glass-use',
  title: 'someone broke the glass: the break-glass role was assumed',
  hipaa: ['164.312(a)(2)(ii)', '164.312(b)', '164.308(a)(1)(ii)(D)'],
};
/** Assuming the break-glass role, as CloudTrail records it in the role's account (a read-only call: see the forwarding rule's state). */
const BREAK_GLASS_PATTERN = {
  source: ['aws.sts'],
  'detail-type': [API_CALL],
  // IAM role names are case-insensitive, and CloudTrail records the ARN as the caller wrote it.
  detail: {
    eventName: ['AssumeRole'],
    requestParameters: { roleArn: [{ suffix: { 'equals-ignore-case': `:role/${BREAK_GLASS_ROLE}` } }] },
  },
};

const UNAUTHORIZED: SecurityAlertKind = {
  id: 'unauthorized-api-call',
  title: 'an API call was denied',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.312(a)(1)', '164.312(b)'],
};
const GUARDDUTY: SecurityAlertKind = {
  id: 'guardduty-finding',
  title: 'GuardDuty found a threat',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.312(b)'],
};
const SECURITY_HUB: SecurityAlertKind = {
  id: 'securityhub-finding',
  title: 'Security Hub has a finding',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.308(a)(8)'],
};

const BACKUP_JOB = 'Backup Job State Change';
const COPY_JOB = 'Copy Job State Change';
const RESTORE_JOB = 'Restore Job State Change';
/** Backup and copy jobs report `state`; restore jobs report `status` (AWS Backup's EventBridge events). */
const JOB_FAILED = ['FAILED', 'ABORTED', 'EXPIRED'];
const BACKUP_FAILURE: SecurityAlertKind = {
  id: 'backup-failure',
  title: 'a backup, copy or restore job failed',
  hipaa: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)'],
};
const RESTORE_TEST: SecurityAlertKind = {
  id: 'restore-test-result',
  title: 'a restore test finished',
  hipaa: ['164.308(a)(7)(ii)(D)', '164.308(a)(7)(ii)(B)'],
};
/** AWS Backup's job events that are alerts: failures, and every restore test's end. */
const BACKUP_PATTERNS = {
  failures: [
    { source: ['aws.backup'], 'detail-type': [BACKUP_JOB, COPY_JOB], detail: { state: JOB_FAILED } },
    {
      source: ['aws.backup'],
      'detail-type': [RESTORE_JOB],
      detail: { status: JOB_FAILED, restoreTestingPlanArn: [{ exists: false }] },
    },
  ],
  restoreTests: {
    source: ['aws.backup'],
    'detail-type': [RESTORE_JOB],
    detail: { status: ['COMPLETED', ...JOB_FAILED], restoreTestingPlanArn: [{ exists: true }] },
  },
};

/** The CloudTrail events every account forwards to the audit account's alert bus. */
function forwardedPattern(): Record<string, unknown> {
  const bySource = new Map<string, string[]>();
  for (const a of API_ALERTS) bySource.set(a.source, [...(bySource.get(a.source) ?? []), ...a.names]);
  return {
    $or: [
      { 'detail-type': [SIGN_IN] },
      { 'detail-type': [API_CALL], detail: { errorCode: DENIED } },
      ...[...bySource].map(([source, names]) => ({
        source: [source],
        'detail-type': [API_CALL],
        detail: { eventName: names },
      })),
      { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
      BREAK_GLASS_PATTERN,
      ...BACKUP_PATTERNS.failures,
      BACKUP_PATTERNS.restoreTests,
    ],
  };
}

/**
 * Landfall's security alerts: their kinds, and the EventBridge patterns behind them.
 */
export class SecurityAlertCatalog {
  /** Every alert kind, in the order the audit account's rules are made. */
  public static kinds(): SecurityAlertKind[] {
    const strip = ({ id, title, hipaa }: SecurityAlertKind): SecurityAlertKind => ({ id, title, hipaa });
    return [
      ...SIGN_IN_ALERTS.map(strip),
      strip(UNAUTHORIZED),
      ...API_ALERTS.map(strip),
      BREAK_GLASS,
      GUARDDUTY,
      SECURITY_HUB,
      BACKUP_FAILURE,
      RESTORE_TEST,
    ];
  }
}

/** Props of `SecurityAlerts`. */
export interface SecurityAlertsProps {
  /** ID of the organization whose accounts forward events. */
  readonly organizationId: string;
  /** Email addresses subscribed to the alerts. @default - none */
  readonly emails?: string[];
  /**
   * GuardDuty and Security Hub findings at or above this severity are alerts.
   * @default FindingSeverity.HIGH
   */
  readonly findingSeverity?: FindingSeverity;
  /**
   * Name of the alert bus other accounts forward to.
   * @default 'landfall-security-alerts'
   */
  readonly eventBusName?: string;
  /**
   * Name of the alert topic.
   * @default 'landfall-security-alerts'
   */
  readonly topicName?: string;
}

/**
 * The audit account's alerting: an event bus every account of the organization (and
 * only those) forwards its security events to (`AlertForwarding`), one EventBridge rule
 * per alert kind (root sign-in, console sign-in failures, denied API calls, changes to
 * SCPs/RCPs, CloudTrail, Config, security groups, network ACLs and route tables, KMS keys
 * disabled or scheduled for deletion, every use of a break-glass role, GuardDuty and Security Hub findings at or above a
 * severity, failed AWS Backup backup, copy and restore jobs, and the result of every
 * restore test), each publishing a message that names the account, the principal and the
 * action to an SNS topic encrypted with its own key, to which the alert addresses are
 * subscribed. The GuardDuty and Security Hub rules read the findings the audit account
 * collects as their delegated administrator.
 *
 * HIPAA: 164.308(a)(1)(ii)(D) information system activity review; 164.308(a)(5)(ii)(C)
 * log-in monitoring; 164.308(a)(6)(ii) response and reporting; 164.308(a)(7)(ii)(D) testing
 * and revision procedures; 164.312(a)(2)(ii) emergency access procedure; 164.312(b) audit controls.
 */
export class SecurityAlerts extends Construct {
  public readonly eventBus: events.EventBus;
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;
  /** The rule of each alert kind, by id. */
  public readonly rules: Record<string, events.Rule> = {};

  constructor(scope: Construct, id: string, props: SecurityAlertsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const busName = props.eventBusName ?? 'landfall-security-alerts';
    this.eventBus = new events.EventBus(this, 'Bus', { eventBusName: busName });
    // The bus's own resource policy: every account of the organization (and only those) may forward to it.
    (this.eventBus.node.defaultChild as events.CfnEventBus).policy = {
      Version: '2012-10-17',
      Statement: [
        new iam.PolicyStatement({
          sid: 'OrganizationAccountsForward',
          principals: [new iam.AnyPrincipal()],
          actions: ['events:PutEvents'],
          // By name: the bus's own ARN attribute cannot appear in its own properties.
          resources: [stack.formatArn({ service: 'events', resource: 'event-bus', resourceName: busName })],
          conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } },
        }).toStatementJson(),
      ],
    };
    this.key = landfallKey(this, 'Key', {
      description: 'Landfall security alerts topic key',
      alias: 'alias/landfall/security-alerts',
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'EventBridgePublishesAlerts',
        principals: [new iam.ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName ?? 'landfall-security-alerts',
      displayName: 'Landfall security alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    for (const email of props.emails ?? []) this.topic.addSubscription(new subscriptions.EmailSubscription(email));

    const onBus = (
      kind: SecurityAlertKind,
      pattern: events.EventPattern,
      message: events.RuleTargetInput,
      bus?: events.IEventBus,
    ) => {
      const rule = new events.Rule(this, `Alert-${kind.id}`, {
        ruleName: `landfall-alert-${kind.id}`,
        description: `Landfall alert: ${kind.title} (HIPAA ${kind.hipaa.join(', ')})`,
        eventBus: bus,
        eventPattern: pattern,
        targets: [new targets.SnsTopic(this.topic, { message })],
      });
      this.rules[kind.id] = rule;
      return rule;
    };
    const activity = (kind: SecurityAlertKind) =>
      events.RuleTargetInput.fromText(
        `Landfall alert: ${kind.title}. Account ${events.EventField.account}, principal ${events.EventField.fromPath('$.detail.userIdentity.arn')}, action ${events.EventField.fromPath('$.detail.eventSource')} ${events.EventField.fromPath('$.detail.eventName')} (${events.EventField.fromPath('$.detail.errorCode')}), region ${events.EventField.region}, at ${events.EventField.time}.`,
      );
    for (const kind of SIGN_IN_ALERTS) {
      onBus(kind, { source: AWS_SOURCES, detailType: [SIGN_IN], detail: kind.detail }, activity(kind), this.eventBus);
    }
    onBus(
      UNAUTHORIZED,
      { source: AWS_SOURCES, detailType: [API_CALL], detail: { errorCode: DENIED } },
      activity(UNAUTHORIZED),
      this.eventBus,
    );
    for (const kind of API_ALERTS) {
      onBus(
        kind,
        { source: [kind.source], detailType: [API_CALL], detail: { eventName: kind.names } },
        activity(kind),
        this.eventBus,
      );
    }
    // Every assumption of a break-glass role, with the person (the session's name is their user name) and the account.
    const breakGlass = onBus(
      BREAK_GLASS,
      { source: ['aws.sts'] },
      events.RuleTargetInput.fromText(
        `Landfall alert: ${BREAK_GLASS.title}. Account ${events.EventField.account}, by ${events.EventField.fromPath('$.detail.userIdentity.arn')} as ${events.EventField.fromPath('$.detail.requestParameters.roleSessionName')} (${events.EventField.fromPath('$.detail.eventName')}), role ${events.EventField.fromPath('$.detail.requestParameters.roleArn')}, region ${events.EventField.region}, at ${events.EventField.time}. Follow the break-glass procedure (docs/access.md).`,
      ),
      this.eventBus,
    );
    // The suffix match, which the L2 pattern type does not spell.
    (breakGlass.node.defaultChild as events.CfnRule).addPropertyOverride('EventPattern', BREAK_GLASS_PATTERN);
    const severity = props.findingSeverity ?? FindingSeverity.HIGH;
    // GuardDuty's findings as the delegated administrator sees them (every member's, forwarded from every region).
    onBus(
      GUARDDUTY,
      {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        account: [stack.account],
        detail: { severity: events.Match.greaterThanOrEqual(GUARDDUTY_MINIMUM[severity]) },
      },
      events.RuleTargetInput.fromText(
        `Landfall alert: ${GUARDDUTY.title}. Account ${events.EventField.fromPath('$.detail.accountId')}, ${events.EventField.fromPath('$.detail.type')} (severity ${events.EventField.fromPath('$.detail.severity')}): ${events.EventField.fromPath('$.detail.title')}, region ${events.EventField.fromPath('$.detail.region')}, finding ${events.EventField.fromPath('$.detail.id')}.`,
      ),
      this.eventBus,
    );
    // Security Hub's findings from every region, aggregated in this one, on the account's default bus.
    onBus(
      SECURITY_HUB,
      {
        source: ['aws.securityhub'],
        detailType: ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: SEVERITIES.slice(SEVERITIES.indexOf(severity)) },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
          },
        },
      },
      events.RuleTargetInput.fromText(
        `Landfall alert: ${SECURITY_HUB.title}. Account ${events.EventField.fromPath('$.detail.findings[0].AwsAccountId')}, ${events.EventField.fromPath('$.detail.findings[0].Title')} (severity ${events.EventField.fromPath('$.detail.findings[0].Severity.Label')}), from ${events.EventField.fromPath('$.detail.findings[0].ProductName')}, region ${events.EventField.fromPath('$.detail.findings[0].Region')}.`,
      ),
    );
    // AWS Backup's job events, forwarded by every account: failures, and the end of every restore test.
    const backupJob = (kind: SecurityAlertKind, patterns: Array<Record<string, unknown>>, text: string) => {
      const rule = onBus(kind, { source: ['aws.backup'] }, events.RuleTargetInput.fromText(text), this.eventBus);
      // EventBridge's `$or` and `exists`, which the L2 pattern type does not spell; the override merges with the source above.
      const withoutSource = patterns.map(({ source: _source, ...rest }) => rest);
      (rule.node.defaultChild as events.CfnRule).addPropertyOverride(
        'EventPattern',
        withoutSource.length === 1 ? withoutSource[0] : { $or: withoutSource },
      );
    };
    const field = (path: string) => events.EventField.fromPath(path);
    backupJob(
      BACKUP_FAILURE,
      BACKUP_PATTERNS.failures,
      `Landfall alert: ${BACKUP_FAILURE.title}. Account ${events.EventField.account}, ${events.EventField.detailType}: ${field('$.detail.state')}${field('$.detail.status')} for ${field('$.detail.resourceType')} ${field('$.detail.resourceArn')}${field('$.detail.sourceResourceArn')} (${field('$.detail.statusMessage')}), region ${events.EventField.region}, at ${events.EventField.time}.`,
    );
    backupJob(
      RESTORE_TEST,
      [BACKUP_PATTERNS.restoreTests],
      `Landfall: ${RESTORE_TEST.title}: ${field('$.detail.status')}. Account ${events.EventField.account}, ${field('$.detail.resourceType')} restored from ${field('$.detail.recoveryPointArn')} as ${field('$.detail.createdResourceArn')} (${field('$.detail.statusMessage')}), plan ${field('$.detail.restoreTestingPlanArn')}, region ${events.EventField.region}, at ${events.EventField.time}.`,
    );
  }
}

const SEVERITIES = [FindingSeverity.LOW, FindingSeverity.MEDIUM, FindingSeverity.HIGH, FindingSeverity.CRITICAL];
/** GuardDuty's numeric severities: low 1.0-3.9, medium 4.0-6.9, high 7.0-8.9, critical 9.0-10.0. */
const GUARDDUTY_MINIMUM: Record<FindingSeverity, number> = { LOW: 1, MEDIUM: 4, HIGH: 7, CRITICAL: 9 };

/** Props of `AlertForwarding`. */
export interface AlertForwardingProps {
  /** ARN of the audit account's alert bus (`SecurityAlerts.eventBus`). */
  readonly eventBusArn: string;
}

/**
 * Forwards this account's and region's security events to the audit account's alert bus:
 * console sign-ins, denied API calls (read-only ones too), changes to organization
 * policies, CloudTrail, Config, security groups, network ACLs, route tables and KMS keys,
 * assumptions of the break-glass role, GuardDuty findings, and AWS Backup's failed jobs and restore-test results. One rule, one role that may only put events on that bus.
 *
 * HIPAA: 164.308(a)(1)(ii)(D) information system activity review; 164.308(a)(5)(ii)(C)
 * log-in monitoring; 164.312(b) audit controls.
 */
export class AlertForwarding extends Construct {
  public readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: AlertForwardingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const bus = events.EventBus.fromEventBusArn(this, 'AuditBus', props.eventBusArn);
    const role = new iam.Role(this, 'Role', {
      roleName: `landfall-alert-forwarding-${stack.region}`,
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: "Puts this account's security events on the audit account's alert bus (Landfall)",
    });
    new iam.ManagedPolicy(this, 'PutOnTheAuditBus', {
      path: '/landfall/',
      roles: [role],
      statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [props.eventBusArn] })],
    });
    this.rule = new events.Rule(this, 'Rule', {
      ruleName: 'landfall-security-alert-forwarding',
      description: "Landfall: security events to the audit account's alert bus",
      eventPattern: { source: events.Match.prefix('aws.') },
      targets: [new targets.EventBus(bus, { role: role.withoutPolicyUpdates() })],
    });
    const cfn = this.rule.node.defaultChild as events.CfnRule;
    cfn.addPropertyOverride('EventPattern', forwardedPattern());
    // Denied read-only calls (Describe*, Get*, List*) reach EventBridge only in this state.
    cfn.addPropertyOverride('State', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS');
  }
}
