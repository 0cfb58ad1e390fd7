import { Command } from 'commander';
import { appCommand } from './commands/app';
import { checkCommand } from './commands/check';
import { deployCommand } from './commands/deploy';
import { evidenceCommand } from './commands/evidence';
import { defaultConfig, initCommand } from './commands/init';
import { applyCommand, planCommand } from './commands/org';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';
import { red } from './style';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require('../package.json') as { version: string };

/** The `landfall` program: every command, with `--help` on each. */
export function program(): Command {
  return (
    new Command('landfall')
      .description('Landfall: a HIPAA-ready AWS multi-account landing zone as code')
      .version(version)
      .showHelpAfterError()
      // `--config` defaults to the definition in the working directory; without one, the command says what to do.
      .hook('preAction', (_program, command) => {
        if (!command.options.some((o) => o.long === '--config') || command.getOptionValue('config') !== undefined) {
          return;
        }
        const found = defaultConfig(process.cwd());
        if ('file' in found) {
          command.setOptionValue('config', found.file);
          return;
        }
        process.stderr.write(`${red('✘')} ${found.error}\n`);
        process.exit(1);
      })
      .addCommand(initCommand())
      .addCommand(validateCommand())
      .addCommand(appCommand())
      .addCommand(synthCommand())
      .addCommand(checkCommand())
      .addCommand(planCommand())
      .addCommand(applyCommand())
      .addCommand(deployCommand())
      .addCommand(evidenceCommand())
  );
}
