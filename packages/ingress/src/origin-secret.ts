import {
  MANAGED_POLICY_PATH,
  WILDCARD_REASON,
  acknowledgeUpkeepFunction,
} from '@landfall/encryption/lib/account-settings-call';
import { acknowledgeWildcards } from '@landfall/encryption/lib/nag-wildcards';
import { Aws, Duration, Lazy, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ROTATION_HANDLER } from './rotation-handler';

/** The name of the web ACL rule that blocks requests without the origin secret, which the rotation rewrites. */
export const ORIGIN_SECRET_RULE = 'RequireOriginSecret';

/** Props of `OriginSecret`. */
export interface OriginSecretProps {
  /** The key the secret is encrypted with. */
  readonly key: kms.IKey;
  /** The origin (the load balancer's name for CloudFront) whose distributions send the header. */
  readonly originDomainName: string;
  /** The key the rotation function's log group is encrypted with. */
  readonly logKey: kms.IKey;
  /**
   * How long the rotation function's logs are kept.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * The header CloudFront sends to the origin.
   * @default 'X-Origin-Verify'
   */
  readonly headerName?: string;
  /**
   * Days between rotations.
   * @default 30
   */
  readonly rotationDays?: number;
  /**
   * Name of the rotation function; a second origin secret in the same account and region needs another.
   * @default 'landfall-ingress-origin-secret'
   */
  readonly functionName?: string;
}

/** Why the header name is refused, or undefined. */
function headerProblem(name: string): string | undefined {
  if (!/^[A-Za-z0-9-]{1,64}$/.test(name)) return 'use letters, digits and hyphens (at most 64)';
  if (/^x-(amz|edge)-/i.test(name)) return "CloudFront reserves the 'X-Amz-' and 'X-Edge-' prefixes";
  return undefined;
}

/**
 * The shared secret that proves a request to the origin came through CloudFront: a random value (43 characters,
 * 256 bits) in Secrets Manager, encrypted with a customer-managed key, that CloudFront adds to each origin request as a
 * custom header and the load balancer's web ACL requires. Secrets Manager rotates it on a schedule through a function
 * of its own: the web ACL first accepts the new value beside the current and previous ones, then every distribution
 * whose origin is `originDomainName` sends it, then it becomes current; nothing is refused while edges update.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(d) person or entity authentication; 164.312(e)(1) transmission security.
 */
export class OriginSecret extends Construct {
  public readonly secret: secretsmanager.Secret;
  /** The header CloudFront sends. */
  public readonly headerName: string;
  /** The current value, as a CloudFormation dynamic reference (resolved at deployment, never in the template). */
  public readonly headerValue: string;
  public readonly rotationFunction: lambda.Function;
  public readonly rotationSchedule: secretsmanager.CfnRotationSchedule;
  private readonly policy: iam.ManagedPolicy;
  private webAclArn?: string;

