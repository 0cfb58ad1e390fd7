import { existsSync, readFileSync, writeFileSync } from 'fs';
import { IncomingMessage, Server, ServerResponse, createServer } from 'http';
import { AddressInfo } from 'net';
import { OrganizationsError } from './errors';
import { EmulatedOrganization, OrganizationOptions } from './organization';

const TARGET_PREFIX = 'AWSOrganizationsV20161128.';

/** Faults to inject, for testing a client's retries. */
export interface FaultOptions {
  /** Share of requests answered with TooManyRequestsException (0 to 1). @default 0 */
  readonly throttleRate?: number;
  /** Share of requests answered with a 500 ServiceException (0 to 1). @default 0 */
  readonly errorRate?: number;
  /** Milliseconds added to every answer. @default 0 */
  readonly latencyMs?: number;
  /** Seed of the fault draws: the same seed injects faults into the same requests, run after run. @default - unseeded (Math.random) */
  readonly seed?: number;
  /** Random source, for full control in tests; overrides `seed`. @default - seeded by `seed`, else Math.random */
  readonly random?: () => number;
}

/** A small, fast PRNG (mulberry32): the same seed gives the same sequence in [0, 1). */
export function seededRandom(seed: number): () => number {
  /* eslint-disable no-bitwise -- a PRNG is 32-bit integer arithmetic */
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /* eslint-enable no-bitwise */
}

export interface EmulatorOptions extends OrganizationOptions {
  readonly faults?: FaultOptions;
  /** Requests per second each operation accepts before throttling (a token bucket per operation). @default 50 */
  readonly ratePerOperation?: number;
  /** Keep state in this JSON file across restarts. @default - memory only */
  readonly stateFile?: string;
}

/** Counters a test or benchmark reads: calls per operation, injected faults. */
export interface EmulatorStats {
  readonly calls: Record<string, number>;
  readonly throttled: number;
  readonly failed: number;
}

/** The emulator: an HTTP server on loopback speaking the Organizations JSON protocol. */
export class OrganizationsEmulator {
  public readonly organization: EmulatedOrganization;
  private server?: Server;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private stats = { calls: {} as Record<string, number>, throttled: 0, failed: 0 };
  private readonly random: () => number;

  constructor(private readonly options: EmulatorOptions = {}) {
    const faults = options.faults ?? {};
    this.random = faults.random ?? (faults.seed === undefined ? Math.random : seededRandom(faults.seed));
    const snapshot =
      options.stateFile && existsSync(options.stateFile)
        ? JSON.parse(readFileSync(options.stateFile, 'utf8'))
        : undefined;
    this.organization = new EmulatedOrganization(options, snapshot);
  }

  /** Listens on 127.0.0.1 (port 0 picks a free one) and returns the endpoint URL. */
  public async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  public get statistics(): EmulatorStats {
    return JSON.parse(JSON.stringify(this.stats));
  }

  public resetStatistics(): void {
    this.stats = { calls: {}, throttled: 0, failed: 0 };
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : '';
    const faults = this.options.faults ?? {};
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    let status = 200;
    let body: unknown;
    try {
      if (req.method !== 'POST' || !operation) {
        throw new OrganizationsError(
          'UnknownOperationException',
          'Expected a POST with X-Amz-Target AWSOrganizationsV20161128.<Operation>.',
        );
      }
      this.stats.calls[operation] = (this.stats.calls[operation] ?? 0) + 1;
      if (this.random() < (faults.throttleRate ?? 0) || !this.take(operation)) {
        this.stats.throttled++;
        throw new OrganizationsError('TooManyRequestsException', 'Rate exceeded', 400);
      }
      if (this.random() < (faults.errorRate ?? 0)) {
        this.stats.failed++;
        throw new OrganizationsError(
          'ServiceException',
          'AWS Organizations cannot process the request right now.',
          500,
        );
      }
      const input = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
      body = this.organization.call(operation, input) ?? {};
      if (this.options.stateFile) writeFileSync(this.options.stateFile, JSON.stringify(this.organization.snapshot()));
    } catch (error) {
      const e =
        error instanceof OrganizationsError
          ? error
          : new OrganizationsError('ServiceException', (error as Error).message, 500);
      status = e.status;
      body = e.toJSON();
    }
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/x-amz-json-1.1',
      'content-length': Buffer.byteLength(payload),
      'x-amzn-requestid': `emulator-${Date.now()}`,
      ...(status !== 200 ? { 'x-amzn-errortype': (body as { __type: string }).__type } : {}),
    });
    res.end(payload);
  }

  /** Token bucket per operation: `ratePerOperation` tokens a second, bursts up to that many. */
  private take(operation: string): boolean {
    const rate = this.options.ratePerOperation ?? 50;
    const now = Date.now();
    const bucket = this.buckets.get(operation) ?? { tokens: rate, at: now };
    bucket.tokens = Math.min(rate, bucket.tokens + ((now - bucket.at) / 1000) * rate);
    bucket.at = now;
    this.buckets.set(operation, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
