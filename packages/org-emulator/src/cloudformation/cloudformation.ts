import { createHash } from 'crypto';
import { EvaluationContext, evaluate, evaluateConditions } from './intrinsics';
import { QueryError, validationError } from './query';
import { AccountResources } from './resources';

/** Largest TemplateBody CloudFormation accepts; larger templates come from S3 (TemplateURL). */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;
/** Largest template CloudFormation accepts from S3. */
export const TEMPLATE_URL_MAX_BYTES = 1_000_000;
export const NO_CHANGES =
  "The submitted information didn't contain changes. Submit different information to create a change set.";

/** A stack operation the emulator makes fail, for testing how a deployer reports and resumes. */
export interface StackFailure {
  /** Stacks whose name matches fail. */
  readonly stackName: string | RegExp;
  /** How many executions of each matching stack fail before one succeeds. @default - every one */
  readonly times?: number;
  /** @default 'Resource handler returned message: "Rate exceeded" (injected by the emulator)' */
  readonly reason?: string;
}

export interface CloudFormationOptions {
  /** Milliseconds a change set takes to compute, and a stack operation to finish. @default 50 */
  readonly operationMs?: number;
  readonly stackFailures?: readonly StackFailure[];
  /** Milliseconds since the epoch; tests move it. @default Date.now */
  readonly clock?: () => number;
}

export interface Template {
  readonly Parameters?: Record<string, { Type: string; Default?: unknown }>;
  readonly Conditions?: Record<string, unknown>;
  readonly Resources?: Record<string, TemplateResource>;
  readonly Outputs?: Record<
    string,
    { Value: unknown; Description?: string; Export?: { Name: unknown }; Condition?: string }
  >;
  readonly Rules?: Record<
    string,
    { RuleCondition?: unknown; Assertions: Array<{ Assert: unknown; AssertDescription?: string }> }
  >;
  readonly Description?: string;
}

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Condition?: string;
  readonly DependsOn?: string | string[];
  readonly DeletionPolicy?: string;
}

interface Resource {
  readonly type: string;
  readonly physicalId: string;
  readonly properties: Record<string, any>;
}

interface ChangeSet {
  readonly id: string;
  readonly name: string;
  readonly type: 'CREATE' | 'UPDATE';
  readonly created: number;
  readonly template: Template;
  readonly templateText: string;
  readonly parameters: Record<string, string>;
  /** Parameter values as templates read them: SSM parameter types resolved. */
  readonly resolved: Record<string, string>;
  readonly tags: Array<{ Key: string; Value: string }>;
  readonly roleArn?: string;
  readonly description?: string;
  readonly changes: Array<{ Action: string; LogicalResourceId: string; ResourceType: string }>;
}

interface StackEvent {
  readonly EventId: string;
  readonly StackId: string;
  readonly StackName: string;
  readonly LogicalResourceId: string;
  readonly ResourceType: string;
  readonly ResourceStatus: string;
  readonly ResourceStatusReason?: string;
  readonly Timestamp: Date;
}

interface Stack {
  readonly id: string;
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly created: number;
  status: string;
  statusReason?: string;
  updated?: number;
  template?: Template;
  templateText?: string;
  parameters: Record<string, string>;
  resolved: Record<string, string>;
  tags: Array<{ Key: string; Value: string }>;
  resources: Map<string, Resource>;
  outputs: Array<{ OutputKey: string; OutputValue: string; Description?: string; ExportName?: string }>;
  terminationProtection: boolean;
  roleArn?: string;
  description?: string;
  readonly changeSets: Map<string, ChangeSet>;
  readonly events: StackEvent[];
  /** An operation in flight: when it finishes and what it does then. */
  pending?: { readonly at: number; readonly finish: () => void };
}

/** A request, as CloudFormation sees it: who calls (the account of the credentials), where, with what. */
export interface CloudFormationRequest {
  readonly accountId: string;
  readonly region: string;
  readonly input: Record<string, any>;
}

const IAM_TYPES = [
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::IAM::User',
  'AWS::IAM::Group',
  'AWS::IAM::InstanceProfile',
];
const IAM_NAMES: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
};

