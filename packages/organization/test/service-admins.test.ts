import { DESIRED, EXAMPLE, FAST, Harness, harness } from './harness';
import {
  Interrupted,
  ServiceAdminClients,
  applyPlan,
  explainError,
  planChanges,
  readOrganization,
  retryingSend,
  serviceClientOptions,
} from '../src';

let h: Harness;
afterEach(async () => h?.stop());

const REGIONS = ['us-east-1', 'us-west-2'];
const SERVICES = ['guardduty', 'securityhub', 'macie'] as const;
const SIGNING_NAMES = { guardduty: 'guardduty', securityhub: 'securityhub', macie: 'macie2' } as const;

/** An organization with the example's accounts and nothing else, as a first run stopped after its accounts leaves it. */
async function organizationWithAccounts() {
  const first = ['create-organization', 'enable-policy-type', 'create-ou', 'create-account'];
  const stopAfterSteps = (await h.plan()).steps.filter((s) => first.includes(s.kind)).length;
  await expect(h.apply({ stopAfterSteps })).rejects.toBeInstanceOf(Interrupted);
  const accounts = (await h.read()).accounts;
  return Object.fromEntries(accounts.map((a) => [a.name, a.id]));
}

/** The services' clients, signing with a key the emulator maps to a member account. */
function asMember(accountId: string) {
  h.emulator.callers.set('AKIAMEMBERMEMBER0000', accountId);
  return new ServiceAdminClients({
    ...serviceClientOptions(h.client),
    credentials: { accessKeyId: 'AKIAMEMBERMEMBER0000', secretAccessKey: 'example-not-a-secret' },
  });
}

