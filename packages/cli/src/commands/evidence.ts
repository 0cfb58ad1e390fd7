import { createHash } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join, resolve } from 'path';
import { CHECK_REPORT_FILE, CONSTRUCT_PACKAGES, CheckReport, readDeploymentIds } from '@landfall/landing-zone';
import { Artifact, ResolvedLandingZone } from '@landfall/model';
import { Command } from 'commander';
import { renderCheckReport } from '../check-report';
import { loadAndValidate } from '../load';
import { failWith, shown } from '../report';
import { green, red, yellow } from '../style';
import { synthesizeArtifacts } from '../synthesize';
import { ensureFolder, removeCreated, writeArtifacts } from '../write-artifacts';
import { AssemblyOptions, assemblyOptions, synthesizeAssembly } from './check';
import { CONFIG_HELP } from './init';

/** The packages whose versions an evidence bundle records: Landfall's and what its checks are built on. */
export const EVIDENCE_PACKAGES = [
  '@landfall/cli',
  '@landfall/model',
  '@landfall/guardrails',
  '@landfall/landing-zone',
  ...CONSTRUCT_PACKAGES,
  'aws-cdk-lib',
  'cdk-nag',
  '@cdklabs/cdk-validator-cfnguard',
] as const;

/** What each file of the bundle is, for the index; files not listed are described by their folder. */
const DESCRIPTIONS: ReadonlyArray<[RegExp, string]> = [
  [
    /^docs\/hipaa-matrix\.md$/,
    'HIPAA matrix: each safeguard, its preventive, proactive and detective controls, where deployed, gaps',
  ],
  [/^docs\/accounts\.md$/, 'Account inventory: OU tree, accounts, address plan, connectivity'],
  [
    /^docs\/access\.md$/,
    'Access report: who may do what where, production and PHI access, break-glass, VPN, recorded sessions',
  ],
  [
    /^docs\/guardrails\.md$/,
    'Guardrails: every SCP/RCP and what it denies, where each compiled policy attaches, HIPAA sections',
  ],
  [
    /^docs\/logging\.md$/,
    'Logging and detection: what records, detects and alerts; HIPAA Config rules deployed and not',
  ],
  [/^docs\/backup\.md$/, 'Backup: what is backed up where, restore, restore tests and audit reports'],
  [/^docs\/rollout\.md$/, 'Rollout: the phases and the pipeline, and who can make it run code'],
  [/^docs\/architecture\.(md|svg)$/, 'Architecture diagram drawn from the definition'],
  [/^docs\/stacks\.md$/, "Stacks: each account's stacks and how each deploys"],
  [/^scp\/manifest\.json$/, 'Compiled policies: which file attaches to which target, with sizes'],
  [/^scp\//, 'Compiled policy, byte-exact as sent to AWS Organizations'],
  [/^landing-zone\.json$/, 'The definition with every default written out'],
  [
    new RegExp(`^${CHECK_REPORT_FILE.replace('.', '\\.')}$`),
    'Check report (JSON): cdk-nag packs and Control Tower proactive controls per stack',
  ],
  [/^check-report\.txt$/, 'Check report, as `landfall check` prints it'],
  [
    /^versions\.json$/,
    "Versions of Landfall's packages and their checks, Node.js, the definition's and the lock file's checksums",
  ],
];

interface EvidenceOptions extends AssemblyOptions {
  readonly out: string;
  readonly check: boolean;
}

export function evidenceCommand(): Command {
  return assemblyOptions(
    new Command('evidence')
      .description(
        'Write a dated evidence bundle for an auditor into a new folder: the HIPAA matrix, the compiled guardrail policies, the check report (cdk-nag packs and AWS Control Tower proactive controls), the account inventory, the access report and the other generated docs, the versions used, SHA-256 checksums of every file, and an index page (index.md).',
      )
      .option('-c, --config <file>', CONFIG_HELP)
      .requiredOption('-o, --out <dir>', 'folder to make the bundle in: <name>-evidence-<UTC date and time> inside it')
      .option('--no-check', 'leave the check report out (faster); the index says it is not there'),
  )
    .addHelpText(
      'after',
      "\nA bundle is never overwritten, and a failed run leaves nothing behind. The bundle shows what the definition deploys and how it checks; it reads nothing from AWS (the live organization's findings and Config compliance are in its audit account). SOURCE_DATE_EPOCH (seconds since 1970), when set, dates the bundle instead of the clock.\nExit status: 0 when the bundle is written and its checks pass; 1 when it cannot be written, or when it is written but records unacknowledged check errors.",
    )
    .action((options: EvidenceOptions) => {
      const now = bundleDate();
      if (now === undefined) {
        process.stderr.write(
          `${red('✘')} SOURCE_DATE_EPOCH: not a number of seconds since 1970 — unset it, or give the bundle's date as e.g. SOURCE_DATE_EPOCH=$(date +%s)\n`,
        );
        process.exitCode = 1;
        return;
      }
      const nothingWritten = `no bundle was written in ${options.out}`;
      const loaded = loadAndValidate(options.config);
      if (!loaded.ok) return failWith(loaded.errors, options.config, nothingWritten);
      const lz = loaded.definition;
      const folder = join(resolve(options.out), `${lz.name}-evidence-${stamp(now)}`);
      const created = ensureFolder(resolve(options.out), options.out);
      // Made here, not recursively: a bundle already there (or another run making it now) is never written into.
      try {
        mkdirSync(folder);
      } catch (error) {
        removeCreated(created);
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        process.stderr.write(
          `${red('✘')} ${shown(folder)} already exists: an evidence bundle is never overwritten — move it, or pass another --out\n`,
        );
        process.exitCode = 1;
        return;
      }
      const scratch = mkdtempSync(join(tmpdir(), 'landfall-evidence-'));
      let finished = false;
      const lockFile = options.lockFile ?? join(dirname(options.config), 'accounts.lock.json');
      try {
        const synthesis = synthesizeArtifacts(lz, { accountIds: readDeploymentIds(lockFile).accounts });
        if (!synthesis.ok) return failWith(synthesis.errors, options.config, nothingWritten);
        const files: Artifact[] = [...synthesis.artifacts];
        let report: CheckReport | undefined;
        if (options.check) {
          // What an auditor reads is checked now: cfn-guard runs on every template, whatever the cache holds.
          report = synthesizeAssembly(
            lz,
            { ...options, proactiveControls: true, uncached: true },
            join(scratch, 'cdk.out'),
          );
          if (!report) return;
          files.push({ path: CHECK_REPORT_FILE, content: JSON.stringify(report, undefined, 2) + '\n' });
          files.push({ path: 'check-report.txt', content: stripColour(renderCheckReport(report, lz.name)) + '\n' });
        }
        files.push({
          path: 'versions.json',
          content: JSON.stringify(versionsOf(options.config, lockFile), undefined, 2) + '\n',
        });
        files.push({ path: 'index.md', content: renderIndex(lz, now, files, report, synthesis.pending, options) });
        const sums = files
          .map((f) => `${sha256(f.content)}  ${f.path}`)
          .sort((a, b) => a.slice(66).localeCompare(b.slice(66)));
        files.push({ path: 'SHA256SUMS', content: sums.join('\n') + '\n' });
        const written = writeArtifacts(folder, files);
        process.stdout.write(
          `${green('✔')} ${lz.name}: evidence bundle of ${written.length} files in ${shown(folder)}\n`,
        );
        process.stdout.write(`  index: ${shown(join(folder, 'index.md'))}; checksums: sha256sum -c SHA256SUMS\n`);
        if (report && !report.ok) {
          process.stdout.write(
            `${yellow('!')} the check found unacknowledged errors; the bundle records them (check-report.txt)\n`,
          );
          process.exitCode = 1;
        }
        finished = true;
      } finally {
        rmSync(scratch, { recursive: true, force: true });
        // This run made the folder: nothing else is in it.
        if (!finished) {
          rmSync(folder, { recursive: true, force: true });
          removeCreated(created);
        }
      }
    });
}

/** The bundle's date: now, or SOURCE_DATE_EPOCH (seconds) for a reproducible one; undefined when that is not a number. */
function bundleDate(): Date | undefined {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined || epoch === '') return new Date();
  return /^\d+$/.test(epoch) ? new Date(Number(epoch) * 1000) : undefined;
}

