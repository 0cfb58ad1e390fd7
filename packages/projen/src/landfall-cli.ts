import { readFileSync } from 'fs';
import { createRequire } from 'module';
import { join } from 'path';

/** The API version of `@landfall/cli` these components speak (its `PROJECT_API_VERSION`). */
const API_VERSION = 1;

/** What the components use of `@landfall/cli`'s public API (its `projectFiles` and friends). */
export interface LandfallCliApi {
  readonly PROJECT_API_VERSION: number;
  projectFiles(options: {
    projectDir: string;
    definitionFile?: string;
    definition?: unknown;
    starter?: boolean;
    starterName?: string;
    source?: string;
    guardrailBenchmark?: string;
    stacksDocSections?: { title: string; lines: string[] }[];
    constructSources?: string;
    mainHeader?: string[];
    accountsApp?: boolean;
  }): {
    readonly definition: unknown;
    readonly files: readonly { path: string; content: string; sample?: boolean; readonly?: boolean }[];
    readonly ignored: readonly string[];
  };
  orphanAccountNotes(projectDir: string, definition: unknown): string[];
}

/**
 * `@landfall/cli` as the project installed it, resolved from the project's own folder (a jsii package cannot depend
 * on a plain npm package, and a project type must generate with the Landfall the project pins). Undefined when it is
 * not installed yet: the first synthesis of `npx projen new`, before its install.
 */
export function loadLandfallCli(projectDir: string): LandfallCliApi | undefined {
  const require = createRequire(join(projectDir, 'package.json'));
  let resolved: string;
  try {
    resolved = require.resolve('@landfall/cli');
  } catch {
    return undefined;
  }
  const api = require(resolved) as Partial<LandfallCliApi>;
  if (api.PROJECT_API_VERSION !== API_VERSION || typeof api.projectFiles !== 'function') {
    throw new Error(
      `@landfall/cli (${resolved}) speaks project API ${api.PROJECT_API_VERSION ?? '(none)'}, and @landfall/projen ${ownVersion()} speaks ${API_VERSION}: install the versions of @landfall/cli and @landfall/projen released together (npx projen upgrade)`,
    );
  }
  return api as LandfallCliApi;
}

/** This package's manifest: its version, and the versions of Landfall and the CDK a project it makes depends on. */
export function ownManifest(): { version: string; devDependencies: Record<string, string> } {
  return JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
}

function ownVersion(): string {
  return ownManifest().version;
}
