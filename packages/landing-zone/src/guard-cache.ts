import { createHash } from 'crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';
import { CfnGuardValidator, CfnGuardValidatorProps } from '@cdklabs/cdk-validator-cfnguard';
import {
  IPolicyValidationContextBeta1,
  IPolicyValidationPluginBeta1,
  PolicyValidationPluginReportBeta1,
  PolicyViolationBeta1,
} from 'aws-cdk-lib';

/** The environment variable naming the cache folder; `off` turns the cache off. */
export const CACHE_DIR_ENV = 'LANDFALL_CACHE_DIR';

/** An entry not read or written for this long is removed. */
const UNUSED_ENTRY_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Where Landfall keeps what it can compute again: `LANDFALL_CACHE_DIR`, else `$XDG_CACHE_HOME/landfall`, else
 * `~/.cache/landfall`; undefined when `LANDFALL_CACHE_DIR=off`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = env[CACHE_DIR_ENV];
  if (dir === 'off') return undefined;
  if (dir) return dir;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'landfall');
}

export interface CachedGuardValidatorProps extends CfnGuardValidatorProps {
  /** The folder of the cache (`guard/` in it holds the entries); undefined runs cfn-guard on every template. */
  readonly cacheDir?: string;
}

/**
 * AWS Control Tower's proactive controls (@cdklabs/cdk-validator-cfnguard) with a cache of each template's
 * violations, keyed by the template's bytes, the rules' bytes, the cfn-guard binary and the plugin's version: a
 * template checked before is not checked again (cfn-guard takes about half a second per template with the 470
 * rules). The violations come out per template, in the order the templates are given, cached or not.
 */
export class CachedGuardValidator implements IPolicyValidationPluginBeta1 {
  public readonly name: string;
  public readonly version?: string;
  public readonly ruleIds?: string[];
  private readonly inner: CfnGuardValidator;
  private readonly folder?: string;
  private readonly props: CachedGuardValidatorProps;

  constructor(props: CachedGuardValidatorProps = {}) {
    const { cacheDir, ...guardProps } = props;
    this.inner = new CfnGuardValidator(guardProps);
    this.props = props;
    this.name = this.inner.name;
    this.version = this.inner.version;
    this.ruleIds = this.inner.ruleIds;
    this.folder = cacheDir === undefined ? undefined : join(cacheDir, 'guard');
  }

  public validate(context: IPolicyValidationContextBeta1): PolicyValidationPluginReportBeta1 {
    const paths = context.templatePaths;
    const keys = new Map(paths.map((p) => [p, this.folder ? this.keyOf(p) : undefined]));
    const known = new Map<string, PolicyViolationBeta1[]>();
    for (const [path, key] of keys) {
      const cached = key === undefined ? undefined : this.read(key);
      if (cached) {
        known.set(
          path,
          cached.map((v) => inTemplate(v, path)),
        );
      }
    }
    const unknown = paths.filter((p) => !known.has(p));
    if (unknown.length > 0) {
      const report = this.inner.validate({ ...context, templatePaths: unknown });
      // A run that failed without naming a violation answered nothing about the templates: pass it on, keep nothing.
      if (!report.success && report.violations.length === 0) return report;
      const byTemplate = new Map<string, PolicyViolationBeta1[]>(unknown.map((p) => [p, []]));
      let attributed = true;
      for (const violation of report.violations) {
        if (violation.violatingResources.length === 0) attributed = false;
        for (const path of new Set(violation.violatingResources.map((r) => r.templatePath))) {
          const list = byTemplate.get(path);
          if (list) list.push(inTemplate(violation, path));
          else attributed = false;
        }
      }
      // cfn-guard named a template by a path it was not given: report as it said, and keep nothing.
      if (!attributed) return this.merge(paths, known, report.violations);
      for (const [path, violations] of byTemplate) {
        known.set(path, violations);
        const key = keys.get(path);
        if (key !== undefined) this.write(key, violations);
      }
    }
    this.prune();
    return this.merge(paths, known);
  }

  private merge(
    paths: readonly string[],
    known: Map<string, PolicyViolationBeta1[]>,
    uncached: readonly PolicyViolationBeta1[] = [],
  ): PolicyValidationPluginReportBeta1 {
    const violations = [...paths.flatMap((p) => known.get(p) ?? []), ...uncached];
    return { success: violations.length === 0, violations };
  }

