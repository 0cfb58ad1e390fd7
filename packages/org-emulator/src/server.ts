import { existsSync, readFileSync, writeFileSync } from 'fs';
import { IncomingMessage, Server, ServerResponse, createServer } from 'http';
import { AddressInfo } from 'net';
import { CloudFormationOptions, EmulatedCloudFormation } from './cloudformation/cloudformation';
import { QueryError, parseQuery, queryResponse } from './cloudformation/query';
import { AccountResources } from './cloudformation/resources';
import { EmulatedS3, EmulatedSts, Identity } from './cloudformation/services';
import { EmulatedStackSets } from './cloudformation/stacksets';
import { AccountApiError, OrganizationsError } from './errors';
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
  /** How CloudFormation answers: how long operations take, which stacks fail. */
  readonly cloudFormation?: CloudFormationOptions;
}

/** What an answer is made of on the wire. */
interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly payload: string;
}

const QUERY_NAMESPACES: Record<string, string> = {
  cloudformation: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
};

/** One request, resolved to the API that answers it. */
interface Route {
  /** Counted and rate-limited under this name. */
  readonly operation: string;
  readonly contentType: string;
  call(body: Buffer): unknown;
  fault(kind: Extract<RefusalKind, 'throttled' | 'internal'>, message: string): OrganizationsError | QueryError;
  /** The protocol's own answer, where it is not JSON (Query XML, S3). */
  answer?(result: unknown): Answer;
  answerError?(error: QueryError): Answer;
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
 * Hub and Macie for their organization administrator, and the Query protocol of
 * CloudFormation and STS and S3's REST protocol for deploying stacks into the
 * organization's accounts (told apart, as AWS's endpoints are not here, by the
 * service and Region the request is signed for).
 */