/** UTC date and time to the second, safe in a folder name: 2026-12-06T021500Z. */
function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace(/^(\d{4})(\d{2})(\d{2})/, '$1-$2-$3');
}

function sha256(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function stripColour(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[\d+m/g, '');
}

/** The installed versions of Landfall's packages and their checks, Node.js's, and the definition file's checksum. */
export function versionsOf(definitionFile: string, lockFile: string): Record<string, unknown> {
  // The checks (cdk-nag, the cfn-guard validator, aws-cdk-lib) run inside @landfall/landing-zone: their versions are
  // the ones it resolves.
  let from = __dirname;
  try {
    from = dirname(require.resolve('@landfall/landing-zone'));
  } catch {
    // Not installed: every package below says so.
  }
  const packages: Record<string, string> = {};
  for (const name of EVIDENCE_PACKAGES) packages[name] = installedVersion(name, from) ?? 'not installed';
  return {
    definition: { file: definitionFile, sha256: sha256(readFileSync(definitionFile)) },
    lockFile: existsSync(lockFile)
      ? { file: lockFile, sha256: sha256(readFileSync(lockFile)) }
      : { file: lockFile, sha256: 'none: no account has been created yet' },
    node: process.version,
    packages,
  };
}

/** A package's version, from the package.json above its entry point (a package's exports may hide package.json). */
function installedVersion(name: string, from: string): string | undefined {
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [from] });
  } catch {
    return undefined;
  }
  for (let folder = dirname(entry); folder !== dirname(folder); folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === name) return manifest.version;
  }
  return undefined;
}

