import { compileGuardrails } from '@landfall/guardrails';
import { Command } from 'commander';
import { loadAndValidate } from '../load';
import { failWith, summarize } from '../report';
import { CONFIG_HELP } from './init';

export function validateCommand(): Command {
  return new Command('validate')
    .description(
      'Check a landing-zone definition as synth and plan do (schema, references, what the stacks need, the guardrails compiled within their quotas) and print a summary, or every error with its fix. Writes nothing.',
    )
    .option('-c, --config <file>', CONFIG_HELP)
    .addHelpText('after', '\nExit status: 0 when the definition is valid, 1 when it has errors.')
    .action((options: { config: string }) => {
      const loaded = loadAndValidate(options.config);
      if (!loaded.ok) return failWith(loaded.errors, options.config);
      // What synth and plan check beyond the schema: the guardrails compile (waivers of guardrails that exist,
      // exceptions, the policies fitting AWS's quotas), so a CI gate on validate agrees with them.
      const compiled = compileGuardrails(loaded.definition);
      if (!compiled.ok) return failWith(compiled.errors, options.config);
      process.stdout.write(summarize(loaded.definition, options.config) + '\n');
    });
}
