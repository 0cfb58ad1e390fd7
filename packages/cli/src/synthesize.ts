import { compileGuardrails, renderGuardrailArtifacts } from '@landfall/guardrails';
import { checkLandingZone, renderLoggingArtifacts } from '@landfall/landing-zone';
import { Artifact, ResolvedLandingZone, ValidationError, renderArtifacts } from '@landfall/model';

/** Everything the main job derives from a valid definition, or why it cannot. */
export type Synthesis =
  | { readonly ok: true; readonly artifacts: Artifact[] }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

export interface SynthesizeOptions {
  /** Markdown with benchmark results to add to docs/guardrails.md. */
  readonly guardrailBenchmark?: string;
}

/**
 * The artifacts of a validated definition: landing-zone.json, docs/accounts.md,
 * scp/ with its manifest, docs/guardrails.md, docs/logging.md. `landfall synth` and `npx projen`
 * both write exactly these.
 */
export function synthesizeArtifacts(lz: ResolvedLandingZone, options: SynthesizeOptions = {}): Synthesis {
  const problems = checkLandingZone(lz);
  if (problems.length > 0) return { ok: false, errors: problems };
  const guardrails = compileGuardrails(lz);
  if (!guardrails.ok) return { ok: false, errors: guardrails.errors };
  return {
    ok: true,
    artifacts: [
      ...renderArtifacts(lz),
      ...renderGuardrailArtifacts(guardrails.compilation, options.guardrailBenchmark),
      ...renderLoggingArtifacts(lz),
    ],
  };
}
