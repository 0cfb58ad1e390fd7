import type { OrganizationsClient } from '@aws-sdk/client-organizations';

/** Whether an SDK error is one of the named exceptions. */
export function isError(error: unknown, ...names: string[]): boolean {
  return typeof error === 'object' && error !== null && names.includes((error as { name?: string }).name ?? '');
}

export function reasonOf(error: unknown): string | undefined {
  return (error as { Reason?: string }).Reason;
}

/** Follows NextToken until the last page. */
export async function paginate<R extends { NextToken?: string }, T>(
  call: (token?: string) => Promise<R>,
  items: (r: R) => T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await call(token);
    out.push(...(items(page) ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}

/** Errors worth another try: throttling, server faults, a target being modified by another request (and any 429 or 5xx). */
const TRANSIENT = [
  'TooManyRequestsException',
  'ConcurrentModificationException',
  'ServiceException',
  'ThrottlingException',
];

export interface RetryOptions {
  readonly attempts?: number;
  readonly baseMs?: number;
  readonly maxMs?: number;
  readonly onRetry?: (error: unknown, attempt: number) => void;
}

/**
 * Retries transient errors with full-jitter exponential backoff, on top of the
 * SDK's own retries (which do not cover ConcurrentModificationException).
 */
export async function withRetry<T>(call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 12;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
      const transient = isError(error, ...TRANSIENT) || status === 429 || status >= 500;
      if (!transient || attempt >= attempts) throw error;
      options.onRetry?.(error, attempt);
      const cap = Math.min(options.maxMs ?? 5000, (options.baseMs ?? 100) * 2 ** attempt);
      await new Promise((r) => setTimeout(r, Math.random() * cap));
    }
  }
}

/** `client.send`, typed the same, with `withRetry` around every call. */
export type Send = OrganizationsClient['send'];

export function retryingSend(client: OrganizationsClient, options: RetryOptions = {}): Send {
  return ((command: Parameters<Send>[0]) => withRetry(() => client.send(command as any), options)) as Send;
}
