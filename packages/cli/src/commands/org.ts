import { hostname, userInfo } from 'os';
import { dirname, join, relative } from 'path';
import { createInterface } from 'readline';
import { compileGuardrails } from '@landfall/guardrails';
import { isUserError, walkOrganization } from '@landfall/model';
import {
  ApplyEvent,
  Lease,
  Plan,
  PolicyDiff,
  Step,
  StepKind,
  applyPlan,
  createClient,
  describeStep,
  desiredOrganization,
  destroyedBy,
  explainError,
  planChanges,
  readLockFile,
  readOrganization,
  refusedDestruction,
  retryingSend,
  ServiceAdminClients,
  serviceClientOptions,
} from '@landfall/organization';
import { Command, Option } from 'commander';
import { loadAndValidate } from '../load';
import { failWith, isProgramFault, reportUserError } from '../report';
import { bold, dim, green, red, yellow } from '../style';
import { CONFIG_HELP } from './init';

export interface ConnectionOptions {
  readonly config: string;
  readonly endpoint?: string;
  readonly profile?: string;
  readonly region?: string;
  /** What Landfall recorded as its own: an account or OU recorded there but gone from the definition is destroyed. */
  readonly lockFile?: string;
}

/** `--allow-destroy a,b --allow-destroy c` → [a, b, c]. */
function names(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
  ];
}

/** The option of apply and deploy that lets a plan destroy what it names. */
export function allowDestroyOption(command: Command): Command {
  return command.option(
    '--allow-destroy <names>',
    'let the plan destroy these, and only these: accounts to close (account name), OUs to delete (path, e.g. Root/Sandbox), policies to delete (name); comma-separated or repeated',
    names,
    [],
  );
}

/**
 * Whether the plan may run: every account it closes, OU or policy it deletes is named by --allow-destroy. A name
 * the plan does not destroy is said (a typo, or what an earlier run already destroyed, so that the same command
 * resumes), never taken for another. Prints why not.
 */
export function destructionAllowed(plan: Plan, allowDestroy: readonly string[] = []): boolean {
  const destroyed = plan.steps.map(destroyedBy).filter((n): n is string => n !== undefined);
  const refused = refusedDestruction(plan, allowDestroy);
  const strangers = allowDestroy.filter((n) => !destroyed.includes(n));
  if (strangers.length > 0) {
    process.stderr.write(
      `${yellow('!')} --allow-destroy names ${strangers.join(', ')}, which this plan does not destroy${destroyed.length ? ` (it destroys ${destroyed.join(', ')})` : ''}: a typo, or already destroyed\n`,
    );
  }
  if (refused.length > 0) {
    process.stderr.write(
      `${red('✘')} the plan destroys what the definition no longer has: ${refused.map((s) => describeStep(s)).join('; ')}. Nothing was applied. To apply it, pass --allow-destroy ${refused.map(destroyedBy).join(',')}; to keep them, put them back in the definition.\n`,
    );
    process.exitCode = 1;
    return false;
  }
  return true;
}

export function connectionOptions(command: Command): Command {
  return command
    .option('-c, --config <file>', CONFIG_HELP)
    .option('--endpoint <url>', "Organizations endpoint other than AWS's, e.g. the landfall-org-emulator")
    .option('--profile <name>', "AWS profile of the management account (default: the SDK's credential chain)")
    .option('--region <region>', 'region of the Organizations endpoint', 'us-east-1')
    .option(
      '--lock-file <file>',
      'account and OU IDs Landfall recorded, and where apply records them (default: accounts.lock.json beside the definition)',
    );
}

