import { javascript, typescript } from 'projen';
import {
  configureLint,
  ESLINT_COMMAND,
  JEST_OPTIONS,
  LINT_OPTIONS,
  LandfallPackage,
  VERSIONS,
  WORKSPACE_COMPILE_TASK,
} from './packages';

export interface LandfallMonorepoOptions {
  /**
   * Where the monorepo is synthesized.
   * @default - the current directory
   */
  readonly outdir?: string;
  /** Extra root dev dependencies. */
  readonly devDeps?: string[];
}

/**
 * The root of the npm-workspaces monorepo. projen has subprojects but no
 * workspaces: the root writes `workspaces`, installs once for every package, and
 * fans `compile`/`test`/`build` out to the packages in dependency order
 * (`npm run --workspaces` would use glob order).
 */
export class LandfallMonorepo extends typescript.TypeScriptProject {
  /** Where `npx projen synth` writes the example's artifacts. */
  public readonly synthOut = 'out';
  private readonly packages: LandfallPackage[] = [];

  constructor(options: LandfallMonorepoOptions = {}) {
    super({
      name: 'landfall',
      outdir: options.outdir,
      description: 'A HIPAA-ready AWS multi-account landing zone as code',
      defaultReleaseBranch: 'main',
      packageManager: javascript.NodePackageManager.NPM,
      projenrcTs: true,
      projenrcTsOptions: {
        // Type-checking happens in `test` (tsc --noEmit); synthesis stays fast.
        runner: typescript.TypeScriptRunner.tsNode({ typeCheck: false }),
      },
      typescriptVersion: VERSIONS.typescript,
      minNodeVersion: '20.0.0',
      licensed: true,
      license: 'Apache-2.0',
      copyrightOwner: 'Landfall contributors',
      github: false,
      release: false,
      ...LINT_OPTIONS,
      eslintOptions: {
        dirs: ['projenrc'],
        projectService: false,
        tsconfigPath: './tsconfig.dev.json',
        devdirs: ['test', 'bench', 'accounts', '.projenrc.ts'],
        commandOptions: ESLINT_COMMAND,
      },
      sampleCode: false,
      depsUpgrade: false,
      pullRequestTemplate: false,
      srcdir: 'projenrc',
      testdir: 'test',
      jestOptions: JEST_OPTIONS,
      tsconfigDevFile: 'tsconfig.dev.json',
      tsconfigDev: {
        // skipLibCheck: fast-check 4's declarations need node16 resolution; our own code is still fully checked.
        compilerOptions: {
          lib: ['es2022'],
          target: 'ES2022',
          resolveJsonModule: true,
          esModuleInterop: true,
          isolatedModules: true,
          skipLibCheck: true,
        },
        include: ['.projenrc.ts', 'projenrc/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'accounts/**/*.ts'],
        exclude: ['node_modules', 'packages/*/lib', 'out'],
      },
      devDeps: [
        `ts-jest@${VERSIONS.tsJest}`,
        `@types/node@${VERSIONS.typesNode}`,
        'tsconfig-paths@^4.2.0',
        ...(options.devDeps ?? []),
      ],
      // .compile-stamp: each package's fingerprint of its last compile (projenrc/compile-changed.ts).
      gitignore: ['/out/', '*.tgz', '.landfall-staging-*', '.compile-stamp'],
    });
    this.package.addField('private', true);
    configureLint(this);
    // The root is not a library: nothing to compile into lib/ or pack.
    this.tasks.tryFind('compile')?.reset();
    this.tasks.tryFind('package')?.reset();
  }

  /** Registers a package; `dependsOn` must already be registered. */
  public addPackage(pkg: LandfallPackage): void {
    for (const dep of pkg.dependsOn) {
      if (!this.packages.includes(dep)) {
        throw new Error(
          `package ${pkg.package.packageName}: register ${dep.package.packageName} before it (dependsOn is build order)`,
        );
      }
    }
    this.packages.push(pkg);
  }

  /**
   * projen installs when the root's package.json changed; a dependency added to a
   * package changes only that package's file, so install at the root then too.
   */
  public postSynthesize(): void {
    super.postSynthesize();
    if (!this.package.file.changed && this.packages.some((p) => p.package.file.changed)) {
      this.logger.info("A package's dependencies changed: installing at the root");
      this.tasks.runTask(process.env.CI === 'true' || process.env.CI === '1' ? 'install:ci' : 'install');
    }
  }

  public preSynthesize(): void {
    super.preSynthesize();
    const dirs = this.packages.map((p) => `packages/${p.shortName}`);
    this.package.addField('workspaces', dirs);

    const compile = this.tasks.tryFind('compile')!;
    compile.description = 'Compile every package (with its pre- and post-compile steps), in dependency order';
    // One process walks the packages in build order and compiles only those whose inputs changed
    // (projenrc/compile-changed.ts); `npx projen compile --force` compiles them all.
    compile.exec(
      `ts-node --transpileOnly projenrc/compile-changed.ts --task=${WORKSPACE_COMPILE_TASK} ${dirs.join(' ')}`,
      { receiveArgs: true },
    );
    // npm links a workspace's executables only when they exist; on a fresh clone they are built just now.
    const withBins = this.packages.filter((p) => p.hasBin).map((p) => p.package.packageName);
    if (withBins.length > 0) compile.exec(`npm rebuild ${withBins.join(' ')} --ignore-scripts --no-audit --no-fund`);

    const test = this.tasks.tryFind('test')!;
    test.reset();
    test.description = "Compile every package, then run every package's tests and the root's";
    test.spawn(this.tasks.tryFind('compile')!);
    for (const pkg of this.packages) {
      test.exec('npx projen test', { cwd: `packages/${pkg.shortName}` });
    }
    test.exec('tsc --noEmit -p tsconfig.dev.json');
    test.exec('jest --passWithNoTests');
    // Each package's test lints it; the root lints projenrc/, test/, bench/ and accounts/.
    if (this.eslint) test.spawn(this.eslint.eslintTask);

    const synth = this.tasks.tryFind('synth') ?? this.addTask('synth');
    synth.reset();
    synth.description = `The main job on the embedded example: regenerate from .projenrc.ts, build, then write the artifacts and the checked cloud assembly into ${this.synthOut}`;
    synth.spawn(this.defaultTask!);
    synth.spawn(this.tasks.tryFind('compile')!);
    // Each step runs only when what it reads changed (the definition, the lock files, the accounts' code, the
    // TypeScript configuration, or a package: its .compile-stamp is the fingerprint of its sources), or when its
    // outputs are not what it left (gone, or rewritten by another command into the same folder).
    const unlessUnchanged = (step: string, inputs: string[], outputs: string[], command: string) =>
      `ts-node --transpileOnly projenrc/run-if-changed.ts --stamp ${this.synthOut}/.stamps/${step} ` +
      `--inputs ${inputs.join(' ')} packages/*/.compile-stamp package-lock.json --outputs ${outputs.join(' ')} -- ${command}`;
    synth.exec(
      unlessUnchanged(
        'artifacts',
        ['landing-zone.json', 'accounts.lock.json'],
        [`${this.synthOut}/landing-zone.json`, `${this.synthOut}/docs`, `${this.synthOut}/scp`],
        `landfall synth --config landing-zone.json --out ${this.synthOut} --no-assembly`,
      ),
    );
    // The CDK app of accounts/ (with the accounts' customizations), checked by cdk-nag and, the example
    // being small, AWS Control Tower's proactive controls. The example was never applied, so it has no
    // account IDs: placeholders make a review-only assembly.
    synth.exec(
      unlessUnchanged(
        'assembly',
        ['landing-zone.json', 'accounts.lock.json', 'accounts', 'tsconfig.json', 'tsconfig.dev.json'],
        [`${this.synthOut}/cdk.out`, `${this.synthOut}/check-report.json`],
        `CDK_OUTDIR=${this.synthOut}/cdk.out LANDFALL_PLACEHOLDERS=true LANDFALL_PROACTIVE_CONTROLS=true ts-node --transpileOnly accounts/main.ts`,
      ),
    );

    const bench = this.tasks.tryFind('bench') ?? this.addTask('bench');
    bench.reset();
    bench.description =
      'Run the benchmarks in bench/ and record their results in bench/results/ (then run `npx projen` to refresh the docs)';
    bench.exec('ts-node --transpileOnly bench/guardrails.ts');
    bench.exec('ts-node --transpileOnly bench/organization.ts');
    bench.exec('ts-node --transpileOnly bench/deploy.ts');
    bench.exec('ts-node --transpileOnly bench/synth.ts');
    bench.exec('ts-node --transpileOnly bench/synth.ts --proactive-controls');

    const pack = this.tasks.tryFind('package')!;
    pack.description = 'Pack every package into dist/js';
    for (const pkg of this.packages) {
      pack.exec('npx projen package', { cwd: `packages/${pkg.shortName}` });
    }
  }
}
