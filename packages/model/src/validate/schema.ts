import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { ValidationError, didYouMean, joinPath } from './errors';

/** Where the JSON Schema generated from the types ships: `schema/` beside `lib/`. */
export const LANDING_ZONE_SCHEMA_FILE = join(__dirname, '..', '..', 'schema', 'landing-zone.schema.json');

let compiled: ValidateFunction | undefined;

// Compiled on first use: `npx projen` imports this module before it has written the schema.
function schemaCheck(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    // `fix` is our annotation: the remedy shown next to a pattern or length error.
    ajv.addKeyword({ keyword: 'fix', schemaType: 'string' });
    compiled = ajv.compile(JSON.parse(readFileSync(LANDING_ZONE_SCHEMA_FILE, 'utf8')));
  }
  return compiled;
}

/** Structural errors: unknown keys, missing fields, wrong types, bad formats. */
export function checkSchema(input: unknown): ValidationError[] {
  return checkWith(schemaCheck(), input);
}

/** A schema compiled as the definition's is (our `fix` annotation known), for the other files Landfall reads. */
export function compileSchema(schema: object): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
  ajv.addKeyword({ keyword: 'fix', schemaType: 'string' });
  return ajv.compile(schema);
}

/** The errors of `input` against a compiled schema, each with its field path and fix. */
export function checkWith(check: ValidateFunction, input: unknown): ValidationError[] {
  if (check(input)) return [];
  const errors: ValidationError[] = [];
  const seen = new Set<string>();
  for (const raw of check.errors ?? []) {
    // ajv follows a key's own error (named with its fix) with a bare "property name must be valid".
    if (raw.keyword === 'propertyNames') continue;
    const error = explain(raw);
    const key = `${error.path}\u0000${error.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(error);
    }
  }
  return errors;
}

function explain(e: ErrorObject): ValidationError {
  const path = pointerToPath(e.instancePath);
  const parent = (e.parentSchema ?? {}) as { fix?: string; description?: string; properties?: Record<string, unknown> };
  const hint = parent.fix;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      const known = Object.keys(parent.properties ?? {});
      return {
        path: joinPath(path, key),
        message: 'unknown key',
        fix: known.length
          ? `${didYouMean(key, known)} (remove it or fix the spelling)`
          : 'remove it: no keys are allowed here',
      };
    }
    case 'required': {
      const key = String(e.params.missingProperty);
      const property = (parent.properties?.[key] ?? {}) as { description?: string };
      return {
        path: joinPath(path, key),
        message: 'is required',
        fix: `add it${property.description ? `: ${firstSentence(property.description)}` : ''}`,
      };
    }
    case 'type':
      return {
        path,
        message: `must be ${article(String(e.params.type))}, not ${describe(e.data)}`,
        fix: `write ${article(String(e.params.type))} here`,
      };
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      // Only strings get a "did you mean": coercing any other value can throw (fast-check found one).
      const fix = typeof e.data === 'string' ? didYouMean(e.data, allowed) : `use one of: ${allowed.join(', ')}`;
      return {
        path,
        message: `${typeof e.data === 'string' ? JSON.stringify(e.data) : describe(e.data)} is not allowed`,
        fix,
      };
    }
    case 'pattern':
    case 'minLength':
    case 'maxLength':
    case 'format':
      return {
        path,
        message: `${JSON.stringify(e.data)} ${e.message}`,
        fix: hint ?? "see the field's description in the schema",
      };
    case 'minimum':
    case 'maximum':
      return {
        path,
        message: `${JSON.stringify(e.data)} ${e.message}`,
        fix: `use a number ${e.params.comparison} ${e.params.limit}`,
      };
    case 'minItems':
      return { path, message: `${e.message}`, fix: `list at least ${e.params.limit}` };
    case 'uniqueItems':
      return { path, message: `items ${e.params.j} and ${e.params.i} are the same`, fix: 'remove the duplicate' };
    default:
      return { path, message: `${e.message ?? 'is invalid'}`, fix: 'see the schema' };
  }
}

function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<string>((path, segment) => joinPath(path, /^\d+$/.test(segment) ? Number(segment) : segment), '');
}

function firstSentence(text: string): string {
  const sentence = text.split(/(?<=\.)\s/)[0].replace(/\s+/g, ' ');
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${JSON.stringify(value)}`;
}
