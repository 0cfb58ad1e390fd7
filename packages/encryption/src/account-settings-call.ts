import { Aws, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct, IConstruct } from 'constructs';
import { DeployTimeLogsProps } from './deploy-time-logs';

/** CDK's id for the one function all `AwsCustomResource`s of a stack share. */
const SINGLETON_ID = 'AWS679f53fac002430cb0da5b7982bd2287';
const ROLE_ID = 'LandfallAccountSettingsRole';
/**
 * The path of every managed policy Landfall makes: CloudFormation cannot tag a managed policy, so the
 * guardrails protect them by path (ProtectLandfallStacks).
 */
export const MANAGED_POLICY_PATH = '/landfall/';

/**
 * The roles of deploy-time functions are named `landfall-deploy-time-*`: exempt from the guardrails whose
 * settings they make (EBS encryption by default, GuardDuty's organization settings), and so protected like every
 * exempt role (ProtectPrivilegedRoles): no one else may create, change, assume or pass them.
 */
export const DEPLOY_TIME_ROLE_PREFIX = 'landfall-deploy-time-';

/** The function's name where none is given; a second stack in the same account and region needs another. */
export const DEFAULT_FUNCTION_NAME = 'landfall-account-settings';
const LOG_GROUP_ID = 'LandfallAccountSettingsLogs';

/**
 * The one reason Landfall gives for a wildcard in an IAM resource (cdk-nag AwsSolutions-IAM5): each
 * use is one of these three cases, and nothing else is acknowledged.
 */
export const WILDCARD_REASON =
  "A wildcard only where IAM cannot name the resource more narrowly: \"*\" for actions that support no resource-level permissions (account and organization settings such as EBS encryption by default, S3 account Block Public Access, GuardDuty and Macie organization settings, AWS Backup region and cross-account settings, reading the organization for AWS Config); the objects of named buckets for S3 object-level actions (replication into the log archive, from its delivery bucket and from the AWS Backup reports bucket); the log streams of one named log group, which Lambda names at run time; the AWS-managed prefix lists a deploy-time call reads (ec2:DescribeManagedPrefixLists names no resource); for the ingress, cloudfront:ListDistributions (no resource) and the account's distributions (distribution/*), which the origin secret's rotation finds by their origin at run time, and the objects under the ingress log bucket's prefix, replicated into the log archive; for Session Manager, \"*\" for actions that name no resource (the agent's ssmmessages channels, ssm:DescribeSessions, ssm:DescribeInstanceInformation) and for instance registration (ssm:UpdateInstanceInformation) in the one policy every server's role attaches, whichever instance it runs on, the session log objects under one prefix of the log archive's bucket, an administrator's own sessions (session/${aws:userid}-*), which Session Manager names at run time, and the bastion's instances (instance/* with its tag), whose IDs Auto Scaling picks at launch; for break-glass, the break-glass role of every member account (role/landfall-break-glass in any account, only with MFA and only in the organization), which accounts the organization adds later must be reachable too; for the reconcilers that place many like things in one resource, the spokes' transit gateway attachments, which are other accounts' resources that come and go with them (transit-gateway-attachment/* in any account of the region; the route tables are named by ID), and ec2:DescribeTransitGatewayAttachments (no resource); the accounts (sso account/*, which grow with the organization) and permission sets (permissionSet/*/*, whose IDs Identity Center picks) of the one Identity Center instance, and, for a set assigned in the management account itself, Identity Center's reserved roles and SAML provider there (role/aws-reserved/sso.amazonaws.com/*, saml-provider/AWSSSO_*_DO_NOT_DELETE); Macie's CreateMember (no resource); and each reconciler's own log group's streams.";

/**
 * The one reason Landfall gives for an AWS managed policy (cdk-nag AwsSolutions-IAM4): two roles use them, and only
 * these: AWS Backup's service role and the break-glass role.
 */
export const AWS_MANAGED_POLICY_REASON =
  "Two roles use AWS managed policies, because their purpose is what AWS keeps the policy current for: AWS Backup's service role uses AWS Backup's own managed policies (AWSBackupServiceRolePolicyForBackup and ForRestores, and the S3 pair), which AWS documents for this role and extends as AWS Backup supports new resource types, where a hand-written copy would silently stop backing up a type AWS adds; the break-glass role uses AdministratorAccess, because emergency access must not fail on a service or action a hand-written list forgot, and it is still bounded by every guardrail, assumable only by the named break-glass users of the management account with MFA, and alerted on each use. No principal of a member account may change, assume or pass either role (ProtectPrivilegedRoles).";

/**
 * Why Landfall's upkeep functions are not VPC, reserved-concurrency, DLQ Lambdas: one kind of function, one reason
 * for its three findings. Four kinds exist, and only these: the shared deploy-time function and the reconcilers
 * (invoked by CloudFormation), the ingress origin secret's rotation (invoked by Secrets Manager,
 * `@landfall/ingress`), and CDK's own function that empties a new VPC's default security group (`@landfall/network`).
 */
