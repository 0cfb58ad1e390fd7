import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadDefinitionFile } from '../src';

const dir = mkdtempSync(join(tmpdir(), 'landfall-load-'));
function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('loadDefinitionFile', () => {
  test('reads YAML', () => {
    const result = loadDefinitionFile(file('a.yaml', 'name: acme\nregions: [us-east-1]\n'));
    expect(result).toEqual({ ok: true, content: { name: 'acme', regions: ['us-east-1'] } });
  });

  test('reads JSON', () => {
    expect(loadDefinitionFile(file('a.json', '{"name":"acme"}'))).toEqual({ ok: true, content: { name: 'acme' } });
  });

  test('keeps YAML 1.1 booleans such as `no` as strings (YAML 1.2 core schema)', () => {
    const result = loadDefinitionFile(file('b.yml', 'name: no\n'));
    expect(result.ok && result.content).toEqual({ name: 'no' });
  });

  test('fails on unparseable YAML with the file, line and column', () => {
    const result = loadDefinitionFile(file('bad.yaml', 'name: acme\nregions: [us-east-1\nhomeRegion: x\n'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0].message).toMatch(/bad\.yaml:\d+:\d+: /);
  });

  test('fails on a duplicated YAML key rather than keeping the last one', () => {
    const result = loadDefinitionFile(file('dup.yaml', 'name: a\nname: b\n'));
    expect(!result.ok && result.errors[0].message).toContain('dup.yaml:2:1: Map keys must be unique');
  });

  test('fails on invalid JSON, naming the file', () => {
    const result = loadDefinitionFile(file('bad.json', '{"name": }'));
    expect(!result.ok && result.errors[0].message).toContain('bad.json is not valid JSON');
  });

  test('fails on a missing file with the fix', () => {
    const result = loadDefinitionFile(join(dir, 'missing.yaml'));
    expect(!result.ok && result.errors[0]).toEqual({
      path: '',
      message: `${join(dir, 'missing.yaml')} does not exist`,
      fix: expect.stringContaining('--config'),
    });
  });

  test('fails on an extension that is neither YAML nor JSON', () => {
    const result = loadDefinitionFile(file('a.toml', 'name = "x"'));
    expect(!result.ok && result.errors[0].fix).toContain('rename the file');
  });
});
