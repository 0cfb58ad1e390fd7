import { DeployTimeLogsProps } from '@landfall/encryption';
// The deploy-time call helper the encryption baseline uses: one function per stack, its findings reasoned once.
import { accountSettingsCall } from '@landfall/encryption/lib/account-settings-call';
import { DeployTimeReconciler } from '@landfall/encryption/lib/deploy-time-reconciler';
import { Stack } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { MACIE_MEMBERS_SOURCE, MAX_MACIE_MEMBERS } from './macie-members-reconciler';

/** GuardDuty's protection plans a HIPAA workload needs, all on for every account. */
const GUARDDUTY_FEATURES = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
  'RUNTIME_MONITORING',
] as const;

/** Runtime monitoring's agents, which GuardDuty manages itself. */
/** The audit stack's deploy-time function: the encryption stack's, in the same account and region, has the default name. */
const FUNCTION_NAME = 'landfall-security-settings';

const RUNTIME_AGENTS = ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'];

/** An account Macie enrols (Macie's organization setting reaches only accounts added later). */
export interface MacieMember {
  readonly accountId: string;
  /** The account's email address, as Macie's CreateMember takes it. */
  readonly email: string;
}

/** Props of `ThreatDetection`. */
export interface ThreatDetectionProps {
  /**
   * Whether this is the home region: Security Hub's central configuration and its
   * cross-region finding aggregation live there.
   */
  readonly home: boolean;
  /** The other governed regions, whose Security Hub findings the home region aggregates. */
  readonly linkedRegions?: string[];
  /**
   * ID of the organization's root (`r-...`): Security Hub's configuration policy is
   * associated with it, so it applies to every account.
   * @default - the policy is associated with nothing yet (Security Hub stays off in member accounts)
   */
  readonly rootId?: string;
  /**
   * The organization's existing accounts (but this one), enrolled in Macie here; accounts created later are
   * enrolled by Macie's organization setting.
   * @default - none
   */
  readonly macieMembers?: MacieMember[];
  /** Where the deploy-time function logs. @default - see DeployTimeLogsProps */
  readonly logs?: DeployTimeLogsProps;
}

/**
 * Threat detection for the whole organization, from the audit account as the delegated
 * administrator of each service (the org engine designates it), in one region:
 * - GuardDuty turned on for every account, present and future, with the protection plans
 *   of a HIPAA workload (S3 data events, EKS audit logs, EBS malware scans, RDS login
 *   events, Lambda network logs, runtime monitoring with GuardDuty-managed agents);
 * - Amazon Macie for every account, with automated sensitive-data discovery (it samples
 *   every S3 bucket for PHI and other sensitive data);
 * - an IAM Access Analyzer of the organization (resources shared outside it);
 * - in the home region, Security Hub's central configuration: one policy, applied at the
 *   root, that turns Security Hub on in every account and governed region with the AWS
 *   Foundational Security Best Practices and NIST SP 800-53 Rev. 5 standards, and finding
 *   aggregation from the other governed regions.
 * GuardDuty and Macie are configured through their APIs at deploy time (CloudFormation has
 * no resource for their organization settings), by the stack's one deploy-time function.
 *
 * HIPAA: 164.308(a)(1)(ii)(A) risk analysis; 164.308(a)(1)(ii)(D) information system
 * activity review; 164.308(a)(5)(ii)(B) protection from malicious software;
 * 164.308(a)(6)(ii) response and reporting; 164.312(b) audit controls.
 */
export class ThreatDetection extends Construct {
  /** GuardDuty's protection plans turned on for every account. */
  public static readonly GUARDDUTY_PLANS: string[] = [...GUARDDUTY_FEATURES];

  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const logs = props.logs ?? {};
    const id_ = (suffix: string) => cr.PhysicalResourceId.of(`landfall-${suffix}-${stack.region}`);

