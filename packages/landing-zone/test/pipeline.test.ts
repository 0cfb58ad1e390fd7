import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import CDK_CLI from 'aws-cdk/package.json';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { APPLIED, build, definition, only, resources, withAttachments } from './fixtures';
import { renderRolloutArtifacts, renderRolloutDocs } from '../src/pipeline-docs';
import { productionMarkers, touchesProduction } from '../src/production';
import { PIPELINE_STEPS, STATE_KEY, pipelineCommands } from '../src/stacks/pipeline-stack';

const EXAMPLE = build({ ids: APPLIED, placeholders: false });
const pipeline = () => only(EXAMPLE.templates, 'management-pipeline-us-east-1');

/** Each stage of the pipeline with its actions' names, in run order. */
function stages(t: Template): Array<[string, string[]]> {
  const [p] = resources(t, 'AWS::CodePipeline::Pipeline');
  return p.Properties.Stages.map((s: any) => [
    s.Name,
    [...s.Actions].sort((a: any, b: any) => (a.RunOrder ?? 1) - (b.RunOrder ?? 1)).map((a: any) => a.Name),
  ]);
}

/** The CodeBuild project of a step: its build commands and environment. */
function project(t: Template, step: string): { install: string[]; build: string[]; env: Record<string, unknown> } {
  const [p] = Object.entries(t.findResources('AWS::CodeBuild::Project')).filter(([id]) => id.includes(step));
  if (!p) throw new Error(`no project for ${step}`);
  const spec = JSON.parse(p[1].Properties.Source.BuildSpec);
  return {
    install: spec.phases.install?.commands ?? [],
    build: spec.phases.build.commands,
    env: Object.fromEntries(
      (p[1].Properties.Environment.EnvironmentVariables ?? []).map((v: any) => [v.Name, v.Value]),
    ),
  };
}

