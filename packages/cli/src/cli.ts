import { Command } from 'commander';
import { checkCommand } from './commands/check';
import { applyCommand, planCommand } from './commands/org';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

/** The `landfall` program: every command, with `--help` on each. */
export function program(): Command {
  return new Command('landfall')
    .description('Landfall: a HIPAA-ready AWS multi-account landing zone as code')
    .version(version)
    .showHelpAfterError()
    .addCommand(validateCommand())
    .addCommand(synthCommand())
    .addCommand(checkCommand())
    .addCommand(planCommand())
    .addCommand(applyCommand());
}
