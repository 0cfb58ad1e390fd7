import { Annotations, Arn, ArnFormat, Stack, Token, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { logRetentionProblem, rateLimitProblem } from './checks';
import { IngressLogBucket } from './log-bucket';
import { CLOUDFRONT_ORIGIN_FACING_US_EAST_1, originLoadBalancer } from './origin-load-balancer';
import { OriginSecret } from './origin-secret';
import { ViewerTlsVersion } from './viewer-tls';
import { IngressWebAcl, WebAclScope } from './web-acl';

/** Props of `SecureIngress`. */
/** Props of `SecureIngress.addTargetGroup`. */
export interface ServiceTargetGroupProps {
  /** What the service registers: IP addresses (ECS on Fargate) or instances. */
  readonly targetType: elbv2.TargetType;
  /**
   * The port the targets serve HTTPS on.
   * @default 443
   */
  readonly port?: number;
  /**
   * The health check; its protocol is HTTPS unless given.
   * @default - HTTPS on the traffic port, path '/'
   */
  readonly healthCheck?: elbv2.HealthCheck;
  /**
   * Which requests the group gets.
   * @default - every path
   */
  readonly conditions?: elbv2.ListenerCondition[];
  /**
   * The rule's priority (1 to 50000, lower first).
   * @default 50000
   */
  readonly priority?: number;
}

export interface SecureIngressProps {
  /** The VPC the load balancer is in. */
  readonly vpc: ec2.IVpc;
  /**
   * The public subnets the load balancer is in (two Availability Zones or more).
   * @default { subnetGroupName: 'ingress' }
   */
  readonly albSubnets?: ec2.SubnetSelection;
  /**
   * The name CloudFront reaches the load balancer by: a name of your domain that you point at the load balancer
   * (`loadBalancer.loadBalancerDnsName`), covered by `originCertificate`.
   */
  readonly originDomainName: string;
  /** The load balancer's certificate (ACM, in the load balancer's Region), for `originDomainName`. */
  readonly originCertificate: acm.ICertificate;
  /**
   * The names viewers use (with `viewerCertificate`).
   * @default - the distribution's own *.cloudfront.net name only
   */
  readonly domainNames?: string[];
  /**
   * The certificate for `domainNames` (ACM, in us-east-1).
   * @default - CloudFront's default certificate, which CloudFront serves with TLSv1 allowed
   */
  readonly viewerCertificate?: acm.ICertificate;
  /**
   * The oldest TLS viewers may use (applies with `viewerCertificate`).
   * @default ViewerTlsVersion.TLS_V1_2_2021
   */
  readonly minimumTlsVersion?: ViewerTlsVersion;
  /**
   * Requests per 5 minutes from one client address above which both web ACLs block it (10 to 2,000,000,000).
   * @default 2000
   */
  readonly rateLimit?: number;
  /** The key the WAF logs and the rotation function's logs are encrypted with. */
  readonly logKey: kms.IKey;
  /**
   * How long WAF and function logs are kept (a year or more).
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;
  /** Where the load balancer's and CloudFront's access logs land. */
  readonly logBucket: IngressLogBucket;
  /** The key the origin secret is encrypted with. */
  readonly originSecretKey: kms.IKey;
  /**
   * The header that carries the origin secret.
   * @default 'X-Origin-Verify'
   */
  readonly originSecretHeaderName?: string;
  /**
   * Days between rotations of the origin secret.
   * @default 30
   */
  readonly originSecretRotationDays?: number;
  /**
   * The CloudFront web ACL (scope CLOUDFRONT, in us-east-1), e.g. an `IngressWebAcl` of a us-east-1 stack.
   * @default - created here, which requires this stack to be in us-east-1
   */
  readonly cloudFrontWebAclArn?: string;
  /**
   * The ID of the managed prefix list `com.amazonaws.global.cloudfront.origin-facing` in this stack's Region
   * (`aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.global.cloudfront.origin-facing`).
   * @default 'pl-3b927c52' in us-east-1; required in every other Region
   */
  readonly cloudFrontPrefixListId?: string;
  /**
   * Which edge locations serve viewers.
   * @default cloudfront.PriceClass.PRICE_CLASS_100
   */
  readonly priceClass?: cloudfront.PriceClass;
  /**
   * The countries viewers may be in.
   * @default cloudfront.GeoRestriction.allowlist('US')
   */
  readonly geoRestriction?: cloudfront.GeoRestriction;
  /**
   * How CloudFront caches responses.
   * @default cloudfront.CachePolicy.CACHING_DISABLED
   */
  readonly cachePolicy?: cloudfront.ICachePolicy;
  /**
   * What CloudFront forwards to the origin. The viewer's Host header is not forwarded by default: CloudFront checks
   * the origin's certificate against the Host it sends, which must be `originDomainName`.
   * @default cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER
   */
  readonly originRequestPolicy?: cloudfront.IOriginRequestPolicy;
  /**
   * The object CloudFront returns for '/'.
   * @default - none: the application answers '/'
   */
  readonly defaultRootObject?: string;
  /**
   * Prefix of the web ACLs', WAF log groups' and rotation function's names; unique per account and Region.
   * @default 'landfall-ingress'
   */
  readonly namePrefix?: string;
}

/** CloudFront's name for each. */
/** The lowest listener rule priority: a service attached without conditions yields to every other rule. */
const CATCH_ALL_PRIORITY = 50000;

/**
 * Why the distribution has no default root object and no origin failover (Control Tower's CT.CLOUDFRONT.PR.1 and
 * PR.4, written for static S3 sites).
 */
export const APPLICATION_ORIGIN_REASON =
  "The distribution fronts an application behind a load balancer, not a static S3 site: a default root object would make CloudFront ask the application for that file instead of '/', and an origin group works only for GET, HEAD and OPTIONS, so it would refuse the application's POST, PUT and DELETE. The load balancer spans two availability zones or more; failing over to another region is the workload's disaster-recovery design.";

function securityPolicy(version: ViewerTlsVersion): cloudfront.SecurityPolicyProtocol {
  switch (version) {
    case ViewerTlsVersion.TLS_V1_2_2019:
      return cloudfront.SecurityPolicyProtocol.TLS_V1_2_2019;
    case ViewerTlsVersion.TLS_V1_3_2025:
      return cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025;
    default:
      return cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021;
  }
}

/** How many subnets the selection picks, or the error naming `albSubnets`. */
function selectedSubnets(vpc: ec2.IVpc, selection: ec2.SubnetSelection): number {
  try {
    return vpc.selectSubnets(selection).subnets.length;
  } catch (e) {
    throw new Error(
      `SecureIngress: albSubnets selects nothing in the VPC (${(e as Error).message}) — name the public subnets the load balancer goes in`,
    );
  }
}

const literal = (value: string | undefined): value is string => value !== undefined && !Token.isUnresolved(value);

/** The first problem with the props, naming the prop and the fix, or undefined. */
function problemWith(props: SecureIngressProps, region: string): string | undefined {
  const prefix = props.namePrefix ?? 'landfall-ingress';
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(prefix)) {
    return `namePrefix is '${prefix}' — use lower-case letters, digits and hyphens (at most 40)`;
  }
  const rate = rateLimitProblem(props.rateLimit ?? 2000) ?? logRetentionProblem(props.logRetention);
  if (rate) return rate;
  if (literal(props.originDomainName) && /\.elb\.amazonaws\.com\.?$/i.test(props.originDomainName)) {
    return `originDomainName is '${props.originDomainName}' — CloudFront checks the origin's certificate against it and no ACM certificate covers an elb.amazonaws.com name: give a name of your domain that points at the load balancer`;
  }
  if (!!props.domainNames?.length !== !!props.viewerCertificate) {
    return 'domainNames and viewerCertificate go together — give both (a us-east-1 certificate for the names) or neither';
  }
  const certArn = props.viewerCertificate?.certificateArn;
  const certRegion = literal(certArn) ? Arn.split(certArn, ArnFormat.SLASH_RESOURCE_NAME).region : undefined;
  if (certRegion !== undefined && certRegion !== 'us-east-1') {
    return `viewerCertificate is in ${certRegion} — CloudFront uses certificates from us-east-1: request or import it there`;
  }
  if (!props.cloudFrontWebAclArn && region !== 'us-east-1') {
    return `cloudFrontWebAclArn is not given and this stack is in ${Token.isUnresolved(region) ? 'a Region not known at synth' : region} — CloudFront web ACLs exist only in us-east-1: deploy this stack there, or create an IngressWebAcl (webAclScope CLOUDFRONT) in a us-east-1 stack and pass its ARN`;
  }
  if (
    literal(props.cloudFrontWebAclArn) &&
    !/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\//.test(props.cloudFrontWebAclArn)
  ) {
    return `cloudFrontWebAclArn is '${props.cloudFrontWebAclArn}' — give the ARN of a CLOUDFRONT-scope web ACL (arn:aws:wafv2:us-east-1:<account>:global/webacl/...)`;
  }
  if (!props.cloudFrontPrefixListId && region !== 'us-east-1') {
    return `cloudFrontPrefixListId is required outside us-east-1 — give the ID of com.amazonaws.global.cloudfront.origin-facing in this Region (aws ec2 describe-managed-prefix-lists)`;
  }
  if (literal(props.cloudFrontPrefixListId) && !/^pl-[0-9a-f]{8,17}$/.test(props.cloudFrontPrefixListId)) {
    return `cloudFrontPrefixListId is '${props.cloudFrontPrefixListId}' — give a prefix list ID (pl-...)`;
  }
  return undefined;
}

