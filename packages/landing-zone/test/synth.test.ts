import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CheckReport, PROACTIVE_CONTROLS, synthesizeLandingZone } from '../src';
import { definition } from './fixtures';

const workdir = () => mkdtempSync(join(tmpdir(), 'landfall-lz-'));

describe('synthesizeLandingZone', () => {
  let report: CheckReport;
  let outdir: string;
  beforeAll(() => {
    outdir = join(workdir(), 'cdk.out');
    report = synthesizeLandingZone({ definition: definition(), placeholders: true, proactiveControls: true, outdir });
  });

  test("passes the HIPAA.Security, AwsSolutions and NIST.800-53.R5 packs and AWS Control Tower's proactive controls with no unacknowledged finding", () => {
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(readdirSync(outdir).filter((f) => f.endsWith('.template.json'))).toHaveLength(20);
  });

  test('acknowledges at most ten things, each with a reason a reviewer can read, and says which rules each covers', () => {
    expect(report.acknowledgements.length).toBeLessThanOrEqual(10);
    // Counted by rule as well: the same rules in every stack, whatever the region or account (a rule that
    // two cdk-nag packs share, e.g. HIPAA.Security-LambdaDLQ and NIST.800.53.R5-LambdaDLQ, counts once).
    const rules = report.acknowledgements.flatMap((a) =>
      a.rules.map((r) => r.replace(/^(HIPAA\.Security|NIST\.800\.53\.R5)-/, '')),
    );
    expect(new Set(rules).size).toBeLessThanOrEqual(10);
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
      'cloudwatch_log_group_encrypted_check',
      'ec2_transit_gateway_auto_vpc_attach_disabled_check',
      'lambda_inside_vpc_check',
    ]);
    expect(proactive.some((f) => f.rule === 'kms_create_grant_aws_service_check')).toBe(false);
    expect(report.acknowledgements.some((a) => a.rules.includes('lambda_inside_vpc_check'))).toBe(true);
    expect(report.gates).toEqual(['HIPAA.Security', 'AwsSolutions', 'NIST.800.53.R5', PROACTIVE_CONTROLS]);
  });

  test('keeps Lambda functions to a handful per account and region', () => {
    const perAccountRegion = new Map<string, number>();
    for (const s of report.stacks) {
      const key = `${s.account}/${/-([a-z]{2}-(?:gov-)?[a-z]+-\d+)(?:-\d+)?$/.exec(s.name)![1]}`;
      perAccountRegion.set(key, (perAccountRegion.get(key) ?? 0) + s.lambdaFunctions);
    }
    expect(Math.max(...perAccountRegion.values())).toBeLessThanOrEqual(2);
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
    // The peer role's ARN has a stand-in account, which CloudFormation's linter rightly calls malformed.
    expect(peering.findings.map((f) => [f.rule, f.severity, f.onPlaceholder])).toEqual(
      Array(2).fill(['E1156', 'warning', true]),
    );
    expect(report.findings.some((f) => f.onPlaceholder)).toBe(false);
  });

  test('fails on a finding in a stack a customization adds, and leaves the previous assembly in place', () => {
    const dir = join(workdir(), 'cdk.out');
    mkdirSync(dir);
    writeFileSync(join(dir, 'previous.txt'), 'kept');
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
