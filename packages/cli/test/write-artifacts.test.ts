import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { writeArtifacts } from '../src';

describe('writeArtifacts', () => {
  test('writes nested files and leaves other files in the folder alone', () => {
    const parent = mkdtempSync(join(tmpdir(), 'landfall-write-'));
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    writeArtifacts(out, [
      { path: 'a.json', content: '{}\n' },
      { path: 'docs/b.md', content: '# b\n' },
    ]);
    expect(readFileSync(join(out, 'docs', 'b.md'), 'utf8')).toBe('# b\n');
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(out).sort()).toEqual(['a.json', 'docs', 'keep.txt']);
  });

  test('leaves no staging folder behind, and writes nothing outside the folder', () => {
    const parent = mkdtempSync(join(tmpdir(), 'landfall-write-'));
    writeArtifacts(join(parent, 'out'), [{ path: 'a.json', content: '{}\n' }]);
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readdirSync(join(parent, 'out'))).toEqual(['a.json']);
  });
});
