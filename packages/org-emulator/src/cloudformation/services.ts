import { createHash, randomBytes } from 'crypto';
import { QueryError } from './query';
import { AccountResources } from './resources';

/** The role AWS Organizations makes in every account it creates, trusted by the management account. */
export const ORGANIZATION_ACCESS_ROLE = 'OrganizationAccountAccessRole';

export interface Identity {
  readonly accountId: string;
  /** The assumed role's ARN, or the management account's root. */
  readonly arn: string;
}

/** What STS needs to know of the organization: who the management account is, who its created members are. */
export interface Directory {
  readonly managementAccountId?: string;
  isCreatedMember(accountId: string): boolean;
}

/**
 * STS: AssumeRole of a role that exists in the target account and trusts the
 * caller's account (OrganizationAccountAccessRole in the accounts the organization
 * created, trusting the management account; roles that stacks made, trusting the
 * accounts their trust policy names), and GetCallerIdentity.
 */
export class EmulatedSts {
  constructor(
    private readonly resources: AccountResources,
    private readonly directory: Directory,
    private readonly identities: Map<string, Identity>,
  ) {}

  public call(operation: string, caller: Identity, input: Record<string, any>): unknown {
    if (operation === 'GetCallerIdentity') {
      return { Account: caller.accountId, Arn: caller.arn, UserId: `AIDA${caller.accountId}` };
    }
    if (operation !== 'AssumeRole') {
      throw new QueryError('InvalidAction', `The emulator does not serve STS's ${operation}.`);
    }
    const roleArn = String(input.RoleArn ?? '');
    const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    const denied = new QueryError(
      'AccessDenied',
      `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      403,
    );
    if (!match) throw denied;
    const [, accountId, name] = match;
    const role = this.resources.role(accountId, name);
    const trusted = role
      ? role.trustedAccounts.includes(caller.accountId)
      : name === ORGANIZATION_ACCESS_ROLE &&
        this.directory.isCreatedMember(accountId) &&
        caller.accountId === this.directory.managementAccountId;
    if (!trusted) throw denied;
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const sessionArn = `arn:aws:sts::${accountId}:assumed-role/${name}/${input.RoleSessionName ?? 'session'}`;
    this.identities.set(accessKeyId, { accountId, arn: sessionArn });
    const seconds = Number(input.DurationSeconds ?? 3600);
    return {
      Credentials: {
        AccessKeyId: accessKeyId,
        SecretAccessKey: randomBytes(20).toString('hex'),
        SessionToken: randomBytes(32).toString('base64'),
        Expiration: new Date(Date.now() + seconds * 1000),
      },
      AssumedRoleUser: { Arn: sessionArn, AssumedRoleId: `AROA${accountId}:${input.RoleSessionName ?? 'session'}` },
    };
  }
}

/** Decodes an aws-chunked body (a streamed upload with per-chunk signatures and a trailing checksum). */
export function decodeAwsChunked(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const end = body.indexOf('\r\n', at);
    if (end < 0) break;
    const size = parseInt(body.subarray(at, end).toString('ascii').split(';')[0], 16);
    if (!size) break;
    out.push(body.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
  return Buffer.concat(out);
}

export interface S3Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
const NS = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

/**
 * S3 (path-style) for what a deployer does with a stack's assets and templates:
 * PutObject, HeadObject, GetObject, ListObjectsV2, GetBucketLocation and
 * GetBucketEncryption, on buckets that stacks made, by their own account only.
 */
export class EmulatedS3 {
  constructor(private readonly resources: AccountResources) {}

  public operation(method: string, url: URL): string {
    const [, , key] = /^\/([^/]+)\/?(.*)$/.exec(url.pathname) ?? [];
    if (!key) {
      if (url.searchParams.has('location')) return 'GetBucketLocation';
      if (url.searchParams.has('encryption')) return 'GetBucketEncryption';
      if (url.searchParams.get('list-type') === '2') return 'ListObjectsV2';
      return `${method}Bucket`;
    }
    return (
      ({ PUT: 'PutObject', HEAD: 'HeadObject', GET: 'GetObject' } as Record<string, string>)[method] ??
      `${method}Object`
    );
  }

  public call(
    operation: string,
    caller: Identity,
    url: URL,
    headers: Record<string, string | string[] | undefined>,
    body: Buffer,
  ): S3Answer {
    const [, bucketName, rawKey] = /^\/([^/]+)\/?(.*)$/.exec(url.pathname) ?? [];
    const bucket = this.resources.bucket(bucketName ?? '');
    const owner = headers['x-amz-expected-bucket-owner'];
    if (bucket.accountId !== caller.accountId || (owner !== undefined && owner !== bucket.accountId)) {
      throw new QueryError('AccessDenied', 'Access Denied', 403);
    }
    const key = decodeURIComponent(rawKey ?? '');
    switch (operation) {
      case 'GetBucketLocation':
        return {
          status: 200,
          body: xml(
            `<LocationConstraint ${NS}>${bucket.region === 'us-east-1' ? '' : bucket.region}</LocationConstraint>`,
          ),
        };
      case 'GetBucketEncryption':
        return {
          status: 200,
          body: xml(
            `<ServerSideEncryptionConfiguration ${NS}><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`,
          ),
        };
      case 'ListObjectsV2': {
        const prefix = url.searchParams.get('prefix') ?? '';
        const max = Number(url.searchParams.get('max-keys') ?? 1000);
        const keys = [...bucket.objects.keys()]
          .filter((k) => k.startsWith(prefix))
          .sort()
          .slice(0, max);
        const contents = keys
          .map((k) => `<Contents><Key>${k}</Key><Size>${bucket.objects.get(k)!.length}</Size></Contents>`)
          .join('');
        return {
          status: 200,
          body: xml(
            `<ListBucketResult ${NS}><Name>${bucket.name}</Name><Prefix>${prefix}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
          ),
        };
      }
      case 'PutObject': {
        const streamed =
          String(headers['content-encoding'] ?? '').includes('aws-chunked') ||
          String(headers['x-amz-content-sha256'] ?? '').startsWith('STREAMING-');
        const content = streamed ? decodeAwsChunked(body) : body;

        bucket.objects.set(key, content);
        return { status: 200, headers: { etag: `"${createHash('md5').update(content).digest('hex')}"` } };
      }
      case 'HeadObject':
      case 'GetObject': {
        const content = bucket.objects.get(key);
        if (!content) throw new QueryError('NoSuchKey', 'The specified key does not exist.', 404);
        return operation === 'HeadObject'
          ? { status: 200, headers: { 'content-length': String(content.length) } }
          : { status: 200, body: content.toString('utf8') };
      }
      default:
        throw new QueryError('NotImplemented', `The emulator does not serve S3's ${operation}.`, 501);
    }
  }
}
