import { inMemorySdk, loadReconciler, reconcilerSource } from '@landfall/encryption/lib/deploy-time-reconciler';
import { MACIE_MEMBERS_SOURCE } from '../src/macie-members-reconciler';

// The Macie enrolment's function, run against an in-memory Macie administrator.

class AwsError extends Error {
  constructor(public readonly name: string) {
    super(name);
  }
}

function macie(existing: string[]) {
  const members = new Set(existing);
  const created: string[] = [];
  const sdk = inMemorySdk(
    {
      CreateMember: (input) => {
        const id = input.account.accountId;
        expect(input.account.email).toBe(`aws-${id}@example.com`);
        if (members.has(id)) throw new AwsError('ConflictException');
        members.add(id);
        created.push(id);
        return {};
      },
    },
    'Macie2Client',
  );
  const run = loadReconciler(reconcilerSource(MACIE_MEMBERS_SOURCE), { '@aws-sdk/client-macie2': sdk });
  return { run, members, created };
}

const listing = (...ids: string[]) => ({
  ServiceToken: 'arn:aws:lambda:us-east-1:333333333333:function:landfall-macie-members',
  Members: ids.map((id) => ({ AccountId: id, Email: `aws-${id}@example.com` })),
});

test('enrols every listed account, counting one already a member as enrolled', async () => {
  const m = macie(['222222222222']);
  const answer = await m.run({ RequestType: 'Create', ResourceProperties: listing('222222222222', '444444444444') });
  expect(answer.Status).toBe('SUCCESS');
  expect(m.created).toEqual(['444444444444']);
  expect([...m.members].sort()).toEqual(['222222222222', '444444444444']);
});

test('an update enrols only the accounts added; one removed from the list, or all on delete, stays a member', async () => {
  const m = macie([]);
  await m.run({ RequestType: 'Create', ResourceProperties: listing('222222222222', '444444444444') });
  await m.run({
    RequestType: 'Update',
    PhysicalResourceId: 'landfall-macie-members',
    ResourceProperties: listing('444444444444', '555555555555'),
    OldResourceProperties: listing('222222222222', '444444444444'),
  });
  expect(m.created).toEqual(['222222222222', '444444444444', '555555555555']);
  const answer = await m.run({
    RequestType: 'Delete',
    PhysicalResourceId: 'landfall-macie-members',
    ResourceProperties: listing('444444444444', '555555555555'),
  });
  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'landfall-macie-members' });
  expect(m.members.size).toBe(3);
});

test('a refused enrolment fails the deploy, naming the account and the error, after trying the others', async () => {
  const m = macie([]);
  const failing = {
    '@aws-sdk/client-macie2': inMemorySdk(
      {
        CreateMember: (input) => {
          if (input.account.accountId === '444444444444') throw new AwsError('AccessDeniedException');
          m.created.push(input.account.accountId);
          return {};
        },
      },
      'Macie2Client',
    ),
  };
  const run = loadReconciler(reconcilerSource(MACIE_MEMBERS_SOURCE), failing);
  const answer = await run({ RequestType: 'Create', ResourceProperties: listing('444444444444', '555555555555') });
  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('1 of 2 failed: 444444444444: AccessDeniedException');
  expect(m.created).toEqual(['555555555555']);
});
