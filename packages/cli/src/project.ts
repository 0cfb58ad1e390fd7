import { existsSync, readFileSync, readdirSync } from 'fs';
import { extname, join } from 'path';
import {
  ACCOUNTS_APP_CDK_JSON,
  ACCOUNTS_APP_IGNORED,
  CONSTRUCT_PACKAGES,
  ConstructSections,
  hipaaSectionsOf,
  orphanAccountFolderNote,
  orphanAccountFolders,
  readDeploymentIds,
  renderAccountsMain,
  sampleAccountsOf,
  sampleCustomization,
  undocumentedConstruct,
} from '@landfall/landing-zone';
import {
  LandingZoneValidationError,
  ResolvedLandingZone,
  parseYaml,
  starterDefinitionYaml,
  validateOrThrow,
} from '@landfall/model';
import { Loaded, loadAndValidate, validateLoaded } from './load';
import { synthesizeArtifacts } from './synthesize';

/**
 * The version of this API. `@landfall/projen` loads `@landfall/cli` from the project's own node_modules and refuses
 * one whose API it does not know, naming the versions to install.
 */
export const PROJECT_API_VERSION = 1;

/** What a projen project generates from a landing-zone definition (`@landfall/projen`'s components). */
export interface ProjectFilesOptions {
  /** The project's folder: the definition file, accounts.lock.json and accounts/ are read from it. */
  readonly projectDir: string;
  /** The definition file (YAML or JSON), relative to `projectDir`. Exactly one of this and `definition`. */
  readonly definitionFile?: string;
  /** The definition itself, as typed in a .projenrc.ts. */
  readonly definition?: unknown;
  /**
   * When `definitionFile` does not exist: write `landfall init`'s starter there (a sample file: the user's from then
   * on) and generate from it. @default false
   */
  readonly starter?: boolean;
  /** The landing-zone name in the starter. @default - the starter's own */
  readonly starterName?: string;
  /** How an error names the definition. @default - the file, or ".projenrc.ts" */
  readonly source?: string;
  /** Markdown (not a file name) with guardrail benchmark results for docs/guardrails.md. */
  readonly guardrailBenchmark?: string;
  /** Extra sections at the end of docs/stacks.md. */
  readonly stacksDocSections?: readonly { readonly title: string; readonly lines: readonly string[] }[];
  /**
   * A Landfall checkout's `packages/` folder: the constructs' HIPAA sections are read from their sources, which
   * exist before anything is built. By default they come from the installed packages' jsii assemblies.
   */
  readonly constructSources?: string;
  /** The first lines of accounts/main.ts: who generated it and how to change it. */
  readonly mainHeader?: readonly string[];
  /** Whether to write the accounts/ app (accounts/main.ts, a folder per account, cdk.json). @default true */
  readonly accountsApp?: boolean;
}

/** One file a project writes. */
export interface ProjectFile {
  /** Relative to the project. */
  readonly path: string;
  readonly content: string;
  /** The user's once written (an account's customization): created when missing, never overwritten. */
  readonly sample?: boolean;
  /** Generated on every run, with a header that says so: read-only in the working tree. */
  readonly readonly?: boolean;
}

export interface ProjectFiles {
  readonly definition: ResolvedLandingZone;
  readonly files: readonly ProjectFile[];
  /** What the project's .gitignore leaves out (the staged and previous cloud assemblies, the check report). */
  readonly ignored: readonly string[];
}

/**
 * Every file `landfall synth --no-assembly` and `landfall app` write for a definition, for a projen project to own.
 * An invalid definition throws a LandingZoneValidationError with every error and its fix, before anything is written.
 */
