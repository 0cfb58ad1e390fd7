import { posix } from 'path';
import { landfallKey, letCloudWatchLogsUse } from '@landfall/encryption/lib/landfall-key';
import {
  LOG_BUCKET_PROPS,
  accessLogsBucket,
  acknowledgeBucket,
  logAccessTo,
  notifyEventBridge,
} from '@landfall/encryption/lib/log-buckets';
import { ResolvedPipeline } from '@landfall/model';
import { CfnElement, Duration, RemovalPolicy, Stack, StackProps, Token, Validations } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { Construct, IConstruct } from 'constructs';

export interface PipelineStackProps extends StackProps {
  /** The landing zone's name: names the pipeline. */
  readonly landingZone: string;
  readonly pipeline: ResolvedPipeline;
  /** How long the builds' logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** How often the pipeline's key rotates. */
  readonly keyRotationPeriod: Duration;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const CDK_CLI_VERSION: string = require('aws-cdk/package.json').version;

/** The lock file's key in the state bucket. */
export const STATE_KEY = 'accounts.lock.json';

/** The pipeline's steps in order, as `landfall` runs them (for docs and tests). */
export const PIPELINE_STEPS = {
  synth: 'Synth',
  apply: 'Apply',
  deploy: 'DeployExceptProduction',
  changeSets: 'ProductionChangeSets',
  approval: 'ApproveProduction',
  production: 'DeployProduction',
} as const;

/** The landfall command each step runs (in the build's shell, with the step's environment). */
export function pipelineCommands(
  p: ResolvedPipeline,
): Record<Exclude<keyof typeof PIPELINE_STEPS, 'approval'>, string> {
  const app = p.app !== undefined ? '"$LANDFALL_APP"' : `"$(node -p "require('./cdk.json').app")"`;
  const files = '--config "$LANDFALL_CONFIG" --lock-file "$LANDFALL_LOCK_FILE"';
  return {
    synth: `npx landfall synth ${files} --app ${app} --proactive-controls --out out`,
    apply: `npx landfall apply ${files} --yes`,
    deploy: `npx landfall deploy ${files} --app ${app} --yes --skip-production`,
    changeSets: `npx landfall deploy ${files} --app ${app} --dry-run`,
    production: `npx landfall deploy ${files} --app ${app} --yes`,
  };
}

/** The state bucket of a pipeline in `account` and `region`. */
export function stateBucketName(account: string, region: string): string {
  return `landfall-pipeline-${account}-${region}`;
}

/**
 * The management account, home region: the landing zone's delivery pipeline (CDK Pipelines). Each push to the
 * branch runs, in order: the synthesis with every gate of `landfall check` (the assembly the pipeline updates
 * itself from), then, in one stage an execution holds to the end, `landfall apply`, `landfall deploy
 * --skip-production` (every stack that does not act on production), production's change sets (`landfall deploy
 * --dry-run`), a manual approval, and `landfall deploy`. Executions queue in front of that stage.
 *
 * The lock file (accounts.lock.json: account IDs, stack prefixes of renamed accounts, recorded outputs) is the
 * state a run hands the next: each step reads it from the state bucket (the repository's copy until the bucket
 * has one) and writes it back when it changed, whether the step succeeded or not. The bucket is versioned and
 * its policy denies deleting a version to every principal (the account can still rewrite the policy).
 *
 * HIPAA: 164.308(a)(1)(ii)(D) information system activity review (every build's log is kept); 164.312(b) audit
 * controls; 164.312(c)(1) integrity (changes come only from the branch, through every gate of `landfall check`,
 * and what acts on production's accounts only after its change sets are approved); 164.312(a)(2)(iv) encryption
 * (KMS for the state, the artifacts and the logs).
 */
export class PipelineStack extends Stack {
  public readonly stateBucket: s3.Bucket;
  public readonly pipeline: pipelines.CodePipeline;
  /** The role of the steps that change the organization and deploy (apply, deploy). */
  public readonly deployerRole: iam.Role;

