import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { typescript } from 'projen';
import { ownManifest } from './landfall-cli';
import { LandingZoneArtifacts } from './landing-zone-artifacts';

/** Options of `LandfallProject`. */
export interface LandfallProjectOptions extends typescript.TypeScriptProjectOptions {
  /**
   * The landing-zone definition (YAML or JSON), relative to the project. When missing, the starter definition
   * (`landfall init`'s: the example organization, every field commented from the schema) is written there once.
   * @default "landing-zone.yaml"
   */
  readonly definitionFile?: string;
  /**
   * The landing-zone's name in the starter definition (3 to 32 lowercase letters, digits and hyphens).
   * @default - the starter's own name
   */
  readonly landingZoneName?: string;
}

/** Set in the synthesis `postSynthesize` starts, so that it never starts another. */
const RESYNTHESIS = 'LANDFALL_PROJEN_RESYNTHESIS';

/** The command that runs the accounts/ app with its customizations. */
const APP = 'npx ts-node --transpileOnly accounts/main.ts';

/**
 * A client's landing-zone repository, on the published Landfall packages: the definition, the artifacts generated
 * from it (landing-zone.json, scp/, docs/ with the HIPAA matrix and the architecture diagram), the accounts/ app
 * (one folder per account for its customizations), a README and a CI workflow.
 *
 * `npx projen new --from` this package creates one; `npx projen upgrade` moves it to newer Landfall versions,
 * and the regenerated artifacts show what changed in review. Tasks: `validate`, `synth` (artifacts and the checked
 * cloud assembly into out/), `test` (type-checks accounts/ and checks every stack with cdk-nag and AWS Control
 * Tower's proactive controls, with placeholder IDs), `deploy` and `evidence`.
 *
 * @pjid landfall-landing-zone
 */
export class LandfallProject extends typescript.TypeScriptProject {
  /** The definition file, relative to the project. */
  public readonly definitionFile: string;
  /** The generated artifacts and accounts/ app. */
  public readonly artifacts: LandingZoneArtifacts;

  constructor(options: LandfallProjectOptions) {
    const versions = ownManifest().devDependencies;
    const pinned = (name: string) => {
      const range = versions[name];
      if (!range) throw new Error(`@landfall/projen: its package.json names no version of ${name}`);
      return `${name}@${range}`;
    };
    super({
      projenrcTs: true,
      sampleCode: false,
      jest: false,
      eslint: false,
      package: false,
      release: false,
      licensed: false,
      // The TypeScript and Node types Landfall is built with: `projen new` would otherwise take the newest, which
      // ts-node may not run (TypeScript 7 has no JavaScript API).
      typescriptVersion: versions.typescript,
      minNodeVersion: '20.0.0',
      githubOptions: { mergify: false },
      tsconfigDevFile: 'tsconfig.dev.json',
      readme: { contents: readme(options.name, options.definitionFile ?? 'landing-zone.yaml') },
      ...options,
      devDeps: [
        pinned('@landfall/cli'),
        pinned('@landfall/landing-zone'),
        pinned('aws-cdk-lib'),
        pinned('constructs'),
        pinned('aws-cdk'),
        pinned('@types/node'),
        ...(options.devDeps ?? []),
      ],
      gitignore: ['/out/', '/evidence/', ...(options.gitignore ?? [])],
    });
    const definitionFile = options.definitionFile ?? 'landing-zone.yaml';
    this.definitionFile = definitionFile;
    this.tsconfigDev.addInclude('accounts/**/*.ts');

    this.artifacts = new LandingZoneArtifacts(this, {
      definitionFile,
      starter: true,
      landingZoneName: options.landingZoneName,
    });

    const config = `--config ${definitionFile}`;
    const validate = this.addTask('validate', {
      description: 'Validate the landing-zone definition (every error with its fix)',
      exec: `landfall validate ${config}`,
    });
    this.addTask('synth', {
      description:
        'Write the artifacts and the checked cloud assembly of the accounts/ app into out/ (pass --placeholders before the accounts exist)',
      exec: `landfall synth ${config} --out out --app "${APP}"`,
      receiveArgs: true,
    });
    this.addTask('deploy', {
      description: 'Apply the organization and deploy every stack (landfall deploy; --dry-run to see the changes)',
      exec: `landfall deploy ${config} --out out --app "${APP}"`,
      receiveArgs: true,
    });
    this.addTask('evidence', {
      description: 'Write a dated evidence bundle for an auditor into evidence/ (landfall evidence)',
      exec: `landfall evidence ${config} --out evidence`,
      receiveArgs: true,
    });
    // Nothing to compile into lib/: "compile" type-checks the accounts/ app and the projenrc.
    this.compileTask.reset(`tsc --noEmit -p ${this.tsconfigDev.fileName}`);
    this.testTask.reset();
    this.testTask.spawn(this.compileTask);
    this.testTask.spawn(validate);
    this.testTask.exec(`landfall synth ${config} --out out --app "${APP}" --placeholders --proactive-controls`);
  }

  /**
   * The first synthesis of `npx projen new` runs before the install, without `@landfall/cli`: once it is installed,
   * synthesize again, so that the new repository has its definition, artifacts and accounts/ app at once.
   */
  public postSynthesize(): void {
    super.postSynthesize();
    // Once: the second synthesis says so itself if @landfall/cli is still missing (an install that failed).
    if (this.artifacts.pending && !process.env[RESYNTHESIS] && existsSync(join(this.outdir, '.projenrc.ts'))) {
      this.logger.info('Synthesizing again now that the dependencies are installed, to write the landing zone');
      // npx is npx.cmd on Windows, which only a shell finds.
      execFileSync('npx', ['projen'], {
        cwd: this.outdir,
        stdio: 'inherit',
        shell: process.platform === 'win32',
        env: { ...process.env, [RESYNTHESIS]: '1' },
      });
    }
  }
}

function readme(name: string, definitionFile: string): string {
  return [
    `# ${name}`,
    '',
    'A HIPAA-ready AWS landing zone, generated by [Landfall](https://github.com/landfall-dev/landfall) from',
    `\`${definitionFile}\`. This README is yours; everything under docs/, scp/, \`landing-zone.json\` and`,
    '`accounts/main.ts` is generated: edit the definition, then run `npx projen`.',
    '',
    '| command | what |',
    '|---|---|',
    '| `npx projen` | validate the definition and regenerate docs/, scp/, landing-zone.json and accounts/main.ts |',
    '| `npx projen test` | type-check accounts/, validate the definition, and check every stack with placeholder IDs (cdk-nag HIPAA.Security, AwsSolutions, NIST 800-53 R5, AWS Control Tower proactive controls) |',
    '| `npx projen synth` | write the artifacts and the checked cloud assembly into out/ |',
    '| `npx projen deploy -- --dry-run` | show what the organization and the stacks would change |',
    '| `npx projen evidence` | a dated evidence bundle for an auditor |',
    '| `npx projen upgrade` | move to the newest Landfall versions; review the regenerated files |',
    '',
    'Customize an account in `accounts/<account>/index.ts`. The HIPAA matrix is in',
    '[docs/hipaa-matrix.md](docs/hipaa-matrix.md), the architecture in [docs/architecture.md](docs/architecture.md).',
    '',
  ].join('\n');
}
