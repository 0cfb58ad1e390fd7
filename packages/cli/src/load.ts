import { ResolvedLandingZone, ValidationError, loadDefinitionFile, validate } from '@landfall/model';

/** A definition file, read and validated: the definition, or every error. */
export type Loaded =
  | { readonly ok: true; readonly definition: ResolvedLandingZone }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

export function loadAndValidate(file: string): Loaded {
  const loaded = loadDefinitionFile(file);
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  const result = validate(loaded.content);
  return result.valid ? { ok: true, definition: result.definition } : { ok: false, errors: result.errors };
}
