import { AccountClient } from '@aws-sdk/client-account';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { Macie2Client } from '@aws-sdk/client-macie2';
import { OrganizationsClient, OrganizationsClientConfig } from '@aws-sdk/client-organizations';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';

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

/** How to reach the regional services that designate their own administrator. */
export interface ServiceClientOptions {
  /** An endpoint other than AWS's (the emulator serves them on its Organizations port). @default - each service's AWS endpoint in the Region */
  readonly endpoint?: OrganizationsClientConfig['endpoint'];
  /** @default - the profile's, else the SDK's default credential chain */
  readonly credentials?: OrganizationsClientConfig['credentials'];
  readonly profile?: string;
}

/** The same endpoint override and credentials as an Organizations client (both must be the management account's). */
export function serviceClientOptions(client: OrganizationsClient): ServiceClientOptions {
  return {
    ...(client.config.isCustomEndpoint ? { endpoint: client.config.endpoint } : {}),
    credentials: client.config.credentials,
    ...(client.config.profile ? { profile: client.config.profile } : {}),
  };
}

/** Clients of GuardDuty, Security Hub and Macie in one Region, SDK retries off as for Organizations. */
export interface RegionalServiceClients {
  readonly guardduty: GuardDutyClient;
  readonly securityhub: SecurityHubClient;
  readonly macie: Macie2Client;
}

export function createServiceClients(region: string, options: ServiceClientOptions = {}): RegionalServiceClients {
  const config = {
    region,
    maxAttempts: 1,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  };
  return {
    guardduty: new GuardDutyClient(config),
    securityhub: new SecurityHubClient(config),
    macie: new Macie2Client(config),
  };
}

/** An AWS Account Management client (its API is global, served from us-east-1), SDK retries off as for Organizations. */
export function createAccountClient(options: ServiceClientOptions = {}): AccountClient {
  return new AccountClient({
    region: 'us-east-1',
    maxAttempts: 1,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  });
}
