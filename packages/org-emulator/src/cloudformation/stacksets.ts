import { createHash } from 'crypto';
import { CloudFormationRequest, EmulatedCloudFormation } from './cloudformation';
import { QueryError, validationError } from './query';

/** What StackSets needs of the organization: its management account, OUs and accounts, trusted access. */
export interface StackSetDirectory {
  readonly managementAccountId?: string;
  accountsUnder(parentId: string): string[];
  hasParent(id: string): boolean;
  hasTrustedAccess(servicePrincipal: string): boolean;
}

const STACKSETS_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com';

interface Instance {
  readonly accountId: string;
  readonly region: string;
  readonly ouId: string;
  stackId?: string;
  status: 'CURRENT' | 'OUTDATED' | 'INOPERABLE';
  reason?: string;
}

interface Operation {
  readonly id: string;
  readonly action: 'CREATE' | 'UPDATE';
  readonly at: number;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED';
  reason?: string;
  readonly run: () => void;
}

interface StackSet {
  readonly name: string;
  readonly id: string;
  /** The Region that administers it (where it was created). */
  readonly region: string;
  templateText: string;
  parameters: Array<Record<string, string>>;
  tags: Array<{ Key: string; Value: string }>;
  capabilities: string[];
  description?: string;
  autoDeployment: boolean;
  retainOnRemoval: boolean;
  /** ARNs of the stack sets whose instance in an account and Region automatic deployment waits for. */
  dependsOn: string[];
  readonly ous: Set<string>;
  readonly regions: Set<string>;
  readonly instances: Map<string, Instance>;
  readonly operations: Map<string, Operation>;
}

const list = (value: unknown): any[] => (Array.isArray(value) ? value : []);

/**
 * Service-managed StackSets: a template the management account deploys to every
 * account of the targeted OUs in the chosen Regions, as operations that run
 * asynchronously (one at a time per stack set), with automatic deployment to
 * accounts that join a targeted OU later and instances retained on removal.
 * The instances are ordinary stacks of the emulated CloudFormation
 * (`StackSet-<name>-<id>`).
 */
export class EmulatedStackSets {
  /** `<region>/<name>` → the StackSet. */
  private readonly sets = new Map<string, StackSet>();
  /** `<stack set>/<account>/<region>` → when automatic deployment reaches an account that joined. */
  private readonly joining = new Map<string, number>();
  private sequence = 0;

  constructor(
    private readonly cloudFormation: EmulatedCloudFormation,
    private readonly directory: StackSetDirectory,
    private readonly clock: () => number,
    private readonly operationMs: () => number,
  ) {}

  public handles(operation: string): boolean {
    return [
      'CreateStackSet',
      'DescribeStackSet',
      'UpdateStackSet',
      'CreateStackInstances',
      'ListStackInstances',
      'DescribeStackSetOperation',
    ].includes(operation);
  }

  public call(operation: string, request: CloudFormationRequest): unknown {
    this.advance();
    if (request.accountId !== this.directory.managementAccountId) {
      throw validationError('Account used is not a management account or a delegated administrator.');
    }
    switch (operation) {
      case 'CreateStackSet':
        return this.create(request);
      case 'DescribeStackSet':
        return this.describe(this.get(request.input.StackSetName, request.region));
      case 'UpdateStackSet':
        return this.update(request);
      case 'CreateStackInstances':
        return this.createInstances(request);
      case 'ListStackInstances':
        return this.listInstances(this.get(request.input.StackSetName, request.region));
      case 'DescribeStackSetOperation': {
        const set = this.get(request.input.StackSetName, request.region);
        const op = set.operations.get(request.input.OperationId);
        if (!op) {
          throw new QueryError('OperationNotFoundException', `Operation ${request.input.OperationId} not found`, 404);
        }
        return {
          StackSetOperation: {
            OperationId: op.id,
            StackSetId: set.id,
            Action: op.action,
            Status: op.status,
            StatusReason: op.reason,
          },
        };
      }
      default:
        throw new QueryError('InvalidAction', `The emulator does not serve CloudFormation's ${operation}.`);
    }
  }

