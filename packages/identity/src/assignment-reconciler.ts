// The assignments' reconciler, its own source (CommonJS, the AWS SDK v3 of the Lambda Node.js runtime, no
// dependencies), run by `DeployTimeReconciler`. Not part of the public API.
//
// One resource is one group's permission set in a list of accounts. Properties: InstanceArn, PermissionSetArn,
// GroupId, Accounts (account IDs). On create, the group gets the set in every listed account; on update, in the
// accounts added, and loses it in the accounts removed (a new set, instance or group is a new resource: CloudFormation
// creates it, then deletes the old one); on delete, it loses the set in every listed account. An assignment that
// already exists counts as made, one already gone as removed, so a rerun finishes an interrupted one.

/**
 * How many accounts one group's permission set is assigned in by one resource: the account IDs travel in the request
 * CloudFormation sends the function (old and new lists, on update), which must stay well under Lambda's limit.
 */
export const MAX_ACCOUNTS_PER_ASSIGNMENT = 5000;

export const ASSIGNMENT_SOURCE = `
const sdk = require('@aws-sdk/client-sso-admin');
const sso = new sdk.SSOAdminClient({ maxAttempts: 10, retryMode: 'adaptive' });
const call = (name, input) => sso.send(new sdk[name + 'Command'](input));

async function reconcile(event, deadline) {
  const p = event.ResourceProperties;
  const old = event.OldResourceProperties;
  const deleting = event.RequestType === 'Delete';
  const same = event.RequestType === 'Update' && ['InstanceArn', 'PermissionSetArn', 'GroupId'].every((k) => old[k] === p[k]);
  const previous = deleting ? p.Accounts : same ? old.Accounts : [];
  const wanted = deleting ? [] : p.Accounts;
  const target = (account) => ({
    InstanceArn: p.InstanceArn, PermissionSetArn: p.PermissionSetArn,
    PrincipalType: 'GROUP', PrincipalId: p.GroupId, TargetType: 'AWS_ACCOUNT', TargetId: account,
  });
  const assigned = async (account) => {
    let token;
    do {
      const page = await call('ListAccountAssignments', { InstanceArn: p.InstanceArn, AccountId: account, PermissionSetArn: p.PermissionSetArn, NextToken: token });
      if ((page.AccountAssignments || []).some((a) => a.PrincipalType === 'GROUP' && a.PrincipalId === p.GroupId)) return true;
      token = page.NextToken;
    } while (token);
    return false;
  };
  // Identity Center makes and removes assignments asynchronously: wait for each request's outcome.
  const settle = async (kind, status, account) => {
    await until(deadline, kind + ' of the assignment in ' + account, async () => {
      if (status.Status === 'FAILED') throw new Error('in ' + account + ': ' + status.FailureReason);
      if (status.Status === 'SUCCEEDED') return true;
      const described = await call('DescribeAccountAssignment' + kind + 'Status', {
        InstanceArn: p.InstanceArn, ['AccountAssignment' + kind + 'RequestId']: status.RequestId,
      });
      status = described['AccountAssignment' + kind + 'Status'];
      return false;
    });
  };
  // A conflict is either the assignment already there (made) or another operation on the set still running (wait).
  const create = async (account) => {
    let made;
    await until(deadline, 'a conflicting operation on the set in ' + account + ' to end', async () => {
      try {
        made = await call('CreateAccountAssignment', target(account));
        return true;
      } catch (e) {
        if (e.name !== 'ConflictException') throw e;
        return assigned(account);
      }
    });
    if (made) await settle('Creation', made.AccountAssignmentCreationStatus, account);
  };
  const remove = async (account) => {
    let removed;
    try {
      removed = await call('DeleteAccountAssignment', target(account));
    } catch (e) {
      if (e.name === 'ResourceNotFoundException') return;
      throw e;
    }
    await settle('Deletion', removed.AccountAssignmentDeletionStatus, account);
  };
  await each(wanted.filter((a) => !previous.includes(a)), create);
  await each(previous.filter((a) => !wanted.includes(a)), remove);
  return { physicalId: p.PermissionSetArn + '|GROUP|' + p.GroupId, data: { Accounts: String(wanted.length) } };
}
`;
