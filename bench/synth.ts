// Landing-zone synthesis benchmark: time, peak memory, stacks, resources and Lambda
// functions per account-region, and cloud assembly size, for the example and for
// organizations whose Prod OU holds 10, 100 and 1,000 workload accounts (their baselines StackSets, the default), and
// 100 with `deployment: stacks` (placeholder mode, cdk-nag on; cfn-guard too with --proactive-controls).
// Each run is its own process. Writes bench/results/synth.{json,md}.
// Run: npx projen bench   (after a build; never a timed test: numbers depend on the machine)
import { spawnSync } from 'child_process';
import { mkdirSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';

// BENCH_RUNS=1 for a quick look (the results say how many runs they are the median of).
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
// `--proactive-controls`: also AWS Control Tower's cfn-guard rules, as `landfall check` runs them (bench/results/check.*).
const PROACTIVE = process.argv.includes('--proactive-controls');
const NAME = PROACTIVE ? 'check' : 'synth';
const CASES: Array<[string, number, string[]]> = [
  ['example (acme-health, 2 workload accounts)', 0, []],
  ['Prod OU: 10 workload accounts (StackSets)', 10, []],
  ['Prod OU: 100 workload accounts (StackSets)', 100, []],
  ['Prod OU: 1,000 workload accounts (StackSets)', 1000, []],
  ['Prod OU: 100 workload accounts (deployment: stacks)', 100, ['--stacks']],
];
const tsNode = join(__dirname, '..', 'node_modules', '.bin', 'ts-node');

const results = CASES.map(([name, workloads, extra]) => {
  const runs = Array.from({ length: RUNS }, () => {
    const started = performance.now();
    const child = spawnSync(
      tsNode,
      [
        '--transpileOnly',
        join(__dirname, 'synth-case.ts'),
        String(workloads),
        ...extra,
        ...(PROACTIVE ? ['--proactive-controls'] : []),
      ],
      {
        encoding: 'utf8',
        maxBuffer: 2 ** 26,
      },
    );
    if (child.status !== 0) throw new Error(`${name}: ${child.stderr}`);
    return { ...JSON.parse(child.stdout.trim().split('\n').pop()!), wallMs: performance.now() - started };
  });
  const median = (pick: (r: any) => number) => runs.map(pick).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  return {
    name,
    ...runs[0],
    synthMs: median((r) => r.synthMs),
    wallMs: median((r) => r.wallMs),
    peakRssMb: median((r) => r.peakRssMb),
    runs,
  };
});

const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}`;
const kib = (n: number) => `${Math.round(n / 1024).toLocaleString('en-US')} KiB`;
const md = [
  `Measured by \`npx projen bench\` (bench/synth.ts) on ${machine}; median of ${RUNS} runs, each in its own process. ` +
    `Synthesis includes building every stack, the three cdk-nag packs (HIPAA.Security, AwsSolutions, NIST.800-53.R5)${PROACTIVE ? ", AWS Control Tower's proactive controls (cfn-guard)" : ''} and CDK's template validation; ` +
    'the process time adds Node start-up and loading aws-cdk-lib.',
  '',
  '| organization | accounts | stacks (of which StackSet templates) | resources | largest stack | resources per account-region | Lambda functions per account-region | assembly | synthesis | process | peak RSS |',
  '|---|---|---|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.name} | ${r.accounts.toLocaleString('en-US')} | ${r.stacks.toLocaleString('en-US')} (${r.stackSetTemplates}) | ${r.resources.toLocaleString('en-US')} | ${r.maxResourcesPerStack} resources, ${kib(r.maxTemplateBytes)} | ` +
      `${r.resourcesPerAccountRegion.min}–${r.resourcesPerAccountRegion.max} | ${r.lambdasPerAccountRegion.min}–${r.lambdasPerAccountRegion.max} | ${kib(r.assemblyBytes)} | ` +
      `${(r.synthMs / 1000).toFixed(1)} s | ${(r.wallMs / 1000).toFixed(1)} s | ${r.peakRssMb} MB |`,
  ),
  '',
  ...scaling(),
  '',
  'Lambda functions: one per stack that makes deploy-time calls CloudFormation has no resource for: every account-region (EBS encryption by default, S3 account Block Public Access), ' +
    "and the audit account's security stacks (GuardDuty's and Macie's organization settings); one per VPC for CDK's default-security-group restriction; and a reconciler where one resource stands for many like things, each as many as there are accounts: the hub's route domains (one resource per environment and region, listing its spokes' attachments), IAM Identity Center's assignments (at most 16 per group and permission set, listing the accounts) and Macie's enrolments (one per region and 3,000 accounts, listing them). Every other resource is native CloudFormation. " +
    "The logging baseline adds 5 resources to each account-region (Config recorder and delivery channel, the alert forwarding rule, its role and policy; plus Config's service-linked role in the home region); the log archive (10 resources) and the trail (4) are one per organization, and the audit account's security stack (one per governed region) enrols every existing account in Macie through one function and a resource per 3,000 accounts (5 resources up to 3,000). " +
    "The backup baseline adds a stack to each account-region the backup policy covers (7 resources: the vault, the restore testing plan and its 4 selections, the Audit Manager framework; 8 with the backup role in the home region) and no function: AWS Backup's opt-ins are a call of the encryption stack's; the backup account has a central vault per governed region (1 resource) and, in the home region, the reports (11: two buckets and their policies, the replication role and policy, 5 report plans). " +
    "Access adds a stack to each account-region that runs servers (Session Manager preferences: 3 resources) and, in the shared-services account's home region, the bastion, its session role and the client VPN (20 resources); a workload account with a public entry gets an ingress stack in the home region (25 resources, with the origin secret's rotation function: its third function there), and its encryption stack reads the prefix lists through its existing function. The scaled cases' workload accounts have no public entry, so their OU deploys as StackSets: the same 11 templates (encryption, network, logging, backup and sessions per governed region, break-glass in the home region) whatever the number of accounts; a resource per account-region counts them once. Identity adds, in the management account's home region, one stack with the permission sets in use (6 in the example), the assignments (at most 16 resources per group and permission set, whatever the number of accounts, and their function, role, policy and log group) and the break-glass users, their group and policy (4 resources); every other account gets a break-glass stack in the home region (1 resource: the role). " +
    "The delivery pipeline, when the definition has one (the example does; the scaled cases keep it), is one stack in the management account's home region whatever the number of accounts (29 resources: the pipeline, its 6 CodeBuild projects and 7 roles, the key, the state, artifact and access-log buckets, the build log group).",
  '',
].join('\n');

