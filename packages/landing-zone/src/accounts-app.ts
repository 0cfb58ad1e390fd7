import { existsSync, readdirSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import {
  LandingZoneValidationError,
  ResolvedLandingZone,
  isUserError,
  loadDefinitionFile,
  ouDeployments,
  validateOrThrow,
} from '@landfall/model';
import { SampleAccount } from './customization-samples';
import { accountsOf, readDeploymentIds } from './deployment';
import { AccountCustomization, templateOwnerName } from './landing-zone';
import { CHECK_REPORT_FILE, describeGates, synthesizeLandingZone } from './synth';

export interface AccountsAppOptions {
  /** The repository root: where the definition and accounts.lock.json are. */
  readonly root: string;
  /**
   * The definition, relative to `root`: `.json` (as projen generates it), `.yaml` or `.yml`.
   * @default landing-zone.json
   */
  readonly definition?: string;
  /** Each account folder's `customize`, by account name. */
  readonly customizations: Readonly<Record<string, AccountCustomization>>;
}

/**
 * The body of the generated `accounts/main.ts`: synthesizes the landing zone with
 * the accounts' customizations into `$CDK_OUTDIR` (set by the CDK CLI; default
 * `cdk.out`) and writes the check report (`check-report.json`) beside that folder, as `landfall synth` does.
 * `LANDFALL_DEFINITION` and `LANDFALL_LOCK_FILE` (set by `landfall synth --app` and `deploy --app` to their
 * `--config` and lock file) take the place of the repository's own files.
 * `LANDFALL_PLACEHOLDERS=true` synthesizes without IDs, for review;
 * `LANDFALL_PROACTIVE_CONTROLS=true` adds AWS Control Tower's proactive controls to the gates.
 * Sets a failing exit status, and leaves the previous assembly, on any error.
 */
export function runAccountsApp(options: AccountsAppOptions): void {
  const outdir = process.env.CDK_OUTDIR ?? join(options.root, 'cdk.out');
  try {
    // `landfall synth --app` and `deploy --app` say which definition and lock file they were given.
    const file = process.env.LANDFALL_DEFINITION || join(options.root, options.definition ?? 'landing-zone.json');
    const loaded = loadDefinitionFile(file);
    if (!loaded.ok) throw new LandingZoneValidationError(loaded.errors, file);
    const definition = validateOrThrow(loaded.content, file);
    const ids = readDeploymentIds(process.env.LANDFALL_LOCK_FILE || join(options.root, 'accounts.lock.json'));
    // A customization the app no longer runs is said at every synthesis, not only when the app is regenerated.
    for (const orphan of orphanAccountFolders(options.root, definition)) {
      process.stderr.write(`! ${orphanAccountFolderNote(orphan, ids.stackPrefixes)}\n`);
    }
    const report = synthesizeLandingZone({
      definition,
      ids,
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
    // The user's to correct (the definition, the lock file, IDs): once, without a stack trace. Anything else (a
    // fault in a customization or in Landfall) with its stack trace, to find it by, and exit status 2.
    if (isUserError(error)) {
      process.stderr.write(`✘ ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(`✘ the accounts/ app failed:\n${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 2;
    }
  }
}

/** cdk.json of the accounts/ app: the CDK CLI runs it with ts-node; synthesis needs no AWS lookups (zones are pinned). */
export const ACCOUNTS_APP_CDK_JSON = {
  app: 'npx ts-node --transpileOnly accounts/main.ts',
  output: 'cdk.out',
  context: {},
} as const;

/** What a repository with the accounts/ app keeps out of git: the assembly, its staging copies and the check report. */
export const ACCOUNTS_APP_IGNORED = ['/cdk.out/', '/cdk.out.staging-*', '/cdk.out.previous-*', '/check-report.json'];

/** The accounts of a definition as the accounts/ app's folders see them. */
export function sampleAccountsOf(lz: ResolvedLandingZone): SampleAccount[] {
  const sets = new Set(
    ouDeployments(lz as unknown as Record<string, unknown>)
      .filter((d) => d.mode === 'stack-sets')
      .map((d) => d.ouPath),
  );
  return accountsOf(lz).map(({ account, ouPath }) => ({
    name: account.name,
    role: account.role,
    environment: account.environment,
    ouPath,
    ingress: account.ingress !== undefined,
    ...(sets.has(ouPath) && account.role === 'workload' ? { stackSets: templateOwnerName(ouPath) } : {}),
  }));
}

/**
 * Folders of `accounts/` with a customization (`index.ts`) that is no account of the definition: the app no longer
 * runs them (an account removed, or renamed: its folder keeps the old name).
 */
export function orphanAccountFolders(root: string, lz: ResolvedLandingZone): string[] {
  const dir = join(root, 'accounts');
  if (!existsSync(dir)) return [];
  const names = new Set(accountsOf(lz).map((a) => a.account.name));
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !names.has(e.name) && existsSync(join(dir, e.name, 'index.ts')))
    .map((e) => e.name)
    .sort();
}

/**
 * What to say of an orphan folder of `accounts/`. `stackPrefixes` (accounts.lock.json) names the account a folder
 * belongs to when the account was renamed after `landfall apply`: its stacks keep the old name, its folder does too.
 */
export function orphanAccountFolderNote(folder: string, stackPrefixes: Readonly<Record<string, string>> = {}): string {
  const renamed = Object.entries(stackPrefixes).find(([, prefix]) => prefix === folder)?.[0];
  if (renamed !== undefined) {
    return `accounts/${folder}/ is the customization of account ${renamed}, renamed from ${folder}: the app no longer runs it, so what it adds leaves ${renamed}'s stacks at their next deployment. Move its content into accounts/${renamed}/index.ts, then delete accounts/${folder}/.`;
  }
  return `accounts/${folder}/ is no account of the definition: the app no longer runs its customization. If the account was renamed, move it into the new name's folder (accounts/<new name>/index.ts); otherwise it is yours to delete.`;
}

export interface AccountsMainOptions {
  /** The comment lines that open the file: who generates it and how to regenerate it. */
  readonly header: readonly string[];
  /** The definition file, relative to the repository root. @default landing-zone.json */
  readonly definition?: string;
}

/** `accounts/main.ts`: one import per account folder, handed to `runAccountsApp`. */
export function renderAccountsMain(lz: ResolvedLandingZone, options: AccountsMainOptions): string {
  const accounts = sampleAccountsOf(lz);
  // `prod` → `prodAccount`: never a reserved word, whatever the account is called (`default`, `new`, ...).
  // A hyphen that no letter or digit follows (`a--b`) stays apart as `_`, so that two names never meet.
  const symbol = (name: string) =>
    `${name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()).replace(/-/g, '_')}Account`;
  const definition = options.definition ?? 'landing-zone.json';
  return [
    ...options.header,
    "import { runAccountsApp } from '@landfall/landing-zone';",
    ...[...accounts]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((a) => `import * as ${symbol(a.name)} from './${a.name}';`),
    '',
    'runAccountsApp({',
    '  root: `${__dirname}/..`,',
    ...(definition === 'landing-zone.json' ? [] : [`  definition: ${JSON.stringify(definition).replace(/"/g, "'")},`]),
    '  customizations: {',
    // Quoted only where JavaScript needs it, as prettier writes keys.
    ...accounts.map(
      (a) => `    ${/^[A-Za-z_$][\w$]*$/.test(a.name) ? a.name : `'${a.name}'`}: ${symbol(a.name)}.customize,`,
    ),
    '  },',
    '});',
    '',
  ].join('\n');
}
