import { resolve } from 'path';
import { Component, JsonFile, Project } from 'projen';
import { createGenerator } from 'ts-json-schema-generator';

export interface TypeJsonSchemaOptions {
  /** Source file exporting the type, relative to the project (or absolute). */
  readonly source: string;
  /** The exported type to describe. */
  readonly type: string;
  /** Where to write the schema, relative to the project. */
  readonly file: string;
  /** `$id` of the schema. */
  readonly id: string;
  /** `title` of the schema. */
  readonly title: string;
}

/**
 * A JSON Schema generated from a TypeScript type at every `npx projen`, so the
 * schema that ships (and that editors use for YAML completion) cannot drift from
 * the types. JSDoc `@default`, `@pattern`, `@minimum`... become schema keywords;
 * `@fix` becomes our `fix` annotation, the remedy printed with an error.
 */
export class TypeJsonSchema extends Component {
  constructor(project: Project, options: TypeJsonSchemaOptions) {
    super(project);
    const generated = createGenerator({
      path: resolve(project.outdir, options.source),
      type: options.type,
      jsDoc: 'extended',
      extraTags: ['fix'],
      additionalProperties: false,
      skipTypeCheck: true,
      sortProps: true,
    }).createSchema(options.type);
    // No projen marker: a "//" key is not a schema keyword and strict validators reject it.
    new JsonFile(project, options.file, {
      obj: { ...generated, $id: options.id, title: options.title },
      marker: false,
      newline: true,
    });
  }
}