/**
 * A workload's public entry: CloudFront (HTTPS only, its own web ACL, standard logs) in front of an internet-facing
 * Application Load Balancer that only CloudFront can reach — its security group admits CloudFront's origin-facing
 * servers on 443 and nothing else, and its own web ACL blocks any request without the origin secret, which
 * CloudFront adds and Secrets Manager rotates. Both web ACLs run AWS's managed rule groups and a rate limit and log
 * every request; TLS is 1.2 or later on both hops; the workload's private targets sit behind the HTTPS listener.
 * A workload attaches its service with `addTargets`.
 *
 * HIPAA: 164.312(e)(1) transmission security; 164.312(e)(2)(ii) encryption in transit; 164.312(a)(1) access control;
 * 164.312(b) audit controls; 164.312(c)(1) integrity.
 */
export class SecureIngress extends Construct {
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The HTTPS listener the workload's targets go behind. */
  public readonly listener: elbv2.ApplicationListener;
  public readonly securityGroup: ec2.SecurityGroup;
  public readonly distribution: cloudfront.Distribution;
  /** The VPC the load balancer and its targets are in. */
  public readonly vpc: ec2.IVpc;
  public readonly originSecret: OriginSecret;
  public readonly loadBalancerWebAcl: IngressWebAcl;
  /** The distribution's web ACL, when created here (not when `cloudFrontWebAclArn` is given). */
  public readonly distributionWebAcl?: IngressWebAcl;

