import { Command } from 'commander';
import { loadAndValidate } from '../load';
import { failWith, summarize } from '../report';
import { CONFIG_HELP } from './init';

export function validateCommand(): Command {
  return new Command('validate')
    .description('Check a landing-zone definition and print a summary, or every error with its fix. Writes nothing.')
    .option('-c, --config <file>', CONFIG_HELP)
    .addHelpText('after', '\nExit status: 0 when the definition is valid, 1 when it has errors.')
    .action((options: { config: string }) => {
      const loaded = loadAndValidate(options.config);
      if (!loaded.ok) return failWith(loaded.errors, options.config);
      process.stdout.write(summarize(loaded.definition, options.config) + '\n');
    });
}