describe('the delivery pipeline', () => {
  test('is a stack of the management account in the home region, only when the definition has a pipeline', () => {
    expect(pipeline().toJSON().Resources).toBeDefined();
    const without = build({ definition: definition((d) => delete d.pipeline), ids: APPLIED, placeholders: false });
    expect([...without.templates.keys()].filter((n) => n.includes('pipeline'))).toEqual([]);
  });

  test("runs synth and check, then in one stage: apply, every stack but those acting on production, production's change sets, an approval, production", () => {
    expect(stages(pipeline())).toEqual([
      ['Source', ['acme-health_landing-zone']],
      ['Build', [PIPELINE_STEPS.synth]],
      ['UpdatePipeline', ['SelfMutate']],
      [
        'Deliver',
        [
          PIPELINE_STEPS.apply,
          PIPELINE_STEPS.deploy,
          PIPELINE_STEPS.changeSets,
          PIPELINE_STEPS.approval,
          PIPELINE_STEPS.production,
        ],
      ],
    ]);
    const [p] = resources(pipeline(), 'AWS::CodePipeline::Pipeline');
    // One after the other, each only after the one before succeeded: an execution holds the stage to the end.
    const deliver = p.Properties.Stages.find((s: any) => s.Name === 'Deliver').Actions;
    const order = Object.fromEntries(deliver.map((a: any) => [a.Name, a.RunOrder]));
    const steps = [
      PIPELINE_STEPS.apply,
      PIPELINE_STEPS.deploy,
      PIPELINE_STEPS.changeSets,
      PIPELINE_STEPS.approval,
      PIPELINE_STEPS.production,
    ];
    for (let i = 1; i < steps.length; i++) expect(order[steps[i - 1]]).toBeLessThan(order[steps[i]]);
    expect(deliver.find((a: any) => a.Name === PIPELINE_STEPS.approval).ActionTypeId.Category).toBe('Approval');
    // Runs queue: each hands the lock file to the next.
    expect(p.Properties).toMatchObject({ PipelineType: 'V2', ExecutionMode: 'QUEUED' });
    const source = p.Properties.Stages[0].Actions[0].Configuration;
    expect(source).toMatchObject({
      ConnectionArn: definition().pipeline!.connectionArn,
      FullRepositoryId: 'acme-health/landing-zone',
      BranchName: 'main',
    });
  });

  test('each step runs the landfall command it is named after, with every gate and never --allow-destroy', () => {
    const t = pipeline();
    const command = (step: string) => project(t, step).build.join('\n');
    expect(command(PIPELINE_STEPS.synth)).toMatch(/npx landfall synth .*--proactive-controls --out out/);
    expect(command(PIPELINE_STEPS.apply)).toMatch(/npx landfall apply .*--yes/);
    expect(command(PIPELINE_STEPS.deploy)).toMatch(/npx landfall deploy .*--yes --skip-production/);
    expect(command(PIPELINE_STEPS.changeSets)).toMatch(/npx landfall deploy .*--dry-run/);
    expect(command(PIPELINE_STEPS.production)).toMatch(/npx landfall deploy .*--yes/);
    expect(command(PIPELINE_STEPS.production)).not.toContain('--skip-production');
    for (const step of Object.values(PIPELINE_STEPS).filter((s) => s !== PIPELINE_STEPS.approval)) {
      expect(command(step)).not.toContain('--allow-destroy');
      expect(project(t, step).install).toEqual(['npm ci']);
      expect(project(t, step).env).toMatchObject({ LANDFALL_CONFIG: 'landing-zone.json' });
    }
    // The proactive controls check every template on every run: no cached answer is trusted.
    expect(project(t, PIPELINE_STEPS.synth).env).toMatchObject({ LANDFALL_CACHE_DIR: 'off' });
    // The synthesized assembly is what the pipeline updates itself from.
    const [synth] = Object.values(t.findResources('AWS::CodeBuild::Project')).filter((p: any) =>
      p.Properties.Source.BuildSpec.includes('landfall synth'),
    );
    expect(JSON.parse(synth.Properties.Source.BuildSpec).artifacts['base-directory']).toBe('out/cdk.out');
    // It updates itself with the CDK CLI this assembly is built with, not whatever is newest on the day.
    const selfMutation = project(t, 'SelfMutation');
    expect(selfMutation.install).toEqual([`npm install -g aws-cdk@${CDK_CLI.version}`]);
  });

  test("a definition's file, app and install commands reach every step", () => {
    const custom = build({
      definition: definition((d) => {
        d.pipeline.definitionFile = 'clients/acme/landing-zone.yaml';
        d.pipeline.app = 'npx ts-node accounts/main.ts';
        d.pipeline.installCommands = ['npm ci', 'npm run build'];
        d.pipeline.branch = 'release';
      }),
      ids: APPLIED,
      placeholders: false,
    });
    const t = only(custom.templates, 'management-pipeline-us-east-1');
    const apply = project(t, PIPELINE_STEPS.deploy);
    expect(apply.install).toEqual(['npm ci', 'npm run build']);
    expect(apply.env).toMatchObject({
      LANDFALL_CONFIG: 'clients/acme/landing-zone.yaml',
      LANDFALL_LOCK_FILE: 'clients/acme/accounts.lock.json',
      LANDFALL_APP: 'npx ts-node accounts/main.ts',
    });
    expect(apply.build.join('\n')).toContain('--app "$LANDFALL_APP"');
    expect(stages(t)[0]).toEqual(['Source', ['acme-health_landing-zone']]);
    const [p] = resources(t, 'AWS::CodePipeline::Pipeline');
    expect(p.Properties.Stages[0].Actions[0].Configuration.BranchName).toBe('release');
  });

  test('the state bucket keeps every version of the lock file: versioned, KMS-encrypted, retained, no version deletable', () => {
    const t = pipeline();
    const found = Object.entries(t.findResources('AWS::S3::Bucket')).find(
      ([, b]: [string, any]) => b.Properties.BucketName === 'landfall-pipeline-111111111111-us-east-1',
    );
    if (!found) throw new Error('no state bucket');
    const [id, state] = found;
    expect(state.DeletionPolicy).toBe('Retain');
    expect(state.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(state.Properties.LifecycleConfiguration).toBeUndefined();
    expect(
      state.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault,
    ).toMatchObject({ SSEAlgorithm: 'aws:kms' });
    expect(state.Properties.LoggingConfiguration).toBeDefined();
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: id },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'OnlyThisAccount',
            Effect: 'Deny',
            Condition: { StringNotEquals: { 'aws:PrincipalAccount': '111111111111' } },
          }),
          Match.objectLike({
            Sid: 'KeepEveryVersion',
            Effect: 'Deny',
            Principal: { AWS: '*' },
            Action: ['s3:DeleteObjectVersion', 's3:PutLifecycleConfiguration'],
          }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    for (const key of resources(t, 'AWS::KMS::Key')) expect(key.DeletionPolicy).toBe('Retain');
    for (const group of resources(t, 'AWS::Logs::LogGroup')) {
      expect(group.DeletionPolicy).toBe('Retain');
      expect(group.Properties.KmsKeyId).toBeDefined();
      expect(group.Properties.RetentionInDays).toBe(definition().logging.cloudWatchRetentionDays);
    }
  });

  test('a connection of another account than the management account is an error naming the field and the fix', () => {
    const other = definition((d) => {
      d.pipeline.connectionArn = d.pipeline.connectionArn.replace(':111111111111:', ':999999999999:');
    });
    expect(() => build({ definition: other, ids: APPLIED, placeholders: false })).toThrow(
      /pipeline\.connectionArn: is a connection of account 999999999999, but the pipeline is in the management account, 111111111111.*create the connection in the management account/,
    );
  });
});

