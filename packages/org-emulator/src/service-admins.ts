import { OrganizationsError } from './errors';
import { EmulatedOrganization, ServiceAdminRecord } from './organization';

/** The regional services whose own API designates the organization's administrator, by signing name. */
export type AdminService = 'guardduty' | 'securityhub' | 'macie2';

/** Kinds of refusal, each answered with the service's own exception. */
export type RefusalKind = 'invalid' | 'denied' | 'conflict' | 'notFound' | 'throttled' | 'internal';

interface ServiceModel {
  readonly name: string;
  readonly principal: string;
  /** Exception type and HTTP status, per kind of refusal (from each service's API reference). */
  readonly errors: Readonly<Record<RefusalKind, readonly [string, number]>>;
  /** The error body in the service's own shape. */
  readonly body: (type: string, message: string) => Record<string, string>;
}

export const ADMIN_SERVICES: Readonly<Record<AdminService, ServiceModel>> = {
  guardduty: {
    name: 'GuardDuty',
    principal: 'guardduty.amazonaws.com',
    errors: {
      invalid: ['BadRequestException', 400],
      denied: ['BadRequestException', 400],
      conflict: ['BadRequestException', 400],
      notFound: ['BadRequestException', 400],
      throttled: ['ThrottlingException', 429],
      internal: ['InternalServerErrorException', 500],
    },
    body: (type, message) => ({ message, __type: type === 'BadRequestException' ? 'InvalidInputException' : type }),
  },
  securityhub: {
    name: 'Security Hub',
    principal: 'securityhub.amazonaws.com',
    errors: {
      invalid: ['InvalidInputException', 400],
      denied: ['InvalidAccessException', 401],
      conflict: ['InvalidInputException', 400],
      notFound: ['InvalidInputException', 400],
      throttled: ['LimitExceededException', 429],
      internal: ['InternalException', 500],
    },
    body: (type, message) => ({ Message: message, Code: type }),
  },
  macie2: {
    name: 'Macie',
    principal: 'macie.amazonaws.com',
    errors: {
      invalid: ['ValidationException', 400],
      denied: ['AccessDeniedException', 403],
      conflict: ['ConflictException', 409],
      notFound: ['ResourceNotFoundException', 404],
      throttled: ['ThrottlingException', 429],
      internal: ['InternalServerException', 500],
    },
    body: (_type, message) => ({ message }),
  },
};

/** An error of a REST-JSON service: its type goes in `x-amzn-errortype`, its body in the service's shape. */
export class ServiceError extends OrganizationsError {
  constructor(
    type: string,
    message: string,
    status: number,
    private readonly payload: Record<string, string>,
  ) {
    super(type, message, status);
  }

  public toJSON(): Record<string, string> {
    return this.payload;
  }
}

export function serviceError(service: AdminService, kind: RefusalKind, message: string): ServiceError {
  const [type, status] = ADMIN_SERVICES[service].errors[kind];
  return new ServiceError(type, message, status, ADMIN_SERVICES[service].body(type, message));
}

export interface AdminPage {
  readonly items: ReadonlyArray<{ readonly accountId: string; readonly status: 'ENABLED' }>;
  readonly nextToken?: string;
}

/**
 * EnableOrganizationAdminAccount, DisableOrganizationAdminAccount and
 * ListOrganizationAdminAccounts of GuardDuty, Security Hub and Macie, as AWS
 * answers them: only the management account calls them; the administrator must
 * be a member; one administrator per service and Region; designating one gives
 * the service trusted access and registers the account as its delegated
 * administrator in Organizations, which must be the same account in every Region.
 */
export class ServiceAdministrators {
  constructor(private readonly organization: EmulatedOrganization) {}