/** Reads the definition and the live organization, and plans; prints errors and returns undefined when it cannot. */
export async function makePlan(
  options: ConnectionOptions,
): Promise<{ plan: Plan; client: ReturnType<typeof createClient>; pending: readonly string[] } | undefined> {
  const loaded = loadAndValidate(options.config);
  if (!loaded.ok) return failWith(loaded.errors, options.config);
  // Compiled once before reading anything, so a definition the compiler refuses never reaches the organization.
  const precompiled = compileGuardrails(loaded.definition);
  if (!precompiled.ok) return failWith(precompiled.errors, options.config);
  // What Landfall made: an account or OU recorded there and gone from the definition is planned for destruction.
  // Read first: a lock file with errors is the user's to correct, before anything is asked of AWS.
  const recorded = readLockFile(options.lockFile ?? join(dirname(options.config), 'accounts.lock.json'));
  const client = createClient(options);
  try {
    // GuardDuty's, Security Hub's and Macie's administrators are read region by region, through each service's API.
    const live = await readOrganization(retryingSend(client), {
      regions: loaded.definition.regions,
      serviceAdmins: new ServiceAdminClients(serviceClientOptions(client)),
    });
    // The backup policy copies to the backup account's vault, by its ID: the live organization's, when the account
    // exists. Accounts are the definition's, found by email as the plan finds them (an account renamed in the
    // definition has its old name in AWS until apply), else by the ID the lock file recorded under their name.
    const liveByEmail = new Map(live.accounts.map((a) => [a.email.toLowerCase(), a.id]));
    const accountIds = Object.fromEntries(
      walkOrganization(loaded.definition.organization).accounts.flatMap(({ account: { name, email } }) => {
        const id = (email && liveByEmail.get(email.toLowerCase())) ?? (name ? recorded.accounts[name] : undefined);
        return name && id ? [[name, id]] : [];
      }),
    );
    const compiled = compileGuardrails(loaded.definition, undefined, accountIds);
    if (!compiled.ok) return failWith(compiled.errors, options.config);
    return {
      plan: planChanges(desiredOrganization(loaded.definition, compiled.compilation.policies), live, recorded),
      client,
      pending: compiled.compilation.pending,
    };
  } catch (error) {
    if (isProgramFault(error)) throw error;
    if (isUserError(error)) return reportUserError(error, options.config);
    const noCredentials = (error as { name?: string }).name === 'CredentialsProviderError';
    const why =
      noCredentials && options.profile
        ? `profile ${options.profile} gave no credentials — check its name (\`aws configure list-profiles\`) and that its SSO session or keys are current`
        : explainError(error);
    process.stderr.write(`${red('✘')} cannot read the organization: ${why}\n`);
    process.exitCode = 1;
    return undefined;
  }
}

const GROUPS: Array<[string, StepKind[], string]> = [
  ['organization', ['create-organization', 'enable-policy-type'], 'organization'],
  ['OUs', ['rename-ou', 'create-ou'], 'OU'],
  ['accounts', ['create-account', 'await-account', 'move-account', 'rename-account'], 'account'],
  ['policies', ['create-policy', 'update-policy'], 'policy'],
  ['attachments', ['attach-policy', 'detach-policy'], 'attachment'],
  ['services', ['enable-trusted-access', 'register-delegated-admin', 'enable-service-admin'], 'service'],
  ['destroy', ['delete-policy', 'close-account', 'delete-ou'], 'destruction'],
];

function marker(step: Step): string {
  if (step.kind === 'detach-policy') return red('-');
  if (destroyedBy(step) !== undefined) return red('✘');
  if (
    step.kind.startsWith('create') ||
    step.kind.startsWith('enable') ||
    step.kind === 'attach-policy' ||
    step.kind === 'register-delegated-admin'
  ) {
    return green('+');
  }
  return yellow('~');
}

export function renderPlan(plan: Plan): string {
  const lines: string[] = [];
  for (const [title, kinds] of GROUPS) {
    const steps = plan.steps.filter((s) => kinds.includes(s.kind));
    if (steps.length === 0) continue;
    lines.push(
      bold(`${title} (${steps.length})`),
      ...steps.flatMap((s) => [
        `  ${marker(s)} ${describeStep(s)}`,
        ...(s.kind === 'update-policy' ? renderPolicyDiff(s.diff, s.fromName !== undefined) : []),
      ]),
    );
  }
  const destroyed = plan.steps.map(destroyedBy).filter((n): n is string => n !== undefined);
  if (destroyed.length) {
    lines.push(
      red(
        `! destructive: apply refuses ${destroyed.length === 1 ? 'it' : 'them'} unless --allow-destroy ${destroyed.join(',')} names ${destroyed.length === 1 ? 'it' : 'them'}`,
      ),
    );
  }
  if (plan.conflicts.length) {
    lines.push(
      bold(red(`conflicts (${plan.conflicts.length}): nothing can be applied until they are resolved`)),
      ...plan.conflicts.map((c) => `  ${red('!')} ${c}`),
    );
  }
  if (plan.unmanaged.length) {
    lines.push(
      dim(`not in the definition, left alone (${plan.unmanaged.length}):`),
      ...plan.unmanaged.map((u) => dim(`  · ${u}`)),
    );
  }
  const counts = GROUPS.map(
    ([title, kinds, one]) => [plan.steps.filter((s) => kinds.includes(s.kind)).length, title, one] as const,
  ).filter(([n]) => n > 0);
  lines.push(
    plan.steps.length === 0
      ? `${green('✔')} no changes: the organization matches the definition`
      : `${bold(String(plan.steps.length))} ${plan.steps.length === 1 ? 'change' : 'changes'}: ${counts.map(([n, many, one]) => `${n} ${n === 1 ? one : many}`).join(', ')}`,
  );
  return lines.join('\n');
}