  constructor(scope: Construct, id: string, props: PipelineStackProps) {
    super(scope, id, props);
    const p = props.pipeline;
    const key = landfallKey(this, 'Key', {
      description: `Landfall ${props.landingZone}: the delivery pipeline's state, artifacts and build logs`,
      alias: 'alias/landfall/pipeline',
      rotationPeriod: props.keyRotationPeriod,
    });
    // CloudWatch Logs encrypts the builds' log group with the key, for this account's log groups only.
    letCloudWatchLogsUse(key, 'CloudWatchLogsEncryptsTheBuildLogs');
    const names = {
      state: stateBucketName(this.account, this.region),
      artifacts: `landfall-pipeline-artifacts-${this.account}-${this.region}`,
      accessLogs: `landfall-pipeline-logs-${this.account}-${this.region}`,
    };
    const accessLogs = accessLogsBucket(this, 'AccessLogs', names.accessLogs, [
      { expiration: Duration.days(2192), noncurrentVersionExpiration: Duration.days(1) },
    ]);
    const bucket = (bucketId: string, name: string, lifecycleRules?: s3.LifecycleRule[]) => {
      const b = new s3.Bucket(this, bucketId, {
        ...LOG_BUCKET_PROPS,
        bucketName: name,
        encryption: s3.BucketEncryption.KMS,
        encryptionKey: key,
        bucketKeyEnabled: true,
        lifecycleRules,
      });
      logAccessTo(b, name, accessLogs, `${bucketId.toLowerCase()}/`, `ServerAccessLogsOf${bucketId}`);
      // Only this account's principals: nothing else reads the lock file or the artifacts.
      b.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'OnlyThisAccount',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:*'],
          resources: [b.bucketArn, b.arnForObjects('*')],
          conditions: { StringNotEquals: { 'aws:PrincipalAccount': this.account } },
        }),
      );
      return b;
    };
    this.stateBucket = bucket('State', names.state);
    // Every version of the lock file stays: a lost stack prefix would make CloudFormation replace a renamed account's stacks.
    this.stateBucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'KeepEveryVersion',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:DeleteObjectVersion', 's3:PutLifecycleConfiguration'],
        resources: [this.stateBucket.bucketArn, this.stateBucket.arnForObjects('*')],
      }),
    );
    Validations.of(this.stateBucket).acknowledge(
      ...['s3_lifecycle_policy_check', 's3_version_lifecycle_policy_check'].map((rule) => ({
        id: `cdk-validator-cfnguard::${rule}`,
        reason: PIPELINE_BUCKETS_REASON,
      })),
    );
    const artifacts = bucket('Artifacts', names.artifacts, [
      { expiration: Duration.days(90), noncurrentVersionExpiration: Duration.days(1) },
    ]);
    notifyEventBridge(this.stateBucket, artifacts, accessLogs);
    for (const b of [this.stateBucket, artifacts]) {
      acknowledgeBucket(b, ['S3BucketReplicationEnabled', 'S3BucketObjectLock'], PIPELINE_BUCKETS_REASON);
    }

    const logGroup = new logs.LogGroup(this, 'BuildLogs', {
      logGroupName: `/landfall/pipeline/${props.landingZone}`,
      encryptionKey: key,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The steps that change the organization and deploy every account's stacks, as `landfall apply` and `deploy` do
    // from a laptop with the management account's administrator.
    this.deployerRole = new iam.Role(this, 'DeployerRole', {
      assumedBy: new iam.ServicePrincipal('codebuild.amazonaws.com'),
      description: `Landfall ${props.landingZone}: landfall apply and landfall deploy in the delivery pipeline`,
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
    Validations.of(this.deployerRole).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
      reason:
        "`landfall apply` and `landfall deploy` manage the organization (accounts, OUs, every policy type, trusted access, delegated administrators), the bootstrap StackSet and the management account's own stacks: what the management account's administrator runs them with from a laptop. Only CodeBuild assumes the role, only this pipeline's apply and deploy projects use it, only the branch's commits run there, and production waits for a person's approval.",
    });

    const source = pipelines.CodePipelineSource.connection(p.repository, p.branch, {
      connectionArn: p.connectionArn,
      triggerOnPush: true,
    });
    const lockFile = posix.join(posix.dirname(p.definitionFile), STATE_KEY);
    const env = {
      LANDFALL_STATE_BUCKET: names.state,
      LANDFALL_CONFIG: p.definitionFile,
      LANDFALL_LOCK_FILE: lockFile,
      // The gate checks every template itself: it never takes cfn-guard's answer from a cache.
      LANDFALL_CACHE_DIR: 'off',
      ...(p.app !== undefined ? { LANDFALL_APP: p.app } : {}),
    };
    const commands = pipelineCommands(p);
    // The lock file from the state bucket, once it has one; the repository's copy before that.
    const lock = '"$LANDFALL_LOCK_FILE"';
    const object = `"s3://$LANDFALL_STATE_BUCKET/${STATE_KEY}"`;
    // The lock file from the state bucket once it has one, the repository's copy before that; any failure to tell
    // which (access denied, throttling) or to download stops the step rather than run from a stale copy.
    const fetch =
      `found="$(aws s3api list-objects-v2 --bucket "$LANDFALL_STATE_BUCKET" --prefix ${STATE_KEY} --query "Contents[?Key=='${STATE_KEY}'].Key" --output text)" && ` +
      `{ if [ "$found" = ${STATE_KEY} ]; then aws s3 cp --only-show-errors ${object} ${lock}; fi; } && ` +
      `{ if [ -f ${lock} ]; then cp ${lock} ${lock}.fetched; else : > ${lock}.fetched; fi; }`;
    // Runs a landfall command and writes the lock file back when it changed, even when the command failed (the
    // accounts an interrupted apply created are recorded), then fails as the command did. An upload that fails three
    // times prints the lock file into the build's log, so that what it recorded can be put back by hand.
    const andSave = (command: string) =>
      `status=0; ${command} || status=$?; ` +
      `if [ -f ${lock} ] && ! cmp -s ${lock} ${lock}.fetched; then ` +
      `saved=1; for attempt in 1 2 3; do if aws s3 cp --only-show-errors ${lock} ${object}; then saved=0; break; fi; sleep 5; done; ` +
      `if [ "$saved" -ne 0 ]; then echo "accounts.lock.json could not be saved to the state bucket: put this back into ${STATE_KEY} of $LANDFALL_STATE_BUCKET" >&2; cat ${lock} >&2; status=1; fi; fi; ` +
      '[ "$status" -eq 0 ]';
    const readState = [
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [this.stateBucket.bucketArn] }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.stateBucket.arnForObjects(STATE_KEY)] }),
      new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }),
    ];
    const step = (stepId: string, command: string, saves: boolean) =>
      new pipelines.CodeBuildStep(stepId, {
        input: source,
        env,
        installCommands: p.installCommands,
        commands: [fetch, saves ? andSave(command) : command],
        role: this.deployerRole,
      });

    const codePipeline = new codepipeline.Pipeline(this, 'Pipeline', {
      pipelineName: `landfall-${props.landingZone}`,
      pipelineType: codepipeline.PipelineType.V2,
      // One run at a time, in order: each hands the lock file to the next.
      executionMode: codepipeline.ExecutionMode.QUEUED,
      artifactBucket: artifacts,
      restartExecutionOnUpdate: true,
    });
    this.pipeline = new pipelines.CodePipeline(this, 'Delivery', {
      codePipeline,
      synth: new pipelines.CodeBuildStep(PIPELINE_STEPS.synth, {
        input: source,
        env,
        installCommands: p.installCommands,
        // Every gate of `landfall check` (cdk-nag's three packs, AWS Control Tower's proactive controls, the
        // template quotas) over the app with its customizations; the assembly the pipeline updates itself from.
        commands: [fetch, commands.synth],
        primaryOutputDirectory: 'out/cdk.out',
        rolePolicyStatements: readState,
      }),
      selfMutation: true,
      // The CDK CLI this assembly is built and tested with, not whatever is newest on the day.
      cliVersion: CDK_CLI_VERSION,
      codeBuildDefaults: {
        buildEnvironment: {
          buildImage: codebuild.LinuxBuildImage.STANDARD_7_0,
          computeType: codebuild.ComputeType.MEDIUM,
        },
        logging: { cloudWatch: { logGroup } },
        timeout: Duration.hours(2),
      },
    });
    // One stage for every step that changes the organization or the accounts: an execution holds it from the
    // organization's changes to production's, so the next waits in front of it (CodePipeline locks a stage, and
    // queued executions wait before a locked stage), never between production's approval and its deployment.
    // The organization first; a plan that would destroy anything stops there (the pipeline never passes
    // --allow-destroy). Then every stack that does not act on production; then production's change sets for the
    // approver to read, the approval, and the rest.
    const apply = step(PIPELINE_STEPS.apply, commands.apply, true);
    const deploy = step(PIPELINE_STEPS.deploy, commands.deploy, true);
    const changeSets = step(PIPELINE_STEPS.changeSets, commands.changeSets, false);
    const approval = new pipelines.ManualApprovalStep(PIPELINE_STEPS.approval, {
      comment: `Production of ${props.landingZone}: read the change sets in the ${PIPELINE_STEPS.changeSets} step's log before approving.`,
    });
    const production = step(PIPELINE_STEPS.production, commands.production, true);
    deploy.addStepDependency(apply);
    changeSets.addStepDependency(deploy);
    approval.addStepDependency(changeSets);
    production.addStepDependency(approval);
    this.pipeline.addWave('Deliver', { pre: [apply, deploy, changeSets, approval, production] });
    this.pipeline.buildPipeline();
    this.acknowledgeCdkPipelinesGrants(artifacts);
  }

  /** What CDK Pipelines grants its own roles, each finding with why it stays within the pipeline. */
  private acknowledgeCdkPipelinesGrants(artifacts: s3.Bucket): void {
    const account = Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account;
    const region = Token.isUnresolved(this.region) ? '<AWS::Region>' : this.region;
    const logicalId = (c: IConstruct) => this.getLogicalId(c as CfnElement);
    const iam5 = (finding: string, reason: string) => ({ id: `AwsSolutions::AwsSolutions-IAM5[${finding}]`, reason });
    const acknowledgements = [
      ...['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*'].map((a) =>
        iam5(`Action::${a}`, CDK_PIPELINES_REASON),
      ),
      iam5(`Resource::<${logicalId(artifacts.node.defaultChild!)}.Arn>/*`, CDK_PIPELINES_REASON),
      ...['kms:ReEncrypt*', 'kms:GenerateDataKey*'].map((a) => iam5(`Action::${a}`, CDK_PIPELINES_REASON)),
      ...this.node
        .findAll()
        .filter((c): c is codebuild.CfnProject => c instanceof codebuild.CfnProject)
        .flatMap((project) => {
          const id = logicalId(project);
          return [
            iam5(
              `Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:/aws/codebuild/<${id}>:*`,
              CDK_PIPELINES_REASON,
            ),
            iam5(
              `Resource::arn:<AWS::Partition>:codebuild:${region}:${account}:report-group/<${id}>-*`,
              CDK_PIPELINES_REASON,
            ),
          ];
        }),
      ...['HIPAA.Security', 'NIST.800.53.R5'].map((pack) => ({
        id: `${pack}::${pack}-IAMNoInlinePolicy`,
        reason: CDK_PIPELINES_REASON,
      })),
      {
        id: 'HIPAA.Security::HIPAA.Security-CodeBuildProjectSourceRepoUrl',
        reason: CDK_PIPELINES_REASON,
      },
    ];
    Validations.of(this).acknowledge(...acknowledgements);
    // The self-update's project alone reads stack and bucket metadata and assumes the bootstrap's roles.
    Validations.of(this.pipeline.node.findChild('UpdatePipeline')).acknowledge(
      iam5('Resource::*', CDK_PIPELINES_REASON),
      iam5(`Resource::arn:*:iam::${account}:role/*`, CDK_PIPELINES_REASON),
    );
  }
}

