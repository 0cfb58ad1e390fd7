import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AccountClient, PutAccountNameCommand } from '@aws-sdk/client-account';
import {
  AttachPolicyCommand,
  CloseAccountCommand,
  CreateAccountCommand,
  CreateOrganizationCommand,
  CreateOrganizationalUnitCommand,
  CreatePolicyCommand,
  DescribeCreateAccountStatusCommand,
  DeleteOrganizationalUnitCommand,
  DeletePolicyCommand,
  DescribeAccountCommand,
  DescribeOrganizationCommand,
  DetachPolicyCommand,
  EnableAWSServiceAccessCommand,
  EnablePolicyTypeCommand,
  ListAccountsCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  MoveAccountCommand,
  OrganizationsClient,
  UpdateOrganizationalUnitCommand,
  RegisterDelegatedAdministratorCommand,
  TagResourceCommand,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations';
import { OrganizationsEmulator } from '../src';

const credentials = { accessKeyId: 'AKIAEXAMPLEEXAMPLE00', secretAccessKey: 'example-not-a-secret' };
let emulator: OrganizationsEmulator;
let client: OrganizationsClient;
let endpoint: string;

/** The emulator's clock: tests move it forward instead of waiting. */
let now = 0;
const advance = (ms: number) => {
  now += ms;
};

async function start(options: ConstructorParameters<typeof OrganizationsEmulator>[0] = {}, maxAttempts = 1) {
  now = Date.UTC(2026, 11, 3);
  emulator = new OrganizationsEmulator({ createAccountMs: 50, clock: () => now, ...options });
  endpoint = await emulator.start();
  client = new OrganizationsClient({ endpoint, region: 'us-east-1', credentials, maxAttempts });
}

async function rootId() {
  return (await client.send(new ListRootsCommand({}))).Roots![0].Id!;
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; Reason?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (e) {
    return e as any;
  }
  throw new Error('expected the call to fail');
}

afterEach(async () => emulator.stop());

describe('the organization', () => {
  test('does not exist until created', async () => {
    await start();
    expect((await failure(client.send(new DescribeOrganizationCommand({})))).name).toBe(
      'AWSOrganizationsNotInUseException',
    );
  });

  test('is created once; a second CreateOrganization is AlreadyInOrganizationException', async () => {
    await start();
    const created = await client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
    expect(created.Organization?.Id).toMatch(/^o-[a-z0-9]{10}$/);
    expect((await failure(client.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' })))).name).toBe(
      'AlreadyInOrganizationException',
    );
  });
});

describe('OUs', () => {
  test('reject a duplicate name under one parent', async () => {
    await start();
    await client.send(new CreateOrganizationCommand({}));
    const root = await rootId();
    await client.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Security' }));
    expect(
      (await failure(client.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Security' })))).name,
    ).toBe('DuplicateOrganizationalUnitException');
  });

  test('nest at most five deep', async () => {
    await start();
    await client.send(new CreateOrganizationCommand({}));
    let parent = await rootId();
    for (let i = 1; i <= 5; i++) {
      parent = (await client.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: `L${i}` })))
        .OrganizationalUnit!.Id!;
    }
    const error = await failure(client.send(new CreateOrganizationalUnitCommand({ ParentId: parent, Name: 'L6' })));
    expect([error.name, error.Reason]).toEqual(['ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED']);
  });

  test("are renamed in place by UpdateOrganizationalUnit; a sibling's name is DuplicateOrganizationalUnitException", async () => {
    await start();
    await client.send(new CreateOrganizationCommand({}));
    const root = await rootId();
    const dev = (await client.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Dev' })))
      .OrganizationalUnit!.Id!;
    await client.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Prod' }));
    const renamed = await client.send(
      new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: dev, Name: 'Development' }),
    );
    expect(renamed.OrganizationalUnit).toEqual(expect.objectContaining({ Id: dev, Name: 'Development' }));
    expect(
      (await failure(client.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: dev, Name: 'Prod' }))))
        .name,
    ).toBe('DuplicateOrganizationalUnitException');
    expect(
      (
        await failure(
          client.send(new UpdateOrganizationalUnitCommand({ OrganizationalUnitId: 'ou-none-00000000', Name: 'X' })),
        )
      ).name,
    ).toBe('OrganizationalUnitNotFoundException');
  });

  test('are listed in pages that clients must follow', async () => {
    await start({ ratePerOperation: 1000 });
    await client.send(new CreateOrganizationCommand({}));
    const root = await rootId();
    for (let i = 0; i < 25; i++) {
      await client.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: `Team${i}` }));
    }
    const names: string[] = [];
    for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: root })) {
      names.push(...page.OrganizationalUnits!.map((o) => o.Name!));
    }
    expect(names).toHaveLength(25);
  });
});

