import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { Artifact } from '@landfall/model';

/**
 * Writes artifacts into `outdir` so that a failure never leaves a half-written
 * set: everything is first written to a staging folder inside `outdir` (same
 * file system), then each file is renamed into place, which is atomic per file.
 * Files in `outdir` that are not artifacts are left alone.
 */
export function writeArtifacts(outdir: string, artifacts: readonly Artifact[]): string[] {
  const target = resolve(outdir);
  // Staged inside the folder itself: the same file system for the renames, and nothing written outside it (its
  // parent may be / in a container, or not writable).
  mkdirSync(target, { recursive: true });
  const staging = mkdtempSync(join(target, '.landfall-staging-'));
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
