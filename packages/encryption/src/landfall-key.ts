import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * A customer-managed key as every Landfall key is: rotated automatically, retained when its stack is deleted,
 * a 30-day deletion window, and grants only for AWS resources or from AWS services (AWS Control Tower's
 * CT.KMS.PR.3): a grant is a second, policy-less way to let a principal use the key, which no account
 * administrator should mint. (Shared by Landfall's construct packages; not part of the public API.)
 */
export function landfallKey(
  scope: Construct,
  id: string,
  props: { readonly description: string; readonly alias: string; readonly rotationPeriod?: Duration },
): kms.Key {
  const key = new kms.Key(scope, id, {
    description: props.description,
    alias: props.alias,
    enableKeyRotation: true,
    rotationPeriod: props.rotationPeriod,
    removalPolicy: RemovalPolicy.RETAIN,
    pendingWindow: Duration.days(30),
  });
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'GrantsOnlyForAwsServices',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['kms:CreateGrant'],
      resources: ['*'],
      conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }),
  );
  return key;
}

/** Lets CloudWatch Logs encrypt with the key the log groups of the key's own account (and of no other). */
export function letCloudWatchLogsUse(key: kms.Key, sid: string): void {
  const stack = Stack.of(key);
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*`,
        },
      },
    }),
  );
}
