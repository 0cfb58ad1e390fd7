import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  DisableOrganizationAdminAccountCommand as DisableGuardDutyAdmin,
  EnableOrganizationAdminAccountCommand as EnableGuardDutyAdmin,
  GuardDutyClient,
  ListOrganizationAdminAccountsCommand as ListGuardDutyAdmins,
} from '@aws-sdk/client-guardduty';
import {
  DisableOrganizationAdminAccountCommand as DisableMacieAdmin,
  EnableOrganizationAdminAccountCommand as EnableMacieAdmin,
  ListOrganizationAdminAccountsCommand as ListMacieAdmins,
  Macie2Client,
} from '@aws-sdk/client-macie2';
import {
  ListAWSServiceAccessForOrganizationCommand,
  ListDelegatedAdministratorsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import {
  EnableOrganizationAdminAccountCommand as EnableSecurityHubAdmin,
  ListOrganizationAdminAccountsCommand as ListSecurityHubAdmins,
  SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { EmulatorOptions, OrganizationsEmulator } from '../src';

const credentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-not-a-secret' };
const MEMBER_KEY = 'AKIAMEMBERMEMBER0000';
let emulator: OrganizationsEmulator;
let endpoint: string;
let audit: string;
let other: string;

/** An organization with two member accounts, audit and other. */
async function start(options: EmulatorOptions = {}) {
  let now = Date.UTC(2026, 11, 3);
  emulator = new OrganizationsEmulator({ createAccountMs: 1, clock: () => now, ...options });
  endpoint = await emulator.start();
  const org = emulator.organization;
  org.call('CreateOrganization', { FeatureSet: 'ALL' });
  org.call('CreateAccount', { Email: 'aws-audit@example.com', AccountName: 'audit' });
  org.call('CreateAccount', { Email: 'aws-other@example.com', AccountName: 'other' });
  now += 10;
  const accounts = (org.call('ListAccounts', {}) as { Accounts: Array<{ Id: string; Name: string }> }).Accounts;
  audit = accounts.find((a) => a.Name === 'audit')!.Id;
  other = accounts.find((a) => a.Name === 'other')!.Id;
}

const config = (region: string, key = credentials.accessKeyId) => ({
  endpoint,
  region,
  maxAttempts: 1,
  credentials: { ...credentials, accessKeyId: key },
});
const guardDuty = (region = 'us-east-1', key?: string) => new GuardDutyClient(config(region, key));
const securityHub = (region = 'us-east-1', key?: string) => new SecurityHubClient(config(region, key));
const macie = (region = 'us-east-1', key?: string) => new Macie2Client(config(region, key));
const organizations = () => new OrganizationsClient(config('us-east-1'));

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (e) {
    const error = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: error.name, message: error.message, status: error.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function delegatedAdmins(principal: string) {
  const listed = await organizations().send(new ListDelegatedAdministratorsCommand({ ServicePrincipal: principal }));
  return (listed.DelegatedAdministrators ?? []).map((d) => d.Id);
}

afterEach(async () => emulator.stop());

describe('GuardDuty', () => {
  test('designates the administrator per Region, and AWS registers it in Organizations with trusted access', async () => {
    await start();
    await guardDuty('us-west-2').send(new EnableGuardDutyAdmin({ AdminAccountId: audit }));
    expect((await guardDuty('us-west-2').send(new ListGuardDutyAdmins({}))).AdminAccounts).toEqual([
      { AdminAccountId: audit, AdminStatus: 'ENABLED' },
    ]);
    expect((await guardDuty('us-east-1').send(new ListGuardDutyAdmins({}))).AdminAccounts).toEqual([]);
    expect(await delegatedAdmins('guardduty.amazonaws.com')).toEqual([audit]);
    const access = await organizations().send(new ListAWSServiceAccessForOrganizationCommand({}));
    expect(access.EnabledServicePrincipals?.map((p) => p.ServicePrincipal)).toContain('guardduty.amazonaws.com');
  });

  test('designating again, the same account or another, is BadRequestException', async () => {
    await start();
    await guardDuty().send(new EnableGuardDutyAdmin({ AdminAccountId: audit }));
    const again = await failure(guardDuty().send(new EnableGuardDutyAdmin({ AdminAccountId: audit })));
    expect(again).toEqual({
      name: 'BadRequestException',
      status: 400,
      message:
        'The request failed because the account is already enabled as the GuardDuty delegated administrator for the organization.',
    });
    expect((await failure(guardDuty().send(new EnableGuardDutyAdmin({ AdminAccountId: other })))).name).toBe(
      'BadRequestException',
    );
  });

  test('the administrator must be the same account in every Region', async () => {
    await start();
    await guardDuty('us-east-1').send(new EnableGuardDutyAdmin({ AdminAccountId: audit }));
    const error = await failure(guardDuty('eu-west-1').send(new EnableGuardDutyAdmin({ AdminAccountId: other })));
    expect(error.name).toBe('BadRequestException');
    expect(error.message).toMatch(/same account in every Region/);
  });

  test('disabling in one Region keeps the Organizations registration while another Region still has it', async () => {
    await start();
    for (const region of ['us-east-1', 'us-west-2']) {
      await guardDuty(region).send(new EnableGuardDutyAdmin({ AdminAccountId: audit }));
    }
    await guardDuty('us-east-1').send(new DisableGuardDutyAdmin({ AdminAccountId: audit }));
    expect(await delegatedAdmins('guardduty.amazonaws.com')).toEqual([audit]);
    await guardDuty('us-west-2').send(new DisableGuardDutyAdmin({ AdminAccountId: audit }));
    expect(await delegatedAdmins('guardduty.amazonaws.com')).toEqual([]);
    expect((await failure(guardDuty().send(new DisableGuardDutyAdmin({ AdminAccountId: audit })))).name).toBe(
      'BadRequestException',
    );
  });
});

describe('Security Hub', () => {
  test('designates the administrator; the same designation again succeeds, another account is InvalidInputException', async () => {
    await start();
    const enabled = await securityHub().send(new EnableSecurityHubAdmin({ AdminAccountId: audit }));
    expect(enabled).toMatchObject({ AdminAccountId: audit, Feature: 'SecurityHub' });
    await securityHub().send(new EnableSecurityHubAdmin({ AdminAccountId: audit }));
    expect((await securityHub().send(new ListSecurityHubAdmins({}))).AdminAccounts).toEqual([
      { AccountId: audit, Status: 'ENABLED' },
    ]);
    const error = await failure(securityHub().send(new EnableSecurityHubAdmin({ AdminAccountId: other })));
    expect(error).toMatchObject({ name: 'InvalidInputException', status: 400 });
    expect(error.message).toMatch(new RegExp(`Account ${audit} is already the Security Hub administrator`));
    expect(await delegatedAdmins('securityhub.amazonaws.com')).toEqual([audit]);
  });
});

describe('Macie', () => {
  test('designates the administrator; a repeated idempotency token succeeds, a new request is ConflictException', async () => {
    await start();
    await macie().send(new EnableMacieAdmin({ adminAccountId: audit, clientToken: 'token-1' }));
    await macie().send(new EnableMacieAdmin({ adminAccountId: audit, clientToken: 'token-1' }));
    expect((await macie().send(new ListMacieAdmins({}))).adminAccounts).toEqual([
      { accountId: audit, status: 'ENABLED' },
    ]);
    const again = await failure(macie().send(new EnableMacieAdmin({ adminAccountId: audit })));
    expect(again).toMatchObject({ name: 'ConflictException', status: 409 });
    expect(await delegatedAdmins('macie.amazonaws.com')).toEqual([audit]);
  });

  test('disables with DELETE /admin?adminAccountId=; an account that is not the administrator is ResourceNotFoundException', async () => {
    await start();
    await macie().send(new EnableMacieAdmin({ adminAccountId: audit }));
    expect((await failure(macie().send(new DisableMacieAdmin({ adminAccountId: other })))).name).toBe(
      'ResourceNotFoundException',
    );
    await macie().send(new DisableMacieAdmin({ adminAccountId: audit }));
    expect((await macie().send(new ListMacieAdmins({}))).adminAccounts).toEqual([]);
  });
});

describe("each service's refusals", () => {
  test('an account outside the organization', async () => {
    await start();
    const outsider = '999999999999';
    expect(await failure(guardDuty().send(new EnableGuardDutyAdmin({ AdminAccountId: outsider })))).toMatchObject({
      name: 'BadRequestException',
      message: `The account ${outsider} is not a member of the organization.`,
    });
    expect((await failure(securityHub().send(new EnableSecurityHubAdmin({ AdminAccountId: outsider })))).name).toBe(
      'InvalidInputException',
    );
    expect((await failure(macie().send(new EnableMacieAdmin({ adminAccountId: outsider })))).name).toBe(
      'ValidationException',
    );
  });

  test('a caller other than the management account', async () => {
    await start();
    emulator.callers.set(MEMBER_KEY, other);
    const gd = await failure(
      guardDuty('us-east-1', MEMBER_KEY).send(new EnableGuardDutyAdmin({ AdminAccountId: audit })),
    );
    expect(gd).toMatchObject({ name: 'BadRequestException', status: 400 });
    expect(gd.message).toMatch(/^Only the organization's management account \(\d{12}\) can designate/);
    expect(
      await failure(securityHub('us-east-1', MEMBER_KEY).send(new EnableSecurityHubAdmin({ AdminAccountId: audit }))),
    ).toMatchObject({ name: 'InvalidAccessException', status: 401 });
    expect(await failure(macie('us-east-1', MEMBER_KEY).send(new ListMacieAdmins({})))).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
    });
  });

  test('an account with no organization', async () => {
    emulator = new OrganizationsEmulator();
    endpoint = await emulator.start();
    expect(await failure(guardDuty().send(new ListGuardDutyAdmins({})))).toMatchObject({
      name: 'BadRequestException',
      message: 'The request is rejected because the account is not part of an organization.',
    });
  });

  test('injected faults in the service’s own exceptions', async () => {
    await start({ faults: { throttleRate: 1 } });
    expect(await failure(guardDuty().send(new ListGuardDutyAdmins({})))).toMatchObject({
      name: 'ThrottlingException',
      status: 429,
    });
    expect(await failure(securityHub().send(new ListSecurityHubAdmins({})))).toMatchObject({
      name: 'LimitExceededException',
      status: 429,
    });
    await emulator.stop();
    await start({ faults: { errorRate: 1 } });
    expect(await failure(macie().send(new ListMacieAdmins({})))).toMatchObject({
      name: 'InternalServerException',
      status: 500,
    });
    expect(emulator.statistics.calls['macie2:ListOrganizationAdminAccounts']).toBe(1);
  });
});

test('keeps service administrators in the state file across restarts', async () => {
  const stateFile = join(mkdtempSync(join(tmpdir(), 'org-emulator-')), 'state.json');
  await start({ stateFile });
  await guardDuty('us-west-2').send(new EnableGuardDutyAdmin({ AdminAccountId: audit }));
  await emulator.stop();
  emulator = new OrganizationsEmulator({ stateFile });
  endpoint = await emulator.start();
  expect((await guardDuty('us-west-2').send(new ListGuardDutyAdmins({}))).AdminAccounts).toEqual([
    { AdminAccountId: audit, AdminStatus: 'ENABLED' },
  ]);
});