/** Physical ID prefixes of the resource types whose IDs other stacks read. */
const ID_PREFIXES: Record<string, string> = {
  'AWS::EC2::VPC': 'vpc-',
  'AWS::EC2::Subnet': 'subnet-',
  'AWS::EC2::SecurityGroup': 'sg-',
  'AWS::EC2::RouteTable': 'rtb-',
  'AWS::EC2::TransitGateway': 'tgw-',
  'AWS::EC2::TransitGatewayAttachment': 'tgw-attach-',
  'AWS::EC2::TransitGatewayVpcAttachment': 'tgw-attach-',
  'AWS::EC2::TransitGatewayRouteTable': 'tgw-rtb-',
  'AWS::EC2::IPAM': 'ipam-',
  'AWS::EC2::IPAMScope': 'ipam-scope-',
  'AWS::EC2::IPAMPool': 'ipam-pool-',
  'AWS::EC2::VPCPeeringConnection': 'pcx-',
  'AWS::EC2::VPCEndpoint': 'vpce-',
  'AWS::EC2::ClientVpnEndpoint': 'cvpn-endpoint-',
  'AWS::Route53Resolver::ResolverRule': 'rslvr-rr-',
  'AWS::Route53Resolver::ResolverEndpoint': 'rslvr-out-',
};

/** Names a resource takes from its properties, where the type has a name property. */
const NAME_PROPERTIES: Record<string, string> = {
  ...IAM_NAMES,
  'AWS::S3::Bucket': 'BucketName',
  'AWS::SSM::Parameter': 'Name',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::Lambda::Function': 'FunctionName',
};

const hash = (...parts: string[]) => createHash('sha256').update(parts.join('/')).digest('hex');

/** AWS's public parameters (`/aws/service/...`: latest AMIs and the like), in every account: a stand-in value of their kind. */
function publicParameter(name: string): string | undefined {
  if (!name.startsWith('/aws/service/')) return undefined;
  return /ami/.test(name) ? `ami-0${hash(name).slice(0, 16)}` : `emulated-${hash(name).slice(0, 12)}`;
}

/** A Query-protocol list: an empty one arrives as an empty string. */
const list = (value: unknown): any[] => (Array.isArray(value) ? value : []);

function listParameters(template: Template): Set<string> {
  return new Set(
    Object.entries(template.Parameters ?? {})
      .filter(([, p]) => p.Type === 'CommaDelimitedList' || p.Type.startsWith('List<'))
      .map(([name]) => name),
  );
}

/** 12-digit account IDs a trust policy's AWS principals name. */
function trustedAccounts(policy: unknown): string[] {
  const found = new Set<string>();
  for (const statement of ((policy as { Statement?: unknown[] })?.Statement ?? []) as Array<Record<string, any>>) {
    if (statement.Effect !== 'Allow') continue;
    const principals = [statement.Principal?.AWS ?? []].flat();
    for (const p of principals) {
      const match = /(?:^|:)(\d{12})(?::|$)/.exec(String(p));
      if (match) found.add(match[1]);
    }
  }
  return [...found];
}

/**
 * CloudFormation of every account and Region of the emulated organization: change
 * sets (computed asynchronously, "no changes" failing as AWS's do), stack creation
 * and updates (asynchronous; a failed creation leaves ROLLBACK_COMPLETE, a failed
 * update rolls back), outputs and exports, termination protection, stack events,
 * capabilities, SSM parameter types and template rules (the CDK bootstrap check).
 * Resources are not built; what other APIs need of them is recorded: roles for
 * STS, buckets for S3, SSM parameters, exports.
 */
export class EmulatedCloudFormation {
  /** Runs after every advance of the clock: StackSets' operations and automatic deployments. */
  public afterAdvance?: () => void;
  private readonly stacks = new Map<string, Stack>();
  private readonly failures = new Map<string, number>();
  private readonly clock: () => number;
  private sequence = 0;

  constructor(
    private readonly resources: AccountResources,
    private readonly options: CloudFormationOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
  }

  public call(operation: string, request: CloudFormationRequest): unknown {
    this.advance();
    switch (operation) {
      case 'DescribeStacks':
        return this.describeStacks(request);
      case 'CreateChangeSet':
        return this.createChangeSet(request);
      case 'DescribeChangeSet':
        return this.describeChangeSet(request);
      case 'ExecuteChangeSet':
        return this.executeChangeSet(request);
      case 'DeleteChangeSet':
        return this.deleteChangeSet(request);
      case 'DeleteStack':
        return this.deleteStack(request);
      case 'UpdateTerminationProtection':
        return this.updateTerminationProtection(request);
      case 'DescribeStackEvents':
        return this.describeStackEvents(request);
      case 'GetTemplate':
        return { TemplateBody: this.stack(request).templateText ?? '{}' };
      default:
        throw new QueryError('InvalidAction', `The emulator does not serve CloudFormation's ${operation}.`);
    }
  }

