#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { OrganizationsEmulator } from './server';

const share = (value: string) => {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new InvalidArgumentError('a share between 0 and 1, e.g. 0.3');
  return n;
};
const whole = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('a whole number');
  return n;
};

const program = new Command('landfall-org-emulator')
  .description(
    "An AWS Organizations API on loopback, for tests and demos. Test equipment: it keeps an organization in memory (or a file) and speaks the real JSON protocol to the AWS SDK, GuardDuty's, Security Hub's and Macie's organization-administrator operations, and CloudFormation, STS and S3 for `landfall deploy`, on the same port (stacks are kept in memory only).",
  )
  .option('-p, --port <n>', 'port on 127.0.0.1 (0 picks a free one)', whole, 4566)
  .option('--create-account-ms <n>', 'milliseconds CreateAccount takes', whole, 2000)
  .option('--stack-ms <n>', 'milliseconds a CloudFormation change set or stack operation takes', whole, 1000)
  .option('--max-accounts <n>', 'account quota of the organization', whole, 10)
  .option('--rate <n>', 'requests per second per operation before TooManyRequestsException', whole, 50)
  .option('--throttle <share>', 'share of requests throttled at random', share, 0)
  .option('--errors <share>', 'share of requests failing with a 500', share, 0)
  .option('--seed <n>', 'seed of the fault draws, for repeatable runs', whole)
  .option('--latency-ms <n>', 'milliseconds added to every answer', whole, 0)
  .option('--state <file>', 'keep state in this JSON file across restarts')
  .addHelpText(
    'after',
    "\nPoint a client at it with --endpoint http://127.0.0.1:<port> and any credentials (signatures are not checked; an\naccess key STS did not issue is the management account's).",
  );

program.parse(process.argv);
const o = program.opts<{
  port: number;
  createAccountMs: number;
  stackMs: number;
  maxAccounts: number;
  rate: number;
  throttle: number;
  errors: number;
  latencyMs: number;
  seed?: number;
  state?: string;
}>();
const emulator = new OrganizationsEmulator({
  createAccountMs: o.createAccountMs,
  cloudFormation: { operationMs: o.stackMs },
  limits: { maxAccounts: o.maxAccounts },
  ratePerOperation: o.rate,
  faults: { throttleRate: o.throttle, errorRate: o.errors, latencyMs: o.latencyMs, seed: o.seed },
  stateFile: o.state,
});
void emulator.start(o.port).then((url) => {
  process.stdout.write(`landfall-org-emulator listening on ${url}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => void emulator.stop().then(() => process.exit(0)));
}