    // GuardDuty: the detector the delegated administrator already has, every plan on, every account enrolled.
    const detector = accountSettingsCall(
      this,
      'GuardDutyDetector',
      { service: 'GuardDuty', action: 'listDetectors', physicalResourceId: id_('guardduty-detector') },
      [new iam.PolicyStatement({ actions: ['guardduty:ListDetectors'], resources: ['*'] })],
      logs,
      FUNCTION_NAME,
    );
    const detectorId = detector.getResponseField('DetectorIds.0');
    // The detector by its ID, in a policy of its own: in the function's shared policy, it would make the function wait for itself.
    const detectorArn = `arn:${stack.partition}:guardduty:${stack.region}:${stack.account}:detector/${detectorId}`;
    const detectorPolicy = new iam.ManagedPolicy(this, 'GuardDutyDetectorPolicy', {
      path: '/landfall/',
      roles: [detector.grantPrincipal as iam.IRole],
      statements: [new iam.PolicyStatement({ actions: ['guardduty:UpdateDetector'], resources: [detectorArn] })],
    });
    const features = GUARDDUTY_FEATURES.map((name) => ({
      Name: name,
      Status: 'ENABLED',
      ...(name === 'RUNTIME_MONITORING'
        ? { AdditionalConfiguration: RUNTIME_AGENTS.map((a) => ({ Name: a, Status: 'ENABLED' })) }
        : {}),
    }));
    const plans = accountSettingsCall(
      this,
      'GuardDutyPlans',
      {
        service: 'GuardDuty',
        action: 'updateDetector',
        parameters: {
          DetectorId: detectorId,
          Enable: true,
          FindingPublishingFrequency: 'FIFTEEN_MINUTES',
          Features: features,
        },
        physicalResourceId: id_('guardduty-plans'),
      },
      [],
      logs,
      FUNCTION_NAME,
    );
    plans.node.addDependency(detectorPolicy);
    const members = accountSettingsCall(
      this,
      'GuardDutyOrganization',
      {
        service: 'GuardDuty',
        action: 'updateOrganizationConfiguration',
        parameters: {
          DetectorId: detectorId,
          AutoEnableOrganizationMembers: 'ALL',
          Features: GUARDDUTY_FEATURES.map((name) => ({
            Name: name,
            AutoEnable: 'ALL',
            ...(name === 'RUNTIME_MONITORING'
              ? { AdditionalConfiguration: RUNTIME_AGENTS.map((a) => ({ Name: a, AutoEnable: 'ALL' })) }
              : {}),
          })),
        },
        physicalResourceId: id_('guardduty-organization'),
      },
      [
        new iam.PolicyStatement({
          // UpdateOrganizationConfiguration has no resource type: "*" is the only resource IAM matches it with.
          actions: [
            'guardduty:UpdateOrganizationConfiguration',
            'organizations:DescribeOrganization',
            'organizations:ListAccounts',
          ],
          resources: ['*'],
        }),
      ],
      logs,
      FUNCTION_NAME,
    );
    members.node.addDependency(plans);

    // Macie: on in this account (already on is fine), every member enrolled, automated discovery everywhere.
    const macie = accountSettingsCall(
      this,
      'Macie',
      {
        service: 'Macie2',
        action: 'enableMacie',
        parameters: { status: 'ENABLED', findingPublishingFrequency: 'FIFTEEN_MINUTES' },
        physicalResourceId: id_('macie'),
        ignoreErrorCodesMatching: 'ConflictException',
      },
      [
        new iam.PolicyStatement({ actions: ['macie2:EnableMacie'], resources: ['*'] }),
        new iam.PolicyStatement({
          actions: ['iam:CreateServiceLinkedRole'],
          resources: [
            `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/macie.amazonaws.com/AWSServiceRoleForAmazonMacie`,
          ],
          conditions: { StringEquals: { 'iam:AWSServiceName': 'macie.amazonaws.com' } },
        }),
      ],
      logs,
      FUNCTION_NAME,
    );
    const macieMembers = accountSettingsCall(
      this,
      'MacieOrganization',
      {
        service: 'Macie2',
        action: 'updateOrganizationConfiguration',
        parameters: { autoEnable: true },
        physicalResourceId: id_('macie-organization'),
      },
      [new iam.PolicyStatement({ actions: ['macie2:UpdateOrganizationConfiguration'], resources: ['*'] })],
      logs,
      FUNCTION_NAME,
    );
    macieMembers.node.addDependency(macie);
    const discovery = accountSettingsCall(
      this,
      'MacieDiscovery',
      {
        service: 'Macie2',
        action: 'updateAutomatedDiscoveryConfiguration',
        parameters: { status: 'ENABLED', autoEnableOrganizationMembers: 'ALL' },
        physicalResourceId: id_('macie-discovery'),
      },
      [new iam.PolicyStatement({ actions: ['macie2:UpdateAutomatedDiscoveryConfiguration'], resources: ['*'] })],
      logs,
      FUNCTION_NAME,
    );
    discovery.node.addDependency(macieMembers);
    // Existing accounts: Macie's organization setting reaches only accounts created later.
    const enrolments = new MacieMembers(this, 'MacieMembers', { members: props.macieMembers ?? [], logs });
    enrolments.node.addDependency(macieMembers);
    // Sensitive-data findings (PHI found in a bucket), not only policy findings, reach Security Hub and so the alerts.
    const publication = accountSettingsCall(
      this,
      'MacieFindingsToSecurityHub',
      {
        service: 'Macie2',
        action: 'putFindingsPublicationConfiguration',
        parameters: { securityHubConfiguration: { publishClassificationFindings: true, publishPolicyFindings: true } },
        physicalResourceId: id_('macie-publication'),
      },
      [new iam.PolicyStatement({ actions: ['macie2:PutFindingsPublicationConfiguration'], resources: ['*'] })],
      logs,
      FUNCTION_NAME,
    );
    publication.node.addDependency(macie);