describe('accounts', () => {
  test('are created asynchronously: IN_PROGRESS, then SUCCEEDED with an ID, in the root', async () => {
    await start();
    await client.send(new CreateOrganizationCommand({}));
    const { CreateAccountStatus } = await client.send(
      new CreateAccountCommand({ Email: 'aws-prod@example.com', AccountName: 'prod' }),
    );
    expect(CreateAccountStatus?.State).toBe('IN_PROGRESS');
    advance(80);
    const done = await client.send(
      new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }),
    );
    expect(done.CreateAccountStatus?.State).toBe('SUCCEEDED');
    const accounts = (await client.send(new ListAccountsCommand({}))).Accounts!;
    expect(accounts.map((a) => a.Name)).toEqual(['management', 'prod']);
  });

  test('fail asynchronously with EMAIL_ALREADY_EXISTS when another AWS account has the email', async () => {
    await start({ takenEmails: ['taken@example.com'] });
    await client.send(new CreateOrganizationCommand({}));
    const { CreateAccountStatus } = await client.send(
      new CreateAccountCommand({ Email: 'taken@example.com', AccountName: 'x' }),
    );
    advance(80);
    const status = (
      await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))
    ).CreateAccountStatus!;
    expect([status.State, status.FailureReason]).toEqual(['FAILED', 'EMAIL_ALREADY_EXISTS']);
  });

  test('allow at most five creations in progress', async () => {
    await start({ createAccountMs: 10000, limits: { maxAccounts: 20 } });
    await client.send(new CreateOrganizationCommand({}));
    for (let i = 0; i < 5; i++) {
      await client.send(new CreateAccountCommand({ Email: `a${i}@example.com`, AccountName: `a${i}` }));
    }
    expect(
      (await failure(client.send(new CreateAccountCommand({ Email: 'a5@example.com', AccountName: 'a5' })))).name,
    ).toBe('ConcurrentModificationException');
  });

  test("stop at the organization's account quota", async () => {
    await start({ limits: { maxAccounts: 2 } });
    await client.send(new CreateOrganizationCommand({}));
    await client.send(new CreateAccountCommand({ Email: 'a@example.com', AccountName: 'a' }));
    const error = await failure(client.send(new CreateAccountCommand({ Email: 'b@example.com', AccountName: 'b' })));
    expect([error.name, error.Reason]).toEqual(['ConstraintViolationException', 'ACCOUNT_NUMBER_LIMIT_EXCEEDED']);
  });

  test('close asynchronously (PENDING_CLOSURE, then CLOSED), stay in their OU, and at most 10% (at least 10) in 30 days', async () => {
    await start({ limits: { maxAccounts: 20 }, closeAccountMs: 100 });
    await client.send(new CreateOrganizationCommand({}));
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { CreateAccountStatus } = await client.send(
        new CreateAccountCommand({ Email: `a${i}@example.com`, AccountName: `a${i}` }),
      );
      advance(80);
      ids.push(
        (await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id })))
          .CreateAccountStatus!.AccountId!,
      );
    }
    await client.send(new CloseAccountCommand({ AccountId: ids[0] }));
    const status = async (id: string) => (await client.send(new DescribeAccountCommand({ AccountId: id }))).Account!;
    expect((await status(ids[0])).Status).toBe('PENDING_CLOSURE');
    advance(100);
    expect([(await status(ids[0])).State, (await status(ids[0])).Status]).toEqual(['CLOSED', 'SUSPENDED']);
    // Still listed: AWS removes a closed account 90 days after closure.
    expect((await client.send(new ListAccountsCommand({}))).Accounts!.map((a) => a.Id)).toContain(ids[0]);
    expect((await failure(client.send(new CloseAccountCommand({ AccountId: ids[0] })))).name).toBe(
      'AccountAlreadyClosedException',
    );
    const management = (await client.send(new DescribeOrganizationCommand({}))).Organization!.MasterAccountId!;
    expect((await failure(client.send(new CloseAccountCommand({ AccountId: management })))).Reason).toBe(
      'CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
    );
    // 12 members, fewer active with each closure: 10% is 1, so the floor of 10 applies; the 11th closure in 30 days
    // is refused, and allowed once 30 days have passed.
    for (const id of ids.slice(1, 10)) await client.send(new CloseAccountCommand({ AccountId: id }));
    const refused = await failure(client.send(new CloseAccountCommand({ AccountId: ids[10] })));
    expect([refused.name, refused.Reason]).toEqual(['ConstraintViolationException', 'CLOSE_ACCOUNT_QUOTA_EXCEEDED']);
    advance(30 * 24 * 3600 * 1000);
    await client.send(new CloseAccountCommand({ AccountId: ids[10] }));
  });

  test('delete an OU only when empty, and a policy only when detached', async () => {
    await start({ closeAccountMs: 10 });
    await client.send(new CreateOrganizationCommand({}));
    const root = await rootId();
    await client.send(new EnablePolicyTypeCommand({ RootId: root, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const ou = (await client.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Old' })))
      .OrganizationalUnit!.Id!;
    const { CreateAccountStatus } = await client.send(
      new CreateAccountCommand({ Email: 'old@example.com', AccountName: 'old' }),
    );
    advance(80);
    const account = (
      await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))
    ).CreateAccountStatus!.AccountId!;
    await client.send(new MoveAccountCommand({ AccountId: account, SourceParentId: root, DestinationParentId: ou }));
    await client.send(new CloseAccountCommand({ AccountId: account }));
    advance(10);
    // A closed account keeps its OU from being deleted for its 90 days.
    expect((await failure(client.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: ou })))).name).toBe(
      'OrganizationalUnitNotEmptyException',
    );
    const empty = (await client.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Empty' })))
      .OrganizationalUnit!.Id!;
    await client.send(new DeleteOrganizationalUnitCommand({ OrganizationalUnitId: empty }));
    const policy = (
      await client.send(
        new CreatePolicyCommand({
          Name: 'p',
          Description: 'p',
          Type: 'SERVICE_CONTROL_POLICY',
          Content: '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}',
        }),
      )
    ).Policy!.PolicySummary!.Id!;
    await client.send(new AttachPolicyCommand({ PolicyId: policy, TargetId: ou }));
    expect((await failure(client.send(new DeletePolicyCommand({ PolicyId: policy })))).name).toBe(
      'PolicyInUseException',
    );
    await client.send(new DetachPolicyCommand({ PolicyId: policy, TargetId: ou }));
    await client.send(new DeletePolicyCommand({ PolicyId: policy }));
  });

  test("are renamed by AWS Account Management's PutAccountName: by the management account, once trusted access for account.amazonaws.com is on", async () => {
    await start();
    await client.send(new CreateOrganizationCommand({}));
    const { CreateAccountStatus } = await client.send(
      new CreateAccountCommand({ Email: 'aws-dev@example.com', AccountName: 'dev' }),
    );
    advance(80);
    const dev = (
      await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))
    ).CreateAccountStatus!.AccountId!;
    const accounts = new AccountClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
    const rename = (AccountId: string | undefined, AccountName: string) =>
      accounts.send(new PutAccountNameCommand({ AccountId, AccountName }));
    expect((await failure(rename(dev, 'development'))).name).toBe('AccessDeniedException');
    await client.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'account.amazonaws.com' }));
    await rename(dev, 'development');
    expect((await client.send(new DescribeAccountCommand({ AccountId: dev }))).Account!.Name).toBe('development');
    const management = (await client.send(new DescribeOrganizationCommand({}))).Organization!.MasterAccountId!;
    expect((await failure(rename(management, 'main'))).name).toBe('ValidationException');
    expect((await failure(rename(dev, ''))).name).toBe('ValidationException');
  });

  test('move between parents; moving to where it already is is DuplicateAccountException', async () => {
    await start();
    await client.send(new CreateOrganizationCommand({}));
    const root = await rootId();
    const ou = (await client.send(new CreateOrganizationalUnitCommand({ ParentId: root, Name: 'Prod' })))
      .OrganizationalUnit!.Id!;
    const management = (await client.send(new ListAccountsCommand({}))).Accounts![0].Id!;
    await client.send(new MoveAccountCommand({ AccountId: management, SourceParentId: root, DestinationParentId: ou }));
    expect(
      (
        await failure(
          client.send(new MoveAccountCommand({ AccountId: management, SourceParentId: root, DestinationParentId: ou })),
        )
      ).name,
    ).toBe('DuplicateAccountException');
  });
});

