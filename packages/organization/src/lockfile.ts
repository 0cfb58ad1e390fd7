import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';

/** accounts.lock.json: names → IDs, as they come into being. The organization stays the source of truth. */
export interface LockFile {
  /**
   * 2 since Landfall records only its own OUs (the definition's): what a lock file of version 2 records and the
   * definition no longer has is Landfall's to delete. Older lock files recorded every OU of the organization, so
   * their OUs are never planned for deletion.
   */
  readonly version?: number;
  readonly organizationId?: string;
  readonly accounts: Record<string, string>;
  readonly ous: Record<string, string>;
  /** Cross-account network IDs recorded between deployment phases (see @landfall/landing-zone); kept as they are. */
  readonly network?: unknown;
  /** Every other section `landfall deploy` records (`logging`, ...): kept as it is. */
  readonly [section: string]: unknown;
}

export function readLockFile(file: string): LockFile {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { accounts: {}, ous: {} };
}

/** The version `applyPlan` writes, once the lock file records only the definition's OUs (see `LockFile.version`). */
export const LOCK_FILE_VERSION = 2;

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
