import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'fs';
import { dirname, join, resolve } from 'path';
import { CHECK_REPORT_FILE, CheckReport, replaceDirectory } from '@landfall/landing-zone';
import { red } from './style';

export interface RunAppOptions {
  /** The definition the command was given: the app must read this one (LANDFALL_DEFINITION). */
  readonly definition: string;
  /** The lock file the command was given: the app must read this one (LANDFALL_LOCK_FILE). */
  readonly lockFile: string;
  /** Synthesize without IDs (LANDFALL_PLACEHOLDERS). */
  readonly placeholders: boolean;
  /** Add AWS Control Tower's proactive controls to the gates (LANDFALL_PROACTIVE_CONTROLS). */
  readonly proactiveControls: boolean;
  /** What the failure leaves untouched, said after it. */
  readonly afterFailure: string;
}

/**
 * Runs a CDK app (the accounts/ app, `runAccountsApp`) and, when it succeeds with a passing check report, puts its
 * assembly in `outdir` and returns the report; otherwise prints why, leaves `outdir` as it was, and returns undefined.
 * The app synthesizes into a scratch folder of this run (an absolute path, whatever folder the command changes to),
 * so neither a failed app nor an earlier run's report can pass for this one. The app's own output is the user's.
 */
export function runApp(command: string, outdir: string, options: RunAppOptions): CheckReport | undefined {
  const target = resolve(outdir);
  const parent = dirname(target);
  const madeParent = !existsSync(parent);
  mkdirSync(parent, { recursive: true });
  const scratch = mkdtempSync(join(parent, '.landfall-app-'));
  const fail = (why: string) => {
    process.stderr.write(`${red('✘')} the app \`${command}\` ${why}: ${options.afterFailure}\n`);
    process.exitCode = 1;
    // A failed run leaves no trace, not even the folder it made for the scratch one.
    rmSync(scratch, { recursive: true, force: true });
    if (madeParent && readdirSync(parent).length === 0) rmSync(parent, { recursive: true, force: true });
    return undefined;
  };
  try {
    const result = spawnSync(command, {
      shell: true,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        CDK_OUTDIR: join(scratch, 'cdk.out'),
        LANDFALL_DEFINITION: resolve(options.definition),
        LANDFALL_LOCK_FILE: resolve(options.lockFile),
        LANDFALL_PLACEHOLDERS: String(options.placeholders),
        LANDFALL_PROACTIVE_CONTROLS: String(options.proactiveControls),
      },
    });
    if (result.status !== 0) return fail(`failed (exit ${result.status ?? result.signal})`);
    const reportFile = join(scratch, CHECK_REPORT_FILE);
    if (!existsSync(reportFile) || !existsSync(join(scratch, 'cdk.out'))) {
      return fail(
        `wrote no assembly and ${CHECK_REPORT_FILE} into CDK_OUTDIR: it must be the accounts/ app (runAccountsApp from @landfall/landing-zone, which \`landfall app\` writes)`,
      );
    }
    let report: CheckReport;
    try {
      report = JSON.parse(readFileSync(reportFile, 'utf8')) as CheckReport;
    } catch (error) {
      return fail(`wrote a ${CHECK_REPORT_FILE} that is not JSON (${(error as Error).message})`);
    }
    if (!report.ok) return fail('left unacknowledged errors in its check report');
    replaceDirectory(join(scratch, 'cdk.out'), target);
    return report;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
