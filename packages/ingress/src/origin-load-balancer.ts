import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Construct } from 'constructs';
import { IngressLogBucket } from './log-bucket';

// The load balancer CloudFront reaches, and nothing else can. Not part of the public API.

/**
 * The ID of `com.amazonaws.global.cloudfront.origin-facing` in us-east-1. AWS manages the list, but its ID differs in
 * each Region, and looking it up needs AWS at synth (ec2.PrefixList.fromLookup); a wrong ID would silently admit
 * someone else's addresses, so other Regions name theirs (`cloudFrontPrefixListId`).
 */
export const CLOUDFRONT_ORIGIN_FACING_US_EAST_1 = 'pl-3b927c52';

export interface OriginLoadBalancerOptions {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  readonly certificate: acm.ICertificate;
  readonly prefixListId: string;
  readonly logBucket: IngressLogBucket;
}

export interface OriginLoadBalancer {
  readonly securityGroup: ec2.SecurityGroup;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly listener: elbv2.ApplicationListener;
}

/**
 * An internet-facing load balancer that admits CloudFront's origin-facing servers on 443 only: deletion protection,
 * invalid headers dropped, the strictest desync mitigation, access logs to the ingress log bucket, TLS 1.3/1.2 with
 * the restricted (AEAD, forward-secret) policy. There is no port 80 listener: CloudFront redirects viewers to HTTPS
 * and reaches the origin by HTTPS only, the security group admits nothing on 80, and an HTTP listener, having no
 * certificate, would fail HIPAA.Security's and NIST 800-53's ELBv2ACMCertificateRequired.
 */
export function originLoadBalancer(scope: Construct, options: OriginLoadBalancerOptions): OriginLoadBalancer {
  const securityGroup = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc: options.vpc,
    description: 'Landfall ingress load balancer: HTTPS from CloudFront origin-facing servers only',
    // Egress opens only towards the targets a workload adds.
    allowAllOutbound: false,
  });
  securityGroup.addIngressRule(
    ec2.Peer.prefixList(options.prefixListId),
    ec2.Port.tcp(443),
    'HTTPS from CloudFront origin-facing servers',
  );
  const loadBalancer = new elbv2.ApplicationLoadBalancer(scope, 'LoadBalancer', {
    vpc: options.vpc,
    vpcSubnets: options.subnets,
    internetFacing: true,
    securityGroup,
    deletionProtection: true,
    dropInvalidHeaderFields: true,
    desyncMitigationMode: elbv2.DesyncMitigationMode.STRICTEST,
    http2Enabled: true,
  });
  // Attributes rather than logAccessLogs(), which would write its own bucket policy: the log bucket has it.
  loadBalancer.setAttribute('access_logs.s3.enabled', 'true');
  loadBalancer.setAttribute('access_logs.s3.bucket', options.logBucket.bucket.bucketName);
  loadBalancer.setAttribute('access_logs.s3.prefix', options.logBucket.loadBalancerLogPrefix);
  // Elastic Load Balancing checks the bucket policy when logging is turned on.
  loadBalancer.node.addDependency(options.logBucket.bucket.policy!);

  const listener = loadBalancer.addListener('Https', {
    port: 443,
    protocol: elbv2.ApplicationProtocol.HTTPS,
    certificates: [elbv2.ListenerCertificate.fromCertificateManager(options.certificate)],
    sslPolicy: elbv2.SslPolicy.TLS13_RES,
    open: false,
    // Until a workload attaches its service (SecureIngress.addTargets adds rules in front of this).
    defaultAction: elbv2.ListenerAction.fixedResponse(503, {
      contentType: 'text/plain',
      messageBody: 'No service is attached to this entry yet.',
    }),
  });
  return { securityGroup, loadBalancer, listener };
}
