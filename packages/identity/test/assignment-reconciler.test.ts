import { inMemorySdk, loadReconciler, reconcilerSource } from '@landfall/encryption/lib/deploy-time-reconciler';
import { ASSIGNMENT_SOURCE } from '../src/assignment-reconciler';

// The assignments' function, run against an in-memory IAM Identity Center whose requests finish a poll later.

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111111111111111';
const SET = 'arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-1111111111111111';
const GROUP = 'a1b2c3d4-0000-4000-8000-000000000001';

class AwsError extends Error {
  constructor(public readonly name: string) {
    super(name);
  }
}

function identityCenter(options: { existing?: string[]; refuse?: string; busyOnce?: string } = {}) {
  const assigned = new Set(options.existing ?? []);
  const requests = new Map<string, { status: string; done: () => void }>();
  const calls: string[] = [];
  let busy = options.busyOnce;
  let n = 0;
  const request = (kind: string, account: string, done: () => void) => {
    const id = `${kind}-${++n}`;
    requests.set(id, { status: 'IN_PROGRESS', done });
    calls.push(`${kind} ${account}`);
    return { Status: 'IN_PROGRESS', RequestId: id };
  };
  const poll = (id: string, failure?: string) => {
    const r = requests.get(id)!;
    if (r.status === 'IN_PROGRESS') {
      r.status = failure ? 'FAILED' : 'SUCCEEDED';
      if (!failure) r.done();
    }
    return { Status: r.status, RequestId: id, ...(failure ? { FailureReason: failure } : {}) };
  };
  const handlers: Record<string, (input: any) => any> = {
    CreateAccountAssignment: (i) => {
      expect([i.InstanceArn, i.PermissionSetArn, i.PrincipalType, i.TargetType]).toEqual([
        INSTANCE,
        SET,
        'GROUP',
        'AWS_ACCOUNT',
      ]);
      if (i.TargetId === busy) {
        busy = undefined;
        throw new AwsError('ConflictException');
      }
      if (assigned.has(`${i.PrincipalId}:${i.TargetId}`)) throw new AwsError('ConflictException');
      return {
        AccountAssignmentCreationStatus: request('create', i.TargetId, () =>
          assigned.add(`${i.PrincipalId}:${i.TargetId}`),
        ),
      };
    },
    DeleteAccountAssignment: (i) => {
      if (!assigned.has(`${i.PrincipalId}:${i.TargetId}`)) throw new AwsError('ResourceNotFoundException');
      return {
        AccountAssignmentDeletionStatus: request('delete', i.TargetId, () =>
          assigned.delete(`${i.PrincipalId}:${i.TargetId}`),
        ),
      };
    },
    DescribeAccountAssignmentCreationStatus: (i) => ({
      AccountAssignmentCreationStatus: poll(
        i.AccountAssignmentCreationRequestId,
        calls.includes(`create ${options.refuse}`) && requests.size === 1 ? 'Received a 404 status error' : undefined,
      ),
    }),
    DescribeAccountAssignmentDeletionStatus: (i) => ({
      AccountAssignmentDeletionStatus: poll(i.AccountAssignmentDeletionRequestId),
    }),
    ListAccountAssignments: (i) => ({
      AccountAssignments: [...assigned]
        .filter((a) => a.endsWith(`:${i.AccountId}`))
        .map((a) => ({ PrincipalType: 'GROUP', PrincipalId: a.split(':')[0], AccountId: i.AccountId })),
    }),
  };
  const sdk = inMemorySdk(handlers, 'SSOAdminClient');
  const run = loadReconciler(reconcilerSource(ASSIGNMENT_SOURCE), { '@aws-sdk/client-sso-admin': sdk });
  return { run, assigned, calls };
}

const props = (accounts: string[], group = GROUP) => ({
  ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:landfall-identity-assignments',
  InstanceArn: INSTANCE,
  PermissionSetArn: SET,
  GroupId: group,
  Accounts: accounts,
});

test('gives the group the set in every listed account and waits until Identity Center has made each', async () => {
  const sso = identityCenter({ existing: [`${GROUP}:444444444444`] });
  const answer = await sso.run({ RequestType: 'Create', ResourceProperties: props(['444444444444', '555555555555']) });
  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `${SET}|GROUP|${GROUP}` });
  // One already there (an earlier, interrupted run) counts as made.
  expect([...sso.assigned].sort()).toEqual([`${GROUP}:444444444444`, `${GROUP}:555555555555`]);
});

test('an update adds the accounts added and removes the accounts removed, and touches no other', async () => {
  const sso = identityCenter();
  await sso.run({ RequestType: 'Create', ResourceProperties: props(['444444444444', '555555555555']) });
  await sso.run({
    RequestType: 'Update',
    ResourceProperties: props(['555555555555', '666666666666']),
    OldResourceProperties: props(['444444444444', '555555555555']),
  });
  expect(sso.calls).toEqual([
    'create 444444444444',
    'create 555555555555',
    'create 666666666666',
    'delete 444444444444',
  ]);
  expect([...sso.assigned].sort()).toEqual([`${GROUP}:555555555555`, `${GROUP}:666666666666`]);
});

test('a new group is a new resource (CloudFormation then deletes the old one, which removes only its own)', async () => {
  const other = 'a1b2c3d4-0000-4000-8000-000000000002';
  const sso = identityCenter();
  await sso.run({ RequestType: 'Create', ResourceProperties: props(['444444444444']) });
  const answer = await sso.run({
    RequestType: 'Update',
    ResourceProperties: props(['444444444444'], other),
    OldResourceProperties: props(['444444444444']),
  });
  expect(answer.PhysicalResourceId).toBe(`${SET}|GROUP|${other}`);
  await sso.run({ RequestType: 'Delete', ResourceProperties: props(['444444444444']) });
  expect([...sso.assigned]).toEqual([`${other}:444444444444`]);
});

test('waits out a conflicting operation on the set, then makes the assignment', async () => {
  const sso = identityCenter({ busyOnce: '555555555555' });
  const answer = await sso.run({ RequestType: 'Create', ResourceProperties: props(['555555555555']) });
  expect(answer.Status).toBe('SUCCESS');
  expect(sso.assigned.has(`${GROUP}:555555555555`)).toBe(true);
});

test("an assignment Identity Center fails fails the deploy with its reason and the account's ID", async () => {
  const sso = identityCenter({ refuse: '777777777777' });
  const answer = await sso.run({ RequestType: 'Create', ResourceProperties: props(['777777777777']) });
  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('777777777777');
  expect(answer.Reason).toContain('Received a 404 status error');
});