/**
 * Why what CDK Pipelines makes is acknowledged: one reason for its roles' grants, its self-update and its projects'
 * source, each bounded to this pipeline.
 */
const CDK_PIPELINES_REASON =
  "What CDK Pipelines makes for the pipeline: each role's grants are an inline policy of that role alone, over this pipeline's own artifact bucket (its objects, read and written), its own KMS key (data keys), and each project's own log streams and report groups; the self-update (`cdk deploy` of this stack) assumes only the CDK bootstrap roles of this account tagged aws-cdk:bootstrap-role and reads stack and bucket metadata, which CloudFormation and S3 scope no narrower; and the projects' source is the pipeline itself (type CODEPIPELINE), with no repository URL or credentials, the repository being read through an AWS CodeConnections connection (the provider's OAuth app, authorized in the console).";

/** Why the pipeline's buckets have no replica, no Object Lock and, for the state, no lifecycle rule. */
const PIPELINE_BUCKETS_REASON =
  "The artifact bucket keeps each run's source and cloud assembly for 90 days: the repository and a new run rebuild them, so there is nothing to replicate or lock. The state bucket holds the lock file: its IDs are the organization's, which `landfall apply` reads back, and what only the lock file knows (the stack prefixes of renamed accounts) is kept by keeping every version instead of a replica or Object Lock: versioned, no lifecycle rule expires or moves a version, and its policy denies deleting a version or adding a lifecycle rule to every principal (only the management account, by rewriting the bucket policy, could lift that).";
