import { Command } from 'commander';
import { relative } from 'path';
import { loadAndValidate } from '../load';
import { failWith } from '../report';
import { green } from '../style';
import { synthesizeArtifacts } from '../synthesize';
import { writeArtifacts } from '../write-artifacts';

export function synthCommand(): Command {
  return new Command('synth')
    .description('Validate a definition and write everything derived from it (landing-zone.json, docs/, scp/ with its manifest) into a folder.')
    .requiredOption('-c, --config <file>', 'definition file (.yaml, .yml or .json)')
    .requiredOption('-o, --out <dir>', 'folder to write the artifacts into (created if missing)')
    .addHelpText('after', '\nAn invalid definition writes nothing: artifacts already in --out stay as they were.\nExit status: 0 on success, 1 when the definition has errors.')
    .action((options: { config: string; out: string }) => {
      const nothingWritten = `nothing was written to ${options.out}`;
      const loaded = loadAndValidate(options.config);
      if (!loaded.ok) return failWith(loaded.errors, options.config, nothingWritten);
      const synthesis = synthesizeArtifacts(loaded.definition);
      if (!synthesis.ok) return failWith(synthesis.errors, options.config, nothingWritten);
      const written = writeArtifacts(options.out, synthesis.artifacts);
      process.stdout.write(`${green('✔')} ${loaded.definition.name}: wrote ${written.length} files\n`);
      for (const file of written) process.stdout.write(`  ${relative(process.cwd(), file)}\n`);
    });
}