/** A policy update's diff under its step: the description, then the content's hunks, `-` live and `+` generated. */
function renderPolicyDiff(diff: PolicyDiff, renamed: boolean): string[] {
  const indent = '      ';
  if (diff.content.length === 0 && !diff.description) {
    // A rename alone: its content is the same (had it been written differently, it is rewritten as generated).
    if (renamed) return [];
    return [
      `${indent}${dim('the same statements, written differently (whitespace or key order): rewritten as generated')}`,
    ];
  }
  return [
    ...(diff.description
      ? [
          `${indent}${red(`- description: ${diff.description.from}`)}`,
          `${indent}${green(`+ description: ${diff.description.to}`)}`,
        ]
      : []),
    ...diff.content.map((line) =>
      line.startsWith('@@')
        ? `${indent}${dim(line)}`
        : line.startsWith('-')
          ? `${indent}${red(line)}`
          : line.startsWith('+')
            ? `${indent}${green(line)}`
            : `${indent}${line}`,
    ),
  ];
}

/** What the plan leaves for later because an ID does not exist yet; `landfall apply` finishes it in the same run. */
export function renderPending(pending: readonly string[]): string {
  if (pending.length === 0) return '';
  return (
    [
      yellow(
        `waiting for an account that this plan creates (${pending.length}): \`landfall apply\` adds it once the account exists`,
      ),
      ...pending.map((p) => `  ${yellow('…')} ${p}`),
    ].join('\n') + '\n'
  );
}

export function planCommand(): Command {
  return connectionOptions(new Command('plan'))
    .description('Show what `landfall apply` would change in the organization. Reads only.')
    .option(
      '--json',
      'print { "changes": [...], "conflicts": [...], "unmanaged": [...], "pending": [...] }; a policy update carries its "diff"',
    )
    .addHelpText('after', '\nExit status: 0 with a plan (or no changes), 1 on errors or conflicts.')
    .action(async (options: ConnectionOptions & { json?: boolean }) => {
      const made = await makePlan(options);
      if (!made) return;
      const { plan, pending } = made;
      if (options.json) {
        process.stdout.write(
          JSON.stringify(
            {
              changes: plan.steps.map((s) => ({
                ...s,
                description: describeStep(s),
                ...(destroyedBy(s) ? { destroys: destroyedBy(s) } : {}),
              })),
              conflicts: plan.conflicts,
              unmanaged: plan.unmanaged,
              pending,
            },
            undefined,
            2,
          ) + '\n',
        );
      } else {
        process.stdout.write(renderPlan(plan) + '\n' + renderPending(pending));
      }
      if (plan.conflicts.length) process.exitCode = 1;
    });
}

/**
 * A lease held as `user@host:pid` by a process that no longer runs on this host
 * was left by a killed apply: resuming need not wait for it to expire.
 */