describe('services that designate their own administrator', () => {
  test('a fresh organization plans GuardDuty, Security Hub and Macie designations of audit in every governed Region', async () => {
    h = await harness();
    expect(EXAMPLE.regions).toEqual(REGIONS);
    const plan = await h.plan();
    const designations = plan.steps.filter((s) => s.kind === 'enable-service-admin');
    expect(designations).toEqual(
      SERVICES.flatMap((service) =>
        REGIONS.map((region) => ({ kind: 'enable-service-admin', service, region, accountName: 'audit' })),
      ),
    );
    // They come last, after trusted access and Organizations' delegated administrators.
    expect(plan.steps.slice(-6)).toEqual(designations);
  });

  test('trusted access covers every service; Organizations registers only the services it designates for', async () => {
    const registered = DESIRED.delegatedAdmins.map((d) => `${d.accountName}|${d.servicePrincipal}`);
    expect(registered).toEqual([
      'audit|config.amazonaws.com',
      'audit|config-multiaccountsetup.amazonaws.com',
      'audit|access-analyzer.amazonaws.com',
      'backup|backup.amazonaws.com',
      'shared-services|ipam.amazonaws.com',
    ]);
    expect(DESIRED.trustedAccess).toEqual(
      expect.arrayContaining([
        'config-multiaccountsetup.amazonaws.com',
        'guardduty.amazonaws.com',
        'securityhub.amazonaws.com',
        'macie.amazonaws.com',
      ]),
    );
    expect(DESIRED.serviceAdmins).toEqual([
      { accountName: 'audit', service: 'guardduty', regions: REGIONS },
      { accountName: 'audit', service: 'securityhub', regions: REGIONS },
      { accountName: 'audit', service: 'macie', regions: REGIONS },
    ]);
  });

  test('apply designates audit in each service and Region through the service API; a second plan has no changes', async () => {
    h = await harness();
    await h.apply();
    const live = await h.read();
    const audit = live.accounts.find((a) => a.name === 'audit')!.id;
    for (const service of SERVICES) {
      for (const region of REGIONS) {
        expect(live.serviceAdmins?.get(`${service}|${region}`)).toEqual([{ accountId: audit, status: 'ENABLED' }]);
        expect(h.emulator.statistics.calls[`${SIGNING_NAMES[service]}:EnableOrganizationAdminAccount`]).toBe(2);
      }
    }
    // AWS registers the designated account with Organizations itself.
    for (const principal of ['guardduty.amazonaws.com', 'securityhub.amazonaws.com', 'macie.amazonaws.com']) {
      expect(live.delegatedAdmins).toContain(`${audit}|${principal}`);
    }
    expect(h.emulator.statistics.calls.RegisterDelegatedAdministrator).toBe(5);
    const again = await h.plan();
    expect(again.steps).toEqual([]);
    expect(again.conflicts).toEqual([]);
  });

  test('another account already administering a service in a Region is a conflict, and is left alone', async () => {
    h = await harness();
    const ids = await organizationWithAccounts();
    for (const region of REGIONS) {
      h.emulator.serviceAdministrators.enable('macie2', region, ids.management, ids.prod);
    }
    const plan = await h.plan();
    expect(plan.conflicts).toEqual(
      REGIONS.map(
        (region) =>
          `Macie in ${region}: account prod (${ids.prod}) is its administrator (ENABLED), but the definition names audit — Landfall does not replace an administrator: if audit should administer Macie, remove the current one from the management account (aws macie2 disable-organization-admin-account --admin-account-id ${ids.prod} --region ${region}), then plan again`,
      ),
    );
    expect(plan.steps.filter((s) => s.kind === 'enable-service-admin' && s.service === 'macie')).toEqual([]);

    await applyPlan(plan, h.client, FAST);
    const after = await h.plan();
    expect(after.steps).toEqual([]);
    expect(after.conflicts).toEqual(plan.conflicts);
    expect(h.emulator.statistics.calls['macie2:EnableOrganizationAdminAccount']).toBeUndefined();
    expect(h.emulator.statistics.calls['macie2:DisableOrganizationAdminAccount']).toBeUndefined();
  });

  test("another account registered with Organizations for a service's principal is a conflict; applying anyway fails, explained", async () => {
    h = await harness();
    const ids = await organizationWithAccounts();
    h.emulator.organization.call('EnableAWSServiceAccess', { ServicePrincipal: 'guardduty.amazonaws.com' });
    h.emulator.organization.call('RegisterDelegatedAdministrator', {
      AccountId: ids.prod,
      ServicePrincipal: 'guardduty.amazonaws.com',
    });
    const plan = await h.plan();
    expect(plan.conflicts).toEqual([
      expect.stringMatching(
        new RegExp(
          `^GuardDuty: account prod \\(${ids.prod}\\) is the delegated administrator for guardduty\\.amazonaws\\.com in Organizations, .* \\(aws organizations deregister-delegated-administrator --account-id ${ids.prod} --service-principal guardduty\\.amazonaws\\.com\\), then plan again$`,
        ),
      ),
    ]);
    const error = await applyPlan(plan, h.client, FAST).catch((e) => e);
    expect(explainError(error)).toMatch(
      /^GuardDuty in us-east-1 answered BadRequestException: Account \d{12} is the delegated administrator for guardduty.amazonaws.com .* — another account administers GuardDuty there, or Organizations lists another delegated administrator/,
    );
  });

  test('an administrator designated after the plan was made (another run, the console) counts as done', async () => {
    h = await harness();
    const ids = await organizationWithAccounts();
    const plan = await h.plan();
    for (const service of ['guardduty', 'securityhub', 'macie2'] as const) {
      for (const region of REGIONS) h.emulator.serviceAdministrators.enable(service, region, ids.management, ids.audit);
    }
    h.emulator.resetStatistics();
    await applyPlan(plan, h.client, FAST);
    // GuardDuty (BadRequestException) and Macie (ConflictException) refuse; a look at the administrators tells it is done.
    // Security Hub accepts the same designation again.
    const calls = h.emulator.statistics.calls;
    expect([calls['guardduty:ListOrganizationAdminAccounts'], calls['macie2:ListOrganizationAdminAccounts']]).toEqual([
      2, 2,
    ]);
    expect(calls['securityhub:ListOrganizationAdminAccounts']).toBeUndefined();
    expect((await h.plan()).steps).toEqual([]);
  });

  test('a member account’s credentials are refused by each service, with what to do', async () => {
    h = await harness();
    const ids = await organizationWithAccounts();
    const plan = await h.plan();
    const error = await applyPlan(plan, h.client, { ...FAST, serviceAdmins: asMember(ids.dev) }).catch((e) => e);
    expect(explainError(error)).toMatch(
      /^(GuardDuty|Security Hub|Macie) in us-east-1 answered \w+: .* — run with the management account's credentials, allowed (guardduty|securityhub|macie2):EnableOrganizationAdminAccount/,
    );
  });

  test('reading administrators with a member account’s credentials fails, explained', async () => {
    h = await harness();
    const ids = await organizationWithAccounts();
    const error = await readOrganization(retryingSend(h.client, FAST.retry), {
      regions: REGIONS,
      serviceAdmins: asMember(ids.dev),
    }).catch((e) => e);
    expect(explainError(error)).toMatch(
      /^GuardDuty in us-east-1 answered BadRequestException: Only the organization's management account \(\d{12}\) can list .* — run with the management account's credentials/,
    );
  });

  test('without Regions to read, the plan designates in every Region, and applying that again is harmless', async () => {
    h = await harness();
    await h.apply();
    const blind = planChanges(DESIRED, await readOrganization(retryingSend(h.client, FAST.retry)));
    expect(blind.steps).toHaveLength(6);
    expect(blind.steps.every((s) => s.kind === 'enable-service-admin')).toBe(true);
    await applyPlan(blind, h.client, FAST);
    expect((await h.plan()).steps).toEqual([]);
  });

  test('reading Regions needs a way to reach the services, and says which', async () => {
    h = await harness();
    await expect(readOrganization(retryingSend(h.client), { regions: REGIONS })).rejects.toThrow(
      /pass serviceAdmins: new ServiceAdminClients\(serviceClientOptions\(client\)\)/,
    );
    expect(serviceClientOptions(h.client).endpoint).toBeDefined();
  });
});
