import { ReadStream, createReadStream } from 'fs';
import {
  AssetManifest,
  AssetPublishing,
  ClientOptions,
  IAws,
  IECRClient,
  IS3Client,
  ISecretsManagerClient,
} from '@aws-cdk/cdk-assets-lib';
import { GetBucketEncryptionCommand, GetBucketLocationCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AwsAccess, retrying } from './aws';

/**
 * cdk-assets' view of AWS through Landfall's clients: the same endpoint and the
 * same assumed roles (each asset destination names its file-publishing role).
 * Landfall's stacks have file assets only; container images are refused.
 */
class PublishingAws implements IAws {
  constructor(
    private readonly aws: AwsAccess,
    private readonly region: string,
  ) {}

  public async discoverPartition() {
    return 'aws';
  }
  public async discoverDefaultRegion() {
    return this.region;
  }
  public async discoverCurrentAccount() {
    return { accountId: await this.aws.account(), partition: 'aws' };
  }
  public async discoverTargetAccount(options: ClientOptions) {
    const arn = options.assumeRoleArn ?? '';
    const account = /^arn:[^:]+:iam::(\d{12}):/.exec(arn)?.[1];
    return { accountId: account ?? (await this.aws.account()), partition: 'aws' };
  }
  public async s3Client(options: ClientOptions): Promise<IS3Client> {
    const s3 = this.aws.s3(options.region ?? this.region, options.assumeRoleArn);
    return {
      getBucketEncryption: (input) => retrying(() => s3.send(new GetBucketEncryptionCommand(input))),
      getBucketLocation: (input) => retrying(() => s3.send(new GetBucketLocationCommand(input))),
      listObjectsV2: (input) => retrying(() => s3.send(new ListObjectsV2Command(input))),
      // A file's stream is read once: every attempt reads the file again, so a retried upload is never empty.
      upload: (input) =>
        retrying(() => {
          const body = input.Body as { path?: string | Buffer } | undefined;
          const params =
            body instanceof ReadStream && body.path ? { ...input, Body: createReadStream(body.path) } : input;
          return new Upload({ client: s3, params }).done();
        }),
    };
  }
  public async ecrClient(): Promise<IECRClient> {
    throw new Error('container image assets are not supported by landfall deploy');
  }
  public async secretsManagerClient(): Promise<ISecretsManagerClient> {
    throw new Error('container image assets are not supported by landfall deploy');
  }
}

/** Publishes an asset manifest's files (zipping directories, skipping what the bucket already has). */
export async function publishAssets(manifestFile: string, aws: AwsAccess, region: string): Promise<void> {
  const publishing = new AssetPublishing(AssetManifest.fromFile(manifestFile), {
    aws: new PublishingAws(aws, region),
    throwOnError: false,
    quiet: true,
  });
  // Never into a bucket of another account: a bucket of the name someone else made first is refused, not used.
  await publishing.publish({ allowCrossAccount: false });
  if (publishing.hasFailures) {
    const first = publishing.failures[0];
    throw new Error(`publishing asset ${first.asset.id.assetId} failed: ${first.error.message}`);
  }
}
