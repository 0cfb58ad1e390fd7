import { mkdirSync, mkdtempSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { Artifact, UserError } from '@landfall/model';

/**
 * Writes artifacts into `outdir` so that a failure never leaves a half-written
 * set: everything is first written to a staging folder inside `outdir` (same
 * file system), then each file is renamed into place, which is atomic per file.
 * Files in `outdir` that are not artifacts are left alone.
 */
export function writeArtifacts(outdir: string, artifacts: readonly Artifact[], option = '--out'): string[] {
  const target = resolve(outdir);
  // Staged inside the folder itself: the same file system for the renames, and nothing written outside it (its
  // parent may be / in a container, or not writable).
  ensureFolder(target, outdir, option);
  let staging: string;
  try {
    staging = mkdtempSync(join(target, '.landfall-staging-'));
  } catch (error) {
    throw notWritable(outdir, error, option);
  }
  try {
    for (const artifact of artifacts) {
      const file = join(staging, artifact.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, artifact.content);
    }
    const written: string[] = [];
    for (const artifact of artifacts) {
      const destination = join(target, artifact.path);
      mkdirSync(dirname(destination), { recursive: true });
      renameSync(join(staging, artifact.path), destination);
      written.push(destination);
    }
    return written;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The output folder cannot be written: the user's to correct (another folder, or permissions). */
function notWritable(outdir: string, error: unknown, option: string): UserError {
  const e = error as NodeJS.ErrnoException;
  const why =
    e.code === 'ENOTDIR' || e.code === 'EEXIST'
      ? `${e.path ?? outdir} is a file, not a folder`
      : e.code === 'EACCES' || e.code === 'EPERM'
        ? `no permission to write ${e.path ?? outdir}`
        : e.code === 'EROFS'
          ? `${e.path ?? outdir} is on a read-only file system`
          : e.message;
  return new UserError(
    `${option} ${outdir}`,
    `cannot be written (${why})`,
    'pass a folder you can write to (it is created if missing)',
  );
}

/**
 * Creates `target` (the resolved `outdir`, given as `option`) and its missing parents one by one, and returns the
 * folders it created (outermost first, for `removeCreated`). Node's recursive mkdir never returns for some paths it
 * cannot create (under /proc, for one); this fails at once, with a user error that says why.
 */
export function ensureFolder(target: string, outdir: string, option = '--out'): string[] {
  let stat;
  try {
    stat = statSync(target, { throwIfNoEntry: false });
  } catch (error) {
    // A file on the way: its parents say which.
    if ((error as NodeJS.ErrnoException).code !== 'ENOTDIR') throw notWritable(outdir, error, option);
  }
  if (stat?.isDirectory()) return [];
  if (stat) {
    throw notWritable(outdir, Object.assign(new Error('not a folder'), { code: 'ENOTDIR', path: target }), option);
  }
  const parent = dirname(target);
  const created = parent !== target ? ensureFolder(parent, outdir, option) : [];
  try {
    mkdirSync(target);
    created.push(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw notWritable(outdir, error, option);
  }
  return created;
}

/** Removes the folders `ensureFolder` created, innermost first, where they are still empty (a run that failed). */
export function removeCreated(created: readonly string[]): void {
  for (const folder of [...created].reverse()) {
    try {
      rmdirSync(folder);
    } catch {
      return;
    }
  }
}