  public enable(
    service: AdminService,
    region: string,
    caller: string | undefined,
    accountId: unknown,
    token?: unknown,
  ) {
    const model = ADMIN_SERVICES[service];
    this.authorize(service, caller, 'designate');
    const id = this.accountId(service, accountId);
    if (!this.organization.isMember(id)) {
      throw serviceError(service, 'invalid', `The account ${id} is not a member of the organization.`);
    }
    const current = this.current(service, region);
    if (current) {
      if (current.accountId === id && this.idempotent(service, current, token)) return;
      throw serviceError(service, 'conflict', this.alreadyDesignated(service, region, current.accountId, id));
    }
    const elsewhere = this.organization.delegatedAdministrators(model.principal).find((d) => d !== id);
    if (elsewhere) {
      throw serviceError(
        service,
        'conflict',
        `Account ${elsewhere} is the delegated administrator for ${model.principal} in AWS Organizations; the ${model.name} administrator must be the same account in every Region.`,
      );
    }
    const record: ServiceAdminRecord = {
      service,
      region,
      accountId: id,
      ...(typeof token === 'string' ? { clientToken: token } : {}),
    };
    this.organization.replaceServiceAdmins([...this.organization.serviceAdmins, record]);
    this.organization.registerServiceAdministrator(model.principal, id);
  }

  public disable(service: AdminService, region: string, caller: string | undefined, accountId: unknown) {
    this.authorize(service, caller, 'remove');
    const id = this.accountId(service, accountId);
    const current = this.current(service, region);
    if (current?.accountId !== id) {
      throw serviceError(
        service,
        'notFound',
        `The account ${id} is not the ${ADMIN_SERVICES[service].name} delegated administrator in ${region}.`,
      );
    }
    const rest = this.organization.serviceAdmins.filter((r) => r !== current);
    this.organization.replaceServiceAdmins(rest);
    if (!rest.some((r) => r.service === service && r.accountId === id)) {
      this.organization.deregisterServiceAdministrator(ADMIN_SERVICES[service].principal, id);
    }
  }

  public list(
    service: AdminService,
    region: string,
    caller: string | undefined,
    maxResults?: number,
    nextToken?: string,
  ): AdminPage {
    this.authorize(service, caller, 'list');
    const all = this.organization.serviceAdmins
      .filter((r) => r.service === service && r.region === region)
      .map((r) => ({ accountId: r.accountId, status: 'ENABLED' as const }));
    const size = Math.max(1, Math.min(maxResults ?? 20, 20));
    const start = nextToken ? Number(Buffer.from(nextToken, 'base64').toString()) : 0;
    if (!Number.isInteger(start) || start < 0) throw serviceError(service, 'invalid', 'The nextToken is not valid.');
    const next = start + size < all.length ? Buffer.from(String(start + size)).toString('base64') : undefined;
    return { items: all.slice(start, start + size), ...(next ? { nextToken: next } : {}) };
  }

  private authorize(service: AdminService, caller: string | undefined, verb: string) {
    const management = this.organization.managementAccountId;
    if (!management) {
      throw serviceError(
        service,
        'denied',
        'The request is rejected because the account is not part of an organization.',
      );
    }
    if (caller !== management) {
      throw serviceError(
        service,
        'denied',
        `Only the organization's management account (${management}) can ${verb} the ${ADMIN_SERVICES[service].name} delegated administrator; the caller is ${caller}.`,
      );
    }
  }

  private accountId(service: AdminService, value: unknown): string {
    if (typeof value !== 'string' || !/^\d{12}$/.test(value)) {
      throw serviceError(
        service,
        'invalid',
        `The admin account ID must be a 12-digit AWS account ID; got ${JSON.stringify(value)}.`,
      );
    }
    return value;
  }

  private current(service: AdminService, region: string): ServiceAdminRecord | undefined {
    return this.organization.serviceAdmins.find((r) => r.service === service && r.region === region);
  }

  /** Security Hub accepts the same designation again; Macie when its idempotency token repeats; GuardDuty never. */
  private idempotent(service: AdminService, current: ServiceAdminRecord, token: unknown): boolean {
    if (service === 'securityhub') return true;
    return service === 'macie2' && typeof token === 'string' && token === current.clientToken;
  }

  private alreadyDesignated(service: AdminService, region: string, current: string, requested: string): string {
    switch (service) {
      case 'guardduty':
        // AWS answers this for the same account and for another one alike.
        return 'The request failed because the account is already enabled as the GuardDuty delegated administrator for the organization.';
      case 'securityhub':
        return `Account ${current} is already the Security Hub administrator account in ${region}; disable it before designating ${requested}.`;
      case 'macie2':
        return current === requested
          ? `The account ${current} is already the delegated Macie administrator account in ${region}.`
          : `Another account (${current}) is already the delegated Macie administrator account for the organization in ${region}.`;
    }
  }
}
