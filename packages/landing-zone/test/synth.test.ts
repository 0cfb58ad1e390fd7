import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CfnOutput, CfnParameter, CfnWaitConditionHandle, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CLOUDFORMATION_TEMPLATE_QUOTAS,
  CheckReport,
  PROACTIVE_CONTROLS,
  TEMPLATE_QUOTAS,
  describeGates,
  synthesizeLandingZone,
} from '../src';
import { definition } from './fixtures';

// The check report files the CDK's CloudFormation validation findings: these tests need it (fixtures.ts turns it off).
process.env.CDK_VALIDATION = 'true';

const workdir = () => mkdtempSync(join(tmpdir(), 'landfall-lz-'));

/** An assembly folder holding a previous run's file, which a failed synthesis must leave as it was. */
function previousAssembly(): string {
  const dir = join(workdir(), 'cdk.out');
  mkdirSync(dir);
  writeFileSync(join(dir, 'previous.txt'), 'kept');
  return dir;
}

describe('synthesizeLandingZone', () => {
  let report: CheckReport;
  let outdir: string;
  beforeAll(() => {
    outdir = join(workdir(), 'cdk.out');
    // cacheDir false: cfn-guard itself checks every template here, whatever an earlier run left in the cache.
    report = synthesizeLandingZone({
      definition: definition(),
      placeholders: true,
      proactiveControls: true,
      outdir,
      cacheDir: false,
    });
  });

  test("passes the HIPAA.Security, AwsSolutions and NIST.800-53.R5 packs and AWS Control Tower's proactive controls with no unacknowledged finding", () => {
    // What remains are CloudFormation's linter warnings about stand-in IDs (e.g. the audit account's in the alert bus ARN).
    expect(report.findings.filter((f) => !f.onPlaceholder)).toEqual([]);
    expect(report.findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(report.ok).toBe(true);
    expect(readdirSync(outdir).filter((f) => f.endsWith('.template.json'))).toHaveLength(63);
  });

  test('acknowledges at most thirteen things, each with a reason a reviewer can read, and says which rules each covers', () => {
    // Thirteen: ten for the baselines, three for the delivery pipeline (CDK Pipelines' own grants, its deployer's
    // AdministratorAccess, its buckets).
    expect(report.acknowledgements.length).toBeLessThanOrEqual(13);
    // The rules behind them, named: a new acknowledged rule is a decision this list must record. A rule two
    // cdk-nag packs share (HIPAA.Security-LambdaDLQ, NIST.800.53.R5-LambdaDLQ) is one entry.
    // Each of the pipeline's CodeBuild projects has the same two grants: one entry each.
    const rules = report.acknowledgements.flatMap((a) =>
      a.rules.map((r) =>
        r.replace(/^(HIPAA\.Security|NIST\.800\.53\.R5)-/, '').replace(/<(?:Pipeline|Delivery)\w+>/, '<project>'),
      ),
    );
    expect([...new Set(rules)].sort()).toEqual([
      // AWS Backup's service role: AWS Backup's own managed policies.
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore]',
      // The break-glass role: AdministratorAccess, behind MFA and an alert on every use.
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
      // CDK Pipelines' grants: the pipeline's artifact bucket and key, each project's logs and reports, the self-update.
      'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      'AwsSolutions-IAM5[Action::s3:Abort*]',
      'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
      'AwsSolutions-IAM5[Action::s3:GetBucket*]',
      'AwsSolutions-IAM5[Action::s3:GetObject*]',
      'AwsSolutions-IAM5[Action::s3:List*]',
      // The one wildcard reason: actions without resource types, named buckets' objects (replication into the log
      // archive, session logs under each account's prefix), one log group's streams, the distributions the origin
      // secret's rotation finds at run time, the bastion's instances (by tag), an administrator's own sessions and
      // the break-glass role of every member account (assumed from the management account); the reconcilers' other
      // accounts' attachments, Identity Center's accounts and sets and its reserved IAM paths.
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::<Artifacts82DD59A1.Arn>/*]',
      'AwsSolutions-IAM5[Resource::arn:*:iam::<AWS::AccountId>:role/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:codebuild:us-east-1:<AWS::AccountId>:report-group/<project>-*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:*:transit-gateway-attachment/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:instance/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/landfall-break-glass]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/aws-reserved/sso.amazonaws.com/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:saml-provider/AWSSSO_*_DO_NOT_DELETE]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-account-settings:log-stream:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-identity-assignments:log-stream:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-ingress-origin-secret:log-stream:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-macie-members:log-stream:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-route-domains:log-stream:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-security-settings:log-stream:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:us-east-1:<AWS::AccountId>:log-group:/aws/codebuild/<project>:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-backup-reports-placeholder/backup-reports/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-ingress-logs-placeholder-dev/ingress/dev/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-ingress-logs-placeholder-prod/ingress/prod/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-log-archive-placeholder/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-log-archive-placeholder/backup-reports/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-log-archive-placeholder/ingress/dev/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-log-archive-placeholder/ingress/prod/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-log-delivery-placeholder/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-log-delivery-placeholder/session-manager/account-PLACEHOLDER-dev/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-log-delivery-placeholder/session-manager/account-PLACEHOLDER-prod/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::acme-health-log-delivery-placeholder/session-manager/account-PLACEHOLDER-shared-services/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:<AWS::Region>:<AWS::AccountId>:session/<aws:userid>-*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sso:::account/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sso:::permissionSet/*/*]',
      // The pipeline's CodeBuild projects read their source from the pipeline (CodeConnections), not a URL.
      'CodeBuildProjectSourceRepoUrl',
      // CDK Pipelines' roles' inline default policies.
      'IAMNoInlinePolicy',
      // Landfall's upkeep functions (deploy-time and reconcilers, the origin secret's rotation, CDK's default-SG
      // provider): one reason.
      'LambdaConcurrency',
      'LambdaDLQ',
      'LambdaInsideVPC',
      // The log buckets: access-log buckets, and the landing buckets replicated into the locked archive.
      'S3BucketReplicationEnabled',
      'S3DefaultEncryptionKMS',
      // The ingress subnets' route to the internet gateway, for the internet-facing load balancer only.
      'VPCNoUnrestrictedRouteToIGW',
      // AWS Control Tower's proactive controls: the bastion, a group of one; CloudFront in front of an application,
      // not a static site; log groups with the imported logs key; the hub accepting attachments; the log buckets.
      'autoscaling_mixed_instances_policy_multiple_instance_types_check',
      'cloudfront_default_root_object_configured_check',
      'cloudfront_origin_failover_enabled_check',
      'cloudwatch_log_group_encrypted_check',
      'ec2_transit_gateway_auto_vpc_attach_disabled_check',
      'lambda_inside_vpc_check',
      's3_bucket_default_encryption_kms_check',
      's3_bucket_logging_enabled_check',
      's3_bucket_object_lock_enabled_check',
      // The pipeline's state bucket keeps every version of the lock file.
      's3_lifecycle_policy_check',
      's3_version_lifecycle_policy_check',
    ]);
    for (const a of report.acknowledgements) {
      expect(a.reason.length).toBeGreaterThan(60);
      expect(a.rules.length).toBeGreaterThan(0);
    }
    expect(report.acknowledged.every((f) => f.reason)).toBe(true);
  });

  test("runs AWS Control Tower's proactive controls over every stack, and what they find is fixed or acknowledged", () => {
    const proactive = report.acknowledged.filter((f) => f.pack === PROACTIVE_CONTROLS);
    // What remains acknowledged: functions outside a VPC, the logs key imported from the encryption stack,
    // the hub accepting spoke attachments; the 42 keys' grants and the deploy-time log group are fixed.
    expect([...new Set(proactive.map((f) => f.rule))].sort()).toEqual([
      'autoscaling_mixed_instances_policy_multiple_instance_types_check',
      'cloudfront_default_root_object_configured_check',
      'cloudfront_origin_failover_enabled_check',
      'cloudwatch_log_group_encrypted_check',
      'ec2_transit_gateway_auto_vpc_attach_disabled_check',
      'lambda_inside_vpc_check',
      's3_bucket_default_encryption_kms_check',
      's3_bucket_logging_enabled_check',
      's3_bucket_object_lock_enabled_check',
      's3_lifecycle_policy_check',
      's3_version_lifecycle_policy_check',
    ]);
    expect(proactive.some((f) => f.rule === 'kms_create_grant_aws_service_check')).toBe(false);
    expect(report.acknowledgements.some((a) => a.rules.includes('lambda_inside_vpc_check'))).toBe(true);
    expect(report.gates).toEqual([
      'HIPAA.Security',
      'AwsSolutions',
      'NIST.800.53.R5',
      TEMPLATE_QUOTAS,
      PROACTIVE_CONTROLS,
    ]);
  });

  test('keeps Lambda functions to a handful per account and region', () => {
    const perAccountRegion = new Map<string, number>();
    for (const s of report.stacks) {
      const key = `${s.account}/${/-([a-z]{2}-(?:gov-)?[a-z]+-\d+)(?:-\d+)?$/.exec(s.name)![1]}`;
      perAccountRegion.set(key, (perAccountRegion.get(key) ?? 0) + s.lambdaFunctions);
    }
    // The deploy-time function and CDK's default-SG provider (or the security stack's function); a third: the origin
    // secret's rotation where an account has a public entry, the reconciler that places the spokes in the hub
    // account and the one that enrols Macie's members in the audit account.
    expect(Math.max(...perAccountRegion.values())).toBeLessThanOrEqual(3);
    expect(
      [...perAccountRegion]
        .filter(([, n]) => n === 3)
        .map(([k]) => k)
        .sort(),
    ).toEqual([
      'audit/us-east-1',
      'audit/us-west-2',
      'dev/us-east-1',
      'prod/us-east-1',
      'shared-services/us-east-1',
      'shared-services/us-west-2',
    ]);
  });

  test('marks the findings that only a placeholder ID causes, and fails on none of them', () => {
    const peering = synthesizeLandingZone({
      definition: definition((d) => {
        d.network.topology = 'peering';
      }),
      placeholders: true,
      outdir: join(workdir(), 'cdk.out'),
    });
    expect(peering.ok).toBe(true);
    // The peer roles' ARNs (each spoke's, in each region) have a stand-in account, which CloudFormation's linter
    // rightly calls malformed; so are the alert bus's and the archive key's ARNs.
    expect(peering.findings.filter((f) => f.rule === 'E1156')).toHaveLength(4);
    for (const f of [...peering.findings, ...report.findings]) {
      expect([f.rule, f.severity, f.onPlaceholder]).toEqual([f.rule, 'warning', true]);
    }
  });

  test('fails on a finding in a stack a customization adds, and leaves the previous assembly in place', () => {
    const dir = previousAssembly();
    const failed = synthesizeLandingZone({
      definition: definition(),
      placeholders: true,
      outdir: dir,
      customizations: {
        dev: (account) => {
          new s3.Bucket(new Stack(account.app, 'dev-careless', { env: account.env() }), 'Plain');
        },
      },
    });
    expect(failed.ok).toBe(false);
    expect(failed.findings.some((f) => f.stack === 'dev-careless' && f.rule === 'AwsSolutions-S1')).toBe(true);
    expect(readdirSync(dir)).toEqual(['previous.txt']);
    expect(readdirSync(join(dir, '..'))).toEqual(['cdk.out']);
  });

  test('a gate that fails without a finding (a validator that crashed) fails synthesis, naming it and why', () => {
    const dir = previousAssembly();
    const failed = synthesizeLandingZone({
      definition: definition(),
      placeholders: true,
      outdir: dir,
      customizations: {
        dev: (account) => {
          Validations.of(account.app).addPlugins({
            name: 'crashing-validator',
            validate: () => {
              throw new Error('the binary was not found');
            },
          });
        },
      },
    });
    expect(failed.ok).toBe(false);
    const finding = failed.findings.find((f) => f.pack === 'crashing-validator');
    expect(finding).toMatchObject({ severity: 'error', rule: 'gate-failed' });
    expect(finding!.description).toContain('the binary was not found');
    expect(readdirSync(dir)).toEqual(['previous.txt']);
  });

  test("a stack a customization adds deploys through Landfall's own CDK bootstrap, as Landfall's stacks do", () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'landfall-custom-')), 'cdk.out');
    const built = synthesizeLandingZone({
      definition: definition(),
      placeholders: true,
      outdir: dir,
      customizations: {
        dev: (account) => {
          new CfnWaitConditionHandle(new Stack(account.app, 'dev-extra', { env: account.env() }), 'Marker');
        },
      },
    });
    expect(built.ok).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts['dev-extra'].properties.assumeRoleArn).toContain(':role/cdk-landfall-deploy-role-');
  });

  test("keeps every template within CloudFormation's quotas, and says which it checked", () => {
    expect(report.findings.filter((f) => f.pack === TEMPLATE_QUOTAS)).toEqual([]);
    expect(Math.max(...report.stacks.map((s) => s.resources))).toBeLessThanOrEqual(
      CLOUDFORMATION_TEMPLATE_QUOTAS.resources,
    );
    expect(describeGates(report.gates)).toBe(
      "cdk-nag HIPAA.Security, AwsSolutions, NIST.800.53.R5, CloudFormation's template quotas and AWS Control Tower's proactive controls",
    );
  });

  test('fails on every template over a CloudFormation quota, naming the stack, the count, the quota and the fix', () => {
    const dir = previousAssembly();
    const failed = synthesizeLandingZone({
      definition: definition(),
      placeholders: true,
      outdir: dir,
      // The largest of the example's templates is about 100 KiB: under this lowered size quota, it is over.
      templateQuotas: { templateBytes: 100_000 },
      customizations: {
        dev: (account) => {
          const crowded = new Stack(account.app, 'dev-crowded', { env: account.env() });
          for (let i = 0; i < 501; i++) new CfnWaitConditionHandle(crowded, `Handle${i}`);
          for (let i = 0; i < 201; i++) new CfnParameter(crowded, `Parameter${i}`, { default: 'x' });
          for (let i = 0; i < 201; i++) new CfnOutput(crowded, `Output${i}`, { value: 'x' });
          // A nested stack's template is CloudFormation's too, and so are its quotas.
          const nested = new NestedStack(new Stack(account.app, 'dev-parent', { env: account.env() }), 'Deep');
          for (let i = 0; i < 501; i++) new CfnWaitConditionHandle(nested, `Handle${i}`);
          // 420 of 500: deployable, with a warning that little room is left.
          const near = new Stack(account.app, 'dev-near', { env: account.env() });
          for (let i = 0; i < 420; i++) new CfnWaitConditionHandle(near, `Handle${i}`);
        },
      },
    });
    expect(failed.ok).toBe(false);
    const quota = failed.findings.filter((f) => f.pack === TEMPLATE_QUOTAS);
    expect(quota.filter((f) => f.stack === 'dev-crowded').map((f) => f.rule)).toEqual([
      'TemplateResources',
      'TemplateParameters',
      'TemplateOutputs',
    ]);
    const resources = quota.find((f) => f.rule === 'TemplateResources')!;
    expect(resources.severity).toBe('error');
    expect(resources.description).toMatch(
      /^dev-crowded has 501 resources, over CloudFormation's quota of 500: .*Fix: move some of its constructs into a stack of their own \(a stack a customization adds in accounts\/<account>\/index\.ts\)\.$/,
    );
    expect(quota.filter((f) => /Deep/.test(f.stack) && f.rule === 'TemplateResources')).toHaveLength(1);
    expect(quota.filter((f) => f.stack === 'dev-near')).toEqual([
      expect.objectContaining({
        rule: 'TemplateResourcesNearQuota',
        severity: 'warning',
        description: expect.stringContaining("dev-near has 420 resources, 84 % of CloudFormation's quota of 500"),
      }),
    ]);
    // A Landfall stack over the (lowered) size quota is named with its account, as a bug to report.
    const size = quota.filter((f) => f.rule === 'TemplateSize');
    expect(size.length).toBeGreaterThan(0);
    for (const f of size) {
      expect(f.description).toMatch(/has a template of [\d,]+ bytes, over CloudFormation's quota of 100,000/);
      expect(f.description).toMatch(
        /Landfall's stack of account '([a-z-]+)', with what accounts\/\1\/index\.ts adds to it/,
      );
    }
    expect(readdirSync(dir)).toEqual(['previous.txt']);
  });

  test('replaces the previous assembly as a whole on success', () => {
    const dir = join(workdir(), 'cdk.out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'stale.template.json'), '{}');
    synthesizeLandingZone({ definition: definition(), placeholders: true, outdir: dir });
    expect(existsSync(join(dir, 'stale.template.json'))).toBe(false);
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true);
    expect(readdirSync(join(dir, '..'))).toEqual(['cdk.out']);
  });
});
