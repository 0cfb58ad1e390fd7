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
