import { ResolvedLandingZone, resolveDefaults } from '../defaults';
import { LandingZoneDefinition } from '../definition';
import { isRecord } from '../walk';
import { LandingZoneValidationError, ValidationError } from './errors';
import { checkSchema } from './schema';
import { checkAccess } from './semantic/access';
import { checkBackup } from './semantic/backup';
import { checkGuardrails } from './semantic/guardrails';
import { checkIdentity } from './semantic/identity';
import { checkNetwork } from './semantic/network';
import { checkOrganization } from './semantic/organization';
import { checkRegions, checkSections } from './semantic/regions';

export * from './errors';
export { checkSchema, checkWith, compileSchema, LANDING_ZONE_SCHEMA_FILE } from './schema';
export { globToRegExp } from './semantic/guardrails';

/** Every error in a definition, or the definition with its defaults written out. */
export type ValidationResult =
  | { readonly valid: true; readonly errors: readonly []; readonly definition: ResolvedLandingZone }
  | { readonly valid: false; readonly errors: readonly ValidationError[] };

/**
 * Checks a definition against the schema (structure, unknown keys, formats) and
 * the semantic rules (uniqueness, roles, regions, address plan, isolation), and
 * collects every error. Pure: reads nothing, writes nothing, never throws on
 * bad input.
 */
export function validate(input: unknown): ValidationResult {
  const errors = [...checkSchema(input)];
  if (isRecord(input)) {
    errors.push(
      ...checkRegions(input),
      ...checkOrganization(input),
      ...checkNetwork(input),
      ...checkSections(input),
      ...checkGuardrails(input),
      ...checkBackup(input),
      ...checkAccess(input),
      ...checkIdentity(input),
    );
  }
  if (errors.length > 0) return { valid: false, errors };
  return { valid: true, errors: [], definition: resolveDefaults(input as LandingZoneDefinition) };
}

/** Like `validate`, but throws a `LandingZoneValidationError` listing every error. */
export function validateOrThrow(input: unknown, source?: string): ResolvedLandingZone {
  const result = validate(input);
  if (!result.valid) throw new LandingZoneValidationError(result.errors, source);
  return result.definition;
}
