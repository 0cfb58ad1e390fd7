#!/usr/bin/env node
import { program } from './cli';

program()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    // User errors are reported by the commands themselves; anything here is a bug.
    process.stderr.write(
      `landfall: internal error, please report it with the command you ran:\n${(error as Error).stack ?? String(error)}\n`,
    );
    process.exitCode = 2;
  });
