import { existsSync, readFileSync, writeFileSync } from 'fs';
import { IncomingMessage, Server, ServerResponse, createServer } from 'http';
import { AddressInfo } from 'net';
import { OrganizationsError } from './errors';
import { EmulatedOrganization, OrganizationOptions } from './organization';
import { credentialScope, findRoute, isAdminService } from './rest';
import { ADMIN_SERVICES, RefusalKind, ServiceAdministrators, serviceError } from './service-admins';

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
  /**
   * Access key ID → the account that signs with it. The service APIs that only the
   * management account may call check it. @default - every key is the management account's
   */
  readonly callers?: Readonly<Record<string, string>>;
}

/** One request, resolved to the API that answers it. */
interface Route {
  /** Counted and rate-limited under this name. */
  readonly operation: string;
  readonly contentType: string;
  call(body: string): unknown;
  fault(kind: Extract<RefusalKind, 'throttled' | 'internal'>, message: string): OrganizationsError;
}

/** Counters a test or benchmark reads: calls per operation, injected faults. */
export interface EmulatorStats {
  readonly calls: Record<string, number>;
  readonly throttled: number;
  readonly failed: number;
}

/**
 * The emulator: an HTTP server on loopback speaking the Organizations JSON
 * protocol and, on the same port, the REST-JSON protocol of GuardDuty, Security
 * Hub and Macie for their organization administrator (told apart, as AWS's
 * endpoints are not here, by the service and Region the request is signed for).
 */
export class OrganizationsEmulator {
  public readonly organization: EmulatedOrganization;
  public readonly serviceAdministrators: ServiceAdministrators;
  /** Access key ID → calling account; add to it to call as a member account. */
  public readonly callers: Map<string, string>;
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
    this.serviceAdministrators = new ServiceAdministrators(this.organization);
    this.callers = new Map(Object.entries(options.callers ?? {}));
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
    const faults = this.options.faults ?? {};
    if (faults.latencyMs) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const route = this.route(req);
    let status = 200;
    let body: unknown;
    let errorType: string | undefined;
    try {
      if (route instanceof OrganizationsError) throw route;
      this.stats.calls[route.operation] = (this.stats.calls[route.operation] ?? 0) + 1;
      if (this.random() < (faults.throttleRate ?? 0) || !this.take(route.operation)) {
        this.stats.throttled++;
        throw route.fault('throttled', 'Rate exceeded');
      }
      if (this.random() < (faults.errorRate ?? 0)) {
        this.stats.failed++;
        throw route.fault('internal', 'The service cannot process the request right now.');
      }
      body = route.call(Buffer.concat(chunks).toString('utf8')) ?? {};
      if (this.options.stateFile) writeFileSync(this.options.stateFile, JSON.stringify(this.organization.snapshot()));
    } catch (error) {
      const e =
        error instanceof OrganizationsError
          ? error
          : route instanceof OrganizationsError
            ? new OrganizationsError('ServiceException', (error as Error).message, 500)
            : route.fault('internal', (error as Error).message);
      status = e.status;
      body = e.toJSON();
      errorType = e.type;
    }
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': route instanceof OrganizationsError ? 'application/x-amz-json-1.1' : route.contentType,
      'content-length': Buffer.byteLength(payload),
      'x-amzn-requestid': `emulator-${Date.now()}`,
      ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
    });
    res.end(payload);
  }

  /** Organizations by its X-Amz-Target; the REST-JSON services by the service and Region in the signature. */
  private route(req: IncomingMessage): Route | OrganizationsError {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target.startsWith(TARGET_PREFIX) && req.method === 'POST') {
      const operation = target.slice(TARGET_PREFIX.length);
      return {
        operation,
        contentType: 'application/x-amz-json-1.1',
        call: (body) => this.organization.call(operation, body ? JSON.parse(body) : {}),
        fault: (kind, message) =>
          kind === 'throttled'
            ? new OrganizationsError('TooManyRequestsException', message, 400)
            : new OrganizationsError('ServiceException', message, 500),
      };
    }
    const scope = credentialScope(req.headers.authorization);
    if (!scope || !isAdminService(scope.service)) {
      return new OrganizationsError(
        'UnknownOperationException',
        `Expected a POST with X-Amz-Target ${TARGET_PREFIX}<Operation>, or a request signed for one of ${Object.keys(ADMIN_SERVICES).join(', ')} (SigV4).`,
      );
    }
    const service = scope.service;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const found = findRoute(service, req.method ?? 'GET', url.pathname);
    if (!found) {
      return serviceError(
        service,
        'invalid',
        `The emulator does not serve ${req.method} ${url.pathname} of ${service}.`,
      );
    }
    const caller = this.callers.get(scope.accessKeyId) ?? this.organization.managementAccountId;
    return {
      operation: `${service}:${found.operation}`,
      contentType: 'application/json',
      call: (body) =>
        found.run(this.serviceAdministrators, {
          query: url.searchParams,
          body: body ? JSON.parse(body) : {},
          region: scope.region,
          caller,
        }),
      fault: (kind, message) => serviceError(service, kind, message),
    };
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