export class OrganizationsEmulator {
  public readonly organization: EmulatedOrganization;
  public readonly serviceAdministrators: ServiceAdministrators;
  /** Access key ID → calling account; add to it to call as a member account. */
  public readonly callers: Map<string, string>;
  /** CloudFormation in every account and Region, and what its stacks made (roles, buckets, parameters, exports). */
  public readonly cloudFormation: EmulatedCloudFormation;
  public readonly accountResources = new AccountResources();
  /** Service-managed StackSets of the management account, deploying into the organization's OUs. */
  public readonly stackSets: EmulatedStackSets;
  /** Access key ID → the session STS issued for it. */
  private readonly identities = new Map<string, Identity>();
  private readonly sts: EmulatedSts;
  private readonly s3: EmulatedS3;
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
    this.cloudFormation = new EmulatedCloudFormation(this.accountResources, {
      clock: options.clock,
      ...options.cloudFormation,
    });
    const organization = this.organization;
    this.sts = new EmulatedSts(
      this.accountResources,
      {
        get managementAccountId() {
          return organization.managementAccountId;
        },
        isCreatedMember: (id) => organization.isMember(id) && id !== organization.managementAccountId,
      },
      this.identities,
    );
    this.s3 = new EmulatedS3(this.accountResources);
    this.stackSets = new EmulatedStackSets(
      this.cloudFormation,
      {
        get managementAccountId() {
          return organization.managementAccountId;
        },
        accountsUnder: (id) => organization.accountsUnder(id),
        hasParent: (id) => organization.hasParent(id),
        hasTrustedAccess: (principal) => organization.hasTrustedAccess(principal),
      },
      options.clock ?? Date.now,
      () => options.cloudFormation?.operationMs ?? 50,
    );
    let advancing = false;
    this.cloudFormation.afterAdvance = () => {
      if (advancing) return;
      advancing = true;
      try {
        this.stackSets.advance();
      } finally {
        advancing = false;
      }
    };
  }

  /** Who signs with an access key: a session STS issued, an account the test named, else the management account. */
  private identity(accessKeyId: string): Identity {
    const session = this.identities.get(accessKeyId);
    if (session) return session;
    const accountId = this.callers.get(accessKeyId) ?? this.organization.managementAccountId ?? '111111111111';
    return { accountId, arn: `arn:aws:iam::${accountId}:root` };
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
    const route = this.route(req, Buffer.concat(chunks));
    let status = 200;
    let body: unknown;
    let errorType: string | undefined;
    let answer: Answer | undefined;
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
      body = route.call(Buffer.concat(chunks)) ?? {};
      if (route.answer) answer = route.answer(body);
      if (this.options.stateFile) writeFileSync(this.options.stateFile, JSON.stringify(this.organization.snapshot()));
    } catch (error) {
      if (!(route instanceof OrganizationsError) && route.answerError) {
        const e =
          error instanceof QueryError ? error : (route.fault('internal', (error as Error).message) as QueryError);
        answer = route.answerError(e);
      } else {
        const e = (
          error instanceof OrganizationsError
            ? error
            : route instanceof OrganizationsError
              ? new OrganizationsError('ServiceException', (error as Error).message, 500)
              : route.fault('internal', (error as Error).message)
        ) as OrganizationsError;
        status = e.status;
        body = e.toJSON();
        errorType = e.type;
      }
    }
    if (answer) {
      res.writeHead(answer.status, {
        'content-length': Buffer.byteLength(answer.payload),
        'x-amzn-requestid': `emulator-${Date.now()}`,
        ...answer.headers,
      });
      res.end(answer.payload);
      return;
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
  private route(req: IncomingMessage, payload: Buffer): Route | OrganizationsError {
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target.startsWith(TARGET_PREFIX) && req.method === 'POST') {
      const operation = target.slice(TARGET_PREFIX.length);
      return {
        operation,
        contentType: 'application/x-amz-json-1.1',
        call: (body) => this.organization.call(operation, body.length ? JSON.parse(body.toString('utf8')) : {}),
        fault: (kind, message) =>
          kind === 'throttled'
            ? new OrganizationsError('TooManyRequestsException', message, 400)
            : new OrganizationsError('ServiceException', message, 500),
      };
    }
    const scope = credentialScope(req.headers.authorization);
    if (scope && scope.service in QUERY_NAMESPACES) return this.queryRoute(scope.service, scope, payload);
    if (scope?.service === 's3') return this.s3Route(req, scope);
    if (scope?.service === 'account') return this.accountRoute(req, scope);
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
          body: body.length ? JSON.parse(body.toString('utf8')) : {},
          region: scope.region,
          caller,
        }),
      fault: (kind, message) => serviceError(service, kind, message),
    };
  }

  /** AWS Account Management (REST-JSON): PutAccountName, as the organization's accounts call it. */
  private accountRoute(req: IncomingMessage, scope: { accessKeyId: string }): Route | OrganizationsError {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method !== 'POST' || path !== '/putAccountName') {
      return new AccountApiError(
        'ValidationException',
        `The emulator does not serve ${req.method} ${path} of account.`,
        400,
      );
    }
    const caller = this.identity(scope.accessKeyId).accountId;
    return {
      operation: 'account:PutAccountName',
      contentType: 'application/json',
      call: (body) => {
        const input = body.length ? JSON.parse(body.toString('utf8')) : {};
        this.organization.putAccountName(caller, input.AccountId, input.AccountName);
        return {};
      },
      fault: (kind, message) =>
        kind === 'throttled'
          ? new AccountApiError('TooManyRequestsException', message, 429)
          : new AccountApiError('InternalServerException', message, 500),
    };
  }

  /** CloudFormation and STS: the Query protocol, the action in the form body. */
  private queryRoute(service: string, scope: { accessKeyId: string; region: string }, body: Buffer): Route {
    const namespace = QUERY_NAMESPACES[service];
    const input = parseQuery(body.toString('utf8'));
    const operation = `${service}:${input.Action}`;
    const requestId = () => `emulator-${Date.now()}`;
    const caller = this.identity(scope.accessKeyId);
    return {
      operation,
      contentType: 'text/xml',
      call: () => {
        const request = { accountId: caller.accountId, region: scope.region, input };
        if (service === 'sts') return this.sts.call(input.Action, caller, input);
        if (this.stackSets.handles(input.Action)) {
          this.cloudFormation.advance();
          return this.stackSets.call(input.Action, request);
        }
        return this.cloudFormation.call(input.Action, request);
      },
      fault: (kind, message) =>
        kind === 'throttled'
          ? new QueryError('Throttling', message, 400)
          : new QueryError('InternalFailure', message, 500),
      answer: (result) => ({
        status: 200,
        headers: { 'content-type': 'text/xml' },
        payload: queryResponse(operation.slice(service.length + 1), namespace, result, requestId()),
      }),
      answerError: (error) => ({
        status: error.status,
        headers: { 'content-type': 'text/xml' },
        payload: error.toXml(namespace, requestId()),
      }),
    };
  }

  /** S3, path-style: the bucket and key in the path. */
  private s3Route(req: IncomingMessage, scope: { accessKeyId: string }): Route {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const operation = this.s3.operation(method, url);
    const caller = this.identity(scope.accessKeyId);
    return {
      operation: `s3:${operation}`,
      contentType: 'application/xml',
      call: (body) => this.s3.call(operation, caller, url, req.headers, body),
      fault: (kind, message) =>
        kind === 'throttled' ? new QueryError('SlowDown', message, 503) : new QueryError('InternalError', message, 500),
      answer: (result) => {
        const r = result as { status: number; headers?: Record<string, string>; body?: string };
        return {
          status: r.status,
          headers: { 'content-type': 'application/xml', ...r.headers },
          payload: method === 'HEAD' ? '' : (r.body ?? ''),
        };
      },
      answerError: (error) => ({
        status: error.status,
        headers: { 'content-type': 'application/xml' },
        payload:
          method === 'HEAD'
            ? ''
            : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${error.message}</Message></Error>`,
      }),
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