export function abandonedOnThisHost(lease: Lease): boolean {
  const match = /@([^@:]+):(\d+)$/.exec(lease.holder);
  if (!match || match[1] !== hostname()) return false;
  try {
    process.kill(Number(match[2]), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}

export interface ApplyOptions extends ConnectionOptions {
  readonly pollMs: number;
  /** What the plan may destroy, by name (--allow-destroy). */
  readonly allowDestroy?: readonly string[];
  /** The command to run again to resume. @default 'apply' */
  readonly command?: string;
}

/**
 * Applies a plan (and, once the accounts it creates exist, what waited for them),
 * recording IDs in the lock file; prints progress. Returns whether the organization
 * now matches the definition; on failure it has printed why and set exit status 1.
 */
export async function applyOrganization(
  options: ApplyOptions,
  made: NonNullable<Awaited<ReturnType<typeof makePlan>>>,
): Promise<boolean> {
  const { plan, client, pending } = made;
  const lockFile = options.lockFile ?? join(dirname(options.config), 'accounts.lock.json');
  const started = Date.now();
  const clock = () => dim(`[+${((Date.now() - started) / 1000).toFixed(1)}s]`);
  const onEvent = (event: ApplyEvent) => {
    if (event.type === 'note') process.stdout.write(`${clock()} ${yellow('!')} ${event.message}\n`);
    else process.stdout.write(`${clock()} ${event.type === 'start' ? dim('…') : green('✔')} ${event.message}\n`);
  };
  try {
    const result = await applyPlan(plan, client, {
      onEvent,
      lockFile,
      pollMs: options.pollMs,
      holder: `${userInfo().username}@${hostname()}:${process.pid}`,
      isAbandoned: abandonedOnThisHost,
      allowDestroy: options.allowDestroy,
    });
    process.stdout.write(
      `${green('✔')} applied ${plan.steps.length} changes in ${((Date.now() - started) / 1000).toFixed(1)}s; ${Object.keys(result.accounts).length} accounts recorded in ${relative(process.cwd(), lockFile)}\n`,
    );
    if (pending.length > 0) {
      // What waited for an account this run created (the backup policy's copy to the backup account's vault).
      const after = await makePlan(options);
      if (!after) return false;
      if (after.plan.conflicts.length > 0 || after.pending.length > 0) {
        process.stdout.write(renderPlan(after.plan) + '\n' + renderPending(after.pending));
        process.exitCode = 1;
        return false;
      }
      if (after.plan.steps.length > 0) {
        process.stdout.write(`${bold('now that the accounts exist:')}\n${renderPlan(after.plan)}\n`);
        await applyPlan(after.plan, after.client, {
          onEvent,
          lockFile,
          pollMs: options.pollMs,
          holder: `${userInfo().username}@${hostname()}:${process.pid}`,
          isAbandoned: abandonedOnThisHost,
          allowDestroy: options.allowDestroy,
        });
        process.stdout.write(`${green('✔')} applied ${after.plan.steps.length} more changes\n`);
      }
    }
    return true;
  } catch (error) {
    if (isProgramFault(error)) throw error;
    if (isUserError(error)) {
      reportUserError(error, options.config);
      return false;
    }
    process.stderr.write(
      `${red('✘')} apply stopped: ${explainError(error)}\nRun \`landfall ${options.command ?? 'apply'}\` again to resume; finished steps are kept.\n`,
    );
    process.exitCode = 1;
    return false;
  }
}

export function applyCommand(): Command {
  return allowDestroyOption(connectionOptions(new Command('apply')))
    .description(
      'Create or update the organization to match the definition: OUs, accounts, policies from the compiled guardrails, attachments, trusted access, delegated administrators. Closes an account, deletes an OU or a policy that the definition no longer has only when --allow-destroy names it.',
    )
    .option('-y, --yes', 'apply without asking')
    .addOption(
      new Option('--poll-ms <n>', 'how often to poll account creations').default(2000).argParser(Number).hideHelp(),
    )
    .addHelpText(
      'after',
      '\nSafe to run again at any time: it resumes from the live organization.\nExit status: 0 when the organization matches, 1 on errors.',
    )
    .action(async (options: ApplyOptions & { yes?: boolean }) => {
      const made = await makePlan(options);
      if (!made) return;
      const { plan, pending } = made;
      process.stdout.write(renderPlan(plan) + '\n' + renderPending(pending));
      if (plan.conflicts.length) {
        process.exitCode = 1;
        return;
      }
      if (!destructionAllowed(plan, options.allowDestroy)) return;
      if (plan.steps.length === 0) return;
      if (!options.yes) {
        if (!process.stdin.isTTY) {
          process.stderr.write(`${red('✘')} not a terminal: pass --yes to apply without a prompt\n`);
          process.exitCode = 1;
          return;
        }
        if (
          !(await confirm(`Apply ${plan.steps.length} changes${plan.live.id ? ` to ${plan.live.id}` : ''}? [y/N] `))
        ) {
          process.stdout.write('nothing applied\n');
          return;
        }
      }
      await applyOrganization(options, made);
    });
}
