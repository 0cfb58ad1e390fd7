import { readFileSync } from 'fs';
import {
  AssetManifestArtifact,
  CloudAssembly,
  CloudFormationStackArtifact,
  EnvironmentPlaceholders,
} from '@aws-cdk/cloud-assembly-api';
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { publishAssets } from './assets';
import { AwsAccess, retrying } from './aws';
import { BootstrapOptions, bootstrapParameters, bootstrapStackName, bootstrapTemplate } from './bootstrap';
import { StackFailedError, StackResult, deployTemplate } from './stack-operations';
import { deployStackSet } from './stack-sets';

/** The phases of a rollout, in order: each account's CDK bootstrap, then the core accounts, the network hub, the spokes. */
export const PHASES = ['bootstrap', 'core', 'hub', 'spokes'] as const;
export type Phase = (typeof PHASES)[number];

/** What happens, for progress per phase, account and Region. */
export interface DeployEvent {
  readonly type: 'round' | 'start' | 'done' | 'note';
  readonly phase?: Phase;
  readonly round: number;
  readonly stackName?: string;
  readonly account?: string;
  readonly region?: string;
  readonly result?: StackResult;
  readonly changes?: Readonly<Record<string, number>>;
  readonly message: string;
}

/** An output a stack declares should be recorded (metadata on the stack; see `recordMetadataType`). */
export interface OutputRecord {
  /** The output's key in the template. */
  readonly output: string;
  /** Where it goes in the record (accounts.lock.json), e.g. ['network', 'transitGatewayId']. */
  readonly path: readonly string[];
}

export interface DeployOptions {
  readonly aws: AwsAccess;
  /** Synthesizes the cloud assembly with what is recorded so far and returns its directory. */
  readonly synthesize: () => Promise<string>;
  /** The phase of a stack (the core accounts, the hub, the spokes). */
  readonly phaseOf: (stack: CloudFormationStackArtifact) => Exclude<Phase, 'bootstrap'>;
  /**
   * Which stacks this run deploys (e.g. all but production's, before an approval); the others are left as they
   * are, and a stack that depends on one of them is deployed without waiting for it. @default - every stack
   */
  readonly include?: (stack: CloudFormationStackArtifact) => boolean;
  /** The metadata type of the stacks' output records. */
  readonly recordMetadataType: string;
  /**
   * The metadata type that makes a stack a StackSet's template (`StackSetTemplate`): deployed as a service-managed
   * StackSet of the management account in the stack's Region, not as a stack. @default - no stack is
   */
  readonly stackSetMetadataType?: string;
  /** How the StackSets of `stackSetMetadataType` roll out. @default - no failure tolerated, every account at once */
  readonly stackSetPreferences?: {
    readonly failureTolerancePercentage?: number;
    readonly maxConcurrentPercentage?: number;
  };
  /** Records an output; returns whether the record changed (the assembly must then be synthesized again). */
  readonly record: (path: readonly string[], value: string) => boolean;
  readonly bootstrap: BootstrapOptions;
  /**
   * Landfall's stack tag (`{ 'landfall:landing-zone': <name> }`), which the guardrails protect: every stack, the
   * bootstrap and the StackSet carry it, and an existing stack without it is never taken over.
   */
  readonly tags?: Readonly<Record<string, string>>;
  /** The tag that marks a stack as Landfall's (one of `tags`): an existing stack without it is never taken over. */
  readonly ownerTag?: readonly [string, string];
  /** Names of accounts by ID, for progress. */
  readonly accountNames?: Readonly<Record<string, string>>;
  /** Change sets only: show what would change, change nothing (one round: later rounds need outputs of this one). */
  readonly dryRun?: boolean;
  /** Stacks deployed at once (each in its own account and Region, or independent). @default 8 */
  readonly concurrency?: number;
  /** How often to poll CloudFormation. @default 5000 */
  readonly pollMs?: number;
  /** Rounds before giving up on convergence (each round can record outputs the next needs). @default 4 */
  readonly maxRounds?: number;
  readonly onEvent?: (event: DeployEvent) => void;
  /** Stops the run: no stack starts after it aborts (the ones in flight finish), and the run fails with its reason. */
  readonly signal?: AbortSignal;
}

