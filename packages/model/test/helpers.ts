import { ValidationError, validate } from '../src';

/** The errors of an invalid definition; fails the test if it is valid. */
export function errorsOf(input: unknown): readonly ValidationError[] {
  const result = validate(input);
  if (result.valid) throw new Error('expected the definition to be invalid, but it validated');
  return result.errors;
}

/** The single error at `path`; fails the test if there is none or several. */
export function errorAt(input: unknown, path: string): ValidationError {
  const errors = errorsOf(input);
  const matching = errors.filter((e) => e.path === path);
  if (matching.length !== 1) {
    throw new Error(
      `expected one error at ${path}, got ${matching.length}; all errors:\n${errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`,
    );
  }
  return matching[0];
}
