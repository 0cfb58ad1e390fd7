import { mkdtempSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App } from 'aws-cdk-lib';
import { CachedGuardValidator, defaultCacheDir } from '../src';

// The module object the plugin calls spawnSync on, so that a spy counts cfn-guard's runs.
const childProcess: typeof import('child_process') = jest.requireActual('child_process');

/** An S3 bucket with nothing set: AWS Control Tower's proactive controls find several things wrong with it. */
const BARE_BUCKET = { Resources: { Bare: { Type: 'AWS::S3::Bucket' } } };
/** A template no proactive control has anything to say about. */
const NOTHING = { Resources: { Handle: { Type: 'AWS::CloudFormation::WaitConditionHandle' } } };

function templates(contents: Record<string, unknown>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-guard-'));
  return Object.entries(contents).map(([name, body]) => {
    const file = join(dir, `${name}.template.json`);
    writeFileSync(file, JSON.stringify(body));
    return file;
  });
}

const PROPS = { controlTowerRulesEnabled: true } as const;
const context = (...templatePaths: string[]) => ({ templatePaths, appConstruct: new App() });
/** The rules each violation names, per template, in order. */
const summary = (report: { violations: any[] }) =>
  report.violations.map((v) => `${v.violatingResources.map((r: any) => r.templatePath).join(',')} ${v.ruleName}`);

describe('the proactive controls, cached per template', () => {
  let guardRuns: jest.SpyInstance;
  beforeEach(() => {
    guardRuns = jest.spyOn(childProcess, 'spawnSync');
  });
  afterEach(() => guardRuns.mockRestore());

  test('report what cfn-guard reports, from an empty cache and from a full one, without running it again', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'landfall-cache-'));
    const [bucket, nothing] = templates({ bucket: BARE_BUCKET, nothing: NOTHING });
    const plain = new CfnGuardValidator(PROPS).validate(context(bucket, nothing));
    expect(plain.success).toBe(false);
    guardRuns.mockClear();

    const cold = new CachedGuardValidator({ ...PROPS, cacheDir }).validate(context(bucket, nothing));
    expect(guardRuns).toHaveBeenCalledTimes(1);
    expect(summary(cold).sort()).toEqual(summary(plain).sort());
    expect(cold.violations.every((v) => v.violatingResources.every((r) => r.templatePath === bucket))).toBe(true);
    // One entry per template, the one without violations included.
    expect(readdirSync(join(cacheDir, 'guard'))).toHaveLength(2);

    guardRuns.mockClear();
    const warm = new CachedGuardValidator({ ...PROPS, cacheDir }).validate(context(bucket, nothing));
    expect(guardRuns).not.toHaveBeenCalled();
    expect(warm).toEqual(cold);
  });

  test('a template with other bytes is checked again; the same bytes elsewhere answer with their own path', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'landfall-cache-'));
    const [bucket] = templates({ bucket: BARE_BUCKET });
    new CachedGuardValidator({ ...PROPS, cacheDir }).validate(context(bucket));

    const [moved, fixed] = templates({
      bucket: BARE_BUCKET,
      fixed: { Resources: { Handle: NOTHING.Resources.Handle } },
    });
    guardRuns.mockClear();
    const report = new CachedGuardValidator({ ...PROPS, cacheDir }).validate(context(moved, fixed));
    // Only the new template went to cfn-guard.
    expect(guardRuns).toHaveBeenCalledTimes(1);
    expect(guardRuns.mock.calls[0][1]).toContain(fixed);
    expect(guardRuns.mock.calls[0][1]).not.toContain(moved);
    expect(report.success).toBe(false);
    expect(report.violations.length).toBeGreaterThan(0);
    expect(report.violations.every((v) => v.violatingResources.every((r) => r.templatePath === moved))).toBe(true);
  });

  test('a damaged entry is a miss: cfn-guard checks the template again', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'landfall-cache-'));
    const [bucket] = templates({ bucket: BARE_BUCKET });
    const cold = new CachedGuardValidator({ ...PROPS, cacheDir }).validate(context(bucket));
    for (const entry of readdirSync(join(cacheDir, 'guard'))) {
      writeFileSync(join(cacheDir, 'guard', entry), '{"violations":[{}]}');
    }
    guardRuns.mockClear();
    const again = new CachedGuardValidator({ ...PROPS, cacheDir }).validate(context(bucket));
    expect(guardRuns).toHaveBeenCalledTimes(1);
    expect(again).toEqual(cold);
  });

  test('a cache folder that cannot be written costs time, not the answer', () => {
    const parent = mkdtempSync(join(tmpdir(), 'landfall-cache-'));
    writeFileSync(join(parent, 'guard'), 'a file where the folder would go');
    const [bucket] = templates({ bucket: BARE_BUCKET });
    const plain = new CfnGuardValidator(PROPS).validate(context(bucket));
    const cached = new CachedGuardValidator({ ...PROPS, cacheDir: parent }).validate(context(bucket));
    expect(summary(cached).sort()).toEqual(summary(plain).sort());
  });

  test('without a cache folder, every template is checked every time', () => {
    const [bucket] = templates({ bucket: BARE_BUCKET });
    new CachedGuardValidator(PROPS).validate(context(bucket));
    new CachedGuardValidator(PROPS).validate(context(bucket));
    expect(guardRuns).toHaveBeenCalledTimes(2);
  });
});

describe('defaultCacheDir', () => {
  test('LANDFALL_CACHE_DIR, else XDG_CACHE_HOME/landfall, else ~/.cache/landfall; off turns it off', () => {
    expect(defaultCacheDir({ LANDFALL_CACHE_DIR: '/tmp/mine', XDG_CACHE_HOME: '/xdg' })).toBe('/tmp/mine');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe(join('/xdg', 'landfall'));
    expect(defaultCacheDir({})).toMatch(/\.cache[/\\]landfall$/);
    expect(defaultCacheDir({ LANDFALL_CACHE_DIR: 'off' })).toBeUndefined();
  });
});
