import { KeyPurpose } from '@landfall/encryption';
import { AccountIngressDefinition, ResolvedLandingZone } from '@landfall/model';
import { App } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Directory, PLACEHOLDER_MARK } from './deployment';
import type { AccountStacks } from './landing-zone';
import { onPlaceholder, stackHelpers } from './stack-helpers';
import { EncryptionStack } from './stacks/encryption-stack';
import { IngressStack } from './stacks/ingress-stack';
import { LogBucketNames } from './stacks/logging-stacks';
import { CLOUDFRONT_ORIGIN_FACING } from './stacks/prefix-list';
import { WorkloadNetworkStack } from './stacks/workload-network-stack';

/** The role each ingress account's S3 replication assumes to copy its ALB and CloudFront logs into the log archive. */
export const INGRESS_LOGS_REPLICATION_ROLE = 'landfall-ingress-logs-replication';
/** Where an ingress account's logs are in the log archive: `ingress/<account name>/`. */
export const INGRESS_LOGS_PREFIX = 'ingress';

/** The definition's accounts that have a public entry, with it. */
export function ingressAccounts(
  built: readonly AccountStacks[],
): Array<{ readonly account: AccountStacks; readonly ingress: AccountIngressDefinition }> {
  return built.flatMap((b) => (b.account.ingress ? [{ account: b, ingress: b.account.ingress }] : []));
}

/**
 * The public entry of every workload account whose definition asks for one, in the home
 * region: CloudFront and the ALB behind AWS WAF, in the ingress subnets of the account's VPC,
 * logging into a landing bucket that replicates into the log archive (so it waits for the
 * archive's key).
 */
export function buildIngress(
  app: App,
  lz: ResolvedLandingZone,
  directory: Directory,
  built: AccountStacks[],
  buckets: LogBucketNames,
): void {
  const home = lz.homeRegion;
  const accounts = ingressAccounts(built);
  if (accounts.length === 0) return;
  const archiveKeyArn = directory.archiveKeyArn("the ingress' log bucket (its replication into the log archive)");
  if (!archiveKeyArn) return;
  const { common, add } = stackHelpers(lz);
  const keyOf = (b: AccountStacks, purpose: KeyPurpose) =>
    (b.stacks[`encryption/${home}`] as EncryptionStack).keys.keyFor(purpose);
  const secretPurpose = lz.encryption.keyPurposes.includes('data') ? KeyPurpose.DATA : KeyPurpose.LOGS;

  for (const { account: b, ingress } of accounts) {
    const network = b.stacks[`network/${home}`] as WorkloadNetworkStack | undefined;
    if (!network) continue; // its VPC waits for an ID, already said
    // S3 bucket names are lowercase and global: a review-only assembly names them after a lowercase stand-in.
    const bucketId = directory.accountId(b.account.name) ?? `${PLACEHOLDER_MARK.toLowerCase()}-${b.account.name}`;
    const stack = add(
      b,
      `ingress/${home}`,
      new IngressStack(app, `${directory.stackPrefix(b.account.name)}-ingress-${home}`, {
        ...common(b, home),
        description: `Landfall ${lz.name}: the public entry of ${b.account.name} (CloudFront, AWS WAF, ALB) for ${ingress.domainNames.join(', ')}`,
        vpc: network.network.vpc,
        originDomainName: ingress.originDomainName,
        originCertificateArn: ingress.originCertificateArn,
        domainNames: ingress.domainNames,
        viewerCertificateArn: ingress.viewerCertificateArn,
        minimumTlsVersion: lz.ingress.minimumTlsVersion,
        rateLimit: lz.ingress.wafRateLimit,
        cloudFrontPrefixListId: (b.stacks[`encryption/${home}`] as EncryptionStack).prefixListIds[
          CLOUDFRONT_ORIGIN_FACING
        ],
        allowedCountries: lz.ingress.allowedCountries,
        logKey: keyOf(b, KeyPurpose.LOGS),
        logRetention: lz.logging.cloudWatchRetentionDays as logs.RetentionDays,
        secretKey: keyOf(b, secretPurpose),
        logBucketName: `${lz.name}-ingress-logs-${bucketId}`,
        accessLogsBucketName: `${lz.name}-ingress-access-logs-${bucketId}`,
        archiveBucketArn: `arn:aws:s3:::${buckets.archive}`,
        archiveKeyArn,
        archivePrefix: `${INGRESS_LOGS_PREFIX}/${b.account.name}/`,
      }),
    );
    if (directory.placeholders) onPlaceholder(stack, 'E3510');
  }
}
