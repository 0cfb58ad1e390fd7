import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStackSetCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  EnableAWSServiceAccessCommand,
  ListRootsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { OrganizationsEmulator } from '@landfall/org-emulator';
import {
  App,
  CfnOutput,
  CfnResource,
  CliCredentialsStackSynthesizer,
  DefaultStackSynthesizer,
  Fn,
  Stack,
} from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import {
  ACCOUNT_NAME_MARK,
  AwsAccess,
  DeployEvent,
  DeployFailedError,
  DeployOptions,
  bootstrapStackName,
  deployAssembly,
} from '../src';

const RECORD = 'test:record-output';
const credentials = { accessKeyId: 'AKIDMANAGEMENT', secretAccessKey: 'x' };

interface Records {
  transitGatewayId?: string;
  keyArn?: string;
  /** Account name → its VPC, recorded from the StackSet instances' outputs. */
  vpcs?: Record<string, string>;
}

const STACK_SET = 'test:stack-set';
const MANAGEMENT = '111111111111';
const ASSETS_BUCKET = `test-stackset-assets-${MANAGEMENT}-us-east-1`;

/**
 * A small landing zone: a core account with a Lambda asset, a hub whose output a spoke needs, a spoke app importing
 * the spoke's export. With `stackSets`, also two StackSet templates over the root (every member account): a baseline
 * with a Lambda asset in the management account's bucket and a VPC whose ID each account records, and a second one
 * that imports the baseline's export in each account.
 */
function synthesizer(
  accounts: { core: string; hub: string; spoke: string },
  records: Records,
  root: string,
  stackSets = false,
) {
  let n = 0;
  return async () => {
    const outdir = join(root, `cdk.out.${++n}`);
    const app = new App({ outdir });
    const env = (account: string) => ({ account, region: 'us-east-1' });
    const props = (account: string) => ({
      env: env(account),
      synthesizer: new DefaultStackSynthesizer({ qualifier: 'landfall' }),
      terminationProtection: true,
    });
    const core = new Stack(app, 'core', props(accounts.core));
    const code = mkdtempSync(join(root, 'code-'));
    writeFileSync(join(code, 'index.js'), 'exports.handler = async () => "ok";\n');
    const fn = new lambda.Function(core, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(code),
    });
    const key = new CfnResource(core, 'Key', { type: 'AWS::KMS::Key', properties: { EnableKeyRotation: true } });
    const keyArn = new CfnOutput(core, 'KeyArn', { value: key.getAtt('Arn').toString() });
    core.node.addMetadata(RECORD, { output: core.resolve(keyArn.logicalId), path: ['keyArn'] });
    void fn;

    const hub = new Stack(app, 'hub', props(accounts.hub));
    const tgw = new CfnResource(hub, 'Tgw', {
      type: 'AWS::EC2::TransitGateway',
      properties: { Description: `key ${records.keyArn ?? 'none'}` },
    });
    new CfnOutput(hub, 'TransitGatewayId', { value: tgw.ref });
    hub.node.addMetadata(RECORD, { output: 'TransitGatewayId', path: ['transitGatewayId'] });

    const spoke = new Stack(app, 'spoke', props(accounts.spoke));
    const vpc = new CfnResource(spoke, 'Vpc', { type: 'AWS::EC2::VPC', properties: { CidrBlock: '10.1.0.0/16' } });
    if (records.transitGatewayId) {
      new CfnResource(spoke, 'Attachment', {
        type: 'AWS::EC2::TransitGatewayAttachment',
        properties: { TransitGatewayId: records.transitGatewayId, VpcId: vpc.ref, SubnetIds: [] },
      });
    }
    const spokeApp = new Stack(app, 'spoke-app', props(accounts.spoke));
    new CfnResource(spokeApp, 'Sg', {
      type: 'AWS::EC2::SecurityGroup',
      properties: { VpcId: vpc.ref, GroupDescription: 'app' },
    });
    if (stackSets) {
      const assets = new Stack(app, 'stackset-assets', props(MANAGEMENT));
      new CfnResource(assets, 'Bucket', { type: 'AWS::S3::Bucket', properties: { BucketName: ASSETS_BUCKET } });
      const template = (id: string) => {
        const stack = new Stack(app, id, {
          env: { region: 'us-east-1' },
          synthesizer: new CliCredentialsStackSynthesizer({
            fileAssetsBucketName: ASSETS_BUCKET,
            bucketPrefix: 'sets/',
          }),
        });
        stack.node.addMetadata(STACK_SET, {
          organizationalUnitIds: [rootId],
          accounts: { [accounts.core]: 'core', [accounts.hub]: 'hub', [accounts.spoke]: 'spoke' },
        });
        stack.addDependency(assets);
        return stack;
      };
      const baseline = template('baseline');
      new lambda.Function(baseline, 'Fn', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(code),
      });
      const setVpc = new CfnResource(baseline, 'Vpc', {
        type: 'AWS::EC2::VPC',
        properties: { CidrBlock: '10.2.0.0/16' },
      });
      new CfnOutput(baseline, 'VpcId', { value: setVpc.ref, exportName: 'baseline-vpc' });
      baseline.node.addMetadata(RECORD, { output: 'VpcId', path: ['vpcs', ACCOUNT_NAME_MARK] });
      const flowLogs = template('flow-logs');
      new CfnResource(flowLogs, 'Sg', {
        type: 'AWS::EC2::SecurityGroup',
        properties: { VpcId: Fn.importValue('baseline-vpc'), GroupDescription: 'flow logs' },
      });
      flowLogs.addDependency(baseline);
    }
    app.synth();
    return outdir;
  };
}