  /** Finishes due operations, then deploys to accounts that joined a targeted OU (automatic deployment). */
  public advance(): void {
    const now = this.clock();
    for (const set of this.sets.values()) {
      for (const op of set.operations.values()) {
        if (op.status === 'RUNNING' && op.at <= now) op.run();
      }
      if (!set.autoDeployment || [...set.operations.values()].some((o) => o.status === 'RUNNING')) continue;
      const targets = this.targets([...set.ous], [...set.regions]);
      for (const t of targets) {
        const key = `${t.accountId}/${t.region}`;
        if (set.instances.has(key)) continue;
        // AutoDeployment.DependsOn: the instances of the stack sets this one depends on come first, in the same account
        // and in each of their Regions (a StackSet in one Region may depend on one in another).
        const waiting = set.dependsOn.some((arn) => {
          const other = [...this.sets.values()].find((x) => this.arn(x) === arn);
          const regions = other && other.regions.size > 0 ? [...other.regions] : [t.region];
          return regions.some((r) => other?.instances.get(`${t.accountId}/${r}`)?.status !== 'CURRENT');
        });
        if (waiting) continue;
        // Automatic deployment is asynchronous: it runs an operation's time after the account is seen in the OU.
        const due = this.joining.get(`${set.name}/${key}`) ?? now + this.operationMs();
        this.joining.set(`${set.name}/${key}`, due);
        if (due <= now) {
          this.joining.delete(`${set.name}/${key}`);
          this.deployTo(set, t);
        }
      }
      const members = new Set(targets.map((t) => `${t.accountId}/${t.region}`));
      for (const key of [...set.instances.keys()]) {
        // An account that left the targeted OUs leaves the stack set; its stack stays (RetainStacksOnAccountRemoval).
        if (!members.has(key) && set.retainOnRemoval) set.instances.delete(key);
      }
    }
  }

  private arn(set: StackSet): string {
    return `arn:aws:cloudformation:${set.region}:${this.directory.managementAccountId}:stackset/${set.id}`;
  }

  /** A StackSet lives in the Region of the endpoint that created it: another Region's endpoint does not know it. */
  private get(name: string, region: string): StackSet {
    const set = this.sets.get(`${region}/${name}`);
    if (!set) throw new QueryError('StackSetNotFoundException', `StackSet ${name} not found`, 404);
    return set;
  }

  private describe(set: StackSet) {
    return {
      StackSet: {
        StackSetName: set.name,
        StackSetId: set.id,
        StackSetARN: this.arn(set),
        Description: set.description,
        Status: 'ACTIVE',
        TemplateBody: set.templateText,
        Parameters: set.parameters,
        Tags: set.tags,
        Capabilities: set.capabilities,
        PermissionModel: 'SERVICE_MANAGED',
        AutoDeployment: {
          Enabled: set.autoDeployment,
          RetainStacksOnAccountRemoval: set.retainOnRemoval,
          ...(set.dependsOn.length ? { DependsOn: set.dependsOn } : {}),
        },
        OrganizationalUnitIds: [...set.ous],
        Regions: [...set.regions],
      },
    };
  }

  private create(request: CloudFormationRequest) {
    const input = request.input;
    if (input.PermissionModel !== 'SERVICE_MANAGED') {
      throw validationError('The emulator serves service-managed stack sets only (PermissionModel SERVICE_MANAGED).');
    }
    if (!this.directory.hasTrustedAccess(STACKSETS_PRINCIPAL)) {
      throw validationError('You must enable organizations access to operate a service managed stack set');
    }
    if (this.sets.has(`${request.region}/${input.StackSetName}`)) {
      throw new QueryError('NameAlreadyExistsException', `StackSet ${input.StackSetName} already exists`);
    }
    const { text } = this.cloudFormation.readTemplate(request);
    const set: StackSet = {
      name: input.StackSetName,
      id: `${input.StackSetName}:${createHash('sha256').update(input.StackSetName).digest('hex').slice(0, 36)}`,
      region: request.region,
      templateText: text,
      parameters: list(input.Parameters),
      tags: list(input.Tags),
      capabilities: list(input.Capabilities),
      description: input.Description,
      autoDeployment: input.AutoDeployment?.Enabled === 'true',
      retainOnRemoval: input.AutoDeployment?.RetainStacksOnAccountRemoval === 'true',
      dependsOn: list(input.AutoDeployment?.DependsOn),
      ous: new Set(),
      regions: new Set(),
      instances: new Map(),
      operations: new Map(),
    };
    this.sets.set(`${set.region}/${set.name}`, set);
    return { StackSetId: set.id };
  }

