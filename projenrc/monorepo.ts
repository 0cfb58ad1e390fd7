import { github, javascript, Task, typescript } from 'projen';
import {
  configureLint,
  ESLINT_COMMAND,
  JEST_OPTIONS,
  LINT_OPTIONS,
  LandfallPackage,
  VERSIONS,
  WORKSPACE_COMPILE_TASK,
} from './packages';
import { isReleaseBuild, tagPrefix } from './release';

/** Pinned: publib publishes the packed tarballs (npm) and wheels (PyPI) in the release workflow. */
export const PUBLIB = 'publib@0.2.1061';

/** Set to `true`, `npx projen release` builds the construct packages' Python wheels too. */
export const RELEASE_PYTHON = 'LANDFALL_RELEASE_PYTHON';

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
      // GitHub: the pull-request build and title lint (the commit messages releases are made from), and the
      // release workflow of every package (addReleaseWorkflow). projen's own release would version the root.
      github: true,
      githubOptions: {
        mergify: false,
        // Every type this repository's history uses; only feat and fix make releases (projenrc/release.ts).
        pullRequestLintOptions: {
          semanticTitleOptions: {
            types: [
              'feat',
              'fix',
              'docs',
              'refactor',
              'test',
              'perf',
              'bench',
              'build',
              'ci',
              'style',
              'chore',
              'revert',
            ],
          },
        },
      },
      workflowNodeVersion: '20.x',
      buildWorkflow: true,
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
        'concurrently@^9.2.5',
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

  /**
   * Registers a package; `dependsOn` must already be registered, and must name every sibling the package depends on
   * (dependencies, peers or dev dependencies): it is the build order, and the order packages are published in.
   */
  public addPackage(pkg: LandfallPackage): void {
    for (const dep of pkg.dependsOn) {
      if (!this.packages.includes(dep)) {
        throw new Error(
          `package ${pkg.package.packageName}: register ${dep.package.packageName} before it (dependsOn is build order)`,
        );
      }
    }
    const named = new Set(pkg.dependsOn.map((d) => d.package.packageName));
    const siblings = pkg.deps.all.filter((d) => d.name.startsWith('@landfall/')).map((d) => d.name);
    for (const sibling of new Set(siblings)) {
      if (!named.has(sibling)) {
        throw new Error(
          `package ${pkg.package.packageName} depends on ${sibling}: add it to dependsOn, so that it is built and published first`,
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
    // A release build pins the siblings' ranges to the versions just bumped: nothing to install, and the lock file
    // must stay as committed (the release checks that nothing committed changed).
    if (isReleaseBuild()) return;
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

    // The test suites and the rest (lint, type-check, the end-to-end run) are two lanes, run side by side after the
    // compile: the suites keep both cores busy only part of the time, lint is one process, and the end-to-end run
    // waits on npm most of its time. (Each package's own `npx projen test` still runs its suite, then lints it.)
    const suites = this.tasks.tryFind('test:suites') ?? this.addTask('test:suites');
    suites.reset();
    suites.description = "Every package's test suite, then the root's (needs the packages compiled)";
    for (const pkg of this.packages) {
      suites.exec('jest --passWithNoTests --updateSnapshot', { cwd: `packages/${pkg.shortName}` });
    }
    suites.exec('jest --passWithNoTests');

    const lint = this.tasks.tryFind('lint') ?? this.addTask('lint');
    lint.reset();
    lint.description = 'Lint every package and the root (projenrc/, test/, bench/, accounts/), and type-check the root';
    for (const pkg of this.packages) lint.exec('npx projen eslint', { cwd: `packages/${pkg.shortName}` });
    lint.exec('tsc --noEmit -p tsconfig.dev.json');
    if (this.eslint) lint.spawn(this.eslint.eslintTask);

    const test = this.tasks.tryFind('test')!;
    test.reset();
    test.description =
      "Compile every package, then, side by side, every package's and the root's tests and the lint, followed by the end-to-end run (`e2e`)";
    test.spawn(this.tasks.tryFind('compile')!);
    // concurrently: one lane's failure stops the other, and the task fails; each line is prefixed with its lane.
    test.exec(
      'concurrently --kill-others-on-fail --names suites,lint+e2e --prefix "[{name}]" ' +
        '"npx projen test:suites" "npx projen lint && npx projen e2e"',
    );

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
    const python = this.tasks.tryFind('package:python') ?? this.addTask('package:python');
    python.reset();
    python.description =
      'Build the Python wheels of the construct packages into their dist/python (needs PyPI; the release workflow runs it)';
    for (const pkg of this.packages.filter((p) => p.publishesPython)) {
      python.exec('npx projen package:python', { cwd: `packages/${pkg.shortName}` });
    }

    const e2e = this.tasks.tryFind('e2e') ?? this.addTask('e2e');
    e2e.reset();
    e2e.description =
      "The whole path on loopback: release every package, publish them to a local verdaccio, `projen new --from @landfall/projen`, run the client's tests, publish a new minor and upgrade the client (needs the packages built and the npm registry)";
    e2e.exec('bash e2e/projen-new.sh');

    this.addReleaseTasks(dirs, python);
    this.addReleaseWorkflow();
  }

  /**
   * `release:version` bumps every package from its own conventional commits (projenrc/release.ts), then synthesizes
   * again as a release build, which pins the siblings' ranges to the versions just bumped. `release` does that,
   * builds, tests and packs everything, then synthesizes back to the workspace's 0.0.0 and fails if any committed
   * file changed. Every package's `dist/` then holds its version, tag, changelog and tarball.
   */
  private addReleaseTasks(dirs: string[], python: Task): void {
    const version = this.tasks.tryFind('release:version') ?? this.addTask('release:version');
    version.reset();
    version.description =
      "Bump every package from its own conventional commits into its dist/ (version, tag, changelog), then pin the siblings' ranges to those versions";
    version.exec(`rm -rf ${dirs.map((d) => `${d}/dist`).join(' ')}`);
    for (const dir of dirs) {
      version.exec('npx projen bump', { cwd: dir });
    }
    // No install after either synthesis: the lock file stays as committed, and the workspace needs nothing new.
    version.exec('npx projen default', { env: { RELEASE: 'true', PROJEN_DISABLE_POST: 'true' } });

    const unversion = this.tasks.tryFind('release:unversion') ?? this.addTask('release:unversion');
    unversion.reset();
    unversion.description = 'Back to the workspace: every package at 0.0.0 and siblings at ^0.0.0 (dist/ is kept)';
    unversion.exec('npx projen default', { env: { RELEASE: 'false', PROJEN_DISABLE_POST: 'true' } });

    const release = this.tasks.tryFind('release') ?? this.addTask('release');
    release.reset();
    release.description =
      'Prepare a release: version every package, build, test and pack it with its released ranges, then return to the workspace';
    release.spawn(version);
    // The versions and ranges are on disk now; nothing below synthesizes, so none of it needs RELEASE (the tests
    // synthesize projects of their own, as a workspace).
    release.exec('npx projen compile --force');
    release.exec('npx projen test');
    release.exec('npx projen package');
    // The wheels need PyPI (jsii-pacmak installs Python's build tools): the release workflow asks for them, and a
    // release prepared offline builds the npm tarballs only.
    const wheels = this.tasks.tryFind('release:python') ?? this.addTask('release:python');
    wheels.reset();
    wheels.description = `Build the Python wheels when ${RELEASE_PYTHON}=true`;
    wheels.addCondition(`test "$${RELEASE_PYTHON}" = true`);
    wheels.spawn(python);
    release.spawn(wheels);
    release.spawn(unversion);
    // projen's anti-tamper check: the release changed nothing that is committed, and left no new file behind.
    release.exec('git diff --ignore-space-at-eol --exit-code');
    release.exec('test -z "$(git status --porcelain --untracked-files=all)"');
  }

  /**
   * The release workflow: on every push to main, `npx projen release` (and the Python wheels), then each package
   * whose tag does not exist yet is published to npm (and PyPI) and tagged with a GitHub release carrying its
   * changelog, in dependency order, so a package is never public before the versions it depends on.
   */
  private addReleaseWorkflow(): void {
    const gh = github.GitHub.of(this);
    if (!gh) return;
    // One release at a time: two pushes in quick succession must not compute the same version.
    const workflow =
      gh.tryFindWorkflow('release') ??
      new github.GithubWorkflow(gh, 'release', {
        limitConcurrency: true,
        concurrencyOptions: { group: 'release', cancelInProgress: false },
      });
    workflow.on({ push: { branches: ['main'] }, workflowDispatch: {} });
    const checkout = github.WorkflowSteps.checkout({ with: { fetchDepth: 0 } });
    // The same actions, at the same versions, as projen's own workflows.
    const setup = [
      { name: 'Setup Node.js', uses: 'actions/setup-node@v7.0.0', with: { 'node-version': '20.x' } },
      { name: 'Setup Python', uses: 'actions/setup-python@v7.0.0', with: { 'python-version': '3.x' } },
    ];
    workflow.addJob('release', {
      runsOn: ['ubuntu-latest'],
      permissions: { contents: github.workflows.JobPermission.READ },
      env: { CI: 'true' },
      outputs: { latest_commit: { stepId: 'git_remote', outputName: 'latest_commit' } },
      steps: [
        checkout,
        ...setup,
        { name: 'Install', run: 'npm ci' },
        {
          name: 'Version, build, test and pack (npm and Python)',
          run: 'npx projen release',
          env: { [RELEASE_PYTHON]: 'true' },
        },
        {
          name: 'Check for new commits',
          id: 'git_remote',
          run: 'echo "latest_commit=$(git ls-remote origin -h ${{ github.ref }} | cut -f1)" >> $GITHUB_OUTPUT',
        },
        github.WorkflowSteps.uploadArtifact({
          name: 'Upload every package',
          if: '${{ steps.git_remote.outputs.latest_commit == github.sha }}',
          with: { name: 'packages', path: 'packages/*/dist', ifNoFilesFound: 'error' },
        }),
      ],
    });
    const publishSteps = this.packages.map((pkg) => {
      const dist = `packages/${pkg.shortName}/dist`;
      const commands = [
        `tag="$(cat ${dist}/releasetag.txt)"`,
        `case "$tag" in ${tagPrefix(pkg.shortName)}v*) ;; *) echo "unexpected tag $tag" >&2; exit 1;; esac`,
        // ls-remote --exit-code: 0 the tag exists, 2 it does not; anything else (no access, no network) stops here.
        'status=0; git ls-remote --exit-code --tags origin "refs/tags/$tag" > /dev/null || status=$?',
        'if [ "$status" -eq 0 ]; then echo "$tag is released already"; exit 0; fi',
        'if [ "$status" -ne 2 ]; then echo "cannot read the tags of origin (git exit $status)" >&2; exit 1; fi',
        `npx -p ${PUBLIB} publib-npm ${dist}/js`,
        ...(pkg.publishesPython ? [`npx -p ${PUBLIB} publib-pypi ${dist}/python`] : []),
        `gh release create "$tag" --target "$GITHUB_SHA" --title "$tag" --notes-file ${dist}/changelog.md`,
      ];
      return { name: `Publish ${pkg.package.packageName}`, run: commands.join('\n') };
    });
    workflow.addJob('publish', {
      needs: ['release'],
      // Only main releases, whatever branch a manual run starts from.
      if: "github.ref == 'refs/heads/main' && needs.release.outputs.latest_commit == github.sha",
      runsOn: ['ubuntu-latest'],
      permissions: { contents: github.workflows.JobPermission.WRITE },
      env: {
        NPM_TOKEN: '${{ secrets.NPM_TOKEN }}',
        TWINE_USERNAME: '${{ secrets.TWINE_USERNAME }}',
        TWINE_PASSWORD: '${{ secrets.TWINE_PASSWORD }}',
        GH_TOKEN: '${{ secrets.GITHUB_TOKEN }}',
      },
      steps: [
        checkout,
        ...setup,
        github.WorkflowSteps.downloadArtifact({
          name: 'Download every package',
          with: { name: 'packages', path: 'packages' },
        }),
        ...publishSteps,
      ],
    });
  }
}
