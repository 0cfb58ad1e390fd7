import { cdk, javascript, typescript } from 'projen';
import { addVersioning, siblingSpec } from './release';

/** Versions measured on this project's machines (see shared TOOLCHAIN facts and docs/decisions). */
export const VERSIONS = {
  typescript: '~5.9.3',
  jest: '^30',
  tsJest: '^29.4.15',
  typesNode: '^20',
  jsii: '~5.9.0',
  jsiiPacmak: '^1.140.0',
  jsiiDiff: '^1.134.0',
  awsCdkLib: '2.276.0',
  constructs: '10.8.1',
} as const;

export const REPOSITORY_URL = 'https://github.com/landfall-dev/landfall.git';
const AUTHOR = 'Landfall contributors';
const AUTHOR_ADDRESS = 'maintainers@example.com';

/** The task the root's `compile` runs in each package. */
export const WORKSPACE_COMPILE_TASK = 'workspace-compile';

/** What every Landfall package is given, whatever its kind. */
export interface LandfallPackageOptions {
  /** The root project. */
  readonly parent: typescript.TypeScriptProject;
  /** Short name: the package is `@landfall/<name>` in `packages/<name>`. */
  readonly name: string;
  /** One line for npm and the README. */
  readonly description: string;
  /** Runtime dependencies (`name@range`). Siblings use an explicit range, never `*`. */
  readonly deps?: string[];
  /** Development dependencies (`name@range`). */
  readonly devDeps?: string[];
  /** Executables: `{ command: 'lib/file.js' }`. */
  readonly bin?: Record<string, string>;
  /** Sibling packages this one builds on, which must compile first. */
  readonly dependsOn?: LandfallPackage[];
  /** Extra files to publish besides `lib/` (e.g. `schema/`). */
  readonly extraFiles?: string[];
  /**
   * jsii only: the peer dependencies besides the package's siblings (`deps`).
   * @default - aws-cdk-lib and constructs: a CDK construct library
   */
  readonly peerDeps?: string[];
  /**
   * jsii only: publish to Python, Java, .NET and Go too. A projen project type is for npm alone: its components load
   * npm packages at run time.
   * @default true
   */
  readonly otherLanguages?: boolean;
}

/** Either kind of Landfall package. */
export type LandfallPackage = LandfallTypeScriptPackage | LandfallJsiiPackage;

/** Jest as every package runs it: plain output, no coverage instrumentation (it triples cold test time). */
export const JEST_OPTIONS: javascript.JestOptions = {
  jestVersion: VERSIONS.jest,
  coverageText: false,
  junitReporting: false,
  // Tests that spawn the CLI against the emulator take seconds on a loaded CI machine; time is measured in bench/, not here.
  // Every core runs test files (jest's own default leaves one idle: on CI's 2 cores, a single worker).
  jestConfig: {
    collectCoverage: false,
    testMatch: ['<rootDir>/test/**/*.test.ts'],
    testTimeout: 60_000,
    maxWorkers: '100%',
  },
};

const packageManager = javascript.NodePackageManager.NPM;

/**
 * typescript-eslint through projen's own component, with prettier as the one formatter
 * (eslint reports formatting as `prettier/prettier`; `npx projen eslint` fixes it). Every
 * package's and the root's `test` run it, so `.ci/run` fails on a lint error.
 */
export const LINT_OPTIONS = {
  eslint: true,
  prettier: true,
  prettierOptions: { settings: { printWidth: 120, singleQuote: true } },
} as const;

/**
 * Rules we change from projen's defaults: TypeScript itself resolves imports (and
 * workspace siblings resolve only once built, so the import plugin's check fails on a
 * fresh clone).
 */
export function configureLint(project: javascript.NodeProject): void {
  javascript.Eslint.of(project)?.addRules({ 'import/no-unresolved': 'off' });
}

/** Lint in check mode, so CI fails instead of rewriting; `npx projen eslint --fix` rewrites. */
export const ESLINT_COMMAND = { fix: false } as const;

