import { parse, parseDocument } from 'yaml';
import { EXAMPLE_DEFINITION, starterDefinitionYaml, validate } from '../src';

describe('starterDefinitionYaml (landfall init)', () => {
  test('is the embedded example, valid as it stands, with the name asked for', () => {
    const starter = parse(starterDefinitionYaml({ name: 'beta-clinic' }));
    expect(starter).toEqual({ ...EXAMPLE_DEFINITION, name: 'beta-clinic' });
    expect(validate(starter).valid).toBe(true);
    expect(parse(starterDefinitionYaml()).name).toBe(EXAMPLE_DEFINITION.name);
  });

  test('comments every top-level field with its description from the schema', () => {
    const doc = parseDocument(starterDefinitionYaml());
    const items = (doc.contents as any).items as Array<{ key: { value: string; commentBefore?: string } }>;
    expect(items.map((p) => p.key.value)).toEqual(Object.keys(EXAMPLE_DEFINITION));
    for (const pair of items) expect(pair.key.commentBefore).toMatch(/\S/);
    const text = starterDefinitionYaml();
    // A nested field's description, placed above the list item it describes.
    expect(text).toMatch(/# Root user email of the account[^\n]*\n\s+email: aws-management@example\.com/);
    expect(text.startsWith('# yaml-language-server: $schema=')).toBe(true);
  });
});
