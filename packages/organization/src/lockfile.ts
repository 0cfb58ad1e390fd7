import { renameSync, writeFileSync } from 'fs';
import { LOCK_FILE_VERSION, LockFileContent, readLockFileContent } from '@landfall/model';

/**
 * accounts.lock.json: names → IDs, as they come into being (the organization stays the source of truth), and what
 * deployments record. Its shape and schema are @landfall/model's (`LockFileContent`, `LOCK_FILE_SCHEMA`):
 * `version` 2 since Landfall records only its own OUs (the definition's), so what a lock file of version 2 records
 * and the definition no longer has is Landfall's to delete; older lock files recorded every OU of the organization,
 * so their OUs are never planned for deletion. `stackPrefixes` keeps a renamed account's stacks' names.
 */
export type LockFile = LockFileContent;

/** Reads the lock file (@landfall/model's one reader: a hand-edit typo is an error that names the field). */
export function readLockFile(file: string): LockFile {
  return readLockFileContent(file);
}

/** The version `applyPlan` writes, once the lock file records only the definition's OUs (see `LockFile.version`). */
export { LOCK_FILE_VERSION };

/** Sorted keys, atomic replace: a run killed mid-write leaves the previous file. */
export function writeLockFile(file: string, lock: LockFile): void {
  const sorted = (o: Record<string, string>) =>
    Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  const content =
    JSON.stringify(
      {
        ...lock,
        organizationId: lock.organizationId,
        accounts: sorted(lock.accounts),
        ous: sorted(lock.ous),
      },
      undefined,
      2,
    ) + '\n';
  writeFileSync(`${file}.tmp`, content);
  renameSync(`${file}.tmp`, file);
}

/**
 * The lock file once accounts were renamed (old name → new) and others closed: each renamed account keeps the name
 * its stacks carry (`stackPrefixes`), and what deployments recorded by account name (`network.attachments`,
 * `network.vpcs`, ..., and those of other regions under `network.regions`) moves to the new name; what they recorded under a closed account's name (`dropped`) leaves,
 * even when another account is renamed to it. `accounts` is the caller's to write.
 */
export function renamedInLock(
  lock: LockFile,
  renamed: ReadonlyMap<string, string>,
  dropped: ReadonlySet<string> = new Set(),
): LockFile {
  if (renamed.size === 0 && dropped.size === 0) return lock;
  const { stackPrefixes, ...rest } = lock;
  const prefixes: Record<string, string> = Object.fromEntries(
    Object.entries(stackPrefixes ?? {}).filter(([name]) => !renamed.has(name) && !dropped.has(name)),
  );
  for (const [from, to] of renamed) {
    const prefix = stackPrefixes?.[from] ?? from;
    if (prefix === to) delete prefixes[to];
    else prefixes[to] = prefix;
  }
  const rekey = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => !dropped.has(key))
        .map(([key, inner]) => [renamed.get(key) ?? key, inner]),
    );
  };
  // Each section keyed by account name, at the top (the home region's hub) and under each other region's.
  const rekeyNetwork = (network: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(network).map(([k, v]) => [
        k,
        k === 'regions' && typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v as Record<string, Record<string, unknown>>).map(([region, inner]) => [
                region,
                rekeyNetwork(inner),
              ]),
            )
          : rekey(v),
      ]),
    );
  const network =
    typeof lock.network === 'object' && lock.network !== null
      ? rekeyNetwork(lock.network as Record<string, unknown>)
      : lock.network;
  return {
    ...rest,
    ...(Object.keys(prefixes).length > 0 ? { stackPrefixes: prefixes } : {}),
    ...(network === undefined ? {} : { network }),
  };
}
