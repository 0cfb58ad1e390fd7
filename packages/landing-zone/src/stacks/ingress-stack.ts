import { IngressLogBucket, SecureIngress, ViewerTlsVersion } from '@landfall/ingress';
import { CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeImportedLogKey } from './imported-log-key';

/** The definition's TLS policy names, as the ingress construct takes them. */
const VIEWER_TLS: Record<string, ViewerTlsVersion> = {
  'TLSv1.2_2019': ViewerTlsVersion.TLS_V1_2_2019,
  'TLSv1.2_2021': ViewerTlsVersion.TLS_V1_2_2021,
  'TLSv1.3_2025': ViewerTlsVersion.TLS_V1_3_2025,
};

export interface IngressStackProps extends StackProps {
  /** The account's VPC in the home region (its network stack's), with ingress subnets. */
  readonly vpc: ec2.IVpc;
  readonly originDomainName: string;
  readonly originCertificateArn: string;
  readonly domainNames: string[];
  readonly viewerCertificateArn: string;
  /** `ingress.minimumTlsVersion` of the definition. */
  readonly minimumTlsVersion: string;
  readonly rateLimit: number;
  /** CloudFront's origin-facing prefix list in this region (the encryption stack reads it at deployment). */
  readonly cloudFrontPrefixListId: string;
  readonly allowedCountries: string[];
  readonly logKey: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /** Encrypts the origin secret (the account's data key). */
  readonly secretKey: kms.IKey;
  /** The landing bucket and its access-log bucket (names are global). */
  readonly logBucketName: string;
  readonly accessLogsBucketName: string;
  /** Where the logs end: the log archive's bucket, its key, and this account's prefix there. */
  readonly archiveBucketArn: string;
  readonly archiveKeyArn: string;
  readonly archivePrefix: string;
}

/**
 * A workload account's public entry (`ingress` in the definition): CloudFront and an
 * internet-facing ALB in the VPC's ingress subnets, both behind AWS WAF, the origin
 * secret rotated by Secrets Manager, and their logs landing in a bucket that replicates
 * into the log archive. Workloads attach their services in `accounts/<name>/index.ts`.
 */
export class IngressStack extends Stack {
  public readonly ingress: SecureIngress;

  constructor(scope: Construct, id: string, props: IngressStackProps) {
    super(scope, id, props);
    const logging = { logKey: props.logKey, logRetention: props.logRetention };
    const logBucket = new IngressLogBucket(this, 'Logs', {
      bucketName: props.logBucketName,
      accessLogsBucketName: props.accessLogsBucketName,
      archiveBucketArn: props.archiveBucketArn,
      archiveKeyArn: props.archiveKeyArn,
      archivePrefix: props.archivePrefix,
    });
    this.ingress = new SecureIngress(this, 'Ingress', {
      vpc: props.vpc,
      originDomainName: props.originDomainName,
      originCertificate: acm.Certificate.fromCertificateArn(this, 'OriginCertificate', props.originCertificateArn),
      domainNames: props.domainNames,
      viewerCertificate: acm.Certificate.fromCertificateArn(this, 'ViewerCertificate', props.viewerCertificateArn),
      minimumTlsVersion: VIEWER_TLS[props.minimumTlsVersion],
      rateLimit: props.rateLimit,
      geoRestriction: cloudfront.GeoRestriction.allowlist(...props.allowedCountries),
      ...logging,
      logBucket,
      originSecretKey: props.secretKey,
      cloudFrontPrefixListId: props.cloudFrontPrefixListId,
    });
    // Its log groups take the account's logs key, imported from the encryption stack.
    acknowledgeImportedLogKey(...this.node.findAll().filter((c): c is logs.LogGroup => c instanceof logs.LogGroup));
    new CfnOutput(this, 'LoadBalancerDnsName', {
      value: this.ingress.loadBalancer.loadBalancerDnsName,
      description: `point ${props.originDomainName} here (CNAME or alias)`,
    });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.ingress.distribution.distributionDomainName,
      description: `point ${props.domainNames.join(', ')} here (CNAME or alias)`,
    });
  }
}