  /** What decides cfn-guard's answer on a template, besides the template itself. */
  private checker(): string {
    const rules = (this.props.rules ?? []).slice();
    if (this.props.controlTowerRulesEnabled ?? true) rules.unshift(CONTROL_TOWER_RULES);
    const hash = createHash('sha256');
    hash.update(`${this.version}\0${JSON.stringify([...(this.props.disabledRules ?? [])].sort())}\0`);
    hash.update(digestOf(guardBinary()));
    for (const rule of rules) hash.update(digestOf(rule));
    return hash.digest('hex');
  }

  private keyOf(template: string): string {
    const checker = memo(`checker:${JSON.stringify(this.props)}`, () => this.checker());
    return createHash('sha256').update(checker).update(readFileSync(template)).digest('hex');
  }

  /** The entry's violations; an entry that is not what `write` makes (damaged, another version's) is a miss. */
  private read(key: string): PolicyViolationBeta1[] | undefined {
    try {
      const file = join(this.folder!, key);
      const entry = JSON.parse(readFileSync(file, 'utf8'));
      if (!Array.isArray(entry.violations) || !entry.violations.every(isViolation)) return undefined;
      // Pruning goes by last use.
      const now = new Date();
      utimesSync(file, now, now);
      return entry.violations;
    } catch {
      return undefined;
    }
  }

  /** Written to a file of its own, then renamed: a concurrent reader sees the whole entry or none. */
  private write(key: string, violations: PolicyViolationBeta1[]): void {
    try {
      // Only this user may write answers the check will trust.
      mkdirSync(this.folder!, { recursive: true, mode: 0o700 });
      const partial = join(this.folder!, `.${key}.${process.pid}`);
      writeFileSync(partial, JSON.stringify({ violations: violations.map((v) => inTemplate(v, '')) }));
      renameSync(partial, join(this.folder!, key));
    } catch {
      // A cache that cannot be written only costs time.
    }
  }

  private prune(): void {
    if (!this.folder) return;
    try {
      const now = Date.now();
      for (const name of readdirSync(this.folder)) {
        const file = join(this.folder, name);
        if (now - statSync(file).mtimeMs > UNUSED_ENTRY_MS) rmSync(file, { force: true });
      }
    } catch {
      // Nothing to prune, or not ours to prune.
    }
  }
}

const CONTROL_TOWER_RULES = join(
  require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'),
  '..',
  'rules',
  'control-tower',
  'cfn-guard',
);

function guardBinary(): string {
  const platform = process.platform === 'darwin' ? 'macos' : 'ubuntu';
  const arch = process.arch === 'arm64' ? 'aarch64' : 'x86_64';
  return join(CONTROL_TOWER_RULES, '..', '..', '..', 'bin', platform, arch, 'cfn-guard');
}

function isViolation(v: unknown): v is PolicyViolationBeta1 {
  const o = v as Record<string, unknown> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.ruleName === 'string' &&
    typeof o.description === 'string' &&
    Array.isArray(o.violatingResources) &&
    o.violatingResources.length > 0 &&
    o.violatingResources.every(
      (r: unknown) =>
        typeof r === 'object' &&
        r !== null &&
        typeof (r as Record<string, unknown>).resourceLogicalId === 'string' &&
        Array.isArray((r as Record<string, unknown>).locations),
    )
  );
}

/** A violation with its resources' template path set to `path`. */
function inTemplate(violation: PolicyViolationBeta1, path: string): PolicyViolationBeta1 {
  return {
    ...violation,
    violatingResources: violation.violatingResources
      .filter((r) => path === '' || r.templatePath === path || r.templatePath === '')
      .map((r) => ({ ...r, templatePath: path })),
  };
}

/** The sha256 of a file, or of a folder's files by their relative names; a path that cannot be read digests as such. */
function digestOf(path: string): string {
  return memo(`digest:${path}`, () => {
    const hash = createHash('sha256');
    const walk = (p: string, name: string) => {
      let stat;
      try {
        stat = statSync(p);
      } catch {
        hash.update(`missing:${name}\0`);
        return;
      }
      if (stat.isDirectory()) {
        for (const child of readdirSync(p).sort()) walk(join(p, child), `${name}/${child}`);
      } else {
        hash.update(`${name}\0`);
        hash.update(readFileSync(p));
      }
    };
    walk(path, '');
    return hash.digest('hex');
  });
}

const memos = new Map<string, string>();
function memo(key: string, compute: () => string): string {
  let value = memos.get(key);
  if (value === undefined) {
    value = compute();
    memos.set(key, value);
  }
  return value;
}
