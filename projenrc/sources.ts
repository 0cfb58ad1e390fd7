// .projenrc.ts runs on a fresh clone, before any package is built (no lib/ yet).
// Imported first, this makes `@landfall/<name>` resolve to packages/<name>/src
// while projen synthesizes, so generating files never depends on a build.
import { readdirSync } from 'fs';
import { join } from 'path';
import { register } from 'tsconfig-paths';

// Packages share internals by module path (`@landfall/encryption/lib/<module>`), outside their public API: each
// package's lib/ is its src/ here (tsconfig-paths takes one `*` per pattern, so one pattern per package).
const packages = readdirSync(join(__dirname, '..', 'packages'), { withFileTypes: true }).filter((d) => d.isDirectory());
register({
  baseUrl: join(__dirname, '..'),
  paths: {
    ...Object.fromEntries(packages.map((p) => [`@landfall/${p.name}/lib/*`, [`packages/${p.name}/src/*`]])),
    '@landfall/*': ['packages/*/src'],
  },
});

// A mistake in the definition or the lock file is the user's: print its message once (each error with its fix) and
// exit 1, instead of Node's dump of the error object. Anything else is a fault in .projenrc.ts or Landfall: its
// stack, exit 2. (By name, as @landfall/model's isUserError does: the model is not loaded yet here.)
process.on('uncaughtException', (error: Error) => {
  if (error.name === 'LandingZoneValidationError' || error.name === 'UserError') {
    process.stderr.write(`✘ ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`${error.stack ?? String(error)}\n`);
  process.exit(2);
});