export function projectFiles(options: ProjectFilesOptions): ProjectFiles {
  if ((options.definitionFile === undefined) === (options.definition === undefined)) {
    throw new Error('projectFiles: pass exactly one of definitionFile and definition');
  }
  const source = options.source ?? options.definitionFile ?? '.projenrc.ts (the landing-zone definition)';
  let definition: ResolvedLandingZone;
  const files: ProjectFile[] = [];
  if (options.definitionFile !== undefined) {
    const file = join(options.projectDir, options.definitionFile);
    let loaded: Loaded;
    if (options.starter && !existsSync(file)) {
      const content = starterDefinitionYaml({ name: options.starterName });
      files.push({ path: options.definitionFile, content, sample: true });
      loaded = validateLoaded(
        extname(file).toLowerCase() === '.json'
          ? {
              ok: false,
              errors: [
                {
                  path: 'definitionFile',
                  message: `${options.definitionFile} does not exist, and the starter written in its place is YAML`,
                  fix: 'name the definition file .yaml (e.g. landing-zone.yaml), or write the JSON definition yourself',
                },
              ],
            }
          : parseYaml(file, content),
      );
    } else {
      loaded = loadAndValidate(file);
    }
    if (!loaded.ok) throw new LandingZoneValidationError(loaded.errors, source);
    definition = loaded.definition;
  } else {
    definition = validateOrThrow(options.definition, source);
  }
  // Account IDs recorded by `landfall apply` complete the backup policy (its copy to the backup account's vault).
  const accountIds = readDeploymentIds(join(options.projectDir, 'accounts.lock.json')).accounts;
  const synthesis = synthesizeArtifacts(definition, {
    guardrailBenchmark: options.guardrailBenchmark,
    accountIds,
    stacksDocSections: options.stacksDocSections?.map((s) => ({ title: s.title, lines: [...s.lines] })),
    hipaaConstructs:
      options.constructSources === undefined
        ? undefined
        : CONSTRUCT_PACKAGES.flatMap((p) =>
            constructSectionsFromSources(join(options.constructSources!, p.replace('@landfall/', '')), p),
          ),
  });
  if (!synthesis.ok) throw new LandingZoneValidationError(synthesis.errors, source);
  files.push(...synthesis.artifacts.map((a) => ({ path: a.path, content: a.content })));
  if (options.accountsApp ?? true) {
    files.push({
      path: 'accounts/main.ts',
      content: renderAccountsMain(definition, { header: [...(options.mainHeader ?? [])] }),
      readonly: true,
    });
    for (const a of sampleAccountsOf(definition)) {
      files.push({ path: `accounts/${a.name}/index.ts`, content: sampleCustomization(a), sample: true });
    }
    files.push({ path: 'cdk.json', content: JSON.stringify(ACCOUNTS_APP_CDK_JSON, undefined, 2) + '\n' });
  }
  return { definition, files, ignored: options.accountsApp === false ? [] : [...ACCOUNTS_APP_IGNORED] };
}

/** A folder of accounts/ that no account of the definition owns (renamed or removed), each said once. */
export function orphanAccountNotes(projectDir: string, definition: ResolvedLandingZone): string[] {
  const { stackPrefixes } = readDeploymentIds(join(projectDir, 'accounts.lock.json'));
  return orphanAccountFolders(projectDir, definition).map((folder) => orphanAccountFolderNote(folder, stackPrefixes));
}

/**
 * Reads the `HIPAA:` line of every exported construct class in a package's src/: the same documentation that its
 * jsii assembly carries to `landfall synth`, read before anything is compiled. Throws, naming the class, when one
 * has no such line: every construct states the sections it serves.
 */
export function constructSectionsFromSources(packageDir: string, packageName: string): ConstructSections[] {
  const src = join(packageDir, 'src');
  const found: ConstructSections[] = [];
  for (const file of readdirSync(src)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const text = readFileSync(join(src, file), 'utf8');
    for (const match of text.matchAll(
      /(\/\*\*(?:(?!\*\/)[\s\S])*\*\/)\s*export class (\w+) extends (?:Construct|Stack)\b/g,
    )) {
      const [, doc, construct] = match;
      const sections = hipaaSectionsOf(doc);
      if (sections.length === 0) throw undocumentedConstruct(packageName, file, construct);
      found.push({ packageName, construct, sections });
    }
  }
  return found;
}