/**
 * A stack that is one template for many accounts (metadata of `stackSetMetadataType`): an account-agnostic stack
 * (its Region set), deployed as a service-managed StackSet with automatic deployment to its OUs. Its file assets
 * go to a bucket of the management account that the members can read (its synthesizer names it, with no
 * publishing role). Its output records may name `{account}` in their path: the name of each instance's account.
 */
export interface StackSetTemplate {
  /** The OUs whose accounts, at any depth and as they join, get an instance. */
  readonly organizationalUnitIds: readonly string[];
  /** Account ID → name of the accounts this run needs current, whose instances' outputs are recorded. */
  readonly accounts: Readonly<Record<string, string>>;
}

/** Where an output record of a StackSet's template puts the instance's account name. */
export const ACCOUNT_NAME_MARK = '{account}';

export interface DeploySummary {
  readonly rounds: number;
  readonly stacks: number;
  readonly results: Readonly<Record<StackResult, number>>;
}

/** Stacks that failed in a run; the run stopped after the stacks in flight finished. */
export class DeployFailedError extends Error {
  constructor(public readonly failures: readonly StackFailedError[]) {
    super(
      `${failures.length === 1 ? 'a stack' : `${failures.length} stacks`} failed:\n${failures.map((f) => `  ${f.message}`).join('\n')}`,
    );
    this.name = 'DeployFailedError';
  }
}

interface Target {
  readonly artifact: CloudFormationStackArtifact;
  /** Set for a StackSet's template (its account is the management account, which administers it). */
  readonly stackSet?: StackSetTemplate;
  readonly account: string;
  readonly region: string;
  readonly phase: Exclude<Phase, 'bootstrap'>;
  readonly after: readonly string[];
}

function targets(dir: string, options: DeployOptions, deployer: string): Target[] {
  const stacks = new CloudAssembly(dir).stacksRecursively;
  const byId = new Map(stacks.map((s) => [s.id, s]));
  const order = ['core', 'hub', 'spokes'];
  const phases = new Map<string, Exclude<Phase, 'bootstrap'>>();
  // A stack goes no earlier than the latest phase among the stacks it depends on.
  const phase = (s: CloudFormationStackArtifact): Exclude<Phase, 'bootstrap'> => {
    if (!phases.has(s.id)) {
      let p = options.phaseOf(s);
      for (const d of s.dependencies) {
        const dep = byId.get(d.id);
        if (dep) {
          const q = phase(dep);
          if (order.indexOf(q) > order.indexOf(p)) p = q;
        }
      }
      phases.set(s.id, p);
    }
    return phases.get(s.id)!;
  };
  return stacks.map((s) => {
    const stackSet = options.stackSetMetadataType
      ? (s.findMetadataByType(options.stackSetMetadataType)[0]?.data as unknown as StackSetTemplate | undefined)
      : undefined;
    const account = stackSet ? deployer : s.environment.account;
    if (stackSet && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(s.environment.region)) {
      throw new Error(`${s.stackName} is a StackSet's template without a Region (${s.environment.region})`);
    }
    if (stackSet && stackSet.organizationalUnitIds.some((o) => !/^(ou-[a-z0-9]+-[a-z0-9]+|r-[a-z0-9]+)$/.test(o))) {
      throw new Error(
        `${s.stackName} targets OUs without IDs (${stackSet.organizationalUnitIds.join(', ')}): synthesize with the OU IDs recorded in accounts.lock.json, not with placeholders`,
      );
    }
    if (!/^\d{12}$/.test(account)) {
      throw new Error(
        `${s.stackName} has no account (${account}): synthesize with the account IDs recorded in accounts.lock.json, not with placeholders`,
      );
    }
    return {
      artifact: s,
      ...(stackSet ? { stackSet } : {}),
      account,
      region: s.environment.region,
      phase: phase(s),
      after: s.dependencies.filter((d) => byId.has(d.id)).map((d) => d.id),
    };
  });
}

