import fc from 'fast-check';
import { resolveDefaults, validate } from '../src';
import { validDefinition } from './fixtures';

/** Segments of a field path such as `organization.ous[2]."a b"`. */
function segments(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  const pattern = /\[(\d+)\]|"((?:[^"\\]|\\.)*)"|([^.[\]"]+)/g;
  for (let m = pattern.exec(path); m; m = pattern.exec(path)) {
    out.push(m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? JSON.parse(`"${m[2]}"`) : m[3]);
  }
  return out;
}

/** Whether everything but the last segment of `path` exists in `doc`: the error points into the document. */
function parentExists(doc: unknown, path: string): boolean {
  let node: any = doc;
  for (const segment of segments(path).slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !(segment in node)) return false;
    node = node[segment];
  }
  return true;
}

/** Every (path, container) pair of a JSON document, to pick mutation sites from. */
function sites(doc: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (doc === null || typeof doc !== 'object') return [at];
  const children = Array.isArray(doc) ? doc.map((_, i) => i) : Object.keys(doc);
  return [at, ...children.flatMap((k) => sites((doc as any)[k], [...at, k]))];
}

/** The container holding the last segment of `path`, or undefined when an earlier mutation removed it. */
function containerOf(doc: any, path: Array<string | number>): any {
  let node = doc;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object' || !(segment in node)) return undefined;
    node = node[segment];
  }
  return node !== null && typeof node === 'object' ? node : undefined;
}

const allSites = sites(validDefinition());
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    site: fc.constantFrom(...allSites),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), site: fc.constantFrom(...allSites.filter((s) => s.length > 0)) }),
  fc.record({
    kind: fc.constant('add' as const),
    site: fc.constantFrom(...allSites),
    key: fc.string({ maxLength: 12 }),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
);

function mutate(doc: any, m: any): any {
  if (m.site.length === 0) return m.kind === 'replace' ? m.value : doc;
  const container = containerOf(doc, m.site);
  const last = m.site[m.site.length - 1];
  if (container === undefined || !(last in container)) return doc;
  if (m.kind === 'replace') {
    container[last] = m.value;
  } else if (m.kind === 'delete') {
    Array.isArray(container) ? container.splice(Number(last), 1) : delete container[last];
  } else {
    const node = container[last];
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) node[m.key] = m.value;
  }
  return doc;
}

describe('validate, on any input', () => {
  test('never throws on random JSON documents, and every error has a path, a message and a fix', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (doc) => {
        const result = validate(doc);
        for (const error of result.errors) {
          expect(typeof error.path).toBe('string');
          expect(error.message.length).toBeGreaterThan(0);
          expect(error.fix.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('never throws on mutated valid definitions, and every error names a field inside the document', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        let doc: any = validDefinition();
        for (const m of mutations) doc = mutate(doc, m);
        const result = validate(doc);
        if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return;
        for (const error of result.errors) {
          expect(error.path).not.toBe('');
          expect(parentExists(doc, error.path)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('reports an unknown key added anywhere in an object as an error at that key', () => {
    const objectSites = allSites.filter((site) => {
      let node: any = validDefinition();
      for (const s of site) node = node[s];
      return (
        node !== null &&
        typeof node === 'object' &&
        !Array.isArray(node) &&
        site[site.length - 1] !== 'environments' &&
        site[site.length - 1] !== 'accountCidrs'
      );
    });
    fc.assert(
      fc.property(fc.constantFrom(...objectSites), (site) => {
        const doc: any = validDefinition();
        let node = doc;
        for (const s of site) node = node[s];
        node.zzUnknownKey = 1;
        const paths = validate(doc).errors.map((e) => e.path);
        expect(paths.some((p) => p.endsWith('zzUnknownKey'))).toBe(true);
      }),
    );
  });

  test('accepts its own resolved output unchanged (landing-zone.json validates and resolves to itself)', () => {
    const resolved = resolveDefaults(validDefinition());
    const again = validate(JSON.parse(JSON.stringify(resolved)));
    expect(again.errors).toEqual([]);
    expect(again.valid && again.definition).toEqual(resolved);
  });
});
