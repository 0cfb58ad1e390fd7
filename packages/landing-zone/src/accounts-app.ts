import { readFileSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { validateOrThrow } from '@landfall/model';
import { readDeploymentIds } from './deployment';
import { AccountCustomization } from './landing-zone';
import { CHECK_REPORT_FILE, describeGates, synthesizeLandingZone } from './synth';

export interface AccountsAppOptions {
  /** The repository root: where landing-zone.json and accounts.lock.json are. */
  readonly root: string;
  /** Each account folder's `customize`, by account name. */
  readonly customizations: Readonly<Record<string, AccountCustomization>>;
}

/**
 * The body of the generated `accounts/main.ts`: synthesizes the landing zone with
 * the accounts' customizations into `$CDK_OUTDIR` (set by the CDK CLI; default
 * `cdk.out`) and writes the check report (`check-report.json`) beside that folder, as `landfall synth` does.
 * `LANDFALL_PLACEHOLDERS=true` synthesizes without IDs, for review;
 * `LANDFALL_PROACTIVE_CONTROLS=true` adds AWS Control Tower's proactive controls to the gates.
 * Sets a failing exit status, and leaves the previous assembly, on any error.
 */
export function runAccountsApp(options: AccountsAppOptions): void {
  const outdir = process.env.CDK_OUTDIR ?? join(options.root, 'cdk.out');
  try {
    const definition = validateOrThrow(
      JSON.parse(readFileSync(join(options.root, 'landing-zone.json'), 'utf8')),
      'landing-zone.json',
    );
    const report = synthesizeLandingZone({
      definition,
      ids: readDeploymentIds(join(options.root, 'accounts.lock.json')),
      placeholders: process.env.LANDFALL_PLACEHOLDERS === 'true',
      proactiveControls: process.env.LANDFALL_PROACTIVE_CONTROLS === 'true',
      customizations: options.customizations,
      outdir,
    });
    if (!report.ok) {
      const errors = report.findings.filter((f) => f.severity === 'error');
      process.stderr.write(
        `✘ ${errors.length} unacknowledged errors of ${describeGates(report.gates)}; ${outdir} was left as it was:\n`,
      );
      for (const f of errors) process.stderr.write(`  ${f.rule} ${f.path}\n    ${f.description}\n`);
      process.exitCode = 1;
      return;
    }
    writeFileSync(join(dirname(outdir), CHECK_REPORT_FILE), JSON.stringify(report, undefined, 2) + '\n');
    process.stdout.write(
      `✔ ${definition.name}: ${report.stacks.length} stacks in ${outdir}, no unacknowledged error of ${describeGates(report.gates)} ` +
        `(${report.acknowledgements.length} acknowledgements${report.placeholders ? '; placeholders, not deployable' : ''})\n`,
    );
    for (const p of report.pending) process.stdout.write(`  pending: ${p}\n`);
  } catch (error) {
    process.stderr.write(`✘ ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
