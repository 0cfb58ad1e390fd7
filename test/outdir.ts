import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * A fresh folder for a test project. Always pass one: when the working directory
 * is under the system temp folder (as a CI clone may be), projen's default for
 * tests is the working directory itself, and synthesis would clean the checkout.
 */
export function outdir(): string {
  return mkdtempSync(join(tmpdir(), 'landfall-projen-'));
}
