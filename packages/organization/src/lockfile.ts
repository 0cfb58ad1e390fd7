import { existsSync, readFileSync, renameSync, writeFileSync } from 'fs';

/** accounts.lock.json: names → IDs, as they come into being. The organization stays the source of truth. */
export interface LockFile {
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
