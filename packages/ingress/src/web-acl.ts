import { ArnFormat, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { logRetentionProblem, rateLimitProblem } from './checks';
import { ORIGIN_SECRET_RULE, OriginSecret } from './origin-secret';

/** The AWS managed rule groups every Landfall ingress web ACL runs, in order. */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesAmazonIpReputationList',
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
  'AWSManagedRulesSQLiRuleSet',
];

/** What a web ACL protects. */
export enum WebAclScope {
  /** A regional resource: the Application Load Balancer. */
  REGIONAL,
  /** CloudFront distributions (the web ACL lives in us-east-1). */
  CLOUDFRONT,
}

/** Props of `IngressWebAcl`. */
export interface IngressWebAclProps {
  /** What the web ACL protects. */
  readonly webAclScope: WebAclScope;
  /** The web ACL's name (its log group is `aws-waf-logs-<name>`). */
  readonly name: string;
  /** The key the WAF log group is encrypted with. */
  readonly logKey: kms.IKey;
  /**
   * How long WAF logs are kept (AWS Control Tower requires a year or more).
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Requests per 5 minutes from one client address above which its requests are blocked (10 to 2,000,000,000).
   * @default 2000
   */
  readonly rateLimit?: number;
  /**
   * The secret every request must carry (REGIONAL only: CloudFront adds it towards the origin).
   * @default - no header is required
   */
  readonly originSecret?: OriginSecret;
}

function managedGroup(name: string, priority: number): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: name, sampledRequestsEnabled: true },
  };
}

/**
 * An AWS WAF web ACL for the public entry: AWS's managed rule groups (IP reputation, common, known bad inputs, SQL
 * injection), a rate limit per client address and, on the load balancer's, a rule blocking every request that lacks
 * the origin secret. Every request it inspects is logged to a CloudWatch Logs group of its own (encrypted, retained),
 * with credentials and the secret redacted. A CLOUDFRONT web ACL exists only in us-east-1.
 *
 * HIPAA: 164.308(a)(1)(ii)(B) risk management; 164.312(a)(1) access control; 164.312(b) audit controls;
 * 164.312(c)(1) integrity.
 */
export class IngressWebAcl extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;
  public readonly webAclArn: string;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: IngressWebAclProps) {
    super(scope, id);
    const edge = props.webAclScope === WebAclScope.CLOUDFRONT;
    const problem =
      rateLimitProblem(props.rateLimit ?? 2000) ??
      logRetentionProblem(props.logRetention) ??
      (/^[A-Za-z0-9_-]{1,115}$/.test(props.name)
        ? undefined
        : `name is '${props.name}' — use letters, digits, '-' and '_'`);
    if (problem) throw new Error(`IngressWebAcl: ${problem}`);
    const region = Stack.of(this).region;
    if (edge && region !== 'us-east-1') {
      throw new Error(
        `IngressWebAcl: webAclScope CLOUDFRONT needs a stack in us-east-1 (this one's region is ${Token.isUnresolved(region) ? 'not known at synth' : region}) — AWS WAF keeps CloudFront web ACLs there`,
      );
    }
    if (edge && props.originSecret) {
      throw new Error(
        'IngressWebAcl: originSecret is for REGIONAL web ACLs — CloudFront adds the header towards the origin, viewers never send it',
      );
    }

    const rules: wafv2.CfnWebACL.RuleProperty[] = [];
    if (props.originSecret) rules.push(requireSecret(props.originSecret, rules.length));
    rules.push(rateRule(props.rateLimit ?? 2000, edge, rules.length));
    for (const name of MANAGED_RULE_GROUPS) rules.push(managedGroup(name, rules.length));
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: props.name,
      scope: edge ? 'CLOUDFRONT' : 'REGIONAL',
      description: `Landfall ingress: ${edge ? 'the CloudFront distribution' : 'the Application Load Balancer'}`,
      defaultAction: { allow: {} },
      rules,
      visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: props.name, sampledRequestsEnabled: true },
    });
    this.webAclArn = this.webAcl.attrArn;
    props.originSecret?.requireIn(this.webAcl);
    this.logGroup = this.logTo(props);
  }

  /** Every inspected request to `aws-waf-logs-<name>`, credentials and the origin secret redacted. */
  private logTo(props: IngressWebAclProps): logs.LogGroup {
    const logGroupName = `aws-waf-logs-${props.name}`;
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const redacted = ['authorization', 'cookie'];
    if (props.originSecret) redacted.push(props.originSecret.headerName.toLowerCase());
    const logging = new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // AWS WAF takes the log group's ARN without the ':*' that CloudFormation's Arn attribute ends with.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: redacted.map((name) => ({ singleHeader: { Name: name } })),
    });
    logging.node.addDependency(logGroup);
    return logGroup;
  }
}

function requireSecret(secret: OriginSecret, priority: number): wafv2.CfnWebACL.RuleProperty {
  return {
    name: ORIGIN_SECRET_RULE,
    priority,
    action: { block: {} },
    // The template holds the current value; the rotation rewrites this statement to accept the next one too.
    statement: {
      notStatement: {
        statement: {
          byteMatchStatement: {
            searchString: secret.headerValue,
            fieldToMatch: { singleHeader: { Name: secret.headerName.toLowerCase() } },
            textTransformations: [{ priority: 0, type: 'NONE' }],
            positionalConstraint: 'EXACTLY',
          },
        },
      },
    },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: ORIGIN_SECRET_RULE, sampledRequestsEnabled: true },
  };
}

/**
 * The rate limit per client. Behind CloudFront the load balancer's peer is an edge server, so its web ACL counts the
 * address CloudFront forwards (X-Forwarded-For); the distribution's counts the viewer's own.
 */
function rateRule(limit: number, edge: boolean, priority: number): wafv2.CfnWebACL.RuleProperty {
  return {
    name: 'RateLimitPerClient',
    priority,
    action: { block: {} },
    statement: {
      rateBasedStatement: edge
        ? { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300 }
        : {
            limit,
            aggregateKeyType: 'FORWARDED_IP',
            forwardedIpConfig: { headerName: 'X-Forwarded-For', fallbackBehavior: 'MATCH' },
            evaluationWindowSec: 300,
          },
    },
    visibilityConfig: {
      cloudWatchMetricsEnabled: true,
      metricName: 'RateLimitPerClient',
      sampledRequestsEnabled: true,
    },
  };
}