/** Runs tasks with their dependencies first, `concurrency` at a time; after a failure, starts nothing new. */
async function inOrder<T extends { id: string; after: readonly string[] }>(
  items: readonly T[],
  concurrency: number,
  run: (item: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<StackFailedError[]> {
  const ids = new Set(items.map((i) => i.id));
  const done = new Set<string>();
  const started = new Set<string>();
  const failures: StackFailedError[] = [];
  await new Promise<void>((resolve) => {
    let running = 0;
    const next = () => {
      if (failures.length === 0 && !signal?.aborted) {
        for (const item of items) {
          if (running >= concurrency) break;
          if (started.has(item.id) || !item.after.every((a) => done.has(a) || !ids.has(a))) continue;
          started.add(item.id);
          running++;
          run(item)
            .then(() => done.add(item.id))
            .catch((error) =>
              failures.push(
                error instanceof StackFailedError ? error : new StackFailedError(item.id, (error as Error).message),
              ),
            )
            .finally(() => {
              running--;
              next();
            });
        }
      }
      if (running === 0) resolve();
    };
    next();
  });
  const stuck = items.filter((i) => !started.has(i.id));
  if (failures.length === 0 && stuck.length > 0 && signal?.aborted) {
    throw new Error(`stopped before ${stuck.length} stacks: ${String(signal.reason)}`);
  }
  if (failures.length === 0 && stuck.length > 0) {
    // Nothing failed, yet these never became ready: their dependencies form a cycle.
    failures.push(...stuck.map((i) => new StackFailedError(i.id, `never ready: it waits for ${i.after.join(', ')}`)));
  }
  return failures;
}

/**
 * Deploys a cloud assembly into the organization, phase by phase: each account's
 * and Region's CDK bootstrap, then the core accounts, the hub, the spokes. Outputs
 * the stacks declare are recorded as they come; when a record changes, the
 * assembly is synthesized again before the next phase, and rounds repeat until a
 * round changes nothing. The organization is the state: a run killed at any point
 * resumes where CloudFormation stands.
 */
export async function deployAssembly(options: DeployOptions): Promise<DeploySummary> {
  /** Each stack's (and StackSet's) strongest result over the rounds: created, else updated, else unchanged. */
  const outcomes = new Map<string, StackResult>();
  const RANK: StackResult[] = ['unchanged', 'would-update', 'would-create', 'updated', 'created'];
  const note = (key: string, result: StackResult) => {
    const before = outcomes.get(key);
    if (!before || RANK.indexOf(result) > RANK.indexOf(before)) outcomes.set(key, result);
  };
  const results = (): Record<StackResult, number> => {
    const counts: Record<StackResult, number> = {
      created: 0,
      updated: 0,
      unchanged: 0,
      'would-create': 0,
      'would-update': 0,
    };
    for (const r of outcomes.values()) counts[r]++;
    return counts;
  };
  const pollMs = options.pollMs ?? 5000;
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`concurrency must be a whole number of at least 1, not ${concurrency}`);
  }
  const maxRounds = options.maxRounds ?? 4;
  const emit = (e: DeployEvent) => options.onEvent?.(e);
  const deployer = await options.aws.account();
  const bootstrapped = new Set<string>();
  /** A dry run's environments without a bootstrap yet. */
  const unbootstrapped = new Set<string>();
  let dir = await options.synthesize();
  let stale = false;
  let count = 0;
  for (let round = 1; round <= maxRounds; round++) {
    emit({ type: 'round', round, message: `round ${round}` });
    let recorded = false;
    for (const phase of PHASES) {
      if (options.signal?.aborted) throw new Error(`stopped: ${String(options.signal.reason)}`);
      if (stale) {
        dir = await options.synthesize();
        stale = false;
      }
      const all = targets(dir, options, deployer);
      const included = options.include ? all.filter((t) => options.include!(t.artifact)) : all;
      count = included.length;
      if (phase === 'bootstrap') {
        // A StackSet's accounts are bootstrapped too: their deploy role reads their instances' outputs.
        const members = all.flatMap((t) =>
          t.stackSet
            ? Object.keys(t.stackSet.accounts).map((account) => ({ ...t, account, stackSet: undefined }))
            : [t],
        );
        const envs = [...new Map(members.map((t) => [`${t.account}/${t.region}`, t])).values()].filter(
          (t) => !bootstrapped.has(`${t.account}/${t.region}`),
        );
        if (envs.length === 0) continue;
        const stackName = bootstrapStackName(options.bootstrap.qualifier);
        const parameters = bootstrapParameters(options.bootstrap, deployer);
        // The management account's own Regions: a stack each, with its own credentials (SCPs do not bind it).
        const own = envs.filter((t) => t.account === deployer);
        const failures = await inOrder(
          own.map((t) => ({ ...t, id: `${t.account}/${t.region}`, after: [] })),
          concurrency,
          async (t) => {
            const where = { phase, round, stackName, account: t.account, region: t.region };
            emit({ type: 'start', ...where, message: stackName });
            const outcome = await deployTemplate({
              client: options.aws.cloudFormation(t.region),
              stackName,
              templateBody: bootstrapTemplate(),
              parameters,
              tags: options.tags,
              ownerTag: ownerTag(options),
              terminationProtection: true,
              dryRun: options.dryRun,
              pollMs,
              onNote: (message) => emit({ type: 'note', ...where, message }),
            });
            bootstrapped.add(`${t.account}/${t.region}`);
            if (outcome.result === 'would-create') unbootstrapped.add(`${t.account}/${t.region}`);
            note(`${t.account}/${t.region}/${stackName}`, outcome.result);
            emit({ type: 'done', ...where, result: outcome.result, changes: outcome.changes, message: stackName });
          },
          options.signal,
        );
        if (failures.length) throw new DeployFailedError(failures);
        // Every member account: one service-managed StackSet over the OUs, in every Region a stack deploys to.
        const others = envs.filter((t) => t.account !== deployer);
        if (others.length > 0) {
          const regions = [...new Set(others.map((t) => t.region))].sort();
          const where = { phase, round, stackName, account: deployer, region: options.bootstrap.homeRegion };
          emit({ type: 'start', ...where, message: `StackSet ${stackName}` });
          const outcome = await deployStackSet({
            client: options.aws.cloudFormation(options.bootstrap.homeRegion),
            name: stackName,
            description: `The CDK bootstrap of Landfall's stacks (qualifier ${options.bootstrap.qualifier}), trusting the management account`,
            templateBody: bootstrapTemplate(),
            parameters,
            tags: options.tags,
            organizationalUnitIds: options.bootstrap.organizationalUnitIds,
            regions,
            needed: new Set(others.map((t) => `${t.account}/${t.region}`)),
            dryRun: options.dryRun,
            pollMs,
            onNote: (message) => emit({ type: 'note', ...where, message }),
          }).catch((error) => {
            throw new DeployFailedError([
              error instanceof StackFailedError ? error : new StackFailedError(stackName, (error as Error).message),
            ]);
          });
          for (const t of others) {
            const key = `${t.account}/${t.region}`;
            if (outcome.current.has(key)) {
              bootstrapped.add(key);
            } else if (options.dryRun) {
              unbootstrapped.add(key);
            } else {
              throw new DeployFailedError([
                new StackFailedError(
                  stackName,
                  `no current instance in ${accountLabel(options, t.account)} ${t.region}: is the account in one of the StackSet's OUs (${options.bootstrap.organizationalUnitIds.join(', ')})?`,
                ),
              ]);
            }
          }
          note(`stack-set/${stackName}`, outcome.result);
          emit({
            type: 'done',
            ...where,
            result: outcome.result,
            message: `StackSet ${stackName}: ${outcome.instances} ${outcome.instances === 1 ? 'instance' : 'instances'} in ${regions.join(', ')}`,
          });
        }
        continue;
      }
      const stacks = included.filter((t) => t.phase === phase).map((t) => ({ ...t, id: t.artifact.id }));
      const failures = await inOrder(
        stacks,
        concurrency,
        async (t) => {
          const s = t.artifact;
          const where = { phase, round, stackName: s.stackName, account: t.account, region: t.region };
          emit({
            type: 'start',
            ...where,
            message: `${s.stackName} in ${accountLabel(options, t.account)} ${t.region}`,
          });
          if (t.stackSet) {
            const outcome = await deployTemplateSet(options, t, t.stackSet, deployer, pollMs, (message) =>
              emit({ type: 'note', ...where, message }),
            );
            note(`stack-set/${s.stackName}`, outcome.result);
            for (const [path, value] of outcome.records) {
              if (options.record(path, value)) stale = recorded = true;
            }
            emit({ type: 'done', ...where, result: outcome.result, message: outcome.message });
            return;
          }
          if (unbootstrapped.has(`${t.account}/${t.region}`)) {
            // A dry run: its deploy role comes with the bootstrap this run only shows, so no change set can be made yet.
            note(`${t.account}/${t.region}/${s.stackName}`, 'would-create');
            emit({ type: 'done', ...where, result: 'would-create', message: `${s.stackName} (after the bootstrap)` });
            return;
          }
          const env = { accountId: t.account, region: t.region, partition: 'aws' };
          const resolve = (value: string | undefined) =>
            value === undefined ? undefined : (EnvironmentPlaceholders.replace(value, env) as string);
          const deployRole = resolve(s.assumeRoleArn);
          const assets = s.dependencies.find((d): d is AssetManifestArtifact => d instanceof AssetManifestArtifact);
          const text = readFileSync(s.templateFullPath, 'utf8');
          // A dry run uploads nothing it can avoid: only a template too large for TemplateBody (as `cdk diff` does).
          const byUrl = !options.dryRun || Buffer.byteLength(text) > TEMPLATE_BODY_MAX_BYTES;
          if (assets && byUrl) await publishAssets(assets.file, options.aws, t.region);
          const url = byUrl ? resolve(s.stackTemplateAssetObjectUrl) : undefined;
          const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(url ?? '') ?? [];
          const outcome = await deployTemplate({
            client: options.aws.cloudFormation(t.region, deployRole),
            stackName: s.stackName,
            ...(bucket
              ? {
                  templateUrl: `https://s3.${t.region}.amazonaws.com/${bucket}/${key}`,
                  templateText: readFileSync(s.templateFullPath, 'utf8'),
                }
              : { templateBody: readFileSync(s.templateFullPath, 'utf8') }),
            parameters: s.parameters,
            // Every stack deployed with Landfall's execution role carries Landfall's tag, which the guardrails protect.
            tags: { ...s.tags, ...options.tags },
            ownerTag: ownerTag(options),
            executionRoleArn: resolve(s.cloudFormationExecutionRoleArn),
            terminationProtection: s.terminationProtection,
            dryRun: options.dryRun,
            pollMs,
            onNote: (message) => emit({ type: 'note', ...where, message }),
          });
          note(`${t.account}/${t.region}/${s.stackName}`, outcome.result);
          // A dry run records nothing: the lock file stays as it is.
          for (const entry of options.dryRun ? [] : s.findMetadataByType(options.recordMetadataType)) {
            const r = entry.data as unknown as OutputRecord;
            const value = outcome.outputs[r.output];
            if (value !== undefined && options.record(r.path, value)) stale = recorded = true;
          }
          emit({ type: 'done', ...where, result: outcome.result, changes: outcome.changes, message: s.stackName });
        },
        options.signal,
      );
      if (failures.length) throw new DeployFailedError(failures);
    }
    // A round that recorded nothing deployed every phase from the same IDs: nothing is left to wire.
    if (options.dryRun || !recorded) return { rounds: round, stacks: count, results: results() };
  }
  throw new Error(
    `the deployment did not settle in ${maxRounds} rounds: each round still recorded new outputs; run again, and report it if it recurs`,
  );
}