  constructor(scope: Construct, id: string, props: SecureIngressProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const problem = problemWith(props, stack.region);
    if (problem) throw new Error(`SecureIngress: ${problem}`);
    this.vpc = props.vpc;
    const prefix = props.namePrefix ?? 'landfall-ingress';
    const subnets = props.albSubnets ?? { subnetGroupName: 'ingress' };
    const selected = selectedSubnets(props.vpc, subnets);
    if (selected < 2) {
      throw new Error(
        `SecureIngress: albSubnets selects ${selected} subnet(s) — a load balancer needs public subnets in two Availability Zones or more`,
      );
    }

    this.originSecret = new OriginSecret(this, 'OriginSecret', {
      key: props.originSecretKey,
      originDomainName: props.originDomainName,
      headerName: props.originSecretHeaderName,
      rotationDays: props.originSecretRotationDays,
      logKey: props.logKey,
      logRetention: props.logRetention,
      functionName: `${prefix}-origin-secret`,
    });
    const acl = { logKey: props.logKey, logRetention: props.logRetention, rateLimit: props.rateLimit };
    this.loadBalancerWebAcl = new IngressWebAcl(this, 'LoadBalancerWebAcl', {
      ...acl,
      webAclScope: WebAclScope.REGIONAL,
      name: `${prefix}-alb`,
      originSecret: this.originSecret,
    });
    const origin = originLoadBalancer(this, {
      vpc: props.vpc,
      subnets,
      certificate: props.originCertificate,
      prefixListId: props.cloudFrontPrefixListId ?? CLOUDFRONT_ORIGIN_FACING_US_EAST_1,
      logBucket: props.logBucket,
    });
    this.securityGroup = origin.securityGroup;
    this.loadBalancer = origin.loadBalancer;
    this.listener = origin.listener;
    new wafv2.CfnWebACLAssociation(this, 'LoadBalancerWebAclAssociation', {
      resourceArn: this.loadBalancer.loadBalancerArn,
      webAclArn: this.loadBalancerWebAcl.webAclArn,
    });

    if (!props.cloudFrontWebAclArn) {
      this.distributionWebAcl = new IngressWebAcl(this, 'DistributionWebAcl', {
        ...acl,
        webAclScope: WebAclScope.CLOUDFRONT,
        name: `${prefix}-cloudfront`,
      });
    }
    this.distribution = this.edge(props, props.cloudFrontWebAclArn ?? this.distributionWebAcl!.webAclArn);
    this.originSecret.grantDistributionLogging(props.logBucket.bucket);
    // The first rotation (right after creation) finds the distribution and the web ACL in place.
    this.originSecret.rotationSchedule.node.addDependency(this.distribution, this.loadBalancerWebAcl);
    if (!props.viewerCertificate) {
      Annotations.of(this).addWarningV2(
        '@landfall/ingress:defaultCertificate',
        "No viewerCertificate: viewers reach the distribution's *.cloudfront.net name, where CloudFront also accepts TLSv1 and ignores minimumTlsVersion. Give domainNames and a us-east-1 viewerCertificate for PHI.",
      );
    }
  }

