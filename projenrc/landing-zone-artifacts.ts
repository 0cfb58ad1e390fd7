import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { Component, Project, TextFile } from 'projen';
import { synthesizeArtifacts } from '../packages/cli/src/synthesize';
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
}

/**
 * Validates the definition and writes what derives from it (landing-zone.json,
 * docs/accounts.md, scp/ and its manifest, docs/guardrails.md). Validation runs in the constructor, before projen deletes or
 * writes anything, so an invalid definition fails `npx projen` with every error
 * and leaves the previous artifacts as they were.
 */
export class LandingZoneArtifacts extends Component {
  public readonly definition: ResolvedLandingZone;

  constructor(project: Project, options: LandingZoneArtifactsOptions) {
    super(project);
    const source = '.projenrc.ts (the landing-zone definition)';
    this.definition = validateOrThrow(options.definition, source);
    const benchmark =
      options.guardrailBenchmark && existsSync(join(project.outdir, options.guardrailBenchmark))
        ? readFileSync(join(project.outdir, options.guardrailBenchmark), 'utf8')
        : undefined;
    // Account IDs recorded by `landfall apply` complete the backup policy (its copy to the backup account's vault).
    const lock = join(project.outdir, 'accounts.lock.json');
    const accountIds = existsSync(lock) ? (JSON.parse(readFileSync(lock, 'utf8')).accounts ?? {}) : {};
    const synthesis = synthesizeArtifacts(this.definition, { guardrailBenchmark: benchmark, accountIds });
    if (!synthesis.ok) throw new LandingZoneValidationError(synthesis.errors, source);
    for (const artifact of synthesis.artifacts) {
      // split keeps the final empty line, so the file ends in a newline exactly as `landfall synth` writes it.
      new TextFile(project, artifact.path, { lines: artifact.content.split('\n'), marker: false });
    }
  }
}
