import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeChangeSetCommandOutput,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  Stack,
  UpdateTerminationProtectionCommand,
} from '@aws-sdk/client-cloudformation';
import { retrying } from './aws';

/** What one stack's deployment did. */
export type StackResult = 'created' | 'updated' | 'unchanged' | 'would-create' | 'would-update';

/** A stack operation CloudFormation refused or rolled back, with its reason. */
export class StackFailedError extends Error {
  constructor(
    public readonly stackName: string,
    public readonly reason: string,
  ) {
    super(`${stackName}: ${reason}`);
    this.name = 'StackFailedError';
  }
}

/** One template into one stack, the way CloudFormation wants it. */
export interface StackDeployment {
  readonly client: CloudFormationClient;
  readonly stackName: string;
  readonly templateBody?: string;
  readonly templateUrl?: string;
  /** The template's text when it is sent by URL: compared with the deployed one to skip a change set. */
  readonly templateText?: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly tags?: Readonly<Record<string, string>>;
  /** The role CloudFormation acts as (the CDK bootstrap's execution role). @default - the caller's credentials */
  readonly executionRoleArn?: string;
  readonly terminationProtection?: boolean;
  /** Create and describe the change set, then delete it: change nothing. */
  readonly dryRun?: boolean;
  readonly pollMs: number;
  /**
   * The tag that marks the stack as Landfall's. An existing stack without it was made by someone else
   * (perhaps to hold the name): it is never taken over.
   */
  readonly ownerTag?: readonly [string, string];
  /** Told what is going on while waiting (a stack left in progress by an earlier run, a failed creation removed). */
  readonly onNote?: (message: string) => void;
}

export interface StackOutcome {
  readonly result: StackResult;
  readonly outputs: Readonly<Record<string, string>>;
  /** Resource changes of the change set: Add, Modify, Remove counts. */
  readonly changes: Readonly<Record<string, number>>;
}

const NO_CHANGES = [/didn't contain changes/, /No updates are to be performed/];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const inProgress = (status?: string) => !!status && status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
/** A creation that failed: CloudFormation updates it no more; it must be deleted and created again. */
const FAILED_CREATION = ['ROLLBACK_COMPLETE', 'ROLLBACK_FAILED', 'CREATE_FAILED'];
/** States only a person can get out of (ContinueUpdateRollback, a retained resource to look at). */
const STUCK = ['UPDATE_ROLLBACK_FAILED', 'DELETE_FAILED', 'IMPORT_ROLLBACK_FAILED'];

async function describe(d: StackDeployment): Promise<Stack | undefined> {
  try {
    const found = await retrying(() => d.client.send(new DescribeStacksCommand({ StackName: d.stackName })));
    const stack = found.Stacks?.[0];
    return stack && stack.StackStatus !== 'DELETE_COMPLETE' ? stack : undefined;
  } catch (error) {
    if (/does not exist/.test((error as Error).message)) return undefined;
    throw error;
  }
}

/** Waits while the stack is in progress (this run's operation, or one a killed run left behind). */
async function settle(d: StackDeployment, quiet = false): Promise<Stack | undefined> {
  let stack = await describe(d);
  let told = quiet;
  while (inProgress(stack?.StackStatus)) {
    if (!told) d.onNote?.(`${d.stackName} is ${stack!.StackStatus}: waiting for it to finish`);
    told = true;
    await sleep(d.pollMs);
    stack = await describe(d);
  }
  return stack;
}

/**
 * Why an operation failed: the oldest failed resource of this operation (events come newest first, across the
 * stack's history; the resources CloudFormation cancelled because of it say "cancelled"), else the stack's reason.
 */
async function failureReason(d: StackDeployment, stack: Stack | undefined, since: Date): Promise<string> {
  const events = await retrying(() =>
    d.client.send(new DescribeStackEventsCommand({ StackName: stack?.StackId ?? d.stackName })),
  );
  const failed = (events.StackEvents ?? [])
    .filter(
      (e) =>
        e.ResourceStatus?.endsWith('_FAILED') &&
        e.LogicalResourceId !== d.stackName &&
        (e.Timestamp ?? since) >= since &&
        !/cancell?ed/i.test(e.ResourceStatusReason ?? ''),
    )
    .pop();
  const status = stack?.StackStatus ?? 'gone';
  return failed
    ? `${status}: ${failed.LogicalResourceId} (${failed.ResourceType}) ${failed.ResourceStatus}: ${failed.ResourceStatusReason}`
    : `${status}: ${stack?.StackStatusReason ?? 'no reason given'}`;
}

function outputsOf(stack: Stack | undefined): Record<string, string> {
  return Object.fromEntries((stack?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue ?? '']));
}