describe('policies', () => {
  async function withScps() {
    await start({ ratePerOperation: 1000 });
    await client.send(new CreateOrganizationCommand({}));
    const root = await rootId();
    await client.send(new EnablePolicyTypeCommand({ RootId: root, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    return root;
  }
  const scp = (n: number) =>
    JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: `s3:Action${n}`, Resource: '*' }] });

  test('enabling SCPs attaches FullAWSAccess to the root; enabling twice is PolicyTypeAlreadyEnabledException', async () => {
    const root = await withScps();
    const attached = (
      await client.send(new ListPoliciesForTargetCommand({ TargetId: root, Filter: 'SERVICE_CONTROL_POLICY' }))
    ).Policies!;
    expect(attached.map((p) => p.Name)).toEqual(['FullAWSAccess']);
    expect(
      (await failure(client.send(new EnablePolicyTypeCommand({ RootId: root, PolicyType: 'SERVICE_CONTROL_POLICY' }))))
        .name,
    ).toBe('PolicyTypeAlreadyEnabledException');
  });

  test('reject an SCP over 10,240 characters', async () => {
    await withScps();
    const big = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: `arn:aws:s3:::${'x'.repeat(10300)}` }],
    });
    const error = await failure(
      client.send(
        new CreatePolicyCommand({ Name: 'big', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: big }),
      ),
    );
    expect([error.name, error.Reason]).toEqual(['ConstraintViolationException', 'POLICY_CONTENT_LIMIT_EXCEEDED']);
  });

  test('allow ten SCPs per target, FullAWSAccess included', async () => {
    const root = await withScps();
    for (let i = 0; i < 9; i++) {
      const id = (
        await client.send(
          new CreatePolicyCommand({ Name: `p${i}`, Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: scp(i) }),
        )
      ).Policy!.PolicySummary!.Id!;
      await client.send(new AttachPolicyCommand({ PolicyId: id, TargetId: root }));
    }
    const tenth = (
      await client.send(
        new CreatePolicyCommand({ Name: 'p9', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: scp(9) }),
      )
    ).Policy!.PolicySummary!.Id!;
    const error = await failure(client.send(new AttachPolicyCommand({ PolicyId: tenth, TargetId: root })));
    expect([error.name, error.Reason]).toEqual([
      'ConstraintViolationException',
      'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    ]);
  });

  test('attaching twice is DuplicatePolicyAttachmentException; the last SCP of a target cannot be detached', async () => {
    const root = await withScps();
    expect(
      (await failure(client.send(new AttachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: root })))).name,
    ).toBe('DuplicatePolicyAttachmentException');
    const error = await failure(client.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: root })));
    expect([error.name, error.Reason]).toEqual([
      'ConstraintViolationException',
      'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    ]);
  });

  test('a duplicate policy name is DuplicatePolicyException', async () => {
    await withScps();
    await client.send(
      new CreatePolicyCommand({ Name: 'guard', Description: '', Type: 'SERVICE_CONTROL_POLICY', Content: scp(1) }),
    );
    expect(
      (
        await failure(
          client.send(
            new CreatePolicyCommand({
              Name: 'guard',
              Description: '',
              Type: 'SERVICE_CONTROL_POLICY',
              Content: scp(2),
            }),
          ),
        )
      ).name,
    ).toBe('DuplicatePolicyException');
  });
});

