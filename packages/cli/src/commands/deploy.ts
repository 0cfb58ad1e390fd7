import { hostname, userInfo } from 'os';
import { dirname, join, resolve } from 'path';
import {
  AwsAccess,
  DeployEvent,
  DeployFailedError,
  StackResult,
  bootstrapStackName,
  deployAssembly,
} from '@landfall/deploy';
import { LANDFALL_TAG } from '@landfall/guardrails';
import {
  CHECK_REPORT_FILE,
  RECORD_OUTPUT_METADATA,
  STACK_SET_METADATA,
  accountsOf,
  deploymentPhase,
  touchesProduction,
} from '@landfall/landing-zone';
import { isUserError } from '@landfall/model';
import {
  LeaseHeldError,
  destroyedBy,
  explainError,
  leaseOrganization,
  readLockFile,
  refusedDestruction,
  retryingSend,
  writeLockFile,
} from '@landfall/organization';
import { Command, InvalidArgumentError, Option } from 'commander';
import { renderCheckReport } from '../check-report';
import { loadAndValidate } from '../load';
import { failWith, isProgramFault, reportUserError, shown } from '../report';
import { runApp } from '../run-app';
import { bold, dim, green, red, yellow } from '../style';
import { ensureFolder, writeArtifacts } from '../write-artifacts';
import { synthesizeAssembly } from './check';
import {
  ConnectionOptions,
  abandonedOnThisHost,
  applyOrganization,
  allowDestroyOption,
  confirm,
  connectionOptions,
  destructionAllowed,
  makePlan,
  renderPending,
  renderPlan,
} from './org';

interface DeployCommandOptions extends ConnectionOptions {
  readonly yes?: boolean;
  readonly dryRun?: boolean;
  readonly skipProduction?: boolean;
  readonly allowDestroy?: readonly string[];
  readonly out: string;
  readonly concurrency: number;
  readonly proactiveControls?: boolean;
  readonly app?: string;
  readonly pollMs: number;
  readonly stackPollMs: number;
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1, e.g. 8');
  return n;
}

/** The synthesis failed; what and why is printed already. */
class SynthesisStopped extends Error {}

/** Sets `value` at `path` in the lock file (atomically); returns whether it changed. */
function recordInLockFile(lockFile: string, path: readonly string[], value: string): boolean {
  const lock = readLockFile(lockFile) as unknown as Record<string, unknown>;
  let node = lock;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  if (node[last] === value) return false;
  node[last] = value;
  writeLockFile(lockFile, lock as never);
  return true;
}

const VERBS: Record<StackResult, string> = {
  created: 'created',
  updated: 'updated',
  unchanged: 'unchanged',
  'would-create': 'would create',
  'would-update': 'would update',
};

function describeChanges(changes: Readonly<Record<string, number>> | undefined): string {
  const parts = Object.entries(changes ?? {}).map(([action, n]) => `${action.toLowerCase()} ${n}`);
  return parts.length ? dim(` (${parts.join(', ')})`) : '';
}