/** How synthesis grows from 10 accounts to 1,000, against issue 14's target (at most 1.5×, under 2 GB). */
function scaling(): string[] {
  const ten = results.find((r) => r.workloads === 10 && r.runs[0].stackSetTemplates > 0);
  const thousand = results.find((r) => r.workloads === 1000);
  if (!ten || !thousand) return [];
  const ratio = thousand.synthMs / ten.synthMs;
  return [
    `From 10 to 1,000 workload accounts, synthesis takes ${ratio.toFixed(1)}× the time (target: at most 1.5×, ${ratio <= 1.5 ? 'met' : 'not met'}) ` +
      `and peak memory is ${thousand.peakRssMb} MB (target: under 2 GB, ${thousand.peakRssMb < 2048 ? 'met' : 'not met'}). ` +
      "Neither the workload baselines (the OU's StackSets) nor what the core accounts keep for each account (the hub's route domains and Macie's enrolments: one resource per environment and region, or per region and 3,000 accounts; IAM Identity Center's assignments: at most 16 resources per group and permission set, filled by about a hundred accounts) add resources beyond those bounds as accounts are added; " +
      "what still grows is the size of those lists and of the lists of accounts in the log archive's policies, and the work of reading the definition.",
  ];
}

const out = join(__dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, `${NAME}.json`), JSON.stringify({ machine, runs: RUNS, results }, undefined, 2) + '\n');
writeFileSync(join(out, `${NAME}.md`), md);
process.stdout.write(md);
