import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { basename, dirname, join } from 'path';
import { CHECK_REPORT_FILE, CheckReport, readDeploymentIds, synthesizeLandingZone } from '@landfall/landing-zone';
import { ResolvedLandingZone, isUserError } from '@landfall/model';
import { Command } from 'commander';
import { renderCheckReport } from '../check-report';
import { loadAndValidate } from '../load';
import { failWith, reportUserError } from '../report';
import { writeArtifacts } from '../write-artifacts';
import { CONFIG_HELP } from './init';

export interface AssemblyOptions {
  readonly config: string;
  readonly lockFile?: string;
  readonly placeholders?: boolean;
  /** Also check with AWS Control Tower's proactive controls (cfn-guard). */
  readonly proactiveControls?: boolean;
  /** Run cfn-guard on every template, taking no answer from the cache (the evidence bundle's check). */
  readonly uncached?: boolean;
}

export function assemblyOptions(command: Command): Command {
  return command
    .option('--lock-file <file>', 'account, OU and network IDs (default: accounts.lock.json beside the definition)')
    .option(
      '--placeholders',
      'synthesize without IDs: account-agnostic stacks and marked stand-ins, for review and checks only (not deployable)',
    );
}

/** Synthesizes and checks the definition's stacks into `outdir`; prints why not and returns undefined when it cannot. */
export function synthesizeAssembly(
  lz: ResolvedLandingZone,
  options: AssemblyOptions,
  outdir: string,
): CheckReport | undefined {
  try {
    const ids = readDeploymentIds(options.lockFile ?? join(dirname(options.config), 'accounts.lock.json'));
    return synthesizeLandingZone({
      definition: lz,
      ids,
      placeholders: options.placeholders ?? false,
      proactiveControls: options.proactiveControls ?? false,
      outdir,
      ...(options.uncached ? { cacheDir: false as const } : {}),
    });
  } catch (error) {
    // The user's to correct (the definition's checks, the lock file): said once, with its fix. Anything else is a bug.
    if (isUserError(error)) return reportUserError(error, options.config);
    throw error;
  }
}

export function checkCommand(): Command {
  return assemblyOptions(
    new Command('check')
      .description(
        "Synthesize every account's stacks and check them with the cdk-nag HIPAA.Security, AwsSolutions and NIST.800-53.R5 packs and AWS Control Tower's proactive controls (cfn-guard), and against CloudFormation's template quotas; print a report per account and pack, and write it as JSON.",
      )
      .option('-c, --config <file>', CONFIG_HELP)
      .option('--json <file>', 'where to write the JSON report', CHECK_REPORT_FILE),
  )
    .addHelpText(
      'after',
      "\ncfn-guard's answer on each template is cached in ~/.cache/landfall ($XDG_CACHE_HOME/landfall when set):" +
        ' a template checked before is not checked again. LANDFALL_CACHE_DIR=<dir> moves the cache, LANDFALL_CACHE_DIR=off turns it off.' +
        '\n\nExit status: 0 when no unacknowledged error remains, 1 otherwise.',
    )
    .action((options: AssemblyOptions & { json: string }) => {
      const loaded = loadAndValidate(options.config);
      if (!loaded.ok) return failWith(loaded.errors, options.config);
      const scratch = mkdtempSync(join(tmpdir(), 'landfall-check-'));
      try {
        const report = synthesizeAssembly(
          loaded.definition,
          { ...options, proactiveControls: true },
          join(scratch, 'cdk.out'),
        );
        if (!report) return;
        writeArtifacts(
          dirname(options.json),
          [{ path: basename(options.json), content: JSON.stringify(report, undefined, 2) + '\n' }],
          '--json in',
        );
        process.stdout.write(renderCheckReport(report, loaded.definition.name) + `\nJSON report: ${options.json}\n`);
        if (!report.ok) process.exitCode = 1;
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });
}
