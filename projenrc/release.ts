import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { javascript, ReleasableCommits, Version } from 'projen';

/**
 * Independent versions for every package, from conventional commits.
 *
 * Each package has projen's own `Version` component (its `bump` task runs commit-and-tag-version), with
 *  - its own tag prefix, `@landfall/<name>@v1.2.3`, so each package has its own version line;
 *  - only the `feat`/`fix` commits that touch its own folder counting as releasable, and only those commits in
 *    its changelog (`dist/changelog.md`);
 *  - 1.0.0 as the first version, so a `^` range means "compatible" from the first release on (below 1.0.0 a
 *    caret allows no minor change at all).
 *
 * In the workspace every package is 0.0.0 and siblings depend on each other as `^0.0.0`, which only the workspace
 * satisfies. During a release (`RELEASE=true`, after every package's `bump`), `siblingSpec` turns each of those
 * ranges into `^<the sibling's version in this release>`: a package can then be upgraded alone as long as what it
 * needs of its siblings still holds, and npm says so (a peer or dependency range) when it doesn't.
 */

/** The npm scope of every package. */
export const SCOPE = '@landfall';

/** The first version a package is released at. */
export const FIRST_MAJOR_VERSION = 1;

/** Pinned: commit-and-tag-version 13 needs Node 22, and this project supports Node 20. */
export const BUMP_PACKAGE = 'commit-and-tag-version@12.7.3';

/** The range every sibling is declared with in the workspace. */
export const WORKSPACE_RANGE = '^0.0.0';

/** Whether this synthesis is a release build (projen's own convention: the `RELEASE` variable). */
export function isReleaseBuild(): boolean {
  const value = process.env.RELEASE;
  return value !== undefined && value !== '' && value !== 'false' && value !== '0';
}

/** The tag prefix of a package: its tags are `<prefix>v<version>`. */
export function tagPrefix(shortName: string): string {
  return `${SCOPE}/${shortName}@`;
}

/**
 * A dependency as declared in .projenrc.ts (`rootDir` is the monorepo's root): siblings (`@landfall/x@^0.0.0`) become `@landfall/x@^<version>` in a
 * release build; anything else is returned unchanged. A sibling must be declared with the workspace range, so that
 * a release never publishes a hand-written range that went stale.
 */
export function siblingSpec(spec: string, rootDir: string): string {
  if (!spec.startsWith(`${SCOPE}/`)) return spec;
  const at = spec.indexOf('@', SCOPE.length + 1);
  const name = at < 0 ? spec : spec.slice(0, at);
  const range = at < 0 ? '' : spec.slice(at + 1);
  if (range !== WORKSPACE_RANGE) {
    throw new Error(
      `${spec}: declare a Landfall package with the workspace range, as ${name}@${WORKSPACE_RANGE}; a release replaces it with the range of the version it publishes`,
    );
  }
  if (!isReleaseBuild()) return spec;
  const version = releasedVersion(rootDir, name.slice(SCOPE.length + 1));
  return `${name}@^${version}`;
}

/** The version a package has in this release: what its `bump` wrote into its package.json. */
function releasedVersion(rootDir: string, shortName: string): string {
  const file = join(rootDir, 'packages', shortName, 'package.json');
  let version: string | undefined;
  try {
    version = JSON.parse(readFileSync(file, 'utf-8')).version;
  } catch (error) {
    throw new Error(
      `release build: cannot read the version of ${SCOPE}/${shortName} from ${file} (${String(error)}); run \`npx projen release:version\`, which bumps every package before it pins their ranges`,
    );
  }
  if (!version || version === '0.0.0') {
    throw new Error(
      `release build: ${SCOPE}/${shortName} is still at 0.0.0; run \`npx projen release:version\` (it bumps every package before it pins their ranges), not RELEASE=true on its own`,
    );
  }
  return version;
}

/** Gives a package its version line: `bump` (and `unbump`) tasks, tag prefix, releasable commits, changelog. */
export function addVersioning(project: javascript.NodeProject, shortName: string): Version {
  const version = new Version(project, {
    versionInputFile: 'package.json',
    artifactsDirectory: project.artifactsDirectory,
    tagPrefix: tagPrefix(shortName),
    // Run in the package's folder: "." is the package. A commit elsewhere (another package, the docs) is not
    // this package's release, and is not in its changelog.
    releasableCommits: ReleasableCommits.featuresAndFixes('.'),
    versionrcOptions: { path: '.' },
    bumpPackage: BUMP_PACKAGE,
  });
  const env = version.envForBranch({ minMajorVersion: FIRST_MAJOR_VERSION, tagPrefix: tagPrefix(shortName) });
  for (const [name, value] of Object.entries(env)) version.bumpTask.env(name, value);
  // With no package named, projen runs the commit-and-tag-version the workspace installs (BUMP_PACKAGE above is
  // its dev dependency) with node, instead of through npx twice per bump: release:version takes half the time.
  version.bumpTask.env('BUMP_PACKAGE', '');
  return version;
}
