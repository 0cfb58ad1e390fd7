import { OrganizationsClient } from '@aws-sdk/client-organizations';

export interface ClientOptions {
  /** An endpoint other than AWS's, such as the loopback emulator. @default - AWS */
  readonly endpoint?: string;
  /** A profile of the shared AWS config. @default - the SDK's default credential chain */
  readonly profile?: string;
  /** @default 'us-east-1' (Organizations' endpoint region) */
  readonly region?: string;
}

/**
 * An Organizations client for the engine. SDK retries are off: the engine retries
 * itself (with jitter, including ConcurrentModificationException) and must send
 * CreateAccount exactly once per attempt, since it has no idempotency token.
 */
export function createClient(options: ClientOptions = {}): OrganizationsClient {
  return new OrganizationsClient({
    region: options.region ?? 'us-east-1',
    maxAttempts: 1,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  });
}
