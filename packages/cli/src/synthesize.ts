import { compileGuardrails, renderGuardrailArtifacts } from '@landfall/guardrails';
import {
  ConstructSections,
  StacksDocSection,
  checkLandingZone,
  renderAccessArtifacts,
  renderArchitectureArtifacts,
  renderHipaaMatrix,
  renderStacksDoc,
  renderBackupArtifacts,
  renderRolloutArtifacts,
  renderLoggingArtifacts,
} from '@landfall/landing-zone';
import { Artifact, ResolvedLandingZone, ValidationError, renderArtifacts } from '@landfall/model';

/** Everything the main job derives from a valid definition, or why it cannot. */
export type Synthesis =
  | {
      readonly ok: true;
      readonly artifacts: Artifact[];
      /** What the policies leave out until an account exists (the backup policy's copy to the backup account). */
      readonly pending: readonly string[];
    }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

export interface SynthesizeOptions {
  /** Markdown with benchmark results to add to docs/guardrails.md. */
  readonly guardrailBenchmark?: string;
  /**
   * Account IDs by name (accounts.lock.json): the backup policy copies to the backup account's vault by its ID.
   * @default - none: the backup policy leaves that copy out and says so
   */
  readonly accountIds?: Readonly<Record<string, string>>;
  /** Sections to append to docs/stacks.md (a repository's synthesis benchmarks). @default - none */
  readonly stacksDocSections?: readonly StacksDocSection[];
  /**
   * The constructs and the HIPAA sections each serves, for docs/hipaa-matrix.md.
   * @default - read from the installed construct packages' jsii assemblies
   */
  readonly hipaaConstructs?: readonly ConstructSections[];
}

/**
 * The artifacts of a validated definition: landing-zone.json, docs/accounts.md,
 * scp/ with its manifest, docs/guardrails.md, docs/logging.md, docs/backup.md, docs/access.md, docs/architecture.md
 * and .svg, docs/stacks.md, docs/hipaa-matrix.md. `landfall synth` and `npx projen` both write exactly these.
 */
export function synthesizeArtifacts(lz: ResolvedLandingZone, options: SynthesizeOptions = {}): Synthesis {
  const problems = checkLandingZone(lz);
  if (problems.length > 0) return { ok: false, errors: problems };
  const guardrails = compileGuardrails(lz, undefined, options.accountIds ?? {});
  if (!guardrails.ok) return { ok: false, errors: guardrails.errors };
  let matrix: Artifact;
  try {
    matrix = renderHipaaMatrix(options.hipaaConstructs, {
      attachments: guardrails.compilation.attachments,
      waivers: guardrails.compilation.waivers,
    });
  } catch (error) {
    // An installation without a construct package's jsii assembly, or a construct that states no HIPAA section.
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `docs/hipaa-matrix.md cannot be written: ${(error as Error).message}`,
          fix: 'reinstall the @landfall packages (npm ci), or build them (npx projen compile) in the Landfall repository',
        },
      ],
    };
  }
  return {
    ok: true,
    pending: guardrails.compilation.pending,
    artifacts: [
      ...renderArtifacts(lz),
      ...renderGuardrailArtifacts(guardrails.compilation, options.guardrailBenchmark),
      ...renderLoggingArtifacts(lz),
      ...renderBackupArtifacts(lz),
      ...renderAccessArtifacts(lz),
      ...renderRolloutArtifacts(lz),
      ...renderArchitectureArtifacts(lz),
      renderStacksDoc(lz, options.stacksDocSections),
      matrix,
    ],
  };
}