function countChanges(changeSet: DescribeChangeSetCommandOutput): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of changeSet.Changes ?? []) {
    const action = c.ResourceChange?.Action ?? 'Modify';
    counts[action] = (counts[action] ?? 0) + 1;
  }
  return counts;
}

/**
 * Deploys a template through a change set: creates the stack or updates it,
 * waits, and returns its outputs. Safe to run again at any point: a stack left in
 * progress is waited for, a failed creation is deleted and created again, and a
 * change set with no changes leaves the stack alone.
 */
export async function deployTemplate(d: StackDeployment): Promise<StackOutcome> {
  let stack = await settle(d);
  if (stack && d.ownerTag && stack.StackStatus !== 'REVIEW_IN_PROGRESS') {
    const [key, value] = d.ownerTag;
    if (!(stack.Tags ?? []).some((t) => t.Key === key && t.Value === value)) {
      throw new StackFailedError(
        d.stackName,
        `exists without Landfall's tag ${key}=${value}: someone else made it, and Landfall does not take it over; review it, delete it, and run again`,
      );
    }
  }
  if (stack && FAILED_CREATION.includes(stack.StackStatus!)) {
    if (d.dryRun) return { result: 'would-create', outputs: {}, changes: {} };
    d.onNote?.(`${d.stackName} failed to create before (${stack.StackStatus}): deleting it to create it again`);
    await retrying(() => d.client.send(new DeleteStackCommand({ StackName: d.stackName })));
    stack = await settle(d);
  }
  if (stack && STUCK.includes(stack.StackStatus!)) {
    throw new StackFailedError(
      d.stackName,
      `${stack.StackStatus}: needs a person (continue the rollback or fix the resource in the CloudFormation console), then run again`,
    );
  }
  const creating = !stack || stack.StackStatus === 'REVIEW_IN_PROGRESS';
  if (!creating && (await deployedAsIs(d, stack!))) {
    if (!d.dryRun) await protect(d, stack);
    return { result: 'unchanged', outputs: outputsOf(stack), changes: {} };
  }
  const changeSetName = `landfall-${Date.now()}`;
  await retrying(() =>
    d.client.send(
      new CreateChangeSetCommand({
        StackName: d.stackName,
        ChangeSetName: changeSetName,
        ChangeSetType: creating ? 'CREATE' : 'UPDATE',
        TemplateBody: d.templateBody,
        TemplateURL: d.templateUrl,
        Parameters: Object.entries(d.parameters ?? {}).map(([ParameterKey, ParameterValue]) => ({
          ParameterKey,
          ParameterValue,
        })),
        Tags: Object.entries(d.tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'],
        RoleARN: d.executionRoleArn,
      }),
    ),
  ).catch((error) => {
    // A retry of a request that did arrive: the change set is there.
    if ((error as { name?: string }).name === 'AlreadyExistsException') return;
    throw new StackFailedError(d.stackName, `change set refused: ${(error as Error).message}`);
  });
  const ref = { StackName: d.stackName, ChangeSetName: changeSetName };
  let changeSet: DescribeChangeSetCommandOutput;
  for (;;) {
    changeSet = await retrying(() => d.client.send(new DescribeChangeSetCommand(ref)));
    if (changeSet.Status === 'CREATE_COMPLETE' || changeSet.Status === 'FAILED') break;
    await sleep(d.pollMs);
  }
  const changes = countChanges(changeSet);
  if (changeSet.Status === 'FAILED') {
    await retrying(() => d.client.send(new DeleteChangeSetCommand(ref)));
    if (!NO_CHANGES.some((p) => p.test(changeSet.StatusReason ?? ''))) {
      throw new StackFailedError(d.stackName, `change set failed: ${changeSet.StatusReason}`);
    }
    if (!d.dryRun) await protect(d, stack);
    return { result: 'unchanged', outputs: outputsOf(stack), changes };
  }
  if (d.dryRun) {
    await retrying(() => d.client.send(new DeleteChangeSetCommand(ref)));
    // The empty stack a CREATE change set made goes with it.
    if (creating) {
      await retrying(() => d.client.send(new DeleteStackCommand({ StackName: d.stackName })));
      await settle(d, true);
    }
    return { result: creating ? 'would-create' : 'would-update', outputs: outputsOf(stack), changes };
  }
  const executed = new Date(Date.now() - 60_000);
  await retrying(() => d.client.send(new ExecuteChangeSetCommand(ref))).catch((error) => {
    // A retry of a request that did arrive: the change set is executing, or executed.
    if ((error as { name?: string }).name !== 'InvalidChangeSetStatus') throw error;
  });
  let after: Stack | undefined;
  // Right after ExecuteChangeSet a new stack may still read REVIEW_IN_PROGRESS.
  do {
    await sleep(d.pollMs);
    after = await settle(d);
  } while (after?.StackStatus === 'REVIEW_IN_PROGRESS');
  const status = after?.StackStatus ?? '';
  if (!/^(CREATE|UPDATE)_COMPLETE$/.test(status)) {
    throw new StackFailedError(d.stackName, await failureReason(d, after, executed));
  }
  await protect(d, after);
  return { result: creating ? 'created' : 'updated', outputs: outputsOf(after), changes };
}

/**
 * Whether the stack runs this very template with these parameters and tags (as
 * the CDK CLI checks before it makes a change set): a rerun then costs two reads
 * per stack instead of a change set CloudFormation needs seconds to compute.
 */
async function deployedAsIs(d: StackDeployment, stack: Stack): Promise<boolean> {
  const text = d.templateBody ?? d.templateText;
  if (text === undefined) return false;
  const tags = Object.fromEntries((stack.Tags ?? []).map((t) => [t.Key!, t.Value]));
  const wanted = d.tags ?? {};
  if (
    Object.keys(tags).length !== Object.keys(wanted).length ||
    Object.entries(wanted).some(([k, v]) => tags[k] !== v)
  ) {
    return false;
  }
  if ((stack.RoleARN ?? undefined) !== d.executionRoleArn) return false;
  const parameters = Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey!, p.ParameterValue]));
  if (Object.entries(d.parameters ?? {}).some(([k, v]) => parameters[k] !== v)) return false;
  const deployed = await retrying(() =>
    d.client.send(new GetTemplateCommand({ StackName: d.stackName, TemplateStage: 'Original' })),
  );
  try {
    return JSON.stringify(JSON.parse(deployed.TemplateBody ?? '')) === JSON.stringify(JSON.parse(text));
  } catch {
    return false;
  }
}

/** Turns termination protection on where the stack asks for it (CloudFormation sets it apart from the template). */
async function protect(d: StackDeployment, stack: Stack | undefined) {
  if (d.terminationProtection && stack && !stack.EnableTerminationProtection) {
    await retrying(() =>
      d.client.send(
        new UpdateTerminationProtectionCommand({ StackName: d.stackName, EnableTerminationProtection: true }),
      ),
    );
  }
}