  constructor(scope: Construct, id: string, props: OriginSecretProps) {
    super(scope, id);
    this.headerName = props.headerName ?? 'X-Origin-Verify';
    const problem = headerProblem(this.headerName);
    if (problem) throw new Error(`OriginSecret: headerName is '${this.headerName}' — ${problem}`);
    const days = props.rotationDays ?? 30;
    if (!Token.isUnresolved(days) && (!Number.isInteger(days) || days < 1 || days > 1000)) {
      throw new Error(`OriginSecret: rotationDays is ${days} — Secrets Manager rotates every 1 to 1000 days`);
    }
    const functionName = props.functionName ?? 'landfall-ingress-origin-secret';

    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'Landfall ingress: the header CloudFront sends to the origin, which its web ACL requires',
      encryptionKey: props.key,
      generateSecretString: {
        secretStringTemplate: '{}',
        generateStringKey: 'value',
        passwordLength: 43,
        excludePunctuation: true,
      },
    });
    this.headerValue = this.secret.secretValueFromJson('value').unsafeUnwrap();

    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      path: MANAGED_POLICY_PATH,
      statements: this.statements(props, functionName),
    });
    this.acknowledgeWildcards(functionName);
    this.rotationFunction = this.rotator(props, functionName);
    this.rotationSchedule = this.schedule(days);
    this.node.addValidation({
      validate: () =>
        this.webAclArn
          ? []
          : [
              'OriginSecret: no web ACL requires it — create the IngressWebAcl with originSecret (SecureIngress does), or call requireIn(webAcl)',
            ],
    });
  }

  /**
   * Makes `webAcl` the one whose rule `ORIGIN_SECRET_RULE` the rotation keeps current (IngressWebAcl calls it), and
   * lets the function read and update that web ACL only.
   */
  public requireIn(webAcl: wafv2.CfnWebACL): void {
    if (this.webAclArn) throw new Error('OriginSecret: already required by a web ACL — each origin secret has one');
    this.webAclArn = webAcl.attrArn;
    this.policy.addStatements(
      new iam.PolicyStatement({ actions: ['wafv2:GetWebACL', 'wafv2:UpdateWebACL'], resources: [webAcl.attrArn] }),
    );
  }

  /**
   * Lets the function update distributions that log to `bucket`: CloudFront checks that whoever updates a distribution
   * with standard logging may read and write the log bucket's ACL.
   */
  public grantDistributionLogging(bucket: s3.IBucket): void {
    this.policy.addStatements(
      new iam.PolicyStatement({ actions: ['s3:GetBucketAcl', 's3:PutBucketAcl'], resources: [bucket.bucketArn] }),
    );
  }

  /** The function, its own log group and role (the managed policy only, no AWS managed policy). */
  private rotator(props: OriginSecretProps, functionName: string): lambda.Function {
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${functionName}`,
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(this, 'Role', {
      // Named after the function: the guardrails let `landfall-ingress-*` roles (and nobody else outside Landfall's
      // deployments) update the distribution and the web ACL, and reserve the names.
      roleName: `${functionName}-${Stack.of(this).region}`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Landfall ingress: rotates the origin secret (${functionName})`,
    });
    this.policy.attachToRole(role);
    const fn = new lambda.Function(this, 'Function', {
      functionName,
      description: 'Landfall ingress: rotates the origin secret in the web ACL and on CloudFront',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(ROTATION_HANDLER),
      role,
      logGroup,
      timeout: Duration.minutes(2),
      memorySize: 256,
      environment: {
        WEB_ACL_ARN: Lazy.string({ produce: () => this.webAclArn }),
        RULE_NAME: ORIGIN_SECRET_RULE,
        HEADER_NAME: this.headerName,
        ORIGIN_DOMAIN_NAME: props.originDomainName,
      },
    });
    fn.node.addDependency(this.policy);
    acknowledgeUpkeepFunction(fn);
    return fn;
  }

  /** Rotation every `days`, by the function, which Secrets Manager may invoke for this secret only. */
  private schedule(days: number): secretsmanager.CfnRotationSchedule {
    const invoke = new lambda.CfnPermission(this, 'SecretsManagerInvokes', {
      action: 'lambda:InvokeFunction',
      functionName: this.rotationFunction.functionName,
      principal: 'secretsmanager.amazonaws.com',
      sourceAccount: Stack.of(this).account,
      sourceArn: this.secret.secretArn,
    });
    const schedule = new secretsmanager.CfnRotationSchedule(this, 'Rotation', {
      secretId: this.secret.secretArn,
      rotationLambdaArn: this.rotationFunction.functionArn,
      rotationRules: { automaticallyAfterDays: days },
    });
    schedule.node.addDependency(invoke);
    return schedule;
  }

  private statements(props: OriginSecretProps, functionName: string): iam.PolicyStatement[] {
    const stack = Stack.of(this);
    return [
      new iam.PolicyStatement({
        actions: [
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
        ],
        resources: [this.secret.secretArn],
      }),
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [props.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
      }),
      // ListDistributions has no resource type; the distributions are found by origin at run time.
      new iam.PolicyStatement({ actions: ['cloudfront:ListDistributions'], resources: ['*'] }),
      new iam.PolicyStatement({
        actions: ['cloudfront:GetDistributionConfig', 'cloudfront:UpdateDistribution'],
        resources: [this.distributions()],
      }),
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logStreams(functionName)],
      }),
    ];
  }

  private distributions(): string {
    return `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/*`;
  }

  private logStreams(functionName: string): string {
    return `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/lambda/${functionName}:log-stream:*`;
  }

  private acknowledgeWildcards(functionName: string): void {
    acknowledgeWildcards(this.policy, ['*', this.distributions(), this.logStreams(functionName)], WILDCARD_REASON);
  }
}
