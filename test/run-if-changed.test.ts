import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseArgs, runIfChanged } from '../projenrc/run-if-changed';

function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'landfall-run-if-changed-'));
  const input = join(dir, 'landing-zone.json');
  const inputs = join(dir, 'accounts');
  mkdirSync(inputs);
  writeFileSync(input, '{"name":"a"}');
  writeFileSync(join(inputs, 'index.ts'), '');
  const output = join(dir, 'out', 'result.txt');
  const runs = join(dir, 'runs.txt');
  const args = {
    stamp: join(dir, 'out', '.stamps', 'step'),
    inputs: [input, inputs, join(dir, 'accounts.lock.json')],
    outputs: [output],
    // Counts its runs, and makes its output.
    command: `echo run >> ${runs} && mkdir -p ${join(dir, 'out')} && echo made > ${output}`,
  };
  const count = () => (existsSync(runs) ? readFileSync(runs, 'utf8').trim().split('\n').length : 0);
  return { dir, input, inputs, output, args, count };
}

const quiet = () => undefined;

describe('run-if-changed: a main-job step runs again only when what it reads changed', () => {
  test('runs the first time, then skips while nothing changed', () => {
    const w = workspace();
    expect(runIfChanged(w.args, quiet)).toBe(0);
    expect(runIfChanged(w.args, quiet)).toBe(0);
    expect(w.count()).toBe(1);
  });

  test('runs again when an input file, a file in an input folder, or an absent input changes', () => {
    const w = workspace();
    runIfChanged(w.args, quiet);
    writeFileSync(w.input, '{"name":"b"}');
    runIfChanged(w.args, quiet);
    expect(w.count()).toBe(2);
    writeFileSync(join(w.inputs, 'index.ts'), 'export {};');
    runIfChanged(w.args, quiet);
    expect(w.count()).toBe(3);
    writeFileSync(join(w.dir, 'accounts.lock.json'), '{}');
    runIfChanged(w.args, quiet);
    expect(w.count()).toBe(4);
    runIfChanged(w.args, quiet);
    expect(w.count()).toBe(4);
  });

  test('runs again when an output is gone, or when the command changed', () => {
    const w = workspace();
    runIfChanged(w.args, quiet);
    rmSync(w.output);
    runIfChanged(w.args, quiet);
    expect(w.count()).toBe(2);
    runIfChanged({ ...w.args, command: `${w.args.command} && true` }, quiet);
    expect(w.count()).toBe(3);
  });

  test('runs again when another command rewrote an output since', () => {
    const w = workspace();
    runIfChanged(w.args, quiet);
    writeFileSync(w.output, 'made by someone else');
    runIfChanged(w.args, quiet);
    expect(w.count()).toBe(2);
    expect(readFileSync(w.output, 'utf8')).toBe('made\n');
    runIfChanged(w.args, quiet);
    expect(w.count()).toBe(2);
  });

  test('a failed run returns its status and leaves no stamp, so the next run tries again', () => {
    const w = workspace();
    runIfChanged(w.args, quiet);
    writeFileSync(w.input, '{"name":"c"}');
    expect(runIfChanged({ ...w.args, command: `${w.args.command} && exit 3` }, quiet)).toBe(3);
    expect(existsSync(w.args.stamp)).toBe(false);
    runIfChanged(w.args, quiet);
    expect(w.count()).toBe(3);
  });

  test('reads its arguments, and names what is wrong with them', () => {
    expect(parseArgs(['--stamp', 's', '--inputs', 'a', 'b', '--outputs', 'o', '--', 'echo', 'hi'])).toEqual({
      stamp: 's',
      inputs: ['a', 'b'],
      outputs: ['o'],
      command: 'echo hi',
    });
    expect(() => parseArgs(['--stamp', 's'])).toThrow('no command after `--`');
    expect(() => parseArgs(['--inputs', 'a', '--', 'x'])).toThrow('exactly one --stamp');
    expect(() => parseArgs(['a', '--', 'x'])).toThrow("'a' is not after --stamp, --inputs or --outputs");
  });
});
