import { readFileSync } from 'fs';
import { extname } from 'path';
import { LineCounter, parseDocument } from 'yaml';
import { ValidationError } from './validate/errors';

/** A parsed definition file: its content, or why it could not be read. */
export type LoadResult =
  | { readonly ok: true; readonly content: unknown }
  | { readonly ok: false; readonly errors: readonly ValidationError[] };

/**
 * Reads a definition from a `.yaml`, `.yml` or `.json` file. Parse errors come
 * back with the line and column; nothing here validates the content.
 */
export function loadDefinitionFile(file: string): LoadResult {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const reason =
      (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(e as Error).message})`;
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `${file} ${reason}`,
          fix: 'pass the path of a landing-zone .yaml or .json file with --config',
        },
      ],
    };
  }
  const extension = extname(file).toLowerCase();
  if (extension === '.json') return parseJson(file, source);
  if (extension === '.yaml' || extension === '.yml') return parseYaml(file, source);
  return {
    ok: false,
    errors: [
      {
        path: '',
        message: `${file} is neither .yaml, .yml nor .json`,
        fix: 'rename the file with the extension of its format',
      },
    ],
  };
}

export function parseJson(file: string, source: string): LoadResult {
  try {
    return { ok: true, content: JSON.parse(source) };
  } catch (e) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `${file} is not valid JSON: ${(e as Error).message}`,
          fix: 'fix the JSON syntax at the position shown',
        },
      ],
    };
  }
}

export function parseYaml(file: string, source: string): LoadResult {
  const lineCounter = new LineCounter();
  // YAML 1.2 core schema: `no` stays a string, duplicate keys are errors.
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, schema: 'core' });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return {
          path: '',
          message: `${file}:${at.line}:${at.col}: ${firstLine(error.message)}`,
          fix: 'fix the YAML syntax at that line',
        };
      }),
    };
  }
  return { ok: true, content: document.toJS({ maxAliasCount: 100 }) };
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
