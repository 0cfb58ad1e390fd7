import { randomUUID } from 'crypto';
import {
  CloudFormationClient,
  CreateStackInstancesCommand,
  CreateStackSetCommand,
  DescribeStackSetCommand,
  DescribeStackSetOperationCommand,
  StackInstanceSummary,
  paginateListStackInstances,
  StackSet,
  UpdateStackSetCommand,
} from '@aws-sdk/client-cloudformation';
import { retrying } from './aws';
import { StackFailedError, StackResult } from './stack-operations';

/** A template for every account of some OUs, in some Regions, as a service-managed StackSet of the management account. */
export interface StackSetDeployment {
  /** The management account's CloudFormation, in the Region that administers the stack set. */
  readonly client: CloudFormationClient;
  readonly name: string;
  readonly description?: string;
  /** The template: what CloudFormation is given, and what tells whether the stack set is current. */
  readonly templateBody: string;
  /**
   * Where the template is in S3, for one over TemplateBody's 51,200 bytes (`templateBody` still tells whether it
   * changed). @default - given as TemplateBody
   */
  readonly templateUrl?: string;
  readonly parameters: Readonly<Record<string, string>>;
  /** Tags of the stack set, which its instances carry. */
  readonly tags?: Readonly<Record<string, string>>;
  /** The OUs (or the root) whose accounts, at any depth and as they join, get an instance. */
  readonly organizationalUnitIds: readonly string[];
  readonly regions: readonly string[];
  /** Accounts that may fail per Region before the operation stops. @default 0 */
  readonly failureToleranceCount?: number;
  /** Share of a Region's accounts that may fail before the operation stops (instead of a count). */
  readonly failureTolerancePercentage?: number;
  /** Share of accounts deployed at once per Region. @default 100 */
  readonly maxConcurrentPercentage?: number;
  /**
   * Names of stack sets whose instance in an account and Region must be current before automatic deployment
   * deploys this one there (AutoDeployment.DependsOn): an account that joins gets them in order. @default - none
   */
  readonly dependsOn?: readonly string[];
  /**
   * `<account>/<region>` of the instances this run needs current (the accounts it deploys to). Others (suspended
   * accounts, accounts outside the definition) are neither waited for nor redeployed. @default - every instance
   */
  readonly needed?: ReadonlySet<string>;
  /** How long to wait for the instances of accounts that joined an OU (automatic deployment is asynchronous). @default 600000 */
  readonly joinWaitMs?: number;
  /** Compare only: say what would change. */
  readonly dryRun?: boolean;
  readonly pollMs: number;
  readonly onNote?: (message: string) => void;
}