  private targets(ous: string[], regions: string[]) {
    return ous.flatMap((ouId) =>
      this.directory.accountsUnder(ouId).flatMap((accountId) => regions.map((region) => ({ accountId, region, ouId }))),
    );
  }

  private deployTo(set: StackSet, t: { accountId: string; region: string; ouId: string }) {
    const instance: Instance = set.instances.get(`${t.accountId}/${t.region}`) ?? { ...t, status: 'OUTDATED' };
    set.instances.set(`${t.accountId}/${t.region}`, instance);
    const stackName = `StackSet-${set.name}-${createHash('sha256').update(set.id).digest('hex').slice(0, 8)}`;
    const injected = this.cloudFormation.injectedFailure(set.name);
    const result = injected
      ? { stackId: instance.stackId, status: 'FAILED', reason: injected }
      : this.cloudFormation.deployInstance(
          t.accountId,
          t.region,
          stackName,
          set.templateText,
          set.parameters,
          set.tags,
        );
    instance.stackId = result.stackId;
    const ok = /^(CREATE|UPDATE)_COMPLETE$/.test(result.status);
    // A failed creation or update leaves the instance OUTDATED; the next operation deploys it again.
    instance.status = ok ? 'CURRENT' : 'OUTDATED';
    instance.reason = ok ? undefined : `${result.status}: ${result.reason ?? 'no reason given'}`;
    return ok;
  }

  private operation(
    set: StackSet,
    action: Operation['action'],
    work: () => Array<{ accountId: string; region: string; ouId: string }>,
  ) {
    if ([...set.operations.values()].some((o) => o.status === 'RUNNING')) {
      throw new QueryError('OperationInProgressException', `Another Operation on StackSet ${set.id} is in progress`);
    }
    const id = `op-${++this.sequence}-${createHash('sha256').update(`${set.id}/${this.sequence}`).digest('hex').slice(0, 12)}`;
    const op: Operation = {
      id,
      action,
      at: this.clock() + this.operationMs(),
      status: 'RUNNING',
      run: () => {
        // Failure tolerance 0: the first failed instance fails the operation (the rest are still attempted, as with
        // a Region's accounts deployed in parallel).
        const failed = work().filter((t) => !this.deployTo(set, t));
        op.status = failed.length ? 'FAILED' : 'SUCCEEDED';
        op.reason = failed.length ? `${failed.length} stack instances failed` : undefined;
      },
    };
    set.operations.set(id, op);
    return { OperationId: id };
  }

  private update(request: CloudFormationRequest) {
    const set = this.get(request.input.StackSetName, request.region);
    const { text } =
      request.input.UsePreviousTemplate === 'true'
        ? { text: set.templateText }
        : this.cloudFormation.readTemplate(request);
    const parameters = list(request.input.Parameters);
    const capabilities = list(request.input.Capabilities);
    if (request.input.Tags !== undefined) set.tags = list(request.input.Tags);
    const auto = request.input.AutoDeployment;
    if (auto !== undefined) {
      set.autoDeployment = auto.Enabled === 'true';
      set.retainOnRemoval = auto.RetainStacksOnAccountRemoval === 'true';
      set.dependsOn = list(auto.DependsOn);
    }
    const result = this.operation(set, 'UPDATE', () => this.targets([...set.ous], [...set.regions]));
    set.templateText = text;
    set.parameters = parameters;
    set.capabilities = capabilities;
    return result;
  }

  private createInstances(request: CloudFormationRequest) {
    const set = this.get(request.input.StackSetName, request.region);
    const ous = list(request.input.DeploymentTargets?.OrganizationalUnitIds) as string[];
    const regions = list(request.input.Regions) as string[];
    if (ous.length === 0) {
      throw validationError('DeploymentTargets.OrganizationalUnitIds is required for a service-managed stack set');
    }
    for (const ou of ous) {
      if (!this.directory.hasParent(ou)) throw validationError(`OrganizationalUnitId ${ou} does not exist`);
    }
    const result = this.operation(set, 'CREATE', () => this.targets(ous, regions));
    for (const ou of ous) set.ous.add(ou);
    for (const region of regions) set.regions.add(region);
    return result;
  }

  private listInstances(set: StackSet) {
    return {
      Summaries: [...set.instances.values()].map((i) => ({
        StackSetId: set.id,
        Account: i.accountId,
        Region: i.region,
        StackId: i.stackId,
        Status: i.status,
        StatusReason: i.reason,
        OrganizationalUnitId: i.ouId,
      })),
    };
  }
}