export const UPKEEP_FUNCTION_REASON =
  "Landfall's upkeep functions hold no data, call only AWS APIs and are invoked only by AWS, which waits for the answer: the deploy-time function (CloudFormation, once per stack update) makes idempotent account- and organization-setting calls to its own account's regional APIs and must also run in accounts that have no VPC by design (log archive, audit), as do the reconcilers (CloudFormation, once per update of their resource), which bring a list of like things (spokes in route domains, Identity Center assignments, Macie members) to what the resource says; the ingress origin secret's rotation (Secrets Manager, four calls per rotation) calls CloudFront's API, which has no VPC endpoint, from VPCs that have no NAT by design; CDK's function that empties a new VPC's default security group (CloudFormation, once per VPC) runs while that VPC is being created, so it cannot run inside it. So: outside a VPC; no reserved concurrency, which would take capacity from the account's pool and fails outright in new accounts whose quota is 10; no dead-letter queue, because a failed call is recorded where it is seen (CloudFormation fails and rolls back the update; Secrets Manager marks the rotation failed and keeps the current value) and nobody would replay a queued one.";

const UPKEEP_RULES = ['LambdaInsideVPC', 'LambdaConcurrency', 'LambdaDLQ'];

/**
 * An idempotent account-level SDK call at deploy time, through the stack's one
 * shared function. The function has its own name, a role with a managed policy
 * that each call extends (no inline policy, no AWS managed policy), and its
 * findings acknowledged once, with reasons.
 */
export function accountSettingsCall(
  scope: Construct,
  id: string,
  call: cr.AwsSdkCall,
  statements: iam.PolicyStatement[],
  logProps: DeployTimeLogsProps = {},
  functionName: string = DEFAULT_FUNCTION_NAME,
): cr.AwsCustomResource {
  const stack = Stack.of(scope);
  const logGroup = functionLogGroup(stack, logProps, functionName);
  const role = providerRole(stack, functionName);
  role.policy.addStatements(...statements);
  const resource = new cr.AwsCustomResource(scope, id, {
    onCreate: call,
    onUpdate: call,
    role: role.role,
    functionName,
    installLatestAwsSdk: false,
  });
  // The log group exists, with its key and retention, before the function first writes.
  resource.node.addDependency(logGroup);
  acknowledgeOnce(stack.node.findChild(SINGLETON_ID));
  return resource;
}

/**
 * The function's log group, created by the stack rather than by Lambda at run time, so
 * it has the logs key and a retention, and is kept when the stack is deleted. The first
 * call in a stack decides its key and retention.
 */
function functionLogGroup(stack: Stack, props: DeployTimeLogsProps, functionName: string): logs.LogGroup {
  const existing = stack.node.tryFindChild(LOG_GROUP_ID) as logs.LogGroup | undefined;
  if (existing) return existing;
  return new logs.LogGroup(stack, LOG_GROUP_ID, {
    logGroupName: `/aws/lambda/${functionName}`,
    encryptionKey: props.logKey,
    retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

function providerRole(stack: Stack, functionName: string): { role: iam.Role; policy: iam.ManagedPolicy } {
  const existing = stack.node.tryFindChild(ROLE_ID) as iam.Role | undefined;
  if (existing) return { role: existing, policy: existing.node.findChild('Policy') as iam.ManagedPolicy };
  const role = new iam.Role(stack, ROLE_ID, {
    roleName: `${DEPLOY_TIME_ROLE_PREFIX}${functionName.replace(/^landfall-/, '')}-${Aws.REGION}`,
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `Landfall deploy-time account settings (${functionName})`,
  });
  const policy = new iam.ManagedPolicy(role, 'Policy', { roles: [role], path: MANAGED_POLICY_PATH });
  // The function's own log group (the stack creates it), by name: no other log group is writable. Pseudo parameters, not the
  // stack's literal region and account, so the acknowledgement below is the same rule in every stack.
  const logGroup = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/lambda/${functionName}`;
  policy.addStatements(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`${logGroup}:log-stream:*`],
    }),
  );
  Validations.of(policy).acknowledge(
    { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: WILDCARD_REASON },
    {
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/${functionName}:log-stream:*]`,
      reason: WILDCARD_REASON,
    },
  );
  return { role, policy };
}

function acknowledgeOnce(fn: IConstruct): void {
  if (fn.node.metadata.some((m) => JSON.stringify(m.data).includes('LambdaInsideVPC'))) return;
  acknowledgeUpkeepFunction(fn);
}

/**
 * Acknowledges, with Landfall's reasons, the findings every upkeep function has (outside a VPC, no reserved
 * concurrency, no dead-letter queue). For functions AWS invokes for Landfall's own upkeep only: the shared
 * deploy-time function and the ingress origin secret's rotation.
 */
export function acknowledgeUpkeepFunction(fn: IConstruct): void {
  for (const rule of UPKEEP_RULES) {
    Validations.of(fn).acknowledge(
      { id: `HIPAA.Security::HIPAA.Security-${rule}`, reason: UPKEEP_FUNCTION_REASON },
      { id: `NIST.800.53.R5::NIST.800.53.R5-${rule}`, reason: UPKEEP_FUNCTION_REASON },
    );
  }
  // The same finding from AWS Control Tower's proactive controls (cfn-guard), for the same reason.
  Validations.of(fn).acknowledge({
    id: 'cdk-validator-cfnguard::lambda_inside_vpc_check',
    reason: UPKEEP_FUNCTION_REASON,
  });
}