function commonNodeOptions(options: LandfallPackageOptions) {
  return {
    parent: options.parent,
    name: `@landfall/${options.name}`,
    packageName: `@landfall/${options.name}`,
    outdir: `packages/${options.name}`,
    description: options.description,
    defaultReleaseBranch: 'main',
    packageManager,
    authorName: AUTHOR,
    authorEmail: AUTHOR_ADDRESS,
    repository: REPOSITORY_URL,
    repositoryDirectory: `packages/${options.name}`,
    license: 'Apache-2.0',
    minNodeVersion: '20.0.0',
    npmAccess: javascript.NpmAccess.PUBLIC,
    deps: options.deps?.map((d) => siblingSpec(d, options.parent.outdir)),
    devDeps: options.devDeps?.map((d) => siblingSpec(d, options.parent.outdir)),
    bin: options.bin,
    typescriptVersion: VERSIONS.typescript,
    jestOptions: JEST_OPTIONS,
    // projen's per-project release workflows would release each package on its own, in no order; the root's
    // release (projenrc/release.ts, LandfallMonorepo) bumps them all, then builds and publishes in dependency order.
    release: false,
    github: false,
    ...LINT_OPTIONS,
    eslintOptions: { dirs: ['src'], devdirs: ['test'], commandOptions: ESLINT_COMMAND },
    sampleCode: false,
    depsUpgrade: false,
    pullRequestTemplate: false,
    docgen: false,
  };
}

/**
 * Wiring every package needs inside the npm-workspaces monorepo: one install at the
 * root (a package's own install would 404 on its unpublished siblings), and the
 * ts-jest versions we measured.
 */
function joinWorkspace(project: javascript.NodeProject, options: LandfallPackageOptions) {
  configureLint(project);
  project.tasks.tryFind('install')?.reset();
  project.tasks.tryFind('install:ci')?.reset();
  // The root installs for the whole workspace (LandfallMonorepo.postSynthesize). A package's own NodePackage
  // would find no node_modules of its own (npm hoists them), say "Installing dependencies..." and run the empty
  // install task above: one line of noise per package on every `npx projen`. Versions are pinned, so there is
  // no "*" for its second phase to resolve either.
  project.package.postSynthesize = () => undefined;
  project.addDevDeps(`ts-jest@${VERSIONS.tsJest}`, `@types/node@${VERSIONS.typesNode}`);
  addVersioning(project, options.name);
  // What the root's compile fans out to: projen's own `compile` is only tsc, and
  // post-compile steps (build checks, bin modes) would otherwise never run there.
  const workspaceCompile = project.addTask(WORKSPACE_COMPILE_TASK, {
    description: 'pre-compile, compile and post-compile',
  });
  workspaceCompile.spawn(project.preCompileTask);
  workspaceCompile.spawn(project.compileTask);
  workspaceCompile.spawn(project.postCompileTask);
  // The root's compile keeps the fingerprint of the package's last compile beside it: never published.
  project.addPackageIgnore('/.compile-stamp');
  // npm links bins at install time, before lib/ exists on a fresh clone, so it never marks them executable.
  for (const file of Object.values(options.bin ?? {})) {
    project.postCompileTask.exec(`chmod +x ${file}`);
  }
  if (options.extraFiles?.length) {
    project.addFields({ files: ['lib', ...options.extraFiles] });
  }
}

/**
 * A plain TypeScript package: for code that needs non-jsii runtime libraries
 * (schema validation, the IAM action catalog, the AWS SDK, the CLI).
 */
export class LandfallTypeScriptPackage extends typescript.TypeScriptProject {
  public readonly kind = 'typescript';
  /** Whether the release builds and publishes a Python wheel of it. */
  public readonly publishesPython = false;
  public readonly shortName: string;
  /** Whether it installs executables (npm links them only once they are built). */
  public readonly hasBin: boolean;
  public readonly dependsOn: LandfallPackage[];