describe('tags and delegated administrators', () => {
  test('tags on the root round-trip', async () => {
    await start();
    await client.send(new CreateOrganizationCommand({}));
    const root = await rootId();
    await client.send(
      new TagResourceCommand({ ResourceId: root, Tags: [{ Key: 'landfall:lease', Value: 'me|2030-01-01T00:00:00Z' }] }),
    );
    expect((await client.send(new ListTagsForResourceCommand({ ResourceId: root }))).Tags).toEqual([
      { Key: 'landfall:lease', Value: 'me|2030-01-01T00:00:00Z' },
    ]);
  });

  test('registering a delegated administrator needs trusted access first', async () => {
    await start();
    await client.send(new CreateOrganizationCommand({}));
    const { CreateAccountStatus } = await client.send(
      new CreateAccountCommand({ Email: 'aws-audit@example.com', AccountName: 'audit' }),
    );
    advance(80);
    const audit = (
      await client.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: CreateAccountStatus!.Id }))
    ).CreateAccountStatus!.AccountId!;
    const error = await failure(
      client.send(
        new RegisterDelegatedAdministratorCommand({ AccountId: audit, ServicePrincipal: 'guardduty.amazonaws.com' }),
      ),
    );
    expect([error.name, error.Reason]).toEqual(['ConstraintViolationException', 'TRUSTED_ACCESS_NOT_ENABLED']);
  });
});