function renderIndex(
  lz: ResolvedLandingZone,
  now: Date,
  files: readonly Artifact[],
  report: CheckReport | undefined,
  pending: readonly string[],
  options: EvidenceOptions,
): string {
  const describe = (path: string) => DESCRIPTIONS.find(([pattern]) => pattern.test(path))?.[1] ?? '';
  const checkLine = report
    ? `${report.ok ? 'passed' : '**failed**'}: ${report.stacks.length} stacks checked with ${report.gates.join(', ')}; ` +
      `${report.findings.filter((f) => f.severity === 'error').length} unacknowledged errors, ` +
      `${report.acknowledgements.length} acknowledgements, each with its reason (${CHECK_REPORT_FILE})` +
      (report.placeholders
        ? '; synthesized with placeholders (accounts not yet created): for review, not deployable'
        : '')
    : 'not in this bundle (run without --no-check to include it)';
  return [
    `# Evidence bundle: ${lz.name}`,
    '',
    `Generated ${now.toISOString()} by \`landfall evidence\` from \`${options.config}\` (SHA-256 in versions.json), ` +
      `for ${lz.regions.join(', ')} (home ${lz.homeRegion}). Verify every file with \`sha256sum -c SHA256SUMS\`.`,
    '',
    `- **Check report**: ${checkLine}.`,
    `- **HIPAA matrix**: docs/hipaa-matrix.md, generated from the constructs' and guardrails' own statements of the sections they serve.`,
    ...pending.map((p) => `- **Waiting**: ${p}`),
    '',
    '## Files',
    '',
    '| file | what | SHA-256 |',
    '|---|---|---|',
    ...files.map((f) => `| [${f.path}](${f.path}) | ${describe(f.path)} | \`${sha256(f.content).slice(0, 16)}…\` |`),
    '| index.md | this page | |',
    '| [SHA256SUMS](SHA256SUMS) | the full SHA-256 of every other file, this page included | |',
    '',
    '## Not in this bundle',
    '',
    '- The live organization: the bundle is derived from the definition and reads nothing from AWS. Config compliance, ' +
      "GuardDuty, Security Hub and Macie findings are in the audit account's aggregator and Security Hub; CloudTrail " +
      'and Config history in the log archive (docs/logging.md says where).',
    "- The guardrails' simulation proofs: every SCP and RCP is proven by IAM policy simulation in Landfall's own tests " +
      '(requests it must deny and allow, alone and packed as the example packs them; @landfall/guardrails README, "Proof"); ' +
      'they are not re-run for this definition here, because the simulator is a development dependency of Landfall.',
    '- Customizations in the accounts/ app: the check report is of the stacks the definition builds (`landfall synth --app` checks them with the same gates; it is not part of the bundle).',
    '',
  ].join('\n');
}
