import { ChildProcess, spawn } from 'child_process';
import { join } from 'path';

export const REPO = join(__dirname, '..', '..', '..');
const BIN = join(__dirname, '..', 'lib', 'main.js');

// The emulator checks no signature; a key STS did not issue signs as the management account. The CDK's own
// CloudFormation schema validation (half of each synthesis, warnings only) is off: these tests deploy, they do not
// read the check report; `landfall` itself always runs it.
const env = {
  ...process.env,
  NO_COLOR: '1',
  CDK_VALIDATION: 'false',
  AWS_ACCESS_KEY_ID: 'AKIAEXAMPLEEXAMPLE00',
  AWS_SECRET_ACCESS_KEY: 'example-not-a-secret',
};

export interface Run {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built landfall command asynchronously: an emulator in the test answers from the test's event loop. */
export function landfall(
  args: string[],
  onStart?: (child: ChildProcess) => void,
  extraEnv: Record<string, string> = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    onStart?.(child);
  });
}
