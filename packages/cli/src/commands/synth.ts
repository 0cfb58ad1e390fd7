import { dirname, join, relative, resolve } from 'path';
import { CHECK_REPORT_FILE, describeGates, readDeploymentIds } from '@landfall/landing-zone';
import { Command } from 'commander';
import { renderCheckReport } from '../check-report';
import { loadAndValidate } from '../load';
import { failWith } from '../report';
import { runApp } from '../run-app';
import { green, red, yellow } from '../style';
import { synthesizeArtifacts } from '../synthesize';
import { ensureFolder, removeCreated, writeArtifacts } from '../write-artifacts';
import { AssemblyOptions, assemblyOptions, synthesizeAssembly } from './check';
import { CONFIG_HELP } from './init';

export function synthCommand(): Command {
  return assemblyOptions(
    new Command('synth')
      .description(
        "Validate a definition and write everything derived from it into a folder: landing-zone.json, docs/, scp/ with its manifest, and the cloud assembly of every account's stacks (cdk.out/), checked by cdk-nag and against CloudFormation's template quotas.",
      )
      .option('-c, --config <file>', CONFIG_HELP)
      .requiredOption('-o, --out <dir>', 'folder to write the artifacts into (created if missing)')
      .option('--no-assembly', 'write the artifacts only, not the cloud assembly')
      .option(
        '--app <command>',
        'synthesize the assembly with this CDK app instead of the definition alone: the accounts/ app with its customizations (`landfall app` writes it; e.g. "npx ts-node --transpileOnly accounts/main.ts"), run with CDK_OUTDIR, LANDFALL_DEFINITION and LANDFALL_LOCK_FILE set to this run\'s assembly folder, --config and lock file',
      )
      .option(
        '--proactive-controls',
        "also check the stacks with AWS Control Tower's proactive controls (cfn-guard), as landfall check always does (slower: see docs/stacks.md)",
      ),
  )
    .addHelpText(
      'after',
      '\nAn invalid definition, an unacknowledged error of cdk-nag or AWS Control Tower proactive controls, or a template over a CloudFormation quota writes nothing: what is already in --out stays as it was.\nExit status: 0 on success, 1 when the definition or its stacks have errors.',
    )
    .action((options: AssemblyOptions & { out: string; assembly: boolean; app?: string }) => {
      const nothingWritten = `nothing was written to ${options.out}`;
      if (options.app && !options.assembly) {
        process.stderr.write(
          `${red('✘')} --app synthesizes the assembly, which --no-assembly leaves out: pass one of them\n`,
        );
        process.exitCode = 1;
        return;
      }
      const loaded = loadAndValidate(options.config);
      if (!loaded.ok) return failWith(loaded.errors, options.config, nothingWritten);
      // Before anything is synthesized: a folder that cannot be written is the user's to correct, said at once. What
      // this made for it goes again when the run fails: a failed synth leaves nothing behind.
      const created = ensureFolder(resolve(options.out), options.out);
      let finished = false;
      try {
        // Recorded account IDs complete the backup policy (its copy to the backup account's vault).
        const ids = readDeploymentIds(options.lockFile ?? join(dirname(options.config), 'accounts.lock.json'));
        const synthesis = synthesizeArtifacts(loaded.definition, { accountIds: ids.accounts });
        if (!synthesis.ok) return failWith(synthesis.errors, options.config, nothingWritten);
        const artifacts = [...synthesis.artifacts];
        if (options.assembly) {
          const outdir = join(options.out, 'cdk.out');
          const report = options.app
            ? runApp(options.app, outdir, {
                definition: options.config,
                lockFile: options.lockFile ?? join(dirname(options.config), 'accounts.lock.json'),
                placeholders: options.placeholders ?? false,
                proactiveControls: options.proactiveControls ?? false,
                afterFailure: nothingWritten,
              })
            : synthesizeAssembly(loaded.definition, options, outdir);
          if (!report) return;
          if (!report.ok) {
            process.stderr.write(renderCheckReport(report, loaded.definition.name) + `\n${nothingWritten}\n`);
            process.exitCode = 1;
            return;
          }
          artifacts.push({ path: CHECK_REPORT_FILE, content: JSON.stringify(report, undefined, 2) + '\n' });
          // The app said this itself.
          if (!options.app) {
            process.stdout.write(
              `${green('✔')} ${loaded.definition.name}: ${report.stacks.length} stacks in ${join(options.out, 'cdk.out')}, no unacknowledged error of ${describeGates(report.gates)} (${report.acknowledgements.length} acknowledgements)\n`,
            );
            // What waits for an ID a deployment records: said, never silently left out.
            if (report.pending.length > 0) {
              process.stdout.write(
                `${yellow('!')} left out until an ID they need is recorded in accounts.lock.json (\`landfall deploy\` records each; --placeholders shows them for review) (${report.pending.length}):\n` +
                  report.pending.map((p) => `  … ${p}\n`).join(''),
              );
            }
          }
        }
        const written = writeArtifacts(options.out, artifacts);
        process.stdout.write(`${green('✔')} ${loaded.definition.name}: wrote ${written.length} files\n`);
        for (const file of written) process.stdout.write(`  ${relative(process.cwd(), file)}\n`);
        for (const note of synthesis.pending) process.stdout.write(`${yellow('!')} ${note}\n`);
        finished = true;
      } finally {
        if (!finished) removeCreated(created);
      }
    });
}
