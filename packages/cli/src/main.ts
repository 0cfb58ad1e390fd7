#!/usr/bin/env node
import { program } from './cli';

// The AWS SDK announces on every run that its releases after January 2027 need Node 22. Landfall pins the SDK
// and supports Node 20 (package.json engines), so the notice is not the user's to act on: off, unless the user
// has set the SDK's own switch either way.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // User errors are reported by the commands themselves; anything here is a bug.
    process.stderr.write(
      `landfall: internal error, please report it with the command you ran:\n${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 2;
  });
