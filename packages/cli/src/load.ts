import { checkLandingZone } from '@landfall/landing-zone';
import { LoadResult, ResolvedLandingZone, ValidationError, loadDefinitionFile, validate } from '@landfall/model';

/** A definition file, read and validated: the definition, or every error. */
export type Loaded =
  | { readonly ok: true; readonly definition: ResolvedLandingZone }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

export function loadAndValidate(file: string): Loaded {
  return validateLoaded(loadDefinitionFile(file));
}

/** A parsed definition (from a file, or a text in memory), validated: the definition, or every error. */
export function validateLoaded(loaded: LoadResult): Loaded {
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const result = validate(loaded.content);
  if (!result.valid) return { ok: false, errors: result.errors };
  // What the stacks need beyond the model (e.g. endpoint services AWS has), before anything is synthesized.
  const problems = checkLandingZone(result.definition);
  return problems.length > 0 ? { ok: false, errors: problems } : { ok: true, definition: result.definition };
}
