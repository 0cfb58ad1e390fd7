import { AdminService, ServiceAdministrators, serviceError } from './service-admins';

/** What a SigV4 Authorization header's credential scope says: who signs, for which Region and service. */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly region: string;
  readonly service: string;
}

export function credentialScope(authorization: string | undefined): CredentialScope | undefined {
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return match ? { accessKeyId: match[1], region: match[2], service: match[3] } : undefined;
}

/** A REST-JSON request, as the route sees it. */
export interface RestRequest {
  readonly query: URLSearchParams;
  readonly body: Record<string, unknown>;
  readonly region: string;
  /** The calling account. @default - none: the caller is outside any organization */
  readonly caller?: string;
}

export interface RestRoute {
  readonly method: string;
  readonly path: string;
  readonly operation: string;
  readonly run: (admins: ServiceAdministrators, request: RestRequest) => unknown;
}

const count = (value: string | null) => (value === null ? undefined : Number(value));
const token = (value: string | null) => value ?? undefined;

/** Each service's HTTP binding of the three operations, as its SDK client sends them. */
export const REST_ROUTES: Readonly<Record<AdminService, readonly RestRoute[]>> = {
  guardduty: [
    {
      method: 'POST',
      path: '/admin/enable',
      operation: 'EnableOrganizationAdminAccount',
      run: (a, r) => a.enable('guardduty', r.region, r.caller, r.body.adminAccountId),
    },
    {
      method: 'POST',
      path: '/admin/disable',
      operation: 'DisableOrganizationAdminAccount',
      run: (a, r) => a.disable('guardduty', r.region, r.caller, r.body.adminAccountId),
    },
    {
      method: 'GET',
      path: '/admin',
      operation: 'ListOrganizationAdminAccounts',
      run: (a, r) => {
        const page = a.list(
          'guardduty',
          r.region,
          r.caller,
          count(r.query.get('maxResults')),
          token(r.query.get('nextToken')),
        );
        return {
          adminAccounts: page.items.map((i) => ({ adminAccountId: i.accountId, adminStatus: i.status })),
          ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        };
      },
    },
  ],
  securityhub: [
    {
      method: 'POST',
      path: '/organization/admin/enable',
      operation: 'EnableOrganizationAdminAccount',
      run: (a, r) => {
        securityHubFeature(r.body.Feature);
        a.enable('securityhub', r.region, r.caller, r.body.AdminAccountId);
        return { AdminAccountId: r.body.AdminAccountId, Feature: 'SecurityHub' };
      },
    },
    {
      method: 'POST',
      path: '/organization/admin/disable',
      operation: 'DisableOrganizationAdminAccount',
      run: (a, r) => {
        securityHubFeature(r.body.Feature);
        return a.disable('securityhub', r.region, r.caller, r.body.AdminAccountId);
      },
    },
    {
      method: 'GET',
      path: '/organization/admin',
      operation: 'ListOrganizationAdminAccounts',
      run: (a, r) => {
        securityHubFeature(r.query.get('Feature') ?? undefined);
        const page = a.list(
          'securityhub',
          r.region,
          r.caller,
          count(r.query.get('MaxResults')),
          token(r.query.get('NextToken')),
        );
        return {
          AdminAccounts: page.items.map((i) => ({ AccountId: i.accountId, Status: i.status })),
          Feature: 'SecurityHub',
          ...(page.nextToken ? { NextToken: page.nextToken } : {}),
        };
      },
    },
  ],
  macie2: [
    {
      method: 'POST',
      path: '/admin',
      operation: 'EnableOrganizationAdminAccount',
      run: (a, r) => a.enable('macie2', r.region, r.caller, r.body.adminAccountId, r.body.clientToken),
    },
    {
      method: 'DELETE',
      path: '/admin',
      operation: 'DisableOrganizationAdminAccount',
      run: (a, r) => a.disable('macie2', r.region, r.caller, r.query.get('adminAccountId') ?? undefined),
    },
    {
      method: 'GET',
      path: '/admin',
      operation: 'ListOrganizationAdminAccounts',
      run: (a, r) => {
        const page = a.list(
          'macie2',
          r.region,
          r.caller,
          count(r.query.get('maxResults')),
          token(r.query.get('nextToken')),
        );
        return {
          adminAccounts: page.items.map((i) => ({ accountId: i.accountId, status: i.status })),
          ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        };
      },
    },
  ],
};

export function isAdminService(service: string): service is AdminService {
  return Object.prototype.hasOwnProperty.call(REST_ROUTES, service);
}

export function findRoute(service: AdminService, method: string, path: string): RestRoute | undefined {
  return REST_ROUTES[service].find((r) => r.method === method && r.path === path.replace(/\/+$/, ''));
}

/** The emulator models Security Hub CSPM's administrator (the default feature), not Security Hub's newer one. */
function securityHubFeature(feature: unknown) {
  if (feature !== undefined && feature !== 'SecurityHub') {
    throw serviceError(
      'securityhub',
      'invalid',
      `The emulator models only Feature SecurityHub; got ${String(feature)}.`,
    );
  }
}