export function deployCommand(): Command {
  return allowDestroyOption(connectionOptions(new Command('deploy')))
    .description(
      "Roll the landing zone out in one command: the organization (what `landfall apply` does), then every account's stacks through CloudFormation change sets, phase by phase — the CDK bootstrap (a service-managed StackSet for the member accounts), the core accounts, the network hub, the spokes — recording in accounts.lock.json the outputs the next phase needs, and synthesizing again with them, until nothing is left to wire.",
    )
    .option('-y, --yes', 'make the organization changes without asking')
    .option(
      '--dry-run',
      'change sets only: show what would change in the organization and in every stack, change nothing',
    )
    .option(
      '--skip-production',
      "deploy every stack but those that act on production: the stacks of production environments' accounts (network.environments.<name>.production) and every stack whose template names such an account, its address range or its recorded network IDs (Identity Center assignments, the hub's route domains, VPN rules, security services' memberships). What a pipeline deploys before production's approval; a later run without it deploys the rest",
    )
    .option('-o, --out <dir>', 'where the checked cloud assembly is written (<out>/cdk.out)', 'out')
    .option('--concurrency <n>', 'stacks deployed at once', wholeNumber, 8)
    .option('--proactive-controls', "also check the stacks with AWS Control Tower's proactive controls (slower)")
    .option(
      '--app <command>',
      'synthesize with this CDK app instead of the definition alone: the accounts/ app with its customizations (`landfall app` writes it; the "app" of cdk.json), run with CDK_OUTDIR, LANDFALL_DEFINITION and LANDFALL_LOCK_FILE set to this run\'s assembly folder, --config and lock file',
    )
    .addOption(
      new Option('--poll-ms <n>', 'how often to poll account creations').default(2000).argParser(Number).hideHelp(),
    )
    .addOption(
      new Option('--stack-poll-ms <n>', 'how often to poll CloudFormation').default(5000).argParser(Number).hideHelp(),
    )
    .addHelpText(
      'after',
      "\nCredentials: the management account's (--profile, or the SDK's chain); each stack deploys through its account's\nCDK bootstrap roles, which trust the management account. Safe to run again at any time: it resumes from where\nCloudFormation and the organization stand, and takes the same lease on the organization as `landfall apply`.\nExit status: 0 when everything is deployed (or, with --dry-run, shown), 1 on errors.",
    )
    .action(async (options: DeployCommandOptions) => {
      const loaded = loadAndValidate(options.config);
      if (!loaded.ok) return failWith(loaded.errors, options.config);
      // A folder that cannot be written is the user's to correct, said before anything is asked of AWS.
      ensureFolder(resolve(options.out), options.out);
      const lz = loaded.definition;
      const lockFile = options.lockFile ?? join(dirname(options.config), 'accounts.lock.json');
      const started = Date.now();
      const clock = () => dim(`[+${((Date.now() - started) / 1000).toFixed(1)}s]`);

      // Phase "organization": what `landfall apply` does.
      process.stdout.write(bold('organization\n'));
      const made = await makePlan(options);
      if (!made) return;
      process.stdout.write(renderPlan(made.plan) + '\n' + renderPending(made.pending));
      if (made.plan.conflicts.length) {
        process.exitCode = 1;
        return;
      }
      if (options.dryRun) {
        const refused = refusedDestruction(made.plan, options.allowDestroy);
        if (refused.length > 0) {
          process.stdout.write(
            `${yellow('!')} a real run refuses this plan unless --allow-destroy ${refused.map(destroyedBy).join(',')} names what it destroys\n`,
          );
        }
      } else if (!destructionAllowed(made.plan, options.allowDestroy)) {
        return;
      }
      if (made.plan.steps.length > 0) {
        if (options.dryRun) {
          process.stdout.write(`${yellow('!')} dry run: the organization changes above are not made\n`);
        } else {
          if (!options.yes) {
            if (!process.stdin.isTTY) {
              process.stderr.write(
                `${red('✘')} not a terminal: pass --yes to change the organization without a prompt\n`,
              );
              process.exitCode = 1;
              return;
            }
            if (!(await confirm(`Apply ${made.plan.steps.length} organization changes? [y/N] `))) {
              process.stdout.write('nothing deployed\n');
              return;
            }
          }
          if (!(await applyOrganization({ ...options, lockFile, command: 'deploy' }, made))) return;
        }
      }
      const ids = readLockFile(lockFile);
      const missing = accountsOf(lz).filter(({ account }) => !ids.accounts[account.name]);
      if (missing.length > 0) {
        process.stderr.write(
          `${red('✘')} no account ID recorded for ${missing.map((m) => m.account.name).join(', ')} in ${shown(lockFile)}: ${options.dryRun ? 'the stacks need the accounts this dry run only shows; run `landfall deploy` without --dry-run' : 'run `landfall apply` (or this command) without --lock-file pointing elsewhere'}\n`,
        );
        process.exitCode = 1;
        return;
      }

      // The root, whose member accounts (at any depth, also later ones) get Landfall's bootstrap.
      const rootId = made.plan.live.rootId ?? ids.ous.Root;
      if (!rootId) {
        process.stderr.write(
          `${red('✘')} the organization has no root yet: run \`landfall deploy\` without --dry-run\n`,
        );
        process.exitCode = 1;
        return;
      }
      // The stacks, under the same lease as apply.
      const send = retryingSend(made.client);
      const holder = `${userInfo().username}@${hostname()}:${process.pid}`;
      let lease: Awaited<ReturnType<typeof leaseOrganization>>;
      try {
        lease = await leaseOrganization(send, holder, 15 * 60_000, abandonedOnThisHost);
      } catch (error) {
        if (isProgramFault(error)) throw error;
        if (isUserError(error)) return void reportUserError(error, options.config);
        process.stderr.write(`${red('✘')} ${explainError(error)}\n`);
        process.exitCode = 1;
        return;
      }
      // Losing the lease (it lapsed and another run took it) stops this run before its next stack.
      const stop = new AbortController();
      const refresher = setInterval(
        () =>
          void lease.refresh().catch((error) => {
            if (error instanceof LeaseHeldError) stop.abort(error.message);
          }),
        5 * 60_000,
      );
      // Interrupted (Ctrl-C, a cancelled CI job): the lease goes with the run, so another need not wait for it to expire.
      const interrupted = (signal: NodeJS.Signals) => {
        clearInterval(refresher);
        process.stderr.write(`${red('✘')} ${signal}: stopping; run \`landfall deploy\` again to resume\n`);
        void lease
          .release()
          .catch(() => undefined)
          .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
      };
      process.once('SIGINT', interrupted);
      process.once('SIGTERM', interrupted);
      const names = Object.fromEntries(Object.entries(ids.accounts).map(([name, id]) => [id, name]));
      const roles = new Map(accountsOf(lz).map(({ account }) => [account.name, account]));
      const productionOus = new Set(
        accountsOf(lz)
          .filter(({ account }) => account.environment && lz.network.environments[account.environment]?.production)
          .map(({ ouPath }) => ouPath),
      );
      const outdir = join(options.out, 'cdk.out');
      const onEvent = (e: DeployEvent) => {
        const where = e.account ? `${names[e.account] ?? e.account} ${e.region}` : '';
        if (e.type === 'round') {
          process.stdout.write(
            bold(
              `${e.round === 1 ? 'stacks' : `round ${e.round}: outputs recorded since round ${e.round - 1} change what is synthesized`}\n`,
            ),
          );
        } else if (e.type === 'note') {
          process.stdout.write(`${clock()} ${yellow('!')} ${e.message}\n`);
        } else if (e.type === 'done') {
          const mark =
            { unchanged: dim('·'), 'would-create': green('+'), 'would-update': yellow('~') }[e.result as string] ??
            green('✔');
          process.stdout.write(
            `${clock()} ${mark} ${e.phase} · ${where} · ${e.message}: ${VERBS[e.result!]}${describeChanges(e.changes)}\n`,
          );
        }
      };
      let pending: readonly string[] = [];
      // What names production, from the lock file as it stands (outputs recorded this run included).
      let seen: { readonly lock: string; readonly touches: ReturnType<typeof touchesProduction> } | undefined;
      const production = () => {
        const lock = JSON.stringify(readLockFile(lockFile));
        if (seen?.lock !== lock) seen = { lock, touches: touchesProduction(lz, JSON.parse(lock)) };
        return seen.touches;
      };
      try {
        const summary = await deployAssembly({
          aws: new AwsAccess({ endpoint: options.endpoint, profile: options.profile }),
          synthesize: async () => {
            if (options.app) {
              const report = runApp(options.app, outdir, {
                definition: options.config,
                lockFile,
                placeholders: false,
                proactiveControls: options.proactiveControls === true,
                afterFailure: 'nothing was deployed from this synthesis',
              });
              if (!report) throw new SynthesisStopped();
              pending = report.pending;
              return outdir;
            }
            const report = synthesizeAssembly(
              lz,
              { config: options.config, lockFile, proactiveControls: options.proactiveControls },
              outdir,
            );
            if (!report) throw new SynthesisStopped();
            if (!report.ok) {
              process.stderr.write(renderCheckReport(report, lz.name) + '\n');
              throw new SynthesisStopped();
            }
            pending = report.pending;
            writeArtifacts(options.out, [
              { path: CHECK_REPORT_FILE, content: JSON.stringify(report, undefined, 2) + '\n' },
            ]);
            return outdir;
          },
          // Every stack of a production environment's accounts, and every stack whose template names production
          // (an assignment to its account, a route domain or VPN rule for its range): what waits for the approval.
          // A StackSet of an OU with a production account is production's too.
          ...(options.skipProduction
            ? {
                include: (stack) => {
                  const set = stack.findMetadataByType(STACK_SET_METADATA)[0]?.data as { ouPath?: string } | undefined;
                  if (set && productionOus.has(set.ouPath ?? '')) return false;
                  return !production()({ account: stack.environment.account, template: stack.template });
                },
              }
            : {}),
          // The workload OUs' baselines: StackSets over each OU, with the definition's failure tolerance and concurrency.
          stackSetMetadataType: STACK_SET_METADATA,
          stackSetPreferences: lz.stackSets,
          phaseOf: (stack) => {
            const account = roles.get(names[stack.environment.account]);
            // A StackSet's template (an OU's workload baselines) and a stack a customization adds for an account outside the
            // definition go last, with the spokes.
            return account ? deploymentPhase(account) : 'spokes';
          },
          recordMetadataType: RECORD_OUTPUT_METADATA,
          record: (path, value) => recordInLockFile(lockFile, path, value),
          // Member accounts are bootstrapped by a service-managed StackSet over the root: every account, also later ones.
          bootstrap: {
            qualifier: lz.guardrails.cdkQualifier,
            organizationalUnitIds: [rootId],
            homeRegion: lz.homeRegion,
          },
          tags: { [LANDFALL_TAG]: lz.name },
          ownerTag: [LANDFALL_TAG, lz.name],
          accountNames: names,
          dryRun: options.dryRun,
          concurrency: options.concurrency,
          pollMs: options.stackPollMs,
          onEvent,
          signal: stop.signal,
        });
        const r = summary.results;
        const counts = (Object.keys(VERBS) as StackResult[]).filter((k) => r[k] > 0).map((k) => `${r[k]} ${VERBS[k]}`);
        process.stdout.write(
          `${green('✔')} ${options.dryRun ? 'dry run' : 'deployed'}: ${summary.stacks} ${summary.stacks === 1 ? 'stack' : 'stacks'}${options.skipProduction ? " (production's left out)" : ''} and the ${bootstrapStackName(lz.guardrails.cdkQualifier)} bootstrap (a stack in the management account, a StackSet for the members), ${summary.rounds} ${summary.rounds === 1 ? 'round' : 'rounds'} (${counts.join(', ')}) in ${((Date.now() - started) / 1000).toFixed(1)}s\n`,
        );
        if (pending.length > 0 && options.skipProduction) {
          // What waits for a stack held back (the hub, production's spokes): the run without the flag deploys it, or
          // names what stays missing.
          process.stdout.write(
            yellow(
              `left out until the stacks that act on production are deployed (${pending.length}): \`landfall deploy\` without --skip-production deploys them, or names what is still missing\n`,
            ) + pending.map((p) => `  ${yellow('…')} ${p}\n`).join(''),
          );
        } else if (pending.length > 0 && options.dryRun) {
          // What the synthesis left out, because an ID it needs is not recorded (a dry run records nothing).
          process.stdout.write(
            yellow(
              `left out until this run's outputs are recorded (${pending.length}): a real run deploys it in a later round\n`,
            ) + pending.map((p) => `  ${yellow('…')} ${p}\n`).join(''),
          );
        } else if (pending.length > 0) {
          // Deployed, yet not everything: what no stack's output provides (an ID to record by hand).
          process.stderr.write(
            `${red('✘')} not everything is deployed: left out, waiting for an ID no stack records (${pending.length}):\n` +
              pending.map((p) => `  … ${p}\n`).join('') +
              'Record each ID in accounts.lock.json as it says, then run `landfall deploy` again.\n',
          );
          process.exitCode = 1;
        }
      } catch (error) {
        if (isProgramFault(error)) throw error;
        if (isUserError(error)) return void reportUserError(error, options.config);
        if (!(error instanceof SynthesisStopped)) {
          const why = error instanceof DeployFailedError ? error.message : explainError(error);
          process.stderr.write(
            `${red('✘')} deploy stopped: ${why}\nRun \`landfall deploy\` again to resume: finished stacks are kept, a failed creation is replaced.\n`,
          );
        }
        process.exitCode = 1;
      } finally {
        process.removeListener('SIGINT', interrupted);
        process.removeListener('SIGTERM', interrupted);
        clearInterval(refresher);
        await lease.release().catch(() => undefined);
      }
    });
}