  /**
   * Creates or updates a stack at once, as StackSets deploys an instance (as the
   * execution role, in the target account): the stack's status, and why it failed.
   */
  public deployInstance(
    accountId: string,
    region: string,
    stackName: string,
    templateText: string,
    given: Array<Record<string, string>>,
    tags: Array<{ Key: string; Value: string }> = [],
  ): { stackId: string; status: string; reason?: string } {
    const template = JSON.parse(templateText) as Template;
    let stack = this.stacks.get(this.key(accountId, region, stackName));
    if (stack && /^(ROLLBACK_COMPLETE|DELETE_COMPLETE)$/.test(stack.status)) stack = undefined;
    try {
      const { values: parameters, resolved } = this.parameters(template, given, { accountId, region }, stack);
      if (!stack) {
        stack = this.newStack(accountId, region, stackName);
        this.event(stack, stackName, 'AWS::CloudFormation::Stack', 'REVIEW_IN_PROGRESS', 'StackSets');
      }
      const creating = stack.status === 'REVIEW_IN_PROGRESS';
      this.finish(
        stack,
        {
          id: `stack-set-${++this.sequence}`,
          name: 'stack-set',
          type: creating ? 'CREATE' : 'UPDATE',
          created: this.clock(),
          template,
          templateText,
          parameters,
          resolved,
          tags,
          description: template.Description,
          changes: [],
        },
        creating,
      );
      return { stackId: stack.id, status: stack.status, reason: stack.statusReason };
    } catch (error) {
      return { stackId: stack?.id ?? '', status: 'FAILED', reason: (error as Error).message };
    }
  }

  /** Finishes every operation whose time has come. */
  public advance(): void {
    const now = this.clock();
    for (const stack of this.stacks.values()) {
      if (stack.pending && stack.pending.at <= now) {
        const { finish } = stack.pending;
        stack.pending = undefined;
        finish();
      }
    }
    this.afterAdvance?.();
  }

  /** Every stack that exists (not deleted), for tests: name, account, Region, status, outputs. */
  public listStacks(): Array<{
    name: string;
    tags: Record<string, string>;
    accountId: string;
    region: string;
    status: string;
    outputs: Record<string, string>;
    updates: number;
  }> {
    this.advance();
    return [...this.stacks.values()]
      .filter((s) => s.status !== 'DELETE_COMPLETE')
      .map((s) => ({
        name: s.name,
        accountId: s.accountId,
        region: s.region,
        status: s.status,
        outputs: Object.fromEntries(s.outputs.map((o) => [o.OutputKey, o.OutputValue])),
        tags: Object.fromEntries(s.tags.map((t) => [t.Key, t.Value])),
        updates: s.events.filter(
          (e) => e.LogicalResourceId === s.name && /^(CREATE|UPDATE)_COMPLETE$/.test(e.ResourceStatus),
        ).length,
      }));
  }

  /** A stack's current template, for tests. */
  public template(accountId: string, region: string, name: string): Template | undefined {
    this.advance();
    const stack = this.stacks.get(this.key(accountId, region, name));
    return stack?.status === 'DELETE_COMPLETE' ? undefined : stack?.template;
  }

  private newStack(accountId: string, region: string, name: string): Stack {
    const stack: Stack = {
      id: `arn:aws:cloudformation:${region}:${accountId}:stack/${name}/${hash(name, String(++this.sequence)).slice(0, 36)}`,
      name,
      accountId,
      region,
      created: this.clock(),
      status: 'REVIEW_IN_PROGRESS',
      parameters: {},
      resolved: {},
      tags: [],
      resources: new Map(),
      outputs: [],
      terminationProtection: false,
      changeSets: new Map(),
      events: [],
    };
    this.stacks.set(this.key(accountId, region, name), stack);
    return stack;
  }

  private key(accountId: string, region: string, name: string) {
    return `${accountId}/${region}/${name}`;
  }

  /** The stack a request names (by name or stack ID), in the caller's account and Region. */
  private find(request: CloudFormationRequest, name = request.input.StackName as string): Stack | undefined {
    if (name?.startsWith('arn:')) {
      return [...this.stacks.values()].find((s) => s.id === name && s.accountId === request.accountId);
    }
    const stack = this.stacks.get(this.key(request.accountId, request.region, name));
    return stack && stack.status !== 'DELETE_COMPLETE' ? stack : undefined;
  }

  private stack(request: CloudFormationRequest, name = request.input.StackName as string): Stack {
    const stack = this.find(request, name);
    if (!stack) throw validationError(`Stack with id ${name} does not exist`);
    return stack;
  }

  private event(stack: Stack, logicalId: string, type: string, status: string, reason?: string) {
    stack.events.unshift({
      EventId: `${logicalId}-${++this.sequence}`,
      StackId: stack.id,
      StackName: stack.name,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ResourceStatus: status,
      ResourceStatusReason: reason,
      Timestamp: new Date(this.clock()),
    });
  }