/**
 * The steps' shell, run as CodeBuild runs it (each build command in turn, in /bin/sh), with `aws` and `npx`
 * replaced by scripts: the state bucket is a folder, and `landfall` writes the lock file or fails as told.
 */
describe("the pipeline's steps hand the lock file from run to run", () => {
  let work: string;
  let bucket: string;
  let bin: string;
  beforeEach(() => {
    stderr = '';
    work = mkdtempSync(join(tmpdir(), 'landfall-pipeline-'));
    bucket = join(work, 'bucket');
    bin = join(work, 'bin');
    mkdirSync(bucket);
    mkdirSync(bin);
    mkdirSync(join(work, 'repo'));
    // aws s3api list-objects-v2 … --output text: the key if the object exists; aws s3 cp between the folder and files.
    writeFileSync(
      join(bin, 'aws'),
      [
        '#!/bin/sh',
        'echo "aws $*" >> "$CALLS"',
        'if [ "$1 $2" = "s3api list-objects-v2" ]; then',
        '  [ "$AWS_FAILS" != list ] || { echo "An error occurred (AccessDenied)" >&2; exit 254; }',
        '  if [ -f "$BUCKET/accounts.lock.json" ]; then echo accounts.lock.json; else echo None; fi; exit 0',
        'fi',
        'if [ "$1 $2" = "s3 cp" ]; then',
        '  shift 3',
        '  case "$1" in',
        '    s3://*) [ "$AWS_FAILS" != get ] || exit 1; cp "$BUCKET/${1##*/}" "$2" ;;',
        '    *) [ "$AWS_FAILS" != put ] || exit 1; cp "$1" "$BUCKET/${2##*/}" ;;',
        '  esac',
        '  exit $?',
        'fi',
        'exit 99',
      ].join('\n'),
    );
    // npx landfall <command>: appends the command to the lock file, then exits with $LANDFALL_EXIT.
    writeFileSync(
      join(bin, 'npx'),
      ['#!/bin/sh', 'echo "$2" >> "$LANDFALL_LOCK_FILE"', 'exit "${LANDFALL_EXIT:-0}"'].join('\n'),
    );
    // The upload's retries wait for nothing here.
    writeFileSync(join(bin, 'sleep'), '#!/bin/sh\nexit 0\n');
    for (const tool of ['aws', 'npx', 'sleep']) chmodSync(join(bin, tool), 0o755);
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  /** Runs a step's build commands in a fresh checkout of the repository; returns the exit status. */
  function run(step: string, repoLock: string | undefined, landfallExit = 0, awsFails = ''): number {
    const repo = join(work, 'repo');
    rmSync(repo, { recursive: true, force: true });
    mkdirSync(repo);
    if (repoLock !== undefined) writeFileSync(join(repo, 'accounts.lock.json'), repoLock);
    writeFileSync(join(repo, 'cdk.json'), JSON.stringify({ app: 'node app.js' }));
    const { build: commands, env } = project(pipeline(), step);
    for (const command of commands) {
      const r = spawnSync('/bin/sh', ['-c', command], {
        cwd: repo,
        env: {
          ...process.env,
          ...(env as Record<string, string>),
          LANDFALL_STATE_BUCKET: 'landfall-pipeline-111111111111-us-east-1',
          PATH: `${bin}:${process.env.PATH}`,
          BUCKET: bucket,
          CALLS: join(work, 'calls'),
          LANDFALL_EXIT: String(landfallExit),
          AWS_FAILS: awsFails,
        },
        encoding: 'utf8',
      });
      stderr += r.stderr;
      if (r.status !== 0) return r.status ?? 1;
    }
    return 0;
  }
  let stderr = '';
  const ran = () =>
    existsSync(join(work, 'repo', 'accounts.lock.json')) &&
    /apply|deploy/.test(readFileSync(join(work, 'repo', 'accounts.lock.json'), 'utf8'));
  const state = () => (existsSync(join(bucket, STATE_KEY)) ? readFileSync(join(bucket, STATE_KEY), 'utf8') : undefined);
  const uploads = () =>
    (existsSync(join(work, 'calls')) ? readFileSync(join(work, 'calls'), 'utf8') : '')
      .split('\n')
      .filter((l) => / s3 cp .* s3:\/\/\S+$/.test(l)).length;

  test("the first run starts from the repository's lock file; later runs from the bucket's, whatever the repository has", () => {
    expect(run(PIPELINE_STEPS.apply, 'committed\n')).toBe(0);
    expect(state()).toBe('committed\napply\n');
    expect(run(PIPELINE_STEPS.deploy, 'committed\n')).toBe(0);
    expect(state()).toBe('committed\napply\ndeploy\n');
    expect(run(PIPELINE_STEPS.production, undefined)).toBe(0);
    expect(state()).toBe('committed\napply\ndeploy\ndeploy\n');
  });

  test('a failed command still writes back what it recorded (accounts an interrupted apply created), and the step fails', () => {
    expect(run(PIPELINE_STEPS.apply, undefined, 3)).not.toBe(0);
    expect(state()).toBe('apply\n');
  });

  test('a state bucket it cannot read stops the step before landfall runs: never a run from a stale copy', () => {
    writeFileSync(join(bucket, STATE_KEY), 'in the bucket\n');
    expect(run(PIPELINE_STEPS.apply, 'stale\n', 0, 'list')).not.toBe(0);
    expect(ran()).toBe(false);
    expect(run(PIPELINE_STEPS.deploy, 'stale\n', 0, 'get')).not.toBe(0);
    expect(ran()).toBe(false);
    expect(state()).toBe('in the bucket\n');
    expect(uploads()).toBe(0);
  });

  test('an upload that keeps failing is retried, then the lock file goes into the log and the step fails', () => {
    expect(run(PIPELINE_STEPS.apply, 'committed\n', 0, 'put')).not.toBe(0);
    expect(uploads()).toBe(3);
    expect(stderr).toContain('accounts.lock.json could not be saved to the state bucket');
    expect(stderr).toContain('committed\napply\n');
  });

  test('a step that changes nothing uploads nothing; the change sets and the synthesis never upload', () => {
    writeFileSync(join(bin, 'npx'), '#!/bin/sh\nexit 0\n');
    expect(run(PIPELINE_STEPS.apply, 'committed\n')).toBe(0);
    expect(uploads()).toBe(0);
    writeFileSync(join(bin, 'npx'), '#!/bin/sh\necho changed >> "$LANDFALL_LOCK_FILE"\n');
    expect(run(PIPELINE_STEPS.changeSets, 'committed\n')).toBe(0);
    expect(run(PIPELINE_STEPS.synth, 'committed\n')).toBe(0);
    expect(uploads()).toBe(0);
    expect(state()).toBeUndefined();
  });
});

describe('docs/rollout.md', () => {
  test("shows the rollout from a fresh organization phase by phase, and each pipeline step's command, from the definition", () => {
    const [doc] = renderRolloutArtifacts(definition());
    expect(doc.path).toBe('docs/rollout.md');
    expect(doc.content).toContain(
      'core: the core accounts (the log archive first records its key for the trail): `management`, `log-archive`, `audit`, `backup`',
    );
    expect(doc.content).toContain(
      "spokes: the workload and sandbox accounts, whose VPCs attach to their region's hub: `prod`, `dev`",
    );
    expect(doc.content).toContain('every push to `main` of `acme-health/landing-zone`');
    for (const command of Object.values(pipelineCommands(definition().pipeline!))) {
      expect(doc.content).toContain(`\`${command}\``);
    }
    expect(doc.content).toContain('an account of a production environment (here `prod`)');
    expect(doc.content).toContain('landfall-pipeline-<management account ID>-us-east-1');
  });

  test('changes with the definition: another branch, another production account, no pipeline at all', () => {
    const changed = renderRolloutDocs(
      definition((d) => {
        d.pipeline.branch = 'release';
        d.network.environments.dev.production = true;
        delete d.identity;
        d.access.bastion.groups = [];
      }),
    );
    expect(changed).toContain('every push to `release`');
    expect(changed).toContain('an account of a production environment (here `prod`, `dev`)');
    const none = renderRolloutDocs(definition((d) => delete d.pipeline));
    expect(none).toContain('This definition has no `pipeline`');
    expect(none).not.toContain('| Deliver |');
  });
});

describe('what acts on production (held back until the approval)', () => {
  const ids = { ...APPLIED, network: withAttachments() };
  const recorded = build({ ids, placeholders: false });

  test("in the example: production's own stacks, and outside them the assignments, the log archive, the security stacks and the hubs", () => {
    const touches = touchesProduction(definition(), ids);
    const held = recorded.stacks
      .filter((s) => touches({ account: s.account, template: recorded.templates.get(s.stackName)!.toJSON() }))
      .map((s) => s.stackName);
    expect(held.filter((n) => !n.startsWith('prod-')).sort()).toEqual([
      'audit-security-us-east-1',
      'audit-security-us-west-2',
      'log-archive-log-archive-us-east-1',
      'management-identity-us-east-1',
      'shared-services-hub-spokes-us-east-1-1',
      'shared-services-hub-spokes-us-west-2-1',
      'shared-services-hub-us-east-1',
      'shared-services-hub-us-west-2',
    ]);
    // Every stack of the production account, and none of dev's.
    const prod = recorded.stacks.filter((s) => s.account === APPLIED.accounts.prod).map((s) => s.stackName);
    expect(prod.length).toBeGreaterThan(0);
    expect(held).toEqual(expect.arrayContaining(prod));
    expect(held.filter((n) => n.startsWith('dev-'))).toEqual([]);
  });

  test('names production by whole IDs and ranges only: another range that merely contains its digits is not production', () => {
    const touches = touchesProduction(definition(), ids);
    const prodRange = definition().network.environments.prod.ipamPoolCidr!;
    const at = (value: string) => touches({ account: APPLIED.accounts.dev, template: { Value: value } });
    expect(at(prodRange)).toBe(true);
    expect(at(`arn:aws:iam::${APPLIED.accounts.prod}:role/x`)).toBe(true);
    expect(at(ids.network.attachments!.prod)).toBe(true);
    expect(at(ids.network.regions!['us-west-2'].attachments!.prod)).toBe(true);
    expect(at(`1${prodRange}`)).toBe(false);
    expect(at(prodRange.replace(/\/(\d+)$/, '/$11'))).toBe(false);
    expect(at(`${APPLIED.accounts.prod}0`)).toBe(false);
    expect(at(ids.network.attachments!.dev)).toBe(false);
    expect(productionMarkers(definition(), ids)).not.toContain(APPLIED.accounts.dev);
  });
});