export interface StackSetOutcome {
  readonly result: StackResult;
  /** `<account>/<region>` of every instance that is current (deployed with the stack set's template). */
  readonly current: ReadonlySet<string>;
  readonly instances: number;
  /** `<account>/<region>` → the instance's stack ID in that account (its outputs are that stack's). */
  readonly stackIds: ReadonlyMap<string, string>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const isError = (error: unknown, name: string) => (error as { name?: string }).name === name;
/** Whether the stack set has every parameter as wanted (AWS may list defaulted ones too). */
function sameParameters(set: StackSet, wanted: Readonly<Record<string, string>>): boolean {
  const have = Object.fromEntries((set.Parameters ?? []).map((p) => [p.ParameterKey!, p.ParameterValue]));
  return Object.entries(wanted).every(([k, v]) => have[k] === v);
}

function sameTags(set: StackSet, wanted: Readonly<Record<string, string>>): boolean {
  const have = Object.fromEntries((set.Tags ?? []).map((t) => [t.Key!, t.Value]));
  return Object.entries(wanted).every(([k, v]) => have[k] === v);
}

/**
 * Creates or updates a service-managed StackSet with automatic deployment (an
 * account that joins a targeted OU later gets its instance without a Landfall
 * run; one that leaves keeps its stack), and waits for its operations. Resumable:
 * an operation a killed run left running is waited for, and instances that are not
 * current are deployed again.
 */
export async function deployStackSet(d: StackSetDeployment): Promise<StackSetOutcome> {
  const describe = async (): Promise<StackSet | undefined> => {
    try {
      return (await retrying(() => d.client.send(new DescribeStackSetCommand({ StackSetName: d.name })))).StackSet;
    } catch (error) {
      if (isError(error, 'StackSetNotFoundException')) return undefined;
      throw error;
    }
  };
  const instances = () =>
    retrying(async () => {
      const all: StackInstanceSummary[] = [];
      for await (const page of paginateListStackInstances({ client: d.client }, { StackSetName: d.name })) {
        all.push(...(page.Summaries ?? []));
      }
      return all;
    });
  const needed = (i: StackInstanceSummary) => !d.needed || d.needed.has(`${i.Account}/${i.Region}`);
  const preferences = {
    ...(d.failureTolerancePercentage !== undefined
      ? { FailureTolerancePercentage: d.failureTolerancePercentage }
      : { FailureToleranceCount: d.failureToleranceCount ?? 0 }),
    MaxConcurrentPercentage: d.maxConcurrentPercentage ?? 100,
    RegionConcurrencyType: 'PARALLEL' as const,
    // Without it, StackSets deploys to at most FailureToleranceCount + 1 accounts at once: one at a time.
    ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE' as const,
  };
  const tags = Object.entries(d.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  const parameters = Object.entries(d.parameters).map(([ParameterKey, ParameterValue]) => ({
    ParameterKey,
    ParameterValue,
  }));
  /**
   * Starts an operation (with its own OperationId, so a retried request that did arrive starts nothing twice),
   * waiting first for one a killed run left in progress.
   */
  const operation = async (start: (operationId: string) => Promise<string | undefined>): Promise<void> => {
    let id: string | undefined;
    const operationId = randomUUID();
    for (let told = false; ;) {
      try {
        id = await retrying(() => start(operationId));
        break;
      } catch (error) {
        if (isError(error, 'OperationIdAlreadyExistsException')) {
          id = operationId;
          break;
        }
        if (!isError(error, 'OperationInProgressException')) throw error;
        if (!told) d.onNote?.(`${d.name} has an operation in progress: waiting for it to finish`);
        told = true;
        await sleep(d.pollMs);
      }
    }
    for (;;) {
      const op = (
        await retrying(() =>
          d.client.send(new DescribeStackSetOperationCommand({ StackSetName: d.name, OperationId: id! })),
        )
      ).StackSetOperation;
      if (op?.Status === 'SUCCEEDED') return;
      if (op?.Status === 'FAILED' || op?.Status === 'STOPPED') {
        const failed = (await instances()).filter((i) => i.Status !== 'CURRENT' && needed(i));
        throw new StackFailedError(
          d.name,
          `StackSet operation ${op.Status}: ${failed.map((i) => `${i.Account} ${i.Region}: ${i.StatusReason ?? i.Status}`).join('; ') || op.StatusReason || 'no reason given'}`,
        );
      }
      await sleep(d.pollMs);
    }
  };

  const template = d.templateUrl ? { TemplateURL: d.templateUrl } : { TemplateBody: d.templateBody };
  // The ARNs of the stack sets this one waits for: they are deployed first, so they exist.
  const dependsOn: string[] = [];
  for (const name of d.dependsOn ?? []) {
    const other = (await retrying(() => d.client.send(new DescribeStackSetCommand({ StackSetName: name })))).StackSet;
    if (other?.StackSetARN) dependsOn.push(other.StackSetARN);
  }
  const autoDeployment = {
    Enabled: true,
    RetainStacksOnAccountRemoval: true,
    ...(dependsOn.length > 0 ? { DependsOn: dependsOn } : {}),
  };
  const sameDependencies = (set: StackSet) =>
    [...(set.AutoDeployment?.DependsOn ?? [])].sort().join() === [...dependsOn].sort().join();

  /** UpdateStackSet with this template (or the one it has), and every parameter, tag and preference. */
  const update = (given: { TemplateBody: string } | { TemplateURL: string } | { UsePreviousTemplate: true }) =>
    operation(
      async (OperationId) =>
        (
          await d.client.send(
            new UpdateStackSetCommand({
              StackSetName: d.name,
              OperationId,
              ...given,
              Parameters: parameters,
              Tags: tags,
              Capabilities: ['CAPABILITY_NAMED_IAM'],
              OperationPreferences: preferences,
              AutoDeployment: autoDeployment,
            }),
          )
        ).OperationId,
    );

  let set = await describe();
  let result: StackResult = 'unchanged';
  if (!set) {
    if (d.dryRun) return { result: 'would-create', current: new Set(), instances: 0, stackIds: new Map() };
    await retrying(() =>
      d.client.send(
        new CreateStackSetCommand({
          StackSetName: d.name,
          Description: d.description,
          ...template,
          Parameters: parameters,
          Capabilities: ['CAPABILITY_NAMED_IAM'],
          Tags: tags,
          PermissionModel: 'SERVICE_MANAGED',
          AutoDeployment: autoDeployment,
        }),
      ),
    ).catch((error) => {
      if (!isError(error, 'NameAlreadyExistsException')) throw error;
    });
    set = await describe();
    result = 'created';
  } else if (
    set.TemplateBody !== d.templateBody ||
    !sameParameters(set, d.parameters) ||
    !sameTags(set, d.tags ?? {}) ||
    !sameDependencies(set)
  ) {
    if (d.dryRun) return dryRunUpdate(await instances());
    await update(template);
    result = 'updated';
  }
  const targeted = new Set(set?.OrganizationalUnitIds ?? []);
  const deployedRegions = new Set(set?.Regions ?? (await instances()).map((i) => i.Region!));
  const newOus = d.organizationalUnitIds.filter((o) => !targeted.has(o));
  const newRegions = d.regions.filter((r) => !deployedRegions.has(r));
  const targets: Array<{ ous: readonly string[]; regions: readonly string[] }> = [];
  if (newOus.length) targets.push({ ous: newOus, regions: d.regions });
  if (newRegions.length) {
    targets.push({ ous: d.organizationalUnitIds.filter((o) => targeted.has(o)), regions: newRegions });
  }
  for (const t of targets.filter((x) => x.ous.length && x.regions.length)) {
    if (d.dryRun) return dryRunUpdate(await instances());
    await operation(
      async (OperationId) =>
        (
          await d.client.send(
            new CreateStackInstancesCommand({
              StackSetName: d.name,
              OperationId,
              DeploymentTargets: { OrganizationalUnitIds: [...t.ous] },
              Regions: [...t.regions],
              OperationPreferences: preferences,
            }),
          )
        ).OperationId,
    );
    if (result === 'unchanged') result = 'updated';
  }
  // Accounts that joined a targeted OU get their instance by automatic deployment, which takes a while.
  let found = await instances();
  const until = Date.now() + (d.joinWaitMs ?? 600_000);
  const missing = () => [...(d.needed ?? [])].filter((e) => !found.some((i) => `${i.Account}/${i.Region}` === e));
  for (let told = false; missing().length > 0 && !d.dryRun && Date.now() < until;) {
    if (!told) d.onNote?.(`${d.name}: waiting for the instances of ${missing().join(', ')} (automatic deployment)`);
    told = true;
    await sleep(d.pollMs);
    found = await instances();
  }
  // Instances of this run's accounts that an earlier run left failed or outdated: deployed again with the same
  // template. (INOPERABLE ones, a failed deletion, StackSets leaves out of updates: they need a person.)
  const stale = found.filter((i) => i.Status === 'OUTDATED' && needed(i));
  if (stale.length > 0) {
    if (d.dryRun) return dryRunUpdate(found);
    d.onNote?.(
      `${d.name}: ${stale.length} ${stale.length === 1 ? 'instance' : 'instances'} not current: deploying again`,
    );
    await update({ UsePreviousTemplate: true });
    found = await instances();
    if (result === 'unchanged') result = 'updated';
  }
  return { result, current: current(found), instances: found.length, stackIds: stackIds(found) };
}

function dryRunUpdate(found: readonly StackInstanceSummary[]): StackSetOutcome {
  return { result: 'would-update', current: current(found), instances: found.length, stackIds: stackIds(found) };
}

function stackIds(found: readonly StackInstanceSummary[]): Map<string, string> {
  return new Map(found.filter((i) => i.StackId).map((i) => [`${i.Account}/${i.Region}`, i.StackId!]));
}

function current(found: readonly StackInstanceSummary[]): Set<string> {
  return new Set(found.filter((i) => i.Status === 'CURRENT').map((i) => `${i.Account}/${i.Region}`));
}
