import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Component, Project, TextFile } from 'projen';
import { constructSections } from './hipaa-matrix';
import { synthesizeArtifacts } from '../packages/cli/src/synthesize';
import { readDeploymentIds } from '../packages/landing-zone/src/deployment';
import { CONSTRUCT_PACKAGES } from '../packages/landing-zone/src/hipaa-matrix';
import {
  LandingZoneDefinition,
  LandingZoneValidationError,
  ResolvedLandingZone,
  validateOrThrow,
} from '../packages/model/src';

export interface LandingZoneArtifactsOptions {
  /** The landing-zone definition, as typed in `.projenrc.ts`. */
  readonly definition: LandingZoneDefinition;
  /**
   * Markdown file (relative to the project) with benchmark results for docs/guardrails.md.
   * @default - no benchmark section
   */
  readonly guardrailBenchmark?: string;
  /** Markdown file with synthesis benchmark results for docs/stacks.md (bench/results/synth.md). @default - none */
  readonly synthBenchmark?: string;
  /** The same benchmark with AWS Control Tower's proactive controls, as `landfall check` runs (bench/results/check.md). */
  readonly checkBenchmark?: string;
}

/**
 * Validates the definition and writes what derives from it, what `landfall synth` writes for any definition
 * (landing-zone.json, scp/ and its manifest, docs/: accounts, guardrails, logging, backup, access, stacks and the
 * HIPAA matrix), with this repository's benchmarks added. Validation runs in the constructor, before projen deletes or
 * writes anything, so an invalid definition fails `npx projen` with every error
 * and leaves the previous artifacts as they were.
 */
export class LandingZoneArtifacts extends Component {
  public readonly definition: ResolvedLandingZone;

  constructor(project: Project, options: LandingZoneArtifactsOptions) {
    super(project);
    const source = '.projenrc.ts (the landing-zone definition)';
    this.definition = validateOrThrow(options.definition, source);
    const read = (file?: string) =>
      file && existsSync(join(project.outdir, file)) ? readFileSync(join(project.outdir, file), 'utf8') : undefined;
    const lines = (file?: string) => read(file)?.trimEnd().split('\n') ?? [];
    const synthBenchmark = lines(options.synthBenchmark);
    const checkBenchmark = lines(options.checkBenchmark);
    // Account IDs recorded by `landfall apply` complete the backup policy (its copy to the backup account's vault).
    const accountIds = readDeploymentIds(join(project.outdir, 'accounts.lock.json')).accounts;
    const synthesis = synthesizeArtifacts(this.definition, {
      guardrailBenchmark: read(options.guardrailBenchmark),
      accountIds,
      stacksDocSections: [
        ...(synthBenchmark.length ? [{ title: 'Synthesis at scale', lines: synthBenchmark }] : []),
        ...(checkBenchmark.length
          ? [{ title: "With AWS Control Tower's proactive controls (`landfall check`)", lines: checkBenchmark }]
          : []),
      ],
      // Read from the packages' sources, so a changed class documentation shows without a build; a client's
      // `landfall synth` reads the same documentation from the installed packages' jsii assemblies.
      hipaaConstructs: CONSTRUCT_PACKAGES.flatMap((p) =>
        constructSections(join(__dirname, '..', 'packages', p.replace('@landfall/', '')), p),
      ),
    });
    if (!synthesis.ok) throw new LandingZoneValidationError(synthesis.errors, source);
    for (const artifact of synthesis.artifacts) {
      // split keeps the final empty line, so the file ends in a newline exactly as `landfall synth` writes it.
      new TextFile(project, artifact.path, { lines: artifact.content.split('\n'), marker: false });
    }
  }
}
