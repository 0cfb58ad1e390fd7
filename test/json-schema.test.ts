import { readFileSync } from 'fs';
import { join } from 'path';
import { Project, Testing } from 'projen';
import { outdir } from './outdir';
import { TypeJsonSchema } from '../projenrc/json-schema';

const MODEL = join(__dirname, '..', 'packages', 'model');

function synthSchema(): any {
  const project = new Project({ name: 'schema-test', outdir: outdir() });
  new TypeJsonSchema(project, {
    source: join(MODEL, 'src/definition/index.ts'),
    type: 'LandingZoneDefinition',
    file: 'schema.json',
    id: 'https://landfall.dev/schema/landing-zone.schema.json',
    title: 'Landfall landing-zone definition',
  });
  return Testing.synth(project)['schema.json'];
}

describe('TypeJsonSchema', () => {
  const schema = synthSchema();

  test('the committed model schema matches the types (run `npx projen` after changing them)', () => {
    expect(JSON.parse(readFileSync(join(MODEL, 'schema/landing-zone.schema.json'), 'utf8'))).toEqual(schema);
  });

  test('rejects unknown keys, so a typo is an error', () => {
    expect(schema.definitions.LandingZoneDefinition.additionalProperties).toBe(false);
  });

  test('carries @fix hints and @default values from the JSDoc', () => {
    const account = schema.definitions.AccountDefinition.properties;
    expect(account.email.fix).toContain('aws-prod@example.com');
    expect(schema.definitions.NetworkDefinition.properties.topology.default).toBe('transit-gateway');
  });
});
