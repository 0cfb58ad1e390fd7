import { existsSync, readFileSync, renameSync, rmSync, statSync, readdirSync } from 'fs';
import { basename, dirname, join } from 'path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import { PLACEHOLDER_MARK } from './deployment';
import { CachedGuardValidator, defaultCacheDir } from './guard-cache';
import { LandingZoneOptions, buildLandingZone } from './landing-zone';
import { landfallSynthesizer } from './stack-helpers';

/** The one name of the check report (`CheckReport` as JSON), written beside the `cdk.out` folder it describes. */
export const CHECK_REPORT_FILE = 'check-report.json';

/** The cdk-nag packs every stack is checked against. */
export const NAG_PACKS = ['HIPAA.Security', 'AwsSolutions', 'NIST.800.53.R5'] as const;
/** AWS Control Tower's proactive controls: the cfn-guard rules of @cdklabs/cdk-validator-cfnguard, run offline. */
export const PROACTIVE_CONTROLS = 'cdk-validator-cfnguard';
/** CloudFormation's per-template quotas, checked on every synthesized template (`TemplateQuotas`). */
export const TEMPLATE_QUOTAS = 'CloudFormation';
/** Every gate a stack passes at synthesis: the cdk-nag packs, CloudFormation's template quotas, then AWS's proactive controls. */
export const GATES = [...NAG_PACKS, TEMPLATE_QUOTAS, PROACTIVE_CONTROLS] as const;

