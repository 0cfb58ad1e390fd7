import { existsSync } from 'fs';
import { basename, dirname, resolve } from 'path';
import { starterDefinitionYaml } from '@landfall/model';
import { Command } from 'commander';
import { red, green } from '../style';
import { writeArtifacts } from '../write-artifacts';

/** The definition files a command reads when `--config` is not given, in the working directory. */
export const DEFAULT_CONFIG_FILES = ['landing-zone.yaml', 'landing-zone.yml', 'landing-zone.json'];

export const CONFIG_HELP = `definition file (.yaml, .yml or .json; default: the one of ${DEFAULT_CONFIG_FILES.join(', ')} in the working directory)`;

/** The definition in `dir` when `--config` is not given; or why there is none to choose. */
export function defaultConfig(dir: string): { file: string } | { error: string } {
  const present = DEFAULT_CONFIG_FILES.filter((f) => existsSync(resolve(dir, f)));
  if (present.length === 1) return { file: present[0] };
  if (present.length === 0) {
    return {
      error: `no definition in ${dir} (${DEFAULT_CONFIG_FILES.join(', ')}): pass --config <file>, or run \`landfall init\` to write a starter landing-zone.yaml`,
    };
  }
  return { error: `${present.join(' and ')} are both in ${dir}: pass --config <file> to say which to use` };
}

export function initCommand(): Command {
  return new Command('init')
    .description(
      'Write a starter definition: the embedded example (acme-health), in YAML, every field commented from the schema. Edit it, then `landfall validate`.',
    )
    .option('-o, --out <file>', 'where to write it', 'landing-zone.yaml')
    .option('--name <name>', "the client's landing-zone name (3 to 32 lowercase letters, digits and hyphens)")
    .addHelpText('after', '\nNever overwrites a file. Exit status: 0 when written, 1 when the file exists.')
    .action((options: { out: string; name?: string }) => {
      if (existsSync(options.out)) {
        process.stderr.write(
          `${red('✘')} ${options.out} exists; nothing was written. Pass --out <file> to write the starter elsewhere.\n`,
        );
        process.exitCode = 1;
        return;
      }
      writeArtifacts(dirname(options.out), [
        { path: basename(options.out), content: starterDefinitionYaml({ name: options.name }) },
      ]);
      process.stdout.write(
        `${green('✔')} wrote ${options.out}: the example's organization, with placeholder IDs and addresses to replace.\n` +
          `  Next: npx landfall validate${options.out === 'landing-zone.yaml' ? '' : ` --config ${options.out}`}\n`,
      );
    });
}
