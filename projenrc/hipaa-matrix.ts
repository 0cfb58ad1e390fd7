import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { ConstructSections, hipaaSectionsOf, undocumentedConstruct } from '../packages/landing-zone/src/hipaa-matrix';

/**
 * Reads the `HIPAA:` line of every exported construct class in a package's src/: the same documentation
 * that its jsii assembly carries to `landfall synth`, read before anything is compiled. Throws, naming the
 * class, when one has no such line: every construct states the sections it serves.
 */
export function constructSections(packageDir: string, packageName: string): ConstructSections[] {
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