    new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', {
      analyzerName: 'landfall-organization',
      type: 'ORGANIZATION',
    });

    if (props.home) {
      const aggregator = new securityhub.CfnFindingAggregator(this, 'FindingAggregator', {
        regionLinkingMode: 'SPECIFIED_REGIONS',
        regions: props.linkedRegions ?? [],
      });
      const organization = new securityhub.CfnOrganizationConfiguration(this, 'SecurityHubOrganization', {
        autoEnable: false,
        autoEnableStandards: 'NONE',
        configurationType: 'CENTRAL',
      });
      organization.node.addDependency(aggregator);
      const standard = (path: string) => `arn:${stack.partition}:securityhub:${stack.region}::standards/${path}`;
      const policy = new securityhub.CfnConfigurationPolicy(this, 'SecurityHubPolicy', {
        name: 'landfall-hipaa',
        description:
          'Landfall: Security Hub on in every account and governed region, with the standards that map to HIPAA',
        configurationPolicy: {
          securityHub: {
            serviceEnabled: true,
            enabledStandardIdentifiers: [
              standard('aws-foundational-security-best-practices/v/1.0.0'),
              standard('nist-800-53/v/5.0.0'),
            ],
            securityControlsConfiguration: { disabledSecurityControlIdentifiers: [] },
          },
        },
      });
      policy.node.addDependency(organization);
      if (props.rootId) {
        new securityhub.CfnPolicyAssociation(this, 'SecurityHubPolicyAtRoot', {
          configurationPolicyId: policy.attrId,
          targetType: 'ROOT',
          targetId: props.rootId,
        });
      }
    }
  }
}

/** Props of `MacieMembers`. */
export interface MacieMembersProps {
  /** The accounts to enrol. */
  readonly members: MacieMember[];
  /** Where the enrolling function logs. @default - see DeployTimeLogsProps */
  readonly logs?: DeployTimeLogsProps;
  /**
   * The enrolling function's name: a second `MacieMembers` in the same account and region needs another.
   * @default 'landfall-macie-members'
   */
  readonly functionName?: string;
}

/**
 * Existing accounts enrolled in Amazon Macie by its delegated administrator, by one function whatever their number (a
 * resource per 3,000 accounts): a deploy-time function (`DeployTimeReconciler`) calls `CreateMember` for each account the resource lists and did not
 * list before (one already a member is left as it is). An account the list no longer holds, or every one when the
 * resource is deleted, stays a member: leaving Macie is never implicit. Macie's organization setting
 * (`ThreatDetection`) enrols only accounts created later.
 *
 * HIPAA: 164.308(a)(1)(ii)(A) risk analysis; 164.312(a)(1) access control (PHI found where it should not be).
 */
export class MacieMembers extends Construct {
  constructor(scope: Construct, id: string, props: MacieMembersProps) {
    super(scope, id);
    if (props.members.length === 0) return;
    const seen = new Set<string>();
    const twice = props.members.find((m) => seen.size === seen.add(m.accountId).size);
    if (twice) throw new Error(`MacieMembers: account ${twice.accountId} is listed twice`);
    const reconciler = new DeployTimeReconciler(this, 'Enrolment', {
      functionName: props.functionName ?? 'landfall-macie-members',
      description: "Landfall logging: enrols the organization's existing accounts in Amazon Macie",
      source: MACIE_MEMBERS_SOURCE,
      logKey: props.logs?.logKey,
      logRetention: props.logs?.logRetention,
      statements: [new iam.PolicyStatement({ actions: ['macie2:CreateMember'], resources: ['*'] })],
    });
    // Up to MAX_MACIE_MEMBERS accounts per resource, in the order given. An account that moves to another resource
    // as the list changes is harmless: the resource it joins finds it a member already, the one it leaves never
    // removes it.
    for (let k = 0; k * MAX_MACIE_MEMBERS < props.members.length; k++) {
      const part = props.members.slice(k * MAX_MACIE_MEMBERS, (k + 1) * MAX_MACIE_MEMBERS);
      reconciler.resource(this, k === 0 ? 'Members' : `Members${k + 1}`, 'Custom::LandfallMacieMembers', {
        Members: part.map((m) => ({ AccountId: m.accountId, Email: m.email })),
      });
    }
  }
}