  /**
   * Puts the workload's private targets behind the HTTPS listener: a rule with `conditions` and `priority`, or,
   * without them, a rule for every path at the lowest priority (50000); with no service attached the listener
   * answers 503. Targets are reached over HTTPS, so PHI is encrypted inside the VPC too: serve TLS on the target
   * (the load balancer does not verify its certificate) and give `protocol: ApplicationProtocol.HTTPS` or port 443.
   *
   * ```ts
   * declare const ingress: SecureIngress;
   * declare const service: ecs.FargateService;
   * ingress.addTargets('App', {
   *   port: 8443,
   *   protocol: elbv2.ApplicationProtocol.HTTPS,
   *   targets: [service],
   *   healthCheck: { path: '/health', protocol: elbv2.Protocol.HTTPS },
   * });
   * ```
   */
  public addTargets(id: string, props: elbv2.AddApplicationTargetsProps): elbv2.ApplicationTargetGroup {
    const http =
      props.protocol === elbv2.ApplicationProtocol.HTTP ||
      (props.protocol === undefined && props.port !== undefined && props.port !== 443);
    if (http) {
      throw new Error(
        `SecureIngress.addTargets('${id}'): protocol is HTTP — PHI would cross the VPC in the clear: serve TLS on the targets and set protocol: ApplicationProtocol.HTTPS`,
      );
    }
    // A rule, never the default action: the default answers 503 until a service is attached, and a later
    // catch-all must not silently replace it. Without conditions, the service takes every path.
    return this.listener.addTargets(id, {
      ...props,
      conditions: props.conditions ?? [elbv2.ListenerCondition.pathPatterns(['/*'])],
      priority: props.priority ?? CATCH_ALL_PRIORITY,
    });
  }

  /**
   * An empty HTTPS target group behind the listener, for a service that registers its targets itself (an ECS
   * service's or an Auto Scaling group's `attachToApplicationTargetGroup`, from the application's own stack). Without
   * `conditions` it takes every path at the lowest priority, like `addTargets`.
   */
  public addTargetGroup(id: string, props: ServiceTargetGroupProps): elbv2.ApplicationTargetGroup {
    const group = new elbv2.ApplicationTargetGroup(this, `${id}TargetGroup`, {
      vpc: this.vpc,
      targetType: props.targetType,
      port: props.port ?? 443,
      protocol: elbv2.ApplicationProtocol.HTTPS,
      healthCheck: { protocol: elbv2.Protocol.HTTPS, ...props.healthCheck },
    });
    this.listener.addTargetGroups(id, {
      targetGroups: [group],
      conditions: props.conditions ?? [elbv2.ListenerCondition.pathPatterns(['/*'])],
      priority: props.priority ?? CATCH_ALL_PRIORITY,
    });
    return group;
  }

  private edge(props: SecureIngressProps, webAclId: string): cloudfront.Distribution {
    const origin = new origins.HttpOrigin(props.originDomainName, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      customHeaders: { [this.originSecret.headerName]: this.originSecret.headerValue },
    });
    const distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Landfall ingress (${props.namePrefix ?? 'landfall-ingress'})`,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: props.cachePolicy ?? cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: props.originRequestPolicy ?? cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
      domainNames: props.domainNames,
      certificate: props.viewerCertificate,
      minimumProtocolVersion: securityPolicy(props.minimumTlsVersion ?? ViewerTlsVersion.TLS_V1_2_2021),
      sslSupportMethod: cloudfront.SSLMethod.SNI,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      priceClass: props.priceClass ?? cloudfront.PriceClass.PRICE_CLASS_100,
      geoRestriction: props.geoRestriction ?? cloudfront.GeoRestriction.allowlist('US'),
      defaultRootObject: props.defaultRootObject,
      webAclId,
      enableLogging: true,
      logBucket: props.logBucket.bucket,
      logFilePrefix: props.logBucket.distributionLogPrefix,
      logIncludesCookies: false,
    });
    if (!props.defaultRootObject) {
      Validations.of(distribution).acknowledge({
        id: 'cdk-validator-cfnguard::cloudfront_default_root_object_configured_check',
        reason: APPLICATION_ORIGIN_REASON,
      });
    }
    Validations.of(distribution).acknowledge({
      id: 'cdk-validator-cfnguard::cloudfront_origin_failover_enabled_check',
      reason: APPLICATION_ORIGIN_REASON,
    });
    return distribution;
  }
}
