import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@aws-sdk/types';

/** How to reach AWS: the deploying account's credentials, and an endpoint other than AWS's for the loopback emulator. */
export interface AwsOptions {
  /** One endpoint for every service (the emulator serves CloudFormation, STS and S3 on one port). @default - AWS's */
  readonly endpoint?: string;
  /** A profile of the shared AWS config: the management (or deployment) account's. @default - the SDK's credential chain */
  readonly profile?: string;
  /** Credentials to start from, instead of the profile or the chain. */
  readonly credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The session name in every role's CloudTrail events. @default 'landfall-deploy' */
  readonly sessionName?: string;
  /** How long AccessDenied on AssumeRole is waited out: a role the bootstrap just made takes a while to be assumable. @default 60000 */
  readonly roleWaitMs?: number;
}

/** AssumeRole, retrying AccessDenied until `waitMs` has passed: IAM is eventually consistent. */
async function assumeWithPatience<T>(call: () => Promise<T>, waitMs: number): Promise<T> {
  const until = Date.now() + waitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if ((error as { name?: string }).name !== 'AccessDenied' || Date.now() >= until) throw error;
      await new Promise((r) => setTimeout(r, Math.min(5000, 250 * attempt)));
    }
  }
}

/** Errors worth another try: throttling and the service's own faults. */
const TRANSIENT = [
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'InternalFailure',
  'ServiceUnavailable',
  'SlowDown',
  'RequestLimitExceeded',
];

/** Node's errors of a connection that broke or timed out: the request may be sent again. */
const NETWORK = ['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN', 'ENOTFOUND'];

/** Whether an error is worth another try: throttling, a server fault, a broken connection, or what the SDK calls retryable. */
export function isTransient(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode ?? 0;
  return (
    TRANSIENT.includes(e.name ?? '') ||
    ['TimeoutError', 'RequestTimeout', 'RequestTimeoutException'].includes(e.name ?? '') ||
    NETWORK.includes(e.code ?? '') ||
    e.$retryable !== undefined ||
    status === 429 ||
    status >= 500
  );
}

/**
 * Retries transient errors (throttling, 5xx, broken connections) with full-jitter
 * backoff; CloudFormation throttles hard when many accounts deploy at once.
 */
export async function retrying<T>(call: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error) || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(5000, 50 * 2 ** attempt)));
    }
  }
}

/**
 * Clients for each account and Region: the deploying account's credentials, or a
 * role assumed from them (the CDK bootstrap's deploy and file-publishing roles,
 * or OrganizationAccountAccessRole to bootstrap), each assumed once and reused
 * until it nears expiry.
 */
export class AwsAccess {
  private readonly sessions = new Map<string, Promise<AwsCredentialIdentity>>();
  private callerAccount?: Promise<string>;

  constructor(private readonly options: AwsOptions = {}) {}

  private config(region: string) {
    return {
      region,
      maxAttempts: 1,
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      ...(this.options.profile ? { profile: this.options.profile } : {}),
      ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
    };
  }

  /** The deploying account: the one whose credentials start every session. */
  public account(): Promise<string> {
    this.callerAccount ??= retrying(() =>
      new STSClient(this.config('us-east-1')).send(new GetCallerIdentityCommand({})),
    ).then((r) => r.Account!);
    return this.callerAccount;
  }

  /** Credentials of a role (assumed from the deploying account's), or the deploying account's own. */
  public credentials(roleArn: string | undefined): AwsCredentialIdentityProvider | undefined {
    if (!roleArn) return undefined;
    return async () => {
      const cached = this.sessions.get(roleArn);
      if (cached) {
        const c = await cached.catch(() => undefined);
        if (c && (!c.expiration || c.expiration.getTime() - Date.now() > 5 * 60_000)) return c;
      }
      const session = assumeWithPatience(
        () =>
          retrying(() =>
            new STSClient(this.config('us-east-1')).send(
              new AssumeRoleCommand({
                RoleArn: roleArn,
                RoleSessionName: this.options.sessionName ?? 'landfall-deploy',
              }),
            ),
          ),
        this.options.roleWaitMs ?? 60_000,
      ).then((r): AwsCredentialIdentity => ({
        accessKeyId: r.Credentials!.AccessKeyId!,
        secretAccessKey: r.Credentials!.SecretAccessKey!,
        sessionToken: r.Credentials!.SessionToken,
        expiration: r.Credentials!.Expiration,
      }));
      this.sessions.set(roleArn, session);
      session.catch(() => this.sessions.delete(roleArn));
      return session;
    };
  }

  public cloudFormation(region: string, roleArn?: string): CloudFormationClient {
    const credentials = this.credentials(roleArn);
    return new CloudFormationClient({ ...this.config(region), ...(credentials ? { credentials } : {}) });
  }

  public s3(region: string, roleArn?: string): S3Client {
    const credentials = this.credentials(roleArn);
    return new S3Client({
      ...this.config(region),
      ...(credentials ? { credentials } : {}),
      // The loopback endpoint serves buckets by path, not by host name.
      ...(this.options.endpoint ? { forcePathStyle: true } : {}),
    });
  }
}
