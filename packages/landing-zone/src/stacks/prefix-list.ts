import { accountSettingsCall } from '@landfall/encryption/lib/account-settings-call';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/**
 * The ID of an AWS-managed prefix list (e.g. `com.amazonaws.us-east-1.s3`,
 * `com.amazonaws.global.cloudfront.origin-facing`), read in the stack's account and region at
 * deployment, by the stack's deploy-time function: the IDs differ by region, and synthesis never calls AWS.
 */
export function managedPrefixListId(
  scope: Construct,
  id: string,
  name: string,
  logging: { readonly logKey: kms.IKey; readonly logRetention: logs.RetentionDays; readonly functionName: string },
): string {
  const call = accountSettingsCall(
    scope,
    id,
    {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [name] }] },
      physicalResourceId: cr.PhysicalResourceId.of(name),
      outputPaths: ['PrefixLists.0.PrefixListId'],
    },
    // DescribeManagedPrefixLists names no resource.
    [new iam.PolicyStatement({ actions: ['ec2:DescribeManagedPrefixLists'], resources: ['*'] })],
    logging,
    logging.functionName,
  );
  return call.getResponseField('PrefixLists.0.PrefixListId');
}

/** The region's S3 prefix list, which the gateway endpoints route to. */
export function s3PrefixList(region: string): string {
  return `com.amazonaws.${region}.s3`;
}

/** CloudFront's servers that reach origins, the same name in every region. */
export const CLOUDFRONT_ORIGIN_FACING = 'com.amazonaws.global.cloudfront.origin-facing';
