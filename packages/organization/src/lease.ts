import {
  ListRootsCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-organizations';
import { Send } from './sdk';

/** The tag on the organization root that says who is applying, until when. */
export const LEASE_TAG = 'landfall:lease';

export interface Lease {
  readonly holder: string;
  readonly expires: Date;
}

/** Another apply holds the organization. */
export class LeaseHeldError extends Error {
  constructor(public readonly lease: Lease) {
    super(
      `another landfall apply or deploy holds the organization: ${lease.holder}, until ${lease.expires.toISOString()} — wait for it to finish, or, if that run crashed, until the lease expires`,
    );
    this.name = 'LeaseHeldError';
  }
}

export function parseLease(value: string | undefined): Lease | undefined {
  if (!value) return undefined;
  const at = value.lastIndexOf('|');
  const expires = new Date(value.slice(at + 1));
  return at > 0 && !isNaN(expires.getTime()) ? { holder: value.slice(0, at), expires } : undefined;
}

/**
 * Takes the lease recorded on the root (Organizations has no locks of its own).
 * Refuses while another holder's lease is unexpired, unless `isAbandoned` says its
 * holder is known to be gone (the CLI checks for a dead process on the same host);
 * any other crashed run's lease simply expires. After writing, it reads back, so of two runs racing, the one whose tag
 * did not stick backs off.
 */
export async function acquireLease(
  send: Send,
  rootId: string,
  holder: string,
  ttlMs: number,
  isAbandoned: (lease: Lease) => boolean = () => false,
): Promise<{ release: () => Promise<void>; refresh: () => Promise<void> }> {
  const read = async () => {
    const tags = (await send(new ListTagsForResourceCommand({ ResourceId: rootId }))).Tags ?? [];
    return parseLease(tags.find((t) => t.Key === LEASE_TAG)?.Value);
  };
  const current = await read();
  if (current && current.holder !== holder && current.expires.getTime() > Date.now() && !isAbandoned(current)) {
    throw new LeaseHeldError(current);
  }
  const write = () =>
    send(
      new TagResourceCommand({
        ResourceId: rootId,
        Tags: [{ Key: LEASE_TAG, Value: `${holder}|${new Date(Date.now() + ttlMs).toISOString()}` }],
      }),
    );
  await write();
  const confirmed = await read();
  if (!confirmed || confirmed.holder !== holder) {
    throw new LeaseHeldError(confirmed ?? { holder: 'unknown', expires: new Date(Date.now() + ttlMs) });
  }
  return {
    // A lease that lapsed (refreshes failed for its whole lifetime) may have been taken by another run: then this
    // run no longer holds the organization, and says so rather than write over the other's lease.
    refresh: async () => {
      const now = await read();
      if (now && now.holder !== holder) throw new LeaseHeldError(now);
      await write();
    },
    release: async () => {
      const now = await read();
      if (now?.holder === holder) await send(new UntagResourceCommand({ ResourceId: rootId, TagKeys: [LEASE_TAG] }));
    },
  };
}

/** The lease on the organization's root, for a command other than apply (`landfall deploy`) that must not run beside one. */
export async function leaseOrganization(
  send: Send,
  holder: string,
  ttlMs: number,
  isAbandoned?: (lease: Lease) => boolean,
): Promise<{ release: () => Promise<void>; refresh: () => Promise<void> }> {
  const rootId = (await send(new ListRootsCommand({}))).Roots![0].Id!;
  return acquireLease(send, rootId, holder, ttlMs, isAbandoned);
}