  private describeStacks(request: CloudFormationRequest) {
    const stacks = request.input.StackName
      ? [this.stack(request)]
      : [...this.stacks.values()].filter(
          (s) => s.accountId === request.accountId && s.region === request.region && s.status !== 'DELETE_COMPLETE',
        );
    return {
      Stacks: stacks.map((s) => ({
        StackId: s.id,
        StackName: s.name,
        Description: s.description,
        Parameters: Object.entries(s.parameters).map(([ParameterKey, ParameterValue]) => ({
          ParameterKey,
          ParameterValue,
          ResolvedValue: s.resolved[ParameterKey] !== ParameterValue ? s.resolved[ParameterKey] : undefined,
        })),
        CreationTime: new Date(s.created),
        LastUpdatedTime: s.updated ? new Date(s.updated) : undefined,
        StackStatus: s.status,
        StackStatusReason: s.statusReason,
        Outputs: s.outputs,
        Tags: s.tags,
        RoleARN: s.roleArn,
        EnableTerminationProtection: s.terminationProtection,
      })),
    };
  }

  private describeStackEvents(request: CloudFormationRequest) {
    return { StackEvents: this.stack(request).events.slice(0, 100) };
  }

  private updateTerminationProtection(request: CloudFormationRequest) {
    const stack = this.stack(request);
    stack.terminationProtection = request.input.EnableTerminationProtection === 'true';
    return { StackId: stack.id };
  }

  public readTemplate(request: CloudFormationRequest): { template: Template; text: string } {
    const { TemplateBody: body, TemplateURL: url, UsePreviousTemplate: previous } = request.input;
    let text: string;
    if (body !== undefined) {
      if (Buffer.byteLength(body) > TEMPLATE_BODY_MAX_BYTES) {
        throw validationError(
          `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${TEMPLATE_BODY_MAX_BYTES}`,
        );
      }
      text = body;
    } else if (url !== undefined) {
      const match =
        /^https:\/\/s3[.-]([a-z0-9-]+\.)?amazonaws\.com\/([^/]+)\/(.+)$/.exec(url) ??
        /^https:\/\/([^/.]+)\.s3[.-](?:[a-z0-9-]+\.)?amazonaws\.com\/(.+)$/.exec(url);
      if (!match) throw validationError(`TemplateURL must be a supported URL.`);
      const [bucketName, key] = match.length === 4 ? [match[2], match[3]] : [match[1], match[2]];
      const object = this.resources.buckets.get(bucketName)?.objects.get(decodeURIComponent(key));
      if (!object) throw validationError(`S3 error: Access Denied (the template ${url} does not exist)`);
      if (object.length > TEMPLATE_URL_MAX_BYTES) {
        throw validationError(`Template may not exceed ${TEMPLATE_URL_MAX_BYTES} bytes in size.`);
      }
      text = object.toString('utf8');
    } else if (previous === 'true') {
      text = this.stack(request).templateText ?? '{}';
    } else {
      throw validationError('Either Template URL or Template Body must be specified.');
    }
    try {
      return { template: JSON.parse(text), text };
    } catch {
      throw validationError('Template format error: the emulator reads JSON templates only');
    }
  }

  private createChangeSet(request: CloudFormationRequest) {
    const input = request.input;
    const name = input.StackName as string;
    const type: 'CREATE' | 'UPDATE' = input.ChangeSetType === 'CREATE' ? 'CREATE' : 'UPDATE';
    let stack = this.find(request);
    if (type === 'CREATE' && stack && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw validationError(
        `Stack [${name}] already exists and cannot be created again with the changeSet [${input.ChangeSetName}].`,
      );
    }
    if (type === 'UPDATE') {
      if (!stack) throw validationError(`Stack [${name}] does not exist`);
      if (
        /_IN_PROGRESS$/.test(stack.status) ||
        /^(ROLLBACK_COMPLETE|ROLLBACK_FAILED|CREATE_FAILED|UPDATE_ROLLBACK_FAILED|DELETE_FAILED)$/.test(stack.status)
      ) {
        throw validationError(`Stack:${stack.id} is in ${stack.status} state and can not be updated.`);
      }
    }
    const { template, text } = this.readTemplate(request);
    const { values: parameters, resolved } = this.parameters(template, list(input.Parameters), request, stack);
    this.checkCapabilities(template, list(input.Capabilities));
    this.checkRules(template, resolved, request, name);
    if (input.RoleARN) this.checkRole(input.RoleARN, request.accountId);
    if (!stack) {
      stack = this.newStack(request.accountId, request.region, name);
      this.event(stack, name, 'AWS::CloudFormation::Stack', 'REVIEW_IN_PROGRESS', 'User Initiated');
    }
    if (stack.changeSets.has(input.ChangeSetName)) {
      throw new QueryError('AlreadyExistsException', `ChangeSet ${input.ChangeSetName} already exists`);
    }
    const before = stack.template?.Resources ?? {};
    const after = template.Resources ?? {};
    const changes = [
      ...Object.entries(after)
        .filter(([id, r]) => JSON.stringify(before[id]) !== JSON.stringify(r))
        .map(([id, r]) => ({ Action: id in before ? 'Modify' : 'Add', LogicalResourceId: id, ResourceType: r.Type })),
      ...Object.entries(before)
        .filter(([id]) => !(id in after))
        .map(([id, r]) => ({ Action: 'Remove', LogicalResourceId: id, ResourceType: r.Type })),
    ];
    const tags = list(input.Tags) as Array<{ Key: string; Value: string }>;
    const changeSet: ChangeSet = {
      id: `arn:aws:cloudformation:${request.region}:${request.accountId}:changeSet/${input.ChangeSetName}/${hash(stack.id, String(++this.sequence)).slice(0, 36)}`,
      name: input.ChangeSetName,
      type,
      created: this.clock(),
      template,
      templateText: text,
      parameters,
      resolved,
      tags,
      roleArn: input.RoleARN,
      description: template.Description,
      changes,
    };
    stack.changeSets.set(changeSet.name, changeSet);
    return { Id: changeSet.id, StackId: stack.id };
  }