describe('faults and limits of the transport', () => {
  test('throttles past the per-operation rate with TooManyRequestsException', async () => {
    await start({ ratePerOperation: 2 });
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => client.send(new DescribeOrganizationCommand({}))),
    );
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).name : 'ok'))).toContain(
      'TooManyRequestsException',
    );
  });

  test("injects throttling and server errors at the given shares, which the SDK's retries absorb", async () => {
    let n = 0;
    const sequence = [0.1, 0.9, 0.95, 0.05, 0.99];
    await start({ faults: { throttleRate: 0.3, errorRate: 0.1, random: () => sequence[n++ % sequence.length] } }, 5);
    await client.send(new CreateOrganizationCommand({}));
    expect((await client.send(new DescribeOrganizationCommand({}))).Organization?.Id).toBeDefined();
    expect(emulator.statistics.throttled + emulator.statistics.failed).toBeGreaterThan(0);
  });

  test('injects faults into the same requests, run after run, given the same seed', async () => {
    const outcomes = async (seed: number) => {
      await start({ faults: { throttleRate: 0.3, errorRate: 0.1, seed } });
      const names: string[] = [];
      for (let i = 0; i < 40; i++) {
        names.push(
          await client.send(new DescribeOrganizationCommand({})).then(
            () => 'ok',
            (e: Error) => e.name,
          ),
        );
      }
      await emulator.stop();
      return names.join(',');
    };
    const first = await outcomes(7);
    expect(first).toContain('TooManyRequestsException');
    expect(await outcomes(7)).toBe(first);
    expect(await outcomes(8)).not.toBe(first);
  });

  test('keeps its state in a file across restarts when asked', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'landfall-emulator-')), 'org.json');
    await start({ stateFile });
    const id = (await client.send(new CreateOrganizationCommand({}))).Organization!.Id;
    await emulator.stop();
    await start({ stateFile });
    expect((await client.send(new DescribeOrganizationCommand({}))).Organization!.Id).toBe(id);
  });
});