/**
 * Deploys a StackSet's template: its assets to the bucket its synthesizer names (as the management account), the
 * StackSet over its OUs in its Region (after the StackSets it depends on, which automatic deployment follows too),
 * then reads each needed instance's outputs in its account through the account's deploy role.
 */
async function deployTemplateSet(
  options: DeployOptions,
  t: Target,
  set: StackSetTemplate,
  deployer: string,
  pollMs: number,
  onNote: (message: string) => void,
): Promise<{ result: StackResult; records: Array<[string[], string]>; message: string }> {
  const s = t.artifact;
  const assets = s.dependencies.find((d): d is AssetManifestArtifact => d instanceof AssetManifestArtifact);
  // One text for every run: the StackSet is current when its template is this one.
  const body = JSON.stringify(JSON.parse(readFileSync(s.templateFullPath, 'utf8')));
  const large = Buffer.byteLength(body) > TEMPLATE_BODY_MAX_BYTES;
  if (assets && (!options.dryRun || large)) await publishAssets(assets.file, options.aws, t.region);
  const env = { accountId: deployer, region: t.region, partition: 'aws' };
  const url = large ? (EnvironmentPlaceholders.replace(s.stackTemplateAssetObjectUrl ?? '', env) as string) : '';
  const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(url) ?? [];
  if (large && !bucket) {
    throw new StackFailedError(s.stackName, 'the template is over 51,200 bytes and has no S3 asset');
  }
  const byName = new Map(Object.entries(set.accounts));
  // AutoDeployment.DependsOn names StackSets of the same Region (a StackSet lives in the Region that created it); one
  // in another Region is deployed first by this run, but not waited for when an account joins later.
  const dependsOn = s.dependencies
    .filter((d): d is CloudFormationStackArtifact => d instanceof CloudFormationStackArtifact)
    .filter((d) => options.stackSetMetadataType && d.findMetadataByType(options.stackSetMetadataType).length > 0)
    .filter((d) => d.environment.region === t.region)
    .map((d) => d.stackName);
  const outcome = await deployStackSet({
    client: options.aws.cloudFormation(t.region),
    name: s.stackName,
    description: JSON.parse(body).Description,
    templateBody: body,
    ...(large ? { templateUrl: `https://s3.${t.region}.amazonaws.com/${bucket}/${key}` } : {}),
    parameters: s.parameters,
    tags: { ...s.tags, ...options.tags },
    organizationalUnitIds: set.organizationalUnitIds,
    regions: [t.region],
    needed: new Set([...byName.keys()].map((a) => `${a}/${t.region}`)),
    failureTolerancePercentage: options.stackSetPreferences?.failureTolerancePercentage ?? 0,
    maxConcurrentPercentage: options.stackSetPreferences?.maxConcurrentPercentage,
    dependsOn,
    dryRun: options.dryRun,
    pollMs,
    onNote,
  }).catch((error) => {
    throw error instanceof StackFailedError ? error : new StackFailedError(s.stackName, (error as Error).message);
  });
  const missing = [...byName.keys()].filter((a) => !outcome.current.has(`${a}/${t.region}`));
  if (missing.length > 0 && !options.dryRun) {
    throw new StackFailedError(
      s.stackName,
      `no current instance in ${missing.map((a) => accountLabel(options, a)).join(', ')} ${t.region}: are they in its OUs (${set.organizationalUnitIds.join(', ')})?`,
    );
  }
  const records: Array<[string[], string]> = [];
  const wanted = options.dryRun ? [] : s.findMetadataByType(options.recordMetadataType);
  if (wanted.length > 0) {
    for (const [account, name] of byName) {
      const stackId = outcome.stackIds.get(`${account}/${t.region}`)!;
      const role = `arn:aws:iam::${account}:role/cdk-${options.bootstrap.qualifier}-deploy-role-${account}-${t.region}`;
      const found = await retrying(() =>
        options.aws.cloudFormation(t.region, role).send(new DescribeStacksCommand({ StackName: stackId })),
      );
      const outputs = Object.fromEntries(
        (found.Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue ?? '']),
      );
      for (const entry of wanted) {
        const r = entry.data as unknown as OutputRecord;
        const value = outputs[r.output];
        if (value !== undefined) records.push([r.path.map((p) => (p === ACCOUNT_NAME_MARK ? name : p)), value]);
      }
    }
  }
  const n = outcome.instances;
  return {
    result: outcome.result,
    records,
    message: `StackSet ${s.stackName}: ${n} ${n === 1 ? 'instance' : 'instances'} in ${t.region}`,
  };
}

/** Largest template CloudFormation takes as a TemplateBody. */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;

function ownerTag(options: DeployOptions): readonly [string, string] | undefined {
  return options.ownerTag;
}

function accountLabel(options: DeployOptions, account: string): string {
  const name = options.accountNames?.[account];
  return name ? `${name} (${account})` : account;
}