let rootId: string;

/** An organization with StackSets' trusted access (what `landfall apply` enables) and three member accounts. */
async function organizationWithAccounts(endpoint: string): Promise<{ core: string; hub: string; spoke: string }> {
  const org = new OrganizationsClient({ region: 'us-east-1', endpoint, credentials });
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  await org.send(
    new EnableAWSServiceAccessCommand({ ServicePrincipal: 'member.org.stacksets.cloudformation.amazonaws.com' }),
  );
  rootId = (await org.send(new ListRootsCommand({}))).Roots![0].Id!;
  const ids: string[] = [];
  for (const name of ['core', 'hub', 'spoke']) {
    const created = await org.send(new CreateAccountCommand({ AccountName: name, Email: `${name}@example.com` }));
    for (;;) {
      const status = await org.send(
        new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus!.Id }),
      );
      if (status.CreateAccountStatus?.State === 'SUCCEEDED') {
        ids.push(status.CreateAccountStatus.AccountId!);
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return { core: ids[0], hub: ids[1], spoke: ids[2] };
}

describe('deployAssembly against the loopback CloudFormation', () => {
  let emulator: OrganizationsEmulator;
  let endpoint: string;
  let root: string;
  let accounts: { core: string; hub: string; spoke: string };
  let records: Records;
  let events: DeployEvent[];

  const options = (extra: Partial<DeployOptions> = {}): DeployOptions => ({
    aws: new AwsAccess({ endpoint, credentials }),
    synthesize: synthesizer(accounts, records, root),
    phaseOf: (s) =>
      s.environment.account === accounts.core ? 'core' : s.environment.account === accounts.hub ? 'hub' : 'spokes',
    recordMetadataType: RECORD,
    record: (path, value) => {
      if (path[0] === 'vpcs') {
        if (records.vpcs?.[path[1]] === value) return false;
        records.vpcs = { ...records.vpcs, [path[1]]: value };
        return true;
      }
      const key = path[0] as 'keyArn' | 'transitGatewayId';
      if (records[key] === value) return false;
      records[key] = value;
      return true;
    },
    bootstrap: { qualifier: 'landfall', organizationalUnitIds: [rootId], homeRegion: 'us-east-1' },
    pollMs: 5,
    onEvent: (e) => events.push(e),
    ...extra,
  });

  const stacks = () => emulator.cloudFormation.listStacks();

  async function start(cloudFormation = {}, faults = {}) {
    emulator = new OrganizationsEmulator({
      createAccountMs: 5,
      cloudFormation: { operationMs: 10, ...cloudFormation },
      faults,
    });
    endpoint = await emulator.start();
    accounts = await organizationWithAccounts(endpoint);
    records = {};
    events = [];
  }

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'landfall-deploy-'));
  });
  afterEach(async () => {
    await emulator.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('converges from nothing: bootstrap, then each phase, outputs recorded and used, then a rerun changes nothing', async () => {
    await start();
    const first = await deployAssembly(options());
    const byName = Object.fromEntries(stacks().map((s) => [`${s.name}@${s.accountId}`, s]));
    // Every member account bootstrapped by one service-managed StackSet over the root, with Landfall's own qualifier.
    const instances = stacks().filter((s) => s.name.startsWith(`StackSet-${bootstrapStackName('landfall')}-`));
    expect(instances.map((s) => [s.accountId, s.status]).sort()).toEqual(
      Object.values(accounts)
        .map((a) => [a, 'CREATE_COMPLETE'])
        .sort(),
    );
    expect(byName[`core@${accounts.core}`].status).toBe('CREATE_COMPLETE');
    // The hub's output reached the record, and the spoke was synthesized again with it before its phase.
    expect(records.transitGatewayId).toMatch(/^tgw-0[0-9a-f]{16}$/);
    expect(records.keyArn).toMatch(new RegExp(`^arn:aws:kms:us-east-1:${accounts.core}:key/`));
    expect(byName[`spoke@${accounts.spoke}`].status).toBe('CREATE_COMPLETE');
    expect(
      emulator.cloudFormation.template(accounts.spoke, 'us-east-1', 'spoke')?.Resources?.Attachment?.Properties,
    ).toMatchObject({
      TransitGatewayId: records.transitGatewayId,
    });
    expect(byName[`spoke-app@${accounts.spoke}`].status).toBe('CREATE_COMPLETE');
    // The hub was created after the core account's key was recorded: one version of it, never updated.
    expect(byName[`hub@${accounts.hub}`].updates).toBe(1);
    // Round 2 found every stack as round 1 left it (the bootstraps are not looked at twice): nothing recorded, so the run ends.
    // Each stack counted once, by what happened to it: the bootstrap StackSet and four stacks, all made by this run.
    expect(first).toMatchObject({ rounds: 2, results: { created: 1 + 4, updated: 0, unchanged: 0 } });
    const phases = events.filter((e) => e.type === 'done' && e.round === 1).map((e) => e.phase);
    expect(phases.indexOf('core')).toBeGreaterThan(phases.lastIndexOf('bootstrap'));
    expect(phases.indexOf('hub')).toBeGreaterThan(phases.lastIndexOf('core'));
    expect(phases.indexOf('spokes')).toBeGreaterThan(phases.lastIndexOf('hub'));

    events = [];
    const again = await deployAssembly(options());
    expect(again.rounds).toBe(1);
    expect(again.results).toMatchObject({ created: 0, updated: 0, unchanged: 1 + 4 });
  });

  test('a stack that fails stops the run with its name and reason; a rerun deletes the failed creation and finishes', async () => {
    await start({
      stackFailures: [
        { stackName: 'spoke-app', times: 1, reason: 'Resource handler returned message: "quota exceeded"' },
      ],
    });
    const failed = await deployAssembly(options()).catch((e) => e);
    expect(failed).toBeInstanceOf(DeployFailedError);
    expect(failed.message).toMatch(
      /spoke-app: ROLLBACK_COMPLETE: Sg \(AWS::EC2::SecurityGroup\) CREATE_FAILED: .*quota exceeded/,
    );
    expect(stacks().find((s) => s.name === 'spoke-app')?.status).toBe('ROLLBACK_COMPLETE');

    events = [];
    await deployAssembly(options());
    expect(stacks().find((s) => s.name === 'spoke-app')?.status).toBe('CREATE_COMPLETE');
    expect(
      events.some(
        (e) => e.type === 'note' && /failed to create before \(ROLLBACK_COMPLETE\): deleting it/.test(e.message),
      ),
    ).toBe(true);
  });

  test('converges through throttling and server errors', async () => {
    await start({}, { throttleRate: 0.15, errorRate: 0.1, seed: 7 });
    await deployAssembly(options());
    expect(emulator.statistics.throttled + emulator.statistics.failed).toBeGreaterThan(10);
    expect(stacks().every((s) => /_COMPLETE$/.test(s.status) && !/ROLLBACK/.test(s.status))).toBe(true);
    expect(stacks()).toHaveLength(3 + 4);
  });

  test('the bootstrap StackSet reaches an account that joins later, without another run', async () => {
    await start();
    await deployAssembly(options());
    const org = new OrganizationsClient({ region: 'us-east-1', endpoint, credentials });
    const created = await org.send(new CreateAccountCommand({ AccountName: 'late', Email: 'late@example.com' }));
    await new Promise((r) => setTimeout(r, 20));
    const id = (
      await org.send(
        new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus!.Id }),
      )
    ).CreateAccountStatus!.AccountId!;
    // Automatic deployment takes an operation's time after the account is seen in the OU.
    expect(stacks().find((s) => s.accountId === id)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 30));
    expect(stacks().find((s) => s.accountId === id)).toMatchObject({
      name: expect.stringMatching(/^StackSet-CDKToolkit-landfall-/),
      status: 'CREATE_COMPLETE',
    });
  });

  test('a failed bootstrap instance stops the run naming the account and Region; a rerun deploys it again', async () => {
    await start({
      stackFailures: [
        { stackName: 'CDKToolkit-landfall', times: 1, reason: 'Resource handler returned message: "Bucket quota"' },
      ],
    });
    const failed = await deployAssembly(options()).catch((e) => e);
    expect(failed).toBeInstanceOf(DeployFailedError);
    expect(failed.message).toMatch(
      /CDKToolkit-landfall: StackSet operation FAILED: \d{12} us-east-1: FAILED: Resource handler returned message: "Bucket quota"/,
    );
    events = [];
    await deployAssembly(options());
    expect(events.some((e) => e.type === 'note' && /1 instance not current: deploying again/.test(e.message))).toBe(
      true,
    );
    expect(
      stacks()
        .filter((s) => s.name.startsWith('StackSet-'))
        .map((s) => [s.accountId, /^(CREATE|UPDATE)_COMPLETE$/.test(s.status)])
        .sort(),
    ).toEqual(
      Object.values(accounts)
        .map((a) => [a, true])
        .sort(),
    );
  });

  test("an existing stack without Landfall's tag is never taken over: the run stops naming it", async () => {
    await start();
    const squatter = new CloudFormationClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
    const deployed = await deployAssembly(
      options({ tags: { 'landfall:landing-zone': 'test' }, ownerTag: ['landfall:landing-zone', 'test'] }),
    );
    expect(deployed.results.created).toBe(1 + 4);
    // A stack of the same name another principal made first, in the management account.
    await squatter.send(
      new CreateChangeSetCommand({
        StackName: 'mgmt-app',
        ChangeSetName: 'mine',
        ChangeSetType: 'CREATE',
        TemplateBody: JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } }),
      }),
    );
    await new Promise((r) => setTimeout(r, 20));
    await squatter.send(new ExecuteChangeSetCommand({ StackName: 'mgmt-app', ChangeSetName: 'mine' }));
    await new Promise((r) => setTimeout(r, 20));
    const synthesize = async () => {
      const outdir = join(root, 'squatted.out');
      const app = new App({ outdir });
      new CfnResource(
        new Stack(app, 'mgmt-app', {
          env: { account: '111111111111', region: 'us-east-1' },
          synthesizer: new DefaultStackSynthesizer({ qualifier: 'landfall' }),
        }),
        'Topic',
        { type: 'AWS::SNS::Topic' },
      );
      app.synth();
      return outdir;
    };
    const refused = await deployAssembly(
      options({ synthesize, tags: { 'landfall:landing-zone': 'test' }, ownerTag: ['landfall:landing-zone', 'test'] }),
    ).catch((e) => e);
    expect(refused).toBeInstanceOf(DeployFailedError);
    expect(refused.message).toContain(
      "mgmt-app: exists without Landfall's tag landfall:landing-zone=test: someone else made it, and Landfall does not take it over",
    );
  });

  test('an abort (the lease was lost) starts no further stack and fails the run with its reason', async () => {
    await start();
    const stop = new AbortController();
    const failed = await deployAssembly(
      options({
        signal: stop.signal,
        onEvent: (e) => {
          events.push(e);
          if (e.type === 'done' && e.phase === 'core') stop.abort('another run holds the organization');
        },
      }),
    ).catch((e) => e);
    expect(String(failed)).toMatch(/stopped.*another run holds the organization/);
    // The core account's stack finished; the hub and the spokes never started.
    expect(stacks().map((s) => s.name)).not.toContain('hub');
    expect(events.some((e) => e.type === 'start' && e.phase === 'hub')).toBe(false);
  });

  test('a dry run makes change sets only and leaves no stack behind', async () => {
    await start();
    const summary = await deployAssembly(options({ dryRun: true }));
    expect(stacks()).toEqual([]);
    expect(summary.results['would-create']).toBe(1 + 4);
    expect(records).toEqual({});
  });

  test('stacks need the account IDs: a placeholder account is refused before anything is deployed', async () => {
    await start();
    const synthesize = async () => {
      const outdir = join(root, 'placeholder.out');
      const app = new App({ outdir });
      new CfnResource(new Stack(app, 'review-only', { env: { region: 'us-east-1' } }), 'Topic', {
        type: 'AWS::SNS::Topic',
      });
      app.synth();
      return outdir;
    };
    await expect(deployAssembly(options({ synthesize }))).rejects.toThrow(
      /review-only has no account .*accounts\.lock\.json, not with placeholders/,
    );
    expect(stacks()).toEqual([]);
  });

  describe('StackSet templates', () => {
    const withSets = (extra: Partial<DeployOptions> = {}) =>
      options({
        synthesize: synthesizer(accounts, records, root, true),
        stackSetMetadataType: STACK_SET,
        stackSetPreferences: { failureTolerancePercentage: 10, maxConcurrentPercentage: 50 },
        ...extra,
      });
    const instancesOf = (set: string) =>
      stacks()
        .filter((s) => s.name.startsWith(`StackSet-${set}-`))
        .map((s) => [s.accountId, /^(CREATE|UPDATE)_COMPLETE$/.test(s.status) ? 'COMPLETE' : s.status])
        .sort();
    const members = () =>
      Object.values(accounts)
        .map((a) => [a, 'COMPLETE'])
        .sort();

    test('deploy as StackSets over their OUs, in dependency order; every instance records its outputs under its account; a rerun changes nothing', async () => {
      await start();
      const first = await deployAssembly(withSets());
      expect(instancesOf('baseline')).toEqual(members());
      expect(instancesOf('flow-logs')).toEqual(members());
      // Each account's VPC ID, read from its own instance through its deploy role, recorded under its name.
      expect(Object.keys(records.vpcs ?? {}).sort()).toEqual(['core', 'hub', 'spoke']);
      for (const [name, id] of Object.entries(accounts)) {
        const instance = stacks().find((s) => s.accountId === id && s.name.startsWith('StackSet-baseline-'))!;
        expect(records.vpcs![name]).toBe(instance.outputs.VpcId);
      }
      // Two bootstraps (the members' StackSet, the management account's stack for its bucket), five stacks, two
      // StackSets; the instances' Lambda code was read from the management account's bucket.
      expect(first.results.created).toBe(2 + 5 + 2);
      const order = events.filter((e) => e.type === 'done').map((e) => e.message);
      expect(order.findIndex((m) => /StackSet flow-logs:/.test(m))).toBeGreaterThan(
        order.findIndex((m) => /StackSet baseline: 3 instances in us-east-1/.test(m)),
      );
      events = [];
      const again = await deployAssembly(withSets());
      expect(again).toMatchObject({ rounds: 1, results: { created: 0, updated: 0, unchanged: 2 + 5 + 2 } });
    });

    test('an account that joins later gets every StackSet, in dependency order, without another run', async () => {
      await start();
      await deployAssembly(withSets());
      // What AWS follows: flow-logs imports baseline's export, so its automatic deployment waits for baseline's.
      const cfn = new CloudFormationClient({ region: 'us-east-1', endpoint, credentials });
      const describe = (name: string) => cfn.send(new DescribeStackSetCommand({ StackSetName: name }));
      const baselineArn = (await describe('baseline')).StackSet!.StackSetARN;
      expect(baselineArn).toMatch(/^arn:aws:cloudformation:us-east-1:111111111111:stackset\/baseline:/);
      expect((await describe('flow-logs')).StackSet!.AutoDeployment).toEqual({
        Enabled: true,
        RetainStacksOnAccountRemoval: true,
        DependsOn: [baselineArn],
      });
      const org = new OrganizationsClient({ region: 'us-east-1', endpoint, credentials });
      const created = await org.send(new CreateAccountCommand({ AccountName: 'late', Email: 'late@example.com' }));
      let id: string | undefined;
      while (!id) {
        await new Promise((r) => setTimeout(r, 5));
        id = (
          await org.send(
            new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus!.Id }),
          )
        ).CreateAccountStatus!.AccountId;
      }
      // flow-logs imports baseline's export: automatic deployment waits for baseline's instance (DependsOn).
      for (
        let i = 0;
        i < 100 && !stacks().some((s) => s.accountId === id && s.name.startsWith('StackSet-flow-logs-'));
        i++
      ) {
        await new Promise((r) => setTimeout(r, 10));
      }
      const late = stacks().filter((s) => s.accountId === id && s.name.startsWith('StackSet-'));
      expect(late.map((s) => [s.name.split('-')[1], s.status]).sort()).toEqual([
        ['CDKToolkit', 'CREATE_COMPLETE'],
        ['baseline', 'CREATE_COMPLETE'],
        ['flow', 'CREATE_COMPLETE'],
      ]);
    });

    test('a failed instance stops the run naming the StackSet, the account and the reason; a rerun finishes', async () => {
      await start({
        stackFailures: [{ stackName: 'baseline', times: 1, reason: 'Resource handler returned message: "VPC quota"' }],
      });
      const failed = await deployAssembly(withSets()).catch((e) => e);
      expect(failed).toBeInstanceOf(DeployFailedError);
      expect(failed.message).toMatch(
        /baseline: StackSet operation FAILED: \d{12} us-east-1: FAILED: Resource handler returned message: "VPC quota"/,
      );
      expect(instancesOf('flow-logs')).toEqual([]);
      await deployAssembly(withSets());
      expect(instancesOf('baseline')).toEqual(members());
      expect(instancesOf('flow-logs')).toEqual(members());
      expect(Object.keys(records.vpcs ?? {}).sort()).toEqual(['core', 'hub', 'spoke']);
    });

    test('a template whose OUs have no IDs is refused before anything is deployed', async () => {
      await start();
      const synthesize = async () => {
        const outdir = join(root, 'placeholder-set.out');
        const app = new App({ outdir });
        const set = new Stack(app, 'review-only-set', { env: { region: 'us-east-1' } });
        set.node.addMetadata(STACK_SET, { organizationalUnitIds: ['ou-PLACEHOLDER-Prod'], accounts: {} });
        new CfnResource(set, 'Topic', { type: 'AWS::SNS::Topic' });
        app.synth();
        return outdir;
      };
      await expect(deployAssembly(withSets({ synthesize }))).rejects.toThrow(
        /review-only-set targets OUs without IDs \(ou-PLACEHOLDER-Prod\).*not with placeholders/,
      );
      expect(stacks()).toEqual([]);
    });
  });
});
