// .projenrc.ts runs on a fresh clone, before any package is built (no lib/ yet).
// Imported first, this makes `@landfall/<name>` resolve to packages/<name>/src
// while projen synthesizes, so generating files never depends on a build.
import { join } from 'path';
import { register } from 'tsconfig-paths';

// Construct packages share internals by module path (`@landfall/encryption/lib/<module>`), outside their public API.
register({
  baseUrl: join(__dirname, '..'),
  paths: { '@landfall/encryption/lib/*': ['packages/encryption/src/*'], '@landfall/*': ['packages/*/src'] },
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
