import { UPKEEP_FUNCTION_REASON } from '@landfall/encryption/lib/account-settings-call';
import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/**
 * The settings every Landfall VPC shares: no NAT gateway, the default security
 * group closed, DNS on, S3 and DynamoDB through gateway endpoints.
 */
export const BASELINE_VPC_PROPS: Partial<ec2.VpcProps> = {
  natGateways: 0,
  restrictDefaultSecurityGroup: true,
  enableDnsHostnames: true,
  enableDnsSupport: true,
  gatewayEndpoints: {
    S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
    DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
  },
};

/** What a Landfall VPC records: every packet's metadata and every DNS query. */
export interface VpcLogs {
  readonly flowLogGroup: logs.LogGroup;
  readonly dnsQueryLogGroup: logs.LogGroup;
}

/**
 * Flow logs (all traffic) and Route 53 Resolver query logs of `vpc`, each to its
 * own log group encrypted with `key` and retained when the stack goes.
 */
export function recordVpcActivity(
  scope: Construct,
  vpc: ec2.Vpc,
  key: kms.IKey,
  retention: logs.RetentionDays,
  archiveBucketArn?: string,
): VpcLogs {
  acknowledgeDefaultSecurityGroupProvider(vpc);
  const flowLogGroup = new logs.LogGroup(scope, 'FlowLogs', {
    encryptionKey: key,
    retention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  // A role with a managed policy scoped to this log group (no inline policy, no wildcard resource).
  const role = new iam.Role(scope, 'FlowLogRole', {
    assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com'),
  });
  new iam.ManagedPolicy(scope, 'FlowLogWrite', {
    path: '/landfall/',
    roles: [role],
    statements: [
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resources: [flowLogGroup.logGroupArn],
      }),
    ],
  });
  vpc.addFlowLog('FlowLog', {
    // Immutable: CDK's own grants would add an inline policy; the managed one above is all it needs.
    destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogGroup, role.withoutPolicyUpdates()),
    trafficType: ec2.FlowLogTrafficType.ALL,
  });
  if (archiveBucketArn) {
    // The organization's copy, under the archive's Object Lock (the bucket policy admits the log delivery service).
    vpc.addFlowLog('ArchiveFlowLog', {
      destination: ec2.FlowLogDestination.toS3(s3.Bucket.fromBucketArn(scope, 'Archive', archiveBucketArn), undefined, {
        fileFormat: ec2.FlowLogFileFormat.PARQUET,
        hiveCompatiblePartitions: true,
        perHourPartition: true,
      }),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
  }

  const dnsQueryLogGroup = new logs.LogGroup(scope, 'DnsQueryLogs', {
    encryptionKey: key,
    retention,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const queryLogging = new route53resolver.CfnResolverQueryLoggingConfig(scope, 'DnsQueryLogging', {
    destinationArn: dnsQueryLogGroup.logGroupArn,
  });
  new route53resolver.CfnResolverQueryLoggingConfigAssociation(scope, 'DnsQueryLoggingAssociation', {
    resolverQueryLogConfigId: queryLogging.attrId,
    resourceId: vpc.vpcId,
  });
  return { flowLogGroup, dnsQueryLogGroup };
}

/** AWS Control Tower's proactive control for Lambda functions outside a VPC (cfn-guard). */
const CFN_GUARD_LAMBDA_IN_VPC = 'cdk-validator-cfnguard::lambda_inside_vpc_check';

/**
 * `restrictDefaultSecurityGroup` deploys CDK's own function (one per stack) that
 * removes the default group's rules; it runs while the VPC is being created, so it
 * cannot run inside it.
 */
function acknowledgeDefaultSecurityGroupProvider(vpc: ec2.Vpc): void {
  const provider = Stack.of(vpc).node.tryFindChild('Custom::VpcRestrictDefaultSGCustomResourceProvider');
  if (!provider || provider.node.metadata.some((m) => JSON.stringify(m.data).includes(CFN_GUARD_LAMBDA_IN_VPC))) return;
  Validations.of(provider).acknowledge({
    id: CFN_GUARD_LAMBDA_IN_VPC,
    reason: UPKEEP_FUNCTION_REASON,
  });
}
