#!/usr/bin/env node
import { isUserError } from '@landfall/model';
import { program } from './cli';
import { reportUserError } from './report';

// The AWS SDK announces on every run that its releases after January 2027 need Node 22. Landfall pins the SDK
// and supports Node 20 (package.json engines), so the notice is not the user's to act on: off, unless the user
// has set the SDK's own switch either way.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // A user's mistake (a lock file edited by hand, an output folder that cannot be written): once, with its fix,
    // exit status 1. Anything else is a bug: exit status 2, with the stack trace to report.
    if (isUserError(error)) {
      reportUserError(error, 'the definition');
      return;
    }
    process.stderr.write(
      `landfall: internal error, please report it with the command you ran:\n${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 2;
  });
