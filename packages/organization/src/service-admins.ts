import { randomUUID } from 'crypto';
import {
  EnableOrganizationAdminAccountCommand as EnableGuardDutyAdmin,
  ListOrganizationAdminAccountsCommand as ListGuardDutyAdmins,
} from '@aws-sdk/client-guardduty';
import {
  EnableOrganizationAdminAccountCommand as EnableMacieAdmin,
  ListOrganizationAdminAccountsCommand as ListMacieAdmins,
} from '@aws-sdk/client-macie2';
import {
  EnableOrganizationAdminAccountCommand as EnableSecurityHubAdmin,
  ListOrganizationAdminAccountsCommand as ListSecurityHubAdmins,
} from '@aws-sdk/client-securityhub';
import { RegionalServiceClients, ServiceClientOptions, createServiceClients } from './client';
import { RetryOptions, isError, paginate, withRetry } from './sdk';

/** The regional services whose own API designates the organization's administrator. */
export type AdminService = 'guardduty' | 'securityhub' | 'macie';

export interface ServiceAdminApiSpec {
  readonly name: string;
  readonly principal: string;
  /** The AWS CLI's name of the service, for the commands a message suggests. */
  readonly cli: string;
  /**
   * The exception EnableOrganizationAdminAccount answers when the Region already
   * has an administrator (GuardDuty says the same whether it is the account asked
   * for or another): the engine then lists the administrators to tell which.
   */
  readonly alreadyDesignated: string;
}

export const SERVICE_ADMIN_APIS: Readonly<Record<AdminService, ServiceAdminApiSpec>> = {
  guardduty: {
    name: 'GuardDuty',
    principal: 'guardduty.amazonaws.com',
    cli: 'guardduty',
    alreadyDesignated: 'BadRequestException',
  },
  securityhub: {
    name: 'Security Hub',
    principal: 'securityhub.amazonaws.com',
    cli: 'securityhub',
    alreadyDesignated: 'InvalidInputException',
  },
  macie: { name: 'Macie', principal: 'macie.amazonaws.com', cli: 'macie2', alreadyDesignated: 'ConflictException' },
};

/** An administrator as the service lists it: status `ENABLED`, or a disable in progress. */
export interface LiveServiceAdmin {
  readonly accountId: string;
  readonly status: string;
}

/** What the engine asks of GuardDuty, Security Hub and Macie. */
export interface ServiceAdminApi {
  /** The administrators of the service in the Region (ListOrganizationAdminAccounts, every page). */
  list(service: AdminService, region: string): Promise<LiveServiceAdmin[]>;
  /** Designates the account in the Region; an account already designated counts as done. */
  enable(service: AdminService, region: string, accountId: string): Promise<void>;
}

/** The services reached through the AWS SDK: one client per service and Region, transient errors retried. */
export class ServiceAdminClients implements ServiceAdminApi {
  private readonly regions = new Map<string, RegionalServiceClients>();

  constructor(
    private readonly options: ServiceClientOptions = {},
    private readonly retry: RetryOptions = {},
  ) {}

  public async list(service: AdminService, region: string): Promise<LiveServiceAdmin[]> {
    const clients = this.clients(region);
    const call = <T>(send: () => Promise<T>) => withRetry(send, this.retry);
    switch (service) {
      case 'guardduty':
        return (
          await paginate(
            (NextToken) => call(() => clients.guardduty.send(new ListGuardDutyAdmins({ NextToken }))),
            (r) => r.AdminAccounts,
          )
        ).map((a) => ({ accountId: a.AdminAccountId!, status: a.AdminStatus! }));
      case 'securityhub':
        return (
          await paginate(
            (NextToken) => call(() => clients.securityhub.send(new ListSecurityHubAdmins({ NextToken }))),
            (r) => r.AdminAccounts,
          )
        ).map((a) => ({ accountId: a.AccountId!, status: a.Status! }));
      case 'macie':
        return (
          await paginate(
            async (token) => {
              const page = await call(() => clients.macie.send(new ListMacieAdmins({ nextToken: token })));
              return { NextToken: page.nextToken, items: page.adminAccounts };
            },
            (r) => r.items,
          )
        ).map((a) => ({ accountId: a.accountId!, status: a.status! }));
    }
  }

  public async enable(service: AdminService, region: string, accountId: string): Promise<void> {
    const clients = this.clients(region);
    // Macie takes an idempotency token: the same one on every retry makes a retry after a lost answer safe.
    const clientToken = randomUUID();
    const send = (): Promise<unknown> => {
      switch (service) {
        case 'guardduty':
          return clients.guardduty.send(new EnableGuardDutyAdmin({ AdminAccountId: accountId }));
        case 'securityhub':
          return clients.securityhub.send(new EnableSecurityHubAdmin({ AdminAccountId: accountId }));
        case 'macie':
          return clients.macie.send(new EnableMacieAdmin({ adminAccountId: accountId, clientToken }));
      }
    };
    try {
      await withRetry(send, this.retry);
    } catch (e) {
      if (!isError(e, SERVICE_ADMIN_APIS[service].alreadyDesignated)) throw e;
      const admins = await this.list(service, region);
      if (!admins.some((a) => a.accountId === accountId && a.status === 'ENABLED')) throw e;
    }
  }

  private clients(region: string): RegionalServiceClients {
    let clients = this.regions.get(region);
    if (!clients) {
      clients = createServiceClients(region, this.options);
      this.regions.set(region, clients);
    }
    return clients;
  }
}

/** A service refused to list or designate its administrator. */
export class ServiceAdminError extends Error {
  constructor(
    public readonly service: AdminService,
    public readonly region: string,
    public readonly awsError: unknown,
    /** The account being designated. @default - the administrators were being listed */
    public readonly accountName?: string,
  ) {
    const e = awsError as { name?: string; message?: string };
    const doing = accountName ? `designating ${accountName} as administrator` : 'listing administrators';
    super(
      `${SERVICE_ADMIN_APIS[service].name} in ${region}: ${doing} failed: ${e.name ?? 'Error'}: ${e.message ?? String(awsError)}`,
    );
    this.name = 'ServiceAdminError';
  }
}
