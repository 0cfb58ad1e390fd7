// The Macie enrolment's reconciler, its own source (CommonJS, the AWS SDK v3 of the Lambda Node.js runtime, no
// dependencies), run by `DeployTimeReconciler`. Not part of the public API.
//
// One resource lists the accounts to enrol: Members ([{ AccountId, Email }]). On create, every listed account is
// enrolled; on update, those added; an account already a member (enrolled earlier, or by Macie's organization setting)
// is left as it is. Nothing is ever removed: an account dropped from the list, or every one on delete, stays a member.

/**
 * How many accounts one resource enrols: the list travels in the request CloudFormation sends the function (old and
 * new, on update), which must stay well under Lambda's limit. `MacieMembers` spreads a longer list over more resources.
 */
export const MAX_MACIE_MEMBERS = 3000;

export const MACIE_MEMBERS_SOURCE = `
const sdk = require('@aws-sdk/client-macie2');
const macie = new sdk.Macie2Client({ maxAttempts: 10, retryMode: 'adaptive' });

async function reconcile(event) {
  const p = event.ResourceProperties;
  if (event.RequestType === 'Delete') return { physicalId: event.PhysicalResourceId };
  const before = new Set(event.RequestType === 'Update' ? event.OldResourceProperties.Members.map((m) => m.AccountId) : []);
  const joining = p.Members.filter((m) => !before.has(m.AccountId));
  const emails = new Map(joining.map((m) => [m.AccountId, m.Email]));
  await each([...emails.keys()], async (id) => {
    try {
      await macie.send(new sdk.CreateMemberCommand({ account: { accountId: id, email: emails.get(id) } }));
    } catch (e) {
      if (e.name !== 'ConflictException') throw e;
    }
  });
  return { physicalId: 'landfall-macie-members', data: { Enrolled: String(joining.length) } };
}
`;