  constructor(options: LandfallPackageOptions) {
    super({
      ...commonNodeOptions(options),
      tsconfig: {
        compilerOptions: { lib: ['es2022'], target: 'ES2022', resolveJsonModule: true, esModuleInterop: true },
      },
      // isolatedModules lets ts-jest transpile file by file (a cold test file ~3x faster); tsc still type-checks.
      tsconfigDev: {
        compilerOptions: {
          lib: ['es2022'],
          target: 'ES2022',
          resolveJsonModule: true,
          esModuleInterop: true,
          isolatedModules: true,
        },
      },
    });
    this.shortName = options.name;
    this.hasBin = Object.keys(options.bin ?? {}).length > 0;
    this.dependsOn = options.dependsOn ?? [];
    joinWorkspace(this, options);
  }
}

/**
 * A jsii construct library: props and constructs only, publishable to every CDK
 * language. It may depend only on jsii packages (aws-cdk-lib, constructs, siblings
 * of this kind); anything else breaks the published tarball under hoisting.
 */
export class LandfallJsiiPackage extends cdk.JsiiProject {
  public readonly kind = 'jsii';
  /** Whether the release builds and publishes a Python wheel of it. */
  public readonly publishesPython: boolean;
  public readonly shortName: string;
  public readonly hasBin = false;
  public readonly dependsOn: LandfallPackage[];

  constructor(options: LandfallPackageOptions) {
    const dotted = options.name.replace(/-/g, '_');
    super({
      ...commonNodeOptions(options),
      author: AUTHOR,
      authorAddress: AUTHOR_ADDRESS,
      repositoryUrl: REPOSITORY_URL,
      jsiiVersion: VERSIONS.jsii,
      peerDeps: [
        ...(options.peerDeps ?? [`aws-cdk-lib@^${VERSIONS.awsCdkLib}`, `constructs@^${VERSIONS.constructs}`]),
        ...(options.deps ?? []).map((d) => siblingSpec(d, options.parent.outdir)),
      ],
      deps: [],
      devDeps: [
        `aws-cdk-lib@${VERSIONS.awsCdkLib}`,
        `constructs@${VERSIONS.constructs}`,
        ...(options.devDeps ?? []).map((d) => siblingSpec(d, options.parent.outdir)),
      ],
      // jsii-docgen cannot find hoisted assemblies; API docs come from our own script.
      docgen: false,
      ...((options.otherLanguages ?? true)
        ? {
            publishToPypi: { distName: `landfall.${options.name}`, module: `landfall.${dotted}` },
            publishToMaven: {
              javaPackage: `dev.landfall.${dotted}`,
              mavenGroupId: 'dev.landfall',
              mavenArtifactId: options.name,
            },
            publishToNuget: {
              dotNetNamespace: `Landfall.${pascal(options.name)}`,
              packageId: `Landfall.${pascal(options.name)}`,
            },
            publishToGo: { moduleName: 'github.com/landfall-dev/landfall-go' },
          }
        : {}),
    });
    this.publishesPython = options.otherLanguages ?? true;
    this.shortName = options.name;
    this.dependsOn = options.dependsOn ?? [];
    joinWorkspace(this, options);
    // JsiiProject adds these as "*" after our options, and projen cannot resolve "*" under hoisting.
    this.deps.removeDependency('jsii-pacmak');
    this.deps.removeDependency('jsii-diff');
    this.addDevDeps(`jsii-pacmak@${VERSIONS.jsiiPacmak}`, `jsii-diff@${VERSIONS.jsiiDiff}`);
    this.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
    // jsii-pacmak's Java, Python, .NET and Go targets fetch their build tools from Maven Central, PyPI, NuGet and the
    // Go proxy, which neither this machine nor CI reaches; projen's `package` runs them all outside CI, so `npx projen
    // build` failed. `package` is the npm tarball everywhere; `package-all` (and `package:python`, ...) builds the
    // other languages where those registries are reachable.
    const pack = this.tasks.tryFind('package')!;
    pack.reset();
    pack.spawn(this.tasks.tryFind('package:js')!);
  }
}

function pascal(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}
