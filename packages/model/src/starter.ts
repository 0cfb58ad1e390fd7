import { readFileSync } from 'fs';
import { Document, YAMLMap, YAMLSeq, isMap, isScalar, isSeq } from 'yaml';
import type { LandingZoneDefinition } from './definition';
import { EXAMPLE_DEFINITION } from './example';
import { LANDING_ZONE_SCHEMA_FILE } from './validate/schema';

/** A JSON Schema node, as ts-json-schema-generator writes them (definitions by `$ref`, unions by `anyOf`). */
interface SchemaNode {
  readonly $ref?: string;
  readonly description?: string;
  readonly properties?: Record<string, SchemaNode>;
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly additionalProperties?: SchemaNode | boolean;
}

function resolve(schema: { definitions?: Record<string, SchemaNode> }, node: SchemaNode | undefined): SchemaNode[] {
  if (!node) return [];
  if (node.$ref) return resolve(schema, schema.definitions?.[node.$ref.replace('#/definitions/', '')]);
  const alternatives = node.anyOf ?? node.oneOf;
  return alternatives ? alternatives.flatMap((a) => resolve(schema, a)) : [node];
}

/** The schema of `key` in an object of schema `node`, with its description (the property's, else its type's). */
function property(
  schema: { definitions?: Record<string, SchemaNode> },
  node: SchemaNode | undefined,
  key: string,
): { node?: SchemaNode; description?: string } {
  for (const candidate of resolve(schema, node)) {
    const child =
      candidate.properties?.[key] ??
      (typeof candidate.additionalProperties === 'object' ? candidate.additionalProperties : undefined);
    if (child) return { node: child, description: child.description ?? resolve(schema, child)[0]?.description };
  }
  return {};
}

function itemsOf(schema: { definitions?: Record<string, SchemaNode> }, node: SchemaNode | undefined) {
  return resolve(schema, node).find((n) => n.items)?.items;
}

/** The first paragraph of a description, as comment lines (`yaml` adds the `#`). */
function comment(description: string): string {
  return description
    .split(/\n\s*\n/)[0]
    .split('\n')
    .map((line) => ` ${line.trim()}`)
    .join('\n');
}

function annotate(schema: { definitions?: Record<string, SchemaNode> }, value: unknown, node: SchemaNode | undefined) {
  if (isMap(value)) {
    for (const pair of (value as YAMLMap).items) {
      if (!isScalar(pair.key)) continue;
      const { node: child, description } = property(schema, node, String(pair.key.value));
      if (description) pair.key.commentBefore = comment(description);
      annotate(schema, pair.value, child);
    }
  } else if (isSeq(value)) {
    // Only the first item is commented: the others share its fields.
    const first = (value as YAMLSeq).items[0];
    if (first !== undefined) annotate(schema, first, itemsOf(schema, node));
    // A comment on an item's first key would print after its dash; put it above the item instead.
    const firstKey = isMap(first) ? (first as YAMLMap).items[0]?.key : undefined;
    if (isScalar(firstKey) && firstKey.commentBefore) {
      (first as YAMLMap).commentBefore = firstKey.commentBefore;
      firstKey.commentBefore = undefined;
    }
  }
}

export interface StarterOptions {
  /** The organization's name (`name`). @default the example's, acme-health */
  readonly name?: string;
  /** Where the schema is, for editors (a yaml-language-server modeline). @default node_modules/@landfall/model/schema/landing-zone.schema.json */
  readonly schemaPath?: string;
}

/**
 * A starter definition in YAML: the embedded example (`EXAMPLE_DEFINITION`), every field commented with its
 * description from the schema, so a new client's definition starts from a complete, valid landing zone.
 */
export function starterDefinitionYaml(options: StarterOptions = {}): string {
  const definition: LandingZoneDefinition = { ...EXAMPLE_DEFINITION, ...(options.name ? { name: options.name } : {}) };
  const doc = new Document(definition);
  const schema = JSON.parse(readFileSync(LANDING_ZONE_SCHEMA_FILE, 'utf8')) as {
    definitions?: Record<string, SchemaNode>;
    $ref?: string;
  };
  annotate(schema, doc.contents, { $ref: schema.$ref });
  doc.commentBefore = [
    ` yaml-language-server: $schema=${options.schemaPath ?? 'node_modules/@landfall/model/schema/landing-zone.schema.json'}`,
    '',
    ' A Landfall landing-zone definition, started from the embedded example (acme-health) by `landfall init`.',
    " Every ID and address in it is a placeholder (example.com, 111111111111): replace them with the client's.",
    ' Check it with `npx landfall validate`; every error names the field and the fix.',
  ].join('\n');
  return doc.toString({ lineWidth: 0 });
}