  private changeSet(request: CloudFormationRequest): { stack: Stack; changeSet: ChangeSet } {
    const name = request.input.ChangeSetName as string;
    const stack = name.startsWith('arn:')
      ? [...this.stacks.values()].find((s) => [...s.changeSets.values()].some((c) => c.id === name))
      : this.find(request);
    const changeSet =
      stack && (stack.changeSets.get(name) ?? [...stack.changeSets.values()].find((c) => c.id === name));
    if (!stack || !changeSet) throw new QueryError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
    return { stack, changeSet };
  }

  /** Whether the change set changes nothing: same template, parameters and tags as the stack has. */
  private empty(stack: Stack, changeSet: ChangeSet): boolean {
    return (
      stack.status !== 'REVIEW_IN_PROGRESS' &&
      stack.templateText !== undefined &&
      JSON.stringify(stack.template) === JSON.stringify(changeSet.template) &&
      JSON.stringify(stack.parameters) === JSON.stringify(changeSet.parameters) &&
      JSON.stringify(stack.tags) === JSON.stringify(changeSet.tags)
    );
  }

  private describeChangeSet(request: CloudFormationRequest) {
    const { stack, changeSet } = this.changeSet(request);
    const ready = this.clock() >= changeSet.created + (this.options.operationMs ?? 50);
    const empty = ready && this.empty(stack, changeSet);
    return {
      ChangeSetId: changeSet.id,
      ChangeSetName: changeSet.name,
      StackId: stack.id,
      StackName: stack.name,
      Status: !ready ? 'CREATE_IN_PROGRESS' : empty ? 'FAILED' : 'CREATE_COMPLETE',
      StatusReason: empty ? NO_CHANGES : undefined,
      ExecutionStatus: !ready ? 'UNAVAILABLE' : empty ? 'UNAVAILABLE' : 'AVAILABLE',
      Parameters: Object.entries(changeSet.parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
      Tags: changeSet.tags,
      CreationTime: new Date(changeSet.created),
      Changes: ready && !empty ? changeSet.changes.map((c) => ({ Type: 'Resource', ResourceChange: c })) : [],
    };
  }

  private deleteChangeSet(request: CloudFormationRequest) {
    const { stack, changeSet } = this.changeSet(request);
    stack.changeSets.delete(changeSet.name);
    return {};
  }

  private executeChangeSet(request: CloudFormationRequest) {
    const { stack, changeSet } = this.changeSet(request);
    if (this.clock() < changeSet.created + (this.options.operationMs ?? 50) || this.empty(stack, changeSet)) {
      throw new QueryError(
        'InvalidChangeSetStatus',
        `ChangeSet [${changeSet.id}] cannot be executed in its current status of [${this.empty(stack, changeSet) ? 'FAILED' : 'CREATE_IN_PROGRESS'}]`,
      );
    }
    if (/_IN_PROGRESS$/.test(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw new QueryError('InvalidChangeSetStatus', `Stack [${stack.name}] is in ${stack.status} state.`);
    }
    stack.changeSets.clear();
    const creating = stack.status === 'REVIEW_IN_PROGRESS';
    const verb = creating ? 'CREATE' : 'UPDATE';
    stack.status = `${verb}_IN_PROGRESS`;
    stack.statusReason = 'User Initiated';
    this.event(stack, stack.name, 'AWS::CloudFormation::Stack', stack.status, 'User Initiated');
    stack.pending = {
      at: this.clock() + (this.options.operationMs ?? 50),
      finish: () => this.finish(stack, changeSet, creating),
    };
    return {};
  }

  private deleteStack(request: CloudFormationRequest) {
    const stack = this.find(request);
    if (!stack) return {};
    if (stack.terminationProtection) {
      throw validationError(`Stack [${stack.name}] cannot be deleted while TerminationProtection is enabled`);
    }
    if (/_IN_PROGRESS$/.test(stack.status) && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw validationError(`Stack [${stack.name}] is in ${stack.status} state and can not be deleted.`);
    }
    stack.status = 'DELETE_IN_PROGRESS';
    this.event(stack, stack.name, 'AWS::CloudFormation::Stack', stack.status, 'User Initiated');
    stack.pending = {
      at: this.clock() + (this.options.operationMs ?? 50),
      finish: () => {
        this.resources.removeStack(stack.id);
        stack.resources.clear();
        stack.outputs = [];
        stack.status = 'DELETE_COMPLETE';
        this.event(stack, stack.name, 'AWS::CloudFormation::Stack', stack.status);
      },
    };
    return {};
  }

  /** The stack operation ends: resources are made (or the injected failure or a missing dependency rolls it back). */
  private finish(stack: Stack, changeSet: ChangeSet, creating: boolean) {
    const verb = creating ? 'CREATE' : 'UPDATE';
    const fail = (logicalId: string, type: string, reason: string) => {
      this.event(stack, logicalId, type, `${verb}_FAILED`, reason);
      stack.statusReason = `The following resource(s) failed to ${verb.toLowerCase()}: [${logicalId}]. `;
      stack.status = creating ? 'ROLLBACK_COMPLETE' : 'UPDATE_ROLLBACK_COMPLETE';
      if (creating) {
        stack.resources.clear();
        stack.outputs = [];
      }
      this.event(stack, stack.name, 'AWS::CloudFormation::Stack', stack.status, stack.statusReason);
    };
    const injected = this.injectedFailure(stack.name);
    const resources = this.build(stack, changeSet);
    if (injected) {
      const [first, r] = Object.entries(changeSet.template.Resources ?? {})[0] ?? [
        stack.name,
        { Type: 'AWS::CloudFormation::Stack' },
      ];
      return fail(first, r.Type, injected);
    }
    if (!resources.ok) return fail(resources.logicalId, resources.type, resources.reason);
    // What the previous template made goes; what this one makes comes (objects in a bucket that stays, stay).
    const objects = new Map(
      [...this.resources.buckets.values()].filter((b) => b.stackId === stack.id).map((b) => [b.name, b.objects]),
    );
    this.resources.removeStack(stack.id);
    for (const [, r] of resources.resources) {
      const p = r.properties;
      if (r.type === 'AWS::IAM::Role') {
        this.resources.roles.set(`${stack.accountId}/${r.physicalId}`, {
          accountId: stack.accountId,
          name: r.physicalId,
          trustedAccounts: trustedAccounts(p.AssumeRolePolicyDocument),
          stackId: stack.id,
        });
      } else if (r.type === 'AWS::S3::Bucket') {
        this.resources.buckets.set(r.physicalId, {
          name: r.physicalId,
          accountId: stack.accountId,
          region: stack.region,
          stackId: stack.id,
          objects: objects.get(r.physicalId) ?? new Map(),
        });
      } else if (r.type === 'AWS::SSM::Parameter') {
        const key = this.key(stack.accountId, stack.region, r.physicalId);
        this.resources.parameters.set(key, String(p.Value));
        this.resources.parameterOwners.set(key, stack.id);
      }
    }
    for (const o of resources.outputs) {
      if (o.ExportName) {
        this.resources.exports.set(this.key(stack.accountId, stack.region, o.ExportName), {
          value: o.OutputValue,
          stackId: stack.id,
        });
      }
    }
    for (const [id, r] of resources.resources) {
      if (!stack.resources.has(id)) this.event(stack, id, r.type, `${verb}_COMPLETE`);
    }
    stack.resources = resources.resources;
    stack.outputs = resources.outputs;
    stack.template = changeSet.template;
    stack.templateText = changeSet.templateText;
    stack.parameters = changeSet.parameters;
    stack.resolved = changeSet.resolved;
    stack.tags = changeSet.tags;
    stack.roleArn = changeSet.roleArn;
    stack.description = changeSet.description;
    if (!creating) stack.updated = this.clock();
    stack.status = `${verb}_COMPLETE`;
    stack.statusReason = undefined;
    this.event(stack, stack.name, 'AWS::CloudFormation::Stack', stack.status);
  }

  public injectedFailure(stackName: string): string | undefined {
    for (const failure of this.options.stackFailures ?? []) {
      const matches =
        typeof failure.stackName === 'string' ? failure.stackName === stackName : failure.stackName.test(stackName);
      if (!matches) continue;
      const count = this.failures.get(stackName) ?? 0;
      if (failure.times !== undefined && count >= failure.times) continue;
      this.failures.set(stackName, count + 1);
      return failure.reason ?? 'Resource handler returned message: "Rate exceeded" (injected by the emulator)';
    }
    return undefined;
  }

  /**
   * The resources and outputs a change set's template makes, or the first resource
   * that fails: Lambda code missing from S3, an import nobody exports, a bucket name
   * another stack holds, an export name another stack holds.
   */
  private build(
    stack: Stack,
    changeSet: ChangeSet,
  ):
    | { ok: true; resources: Map<string, Resource>; outputs: Stack['outputs'] }
    | { ok: false; logicalId: string; type: string; reason: string } {
    const template = changeSet.template;
    const declared = template.Resources ?? {};
    const made = new Map<string, Resource>();
    const building = new Set<string>();
    let base: Omit<EvaluationContext, 'conditions'>;
    const context = (): EvaluationContext => ({ ...base, conditions });
    const physicalId = (logicalId: string, r: TemplateResource, properties: Record<string, any>): string => {
      const named = NAME_PROPERTIES[r.Type] && properties[NAME_PROPERTIES[r.Type]];
      if (named) return String(named);
      const previous = stack.resources.get(logicalId);
      if (previous && previous.type === r.Type) return previous.physicalId;
      const digest = hash(stack.id, logicalId);
      if (ID_PREFIXES[r.Type]) return `${ID_PREFIXES[r.Type]}0${digest.slice(0, 16)}`;
      if (r.Type === 'AWS::KMS::Key') {
        return `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`;
      }
      return `${stack.name}-${logicalId}-${digest.slice(0, 12)}`.slice(0, 128);
    };
    const resource = (logicalId: string): Resource | undefined => {
      if (made.has(logicalId)) return made.get(logicalId);
      const r = declared[logicalId];
      if (!r || (r.Condition && !conditions[r.Condition])) return undefined;
      if (building.has(logicalId)) throw validationError(`Circular dependency between resources: [${logicalId}]`);
      building.add(logicalId);
      const properties = evaluate(r.Properties ?? {}, context()) as Record<string, any>;
      const built = { type: r.Type, physicalId: physicalId(logicalId, r, properties), properties };
      made.set(logicalId, built);
      return built;
    };
    const arn = (r: Resource) => {
      const [, service, kind] = r.type.split('::').map((s) => s.toLowerCase());
      if (service === 'iam') return `arn:aws:iam::${stack.accountId}:${kind}/${r.physicalId}`;
      if (service === 's3') return `arn:aws:s3:::${r.physicalId}`;
      if (service === 'kms' && kind === 'key') {
        return `arn:aws:kms:${stack.region}:${stack.accountId}:key/${r.physicalId}`;
      }
      return `arn:aws:${service}:${stack.region}:${stack.accountId}:${kind}/${r.physicalId}`;
    };
    base = {
      accountId: stack.accountId,
      region: stack.region,
      stackName: stack.name,
      stackId: stack.id,
      parameters: changeSet.resolved,
      listParameters: listParameters(template),
      resource: (logicalId) => {
        const r = resource(logicalId);
        return (
          r && {
            ref: r.physicalId,
            attribute: (name: string) => {
              if (name === 'Arn') return arn(r);
              if (name === 'CidrBlock') {
                return (
                  r.properties.CidrBlock ??
                  `10.${parseInt(hash(r.physicalId).slice(0, 2), 16)}.0.0/${r.properties.Ipv4NetmaskLength ?? 16}`
                );
              }
              if (name.endsWith('Id') || name === 'Name') return r.physicalId;
              return `${r.physicalId}.${name}`;
            },
          }
        );
      },
      importValue: (name) => {
        const exported = this.resources.exports.get(this.key(stack.accountId, stack.region, name));
        if (!exported) throw validationError(`No export named ${name} found.`);
        return exported.value;
      },
    };
    const conditions = evaluateConditions(template.Conditions ?? {}, base);
    for (const [logicalId, r] of Object.entries(declared)) {
      try {
        const built = resource(logicalId);
        if (!built) continue;
        if (r.Type === 'AWS::Lambda::Function' && built.properties.Code?.S3Bucket) {
          const { S3Bucket: bucket, S3Key: key } = built.properties.Code;
          if (!this.resources.buckets.get(bucket)?.objects.has(key)) {
            return {
              ok: false,
              logicalId,
              type: r.Type,
              reason: `Resource handler returned message: "Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist." (bucket ${bucket}, key ${key})`,
            };
          }
        }
        if (r.Type === 'AWS::S3::Bucket') {
          const holder = this.resources.buckets.get(built.physicalId);
          if (holder && holder.stackId !== stack.id) {
            return { ok: false, logicalId, type: r.Type, reason: `${built.physicalId} already exists` };
          }
        }
      } catch (error) {
        return { ok: false, logicalId, type: r.Type, reason: (error as Error).message };
      }
    }
    const outputs: Stack['outputs'] = [];
    for (const [key, o] of Object.entries(template.Outputs ?? {})) {
      if (o.Condition && !conditions[o.Condition]) continue;
      try {
        const value = evaluate(o.Value, context());
        const exportName = o.Export ? String(evaluate(o.Export.Name, context())) : undefined;
        const holder = exportName && this.resources.exports.get(this.key(stack.accountId, stack.region, exportName));
        if (holder && holder.stackId !== stack.id) {
          return {
            ok: false,
            logicalId: stack.name,
            type: 'AWS::CloudFormation::Stack',
            reason: `Export with name ${exportName} is already exported by stack ${holder.stackId}`,
          };
        }
        outputs.push({
          OutputKey: key,
          OutputValue: Array.isArray(value) ? value.join(',') : String(value),
          Description: o.Description,
          ExportName: exportName,
        });
      } catch (error) {
        return {
          ok: false,
          logicalId: stack.name,
          type: 'AWS::CloudFormation::Stack',
          reason: (error as Error).message,
        };
      }
    }
    return { ok: true, resources: made, outputs };
  }

  /** Parameter values: given, previous, or the default; SSM parameter types read from the account's Parameter Store. */
  private parameters(
    template: Template,
    given: Array<Record<string, string>>,
    request: Pick<CloudFormationRequest, 'accountId' | 'region'>,
    stack?: Stack,
  ) {
    const values: Record<string, string> = {};
    const resolved: Record<string, string> = {};
    const missing: string[] = [];
    const unfetchable: string[] = [];
    for (const [name, declared] of Object.entries(template.Parameters ?? {})) {
      const entry = given.find((p) => p.ParameterKey === name);
      let value =
        entry?.UsePreviousValue === 'true'
          ? stack?.parameters[name]
          : (entry?.ParameterValue ?? (declared.Default === undefined ? undefined : String(declared.Default)));
      if (value === undefined) {
        missing.push(name);
        continue;
      }
      values[name] = value;
      resolved[name] = value;
      if (declared.Type.startsWith('AWS::SSM::Parameter::Value<')) {
        // The stack keeps the parameter's name (ParameterValue) and what it resolved to (ResolvedValue).
        const stored = this.resources.parameter(request.accountId, request.region, value) ?? publicParameter(value);
        if (stored === undefined) unfetchable.push(value);
        else resolved[name] = stored;
      }
    }
    if (missing.length) throw validationError(`Parameters: [${missing.join(', ')}] must have values`);
    if (unfetchable.length) {
      throw validationError(
        `Unable to fetch parameters [${unfetchable.join(',')}] from parameter store for this account.`,
      );
    }
    return { values, resolved };
  }

  private checkCapabilities(template: Template, capabilities: string[]) {
    const resources = Object.values(template.Resources ?? {});
    const named = resources.some((r) => IAM_NAMES[r.Type] && r.Properties?.[IAM_NAMES[r.Type]] !== undefined);
    const iam = resources.some((r) => IAM_TYPES.includes(r.Type));
    if (named && !capabilities.includes('CAPABILITY_NAMED_IAM')) {
      throw new QueryError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_NAMED_IAM]');
    }
    if (iam && !capabilities.includes('CAPABILITY_IAM') && !capabilities.includes('CAPABILITY_NAMED_IAM')) {
      throw new QueryError('InsufficientCapabilitiesException', 'Requires capabilities : [CAPABILITY_IAM]');
    }
  }

  /** Template rules (the CDK's CheckBootstrapVersion): an assertion that fails refuses the change set. */
  private checkRules(
    template: Template,
    parameters: Record<string, string>,
    request: CloudFormationRequest,
    stackName: string,
  ) {
    const ctx: EvaluationContext = {
      accountId: request.accountId,
      region: request.region,
      stackName,
      stackId: '',
      parameters,
      listParameters: listParameters(template),
      conditions: {},
      resource: () => undefined,
      importValue: () => '',
    };
    for (const rule of Object.values(template.Rules ?? {})) {
      if (rule.RuleCondition !== undefined && !evaluate(rule.RuleCondition, ctx)) continue;
      for (const assertion of rule.Assertions) {
        if (!evaluate(assertion.Assert, ctx)) {
          throw validationError(assertion.AssertDescription ?? 'Template rule assertion failed');
        }
      }
    }
  }

  private checkRole(roleArn: string, accountId: string) {
    const match = /^arn:aws:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    if (!match || match[1] !== accountId || !this.resources.role(match[1], match[2])) {
      throw validationError(`Role ${roleArn} is invalid or cannot be assumed`);
    }
  }
}