/** The gates for people: cdk-nag's packs by name, the quotas as CloudFormation's, cfn-guard's as AWS Control Tower's. */
export function describeGates(gates: readonly string[]): string {
  const nag = gates.filter((g) => g !== PROACTIVE_CONTROLS && g !== TEMPLATE_QUOTAS);
  const others = [
    ...(gates.includes(TEMPLATE_QUOTAS) ? ["CloudFormation's template quotas"] : []),
    ...(gates.includes(PROACTIVE_CONTROLS) ? ["AWS Control Tower's proactive controls"] : []),
  ];
  const parts = [`cdk-nag ${nag.join(', ')}`, ...others];
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** CloudFormation's quotas on one template (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). */
export interface TemplateQuotas {
  /** Resources declared in one template. @default 500 */
  readonly resources?: number;
  /** Bytes of a template body passed through S3, as CDK deploys it (1 MB, checked as 1,000,000). @default 1000000 */
  readonly templateBytes?: number;
  /** Parameters declared in one template. @default 200 */
  readonly parameters?: number;
  /** Outputs declared in one template. @default 200 */
  readonly outputs?: number;
}

/** The quotas as AWS documents them today; `SynthesisOptions.templateQuotas` overrides them (e.g. for a partition with others). */
export const CLOUDFORMATION_TEMPLATE_QUOTAS: Required<TemplateQuotas> = {
  resources: 500,
  templateBytes: 1_000_000,
  parameters: 200,
  outputs: 200,
};

/** One rule's finding on one construct. */
export interface Finding {
  readonly pack: string;
  readonly rule: string;
  readonly stack: string;
  readonly path: string;
  /** `error` fails synthesis unless acknowledged; `warning` is reported. */
  readonly severity: 'error' | 'warning';
  readonly description: string;
  /** Present when acknowledged. */
  readonly reason?: string;
  /**
   * The finding is about a placeholder's stand-in ID (e.g. an ARN with no real
   * account); it goes away once accounts.lock.json has the IDs.
   */
  readonly onPlaceholder?: boolean;
}

/** What `landfall check` reports: findings per stack and pack, and every acknowledgement with its reason. */
export interface CheckReport {
  /** No unacknowledged error. */
  readonly ok: boolean;
  /** The gates every stack went through: the cdk-nag packs, CloudFormation's template quotas, and AWS's proactive controls when asked. */
  readonly gates: readonly string[];
  readonly placeholders: boolean;
  readonly stacks: ReadonlyArray<{
    readonly name: string;
    /** The account whose stack it is; `StackSets of <OU>` for an OU's StackSet template; `(custom)` for one a customization adds. */
    readonly account: string;
    readonly resources: number;
    readonly lambdaFunctions: number;
    readonly templateBytes: number;
  }>;
  /** Unacknowledged errors and warnings. */
  readonly findings: readonly Finding[];
  readonly acknowledged: readonly Finding[];
  /**
   * Acknowledgements of the gates (cdk-nag packs and AWS's proactive controls), one per
   * reason (what a reviewer reads), with the rules they cover and how many constructs
   * they apply to.
   */
  readonly acknowledgements: readonly Acknowledgement[];
  /** Acknowledgements made by aws-cdk-lib itself for other validators (e.g. CloudFormation Validate). */
  readonly libraryAcknowledgements: readonly Acknowledgement[];
  readonly pending: readonly string[];
  /** Bytes of the whole cloud assembly. */
  readonly assemblyBytes: number;
}

export interface Acknowledgement {
  readonly reason: string;
  readonly rules: readonly string[];
  readonly occurrences: number;
}

/** cfn-guard's report on a large stack outgrows Node's default 1 MiB output buffer. */
const GUARD_OUTPUT_BYTES = 64 * 1024 * 1024;

export interface SynthesisOptions extends LandingZoneOptions {
  /** Where the cloud assembly goes. Replaced only when synthesis and checks succeed. */
  readonly outdir: string;
  /**
   * Whether AWS Control Tower's proactive controls (cfn-guard) check every stack too.
   * Thorough but slow at scale (bench/results/check.md: about 25 s more for the example,
   * 344 s instead of 25 s for 100 workload accounts), so `landfall check` runs them and
   * synthesis does when asked.
   * @default false
   */
  readonly proactiveControls?: boolean;
  /**
   * The folder where the proactive controls' answer on each template is kept, so that a template checked before is
   * not checked again; `false` checks every template every time, as `LANDFALL_CACHE_DIR=off` does whatever is set here.
   * @default defaultCacheDir(): LANDFALL_CACHE_DIR, else $XDG_CACHE_HOME/landfall, else ~/.cache/landfall
   */
  readonly cacheDir?: string | false;
  /**
   * CloudFormation's per-template quotas; a template over any of them is an error naming the stack.
   * @default CLOUDFORMATION_TEMPLATE_QUOTAS
   */
  readonly templateQuotas?: TemplateQuotas;
}

/**
 * Synthesizes every account's stacks into a cloud assembly, checked by the three cdk-nag packs, CloudFormation's
 * per-template quotas (every stack and nested stack) and, when asked, AWS Control Tower's proactive controls
 * (cfn-guard). The assembly is built next to `outdir` and moved into place only when no unacknowledged error
 * remains; otherwise `outdir` keeps what it had.
 */
export function synthesizeLandingZone(options: SynthesisOptions): CheckReport {
  const staging = `${options.outdir}.staging-${process.pid}`;
  const parent = dirname(options.outdir);
  const parentExisted = existsSync(parent);
  rmSync(staging, { recursive: true, force: true });
  let ok = false;
  try {
    // Findings are collected from the report file rather than thrown, so all of them are reported at once.
    const app = new App({
      outdir: staging,
      // Synthesized below, once; never again at exit (as the CDK CLI's CDK_OUTDIR would), into a staging folder
      // that a failed run has already removed.
      autoSynth: false,
      // A stack a customization adds deploys through Landfall's own bootstrap, like Landfall's stacks.
      defaultStackSynthesizer: landfallSynthesizer(options.definition),
      context: {
        '@aws-cdk/core:failSynthOnValidationErrors': false,
        // Strong references: a stack cannot drop an export (e.g. the logs key) that another stack still uses.
        '@aws-cdk/core:defaultCrossStackReferences': 'strong',
        // CDK would throw on the first stack over 500 resources; the quota check below reports every such stack.
        '@aws-cdk/core:stackResourceLimit': 0,
      },
    });
    Validations.of(app).addPlugins(
      new HIPAASecurityChecks(app),
      new AwsSolutionsChecks(app),
      new NIST80053R5Checks(app),
    );
    if (options.proactiveControls) {
      Validations.of(app).addPlugins(
        new CachedGuardValidator({
          controlTowerRulesEnabled: true,
          maxBuffer: GUARD_OUTPUT_BYTES,
          // LANDFALL_CACHE_DIR=off wins over any folder given here.
          cacheDir:
            options.cacheDir === false || defaultCacheDir() === undefined
              ? undefined
              : (options.cacheDir ?? defaultCacheDir()),
        }),
      );
    }
    const built = buildLandingZone(app, options);
    const assembly = app.synth();
    const accountOf = new Map(
      built.accounts.flatMap((a) => [...Object.values(a.stacks)].map((s) => [s.artifactId, a.account.name] as const)),
    );
    // The templates of the OUs whose workload baselines are StackSets: no account's, their OU's.
    const ouOf = new Map(
      built.stackSets.flatMap((set) => Object.values(set.owner.stacks).map((s) => [s.artifactId, set.ouPath] as const)),
    );
    const quotas = { ...CLOUDFORMATION_TEMPLATE_QUOTAS, ...options.templateQuotas };
    const overQuota: Finding[] = [];
    // Every stack, those in a Stage a customization adds included, and every nested stack's template.
    const stacks = assembly.stacksRecursively.map((s) => {
      const resources = Object.values((s.template.Resources ?? {}) as Record<string, { Type: string }>);
      const templateBytes = statSync(s.templateFullPath).size;
      overQuota.push(
        ...templateQuotaFindings(s.hierarchicalId, s.stackName, accountOf.get(s.id), ouOf.get(s.id), quotas, {
          resources: resources.length,
          templateBytes,
          parameters: Object.keys(s.template.Parameters ?? {}).length,
          outputs: Object.keys(s.template.Outputs ?? {}).length,
        }),
      );
      return {
        name: s.stackName,
        account: accountOf.get(s.id) ?? (ouOf.has(s.id) ? `StackSets of ${ouOf.get(s.id)}` : '(custom)'),
        resources: resources.length,
        lambdaFunctions: resources.filter((r) => r.Type === 'AWS::Lambda::Function').length,
        templateBytes,
      };
    });
    for (const file of filesUnder(staging).filter((f) => f.endsWith('.nested.template.json'))) {
      const template = JSON.parse(readFileSync(file, 'utf8'));
      const name = basename(file, '.nested.template.json');
      overQuota.push(
        ...templateQuotaFindings(name, name, undefined, undefined, quotas, {
          resources: Object.keys(template.Resources ?? {}).length,
          templateBytes: statSync(file).size,
          parameters: Object.keys(template.Parameters ?? {}).length,
          outputs: Object.keys(template.Outputs ?? {}).length,
        }),
      );
    }
    const validation = readValidationReport(join(staging, 'validation-report.json'));
    const findings = [...validation.findings, ...overQuota];
    const acknowledged = validation.acknowledged;
    const nag = (f: Finding) => (GATES as readonly string[]).includes(f.pack);
    ok = !findings.some((f) => f.severity === 'error');
    const report: CheckReport = {
      ok,
      gates: options.proactiveControls ? [...GATES] : [...NAG_PACKS, TEMPLATE_QUOTAS],
      placeholders: options.placeholders ?? false,
      stacks,
      findings,
      acknowledged,
      acknowledgements: byReason(acknowledged.filter(nag)),
      libraryAcknowledgements: byReason(acknowledged.filter((f) => !nag(f))),
      pending: built.pending,
      assemblyBytes: directoryBytes(staging),
    };
    if (ok) replaceDirectory(staging, options.outdir);
    return report;
  } finally {
    rmSync(staging, { recursive: true, force: true });
    // A failed run leaves no trace, not even the folder it had to create for staging.
    if (!ok && !parentExisted && existsSync(parent) && readdirSync(parent).length === 0) {
      rmSync(parent, { recursive: true });
    }
  }
}

const QUOTA_NAMES: Record<keyof TemplateQuotas, { rule: string; what: (n: number) => string; fix: string }> = {
  resources: {
    rule: 'TemplateResources',
    what: (n) => `${n} resources`,
    fix: 'move some of its constructs into a stack of their own',
  },
  templateBytes: {
    rule: 'TemplateSize',
    what: (n) => `a template of ${n.toLocaleString('en-US')} bytes`,
    fix: 'move some of its constructs into a stack of their own, or shorten inline documents (policies, code)',
  },
  parameters: {
    rule: 'TemplateParameters',
    what: (n) => `${n} parameters`,
    fix: 'pass values through SSM parameters or context instead of one CloudFormation parameter each',
  },
  outputs: {
    rule: 'TemplateOutputs',
    what: (n) => `${n} outputs`,
    fix: 'share fewer values across stacks, or move the stacks that read them next to what they read',
  },
};

/** Share of a quota from which a template is reported as near it (CDK's own notice starts there too). */
const NEAR_QUOTA = 0.8;

/**
 * One error per quota a template is over, naming the stack, the count, the quota and the fix; a warning per
 * quota it has used 80 % of. `path` is the construct path, as cdk-nag's findings have it.
 */
function templateQuotaFindings(
  path: string,
  stackName: string,
  account: string | undefined,
  ou: string | undefined,
  quotas: Required<TemplateQuotas>,
  counts: Required<TemplateQuotas>,
): Finding[] {
  const where = account
    ? `Landfall's stack of account '${account}', with what accounts/${account}/index.ts adds to it: if that adds nothing and the definition is within its documented limits, report it as a Landfall bug`
    : ou
      ? `Landfall's StackSet template of the OU ${ou}: if the definition is within its documented limits, report it as a Landfall bug`
      : 'a stack a customization adds in accounts/<account>/index.ts';
  return (Object.keys(QUOTA_NAMES) as Array<keyof TemplateQuotas>)
    .filter((q) => counts[q] >= quotas[q] * NEAR_QUOTA)
    .map((q) => {
      const over = counts[q] > quotas[q];
      return {
        pack: TEMPLATE_QUOTAS,
        rule: over ? QUOTA_NAMES[q].rule : `${QUOTA_NAMES[q].rule}NearQuota`,
        stack: path.split('/')[0],
        path,
        severity: over ? ('error' as const) : ('warning' as const),
        description: over
          ? `${stackName} has ${QUOTA_NAMES[q].what(counts[q])}, over CloudFormation's quota of ${quotas[q].toLocaleString('en-US')}: CloudFormation would refuse to deploy it. Fix: ${QUOTA_NAMES[q].fix} (${where}).`
          : `${stackName} has ${QUOTA_NAMES[q].what(counts[q])}, ${Math.round((100 * counts[q]) / quotas[q])} % of CloudFormation's quota of ${quotas[q].toLocaleString('en-US')}: little room is left. Before it grows: ${QUOTA_NAMES[q].fix} (${where}).`,
      };
    });
}

/** Every file under `dir`, as full paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

function byReason(findings: readonly Finding[]): Acknowledgement[] {
  const groups = new Map<string, { rules: Set<string>; occurrences: number }>();
  for (const f of findings) {
    const group = groups.get(f.reason!) ?? { rules: new Set<string>(), occurrences: 0 };
    group.rules.add(f.rule);
    group.occurrences++;
    groups.set(f.reason!, group);
  }
  return [...groups]
    .map(([reason, g]) => ({ reason, rules: [...g.rules].sort(), occurrences: g.occurrences }))
    .sort((a, b) => a.rules[0].localeCompare(b.rules[0]));
}

interface ReportViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly severity: string;
  readonly violatingConstructs: ReadonlyArray<{ readonly constructPath: string }>;
  readonly reason?: string;
}

function readValidationReport(file: string): { findings: Finding[]; acknowledged: Finding[] } {
  const findings: Finding[] = [];
  const acknowledged: Finding[] = [];
  if (!existsSync(file)) return { findings, acknowledged };
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    pluginReports: Array<{
      pluginName: string;
      conclusion?: string;
      metadata?: { error?: string };
      violations: ReportViolation[];
      suppressedViolations?: ReportViolation[];
    }>;
  };
  for (const plugin of report.pluginReports) {
    const expand = (v: ReportViolation, into: Finding[]) => {
      for (const c of v.violatingConstructs) {
        into.push({
          pack: plugin.pluginName,
          rule: v.ruleName,
          stack: c.constructPath.split('/')[0],
          path: c.constructPath,
          severity: v.severity === 'error' ? 'error' : 'warning',
          description: v.description,
          ...(v.reason ? { reason: v.reason } : {}),
          ...(v.description.includes(PLACEHOLDER_MARK) ? { onPlaceholder: true } : {}),
        });
      }
    };
    for (const v of plugin.violations) expand(v, findings);
    for (const v of plugin.suppressedViolations ?? []) expand(v, acknowledged);
    // A plugin that threw (cfn-guard crashed, a cdk-nag rule failed) fails with no violation: its gate did not pass.
    if (plugin.conclusion === 'failure' && plugin.violations.length === 0) {
      findings.push({
        pack: plugin.pluginName,
        rule: 'gate-failed',
        stack: '',
        path: '(every stack)',
        severity: 'error',
        description: `${plugin.metadata?.error ?? `${plugin.pluginName} failed without a finding`}: the gate did not check the stacks; fix its cause and run again`,
      });
    }
  }
  return { findings, acknowledged };
}

/** Swaps `staging` in for `target` with renames, so a reader never sees a half-written assembly. */
export function replaceDirectory(staging: string, target: string): void {
  const previous = `${target}.previous-${process.pid}`;
  if (existsSync(target)) renameSync(target, previous);
  renameSync(staging, target);
  rmSync(previous, { recursive: true, force: true });
}

function directoryBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (sum, e) => sum + (e.isDirectory() ? directoryBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size),
    0,
  );
}
