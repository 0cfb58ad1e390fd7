import { AccountCreationFailed, DestroyRefused, Interrupted, ManagementAccountMismatch } from './apply';
import { LeaseHeldError } from './lease';
import { isError, reasonOf } from './sdk';
import { SERVICE_ADMIN_APIS, ServiceAdminError } from './service-admins';

const CREATION_FAILURES: Record<string, string> = {
  EMAIL_ALREADY_EXISTS:
    "another AWS account already uses this email — give the account an address no AWS account has used (a new alias of the client's distribution list)",
  ACCOUNT_LIMIT_EXCEEDED:
    'the organization reached its account quota — request an increase of "Default maximum number of accounts" in Service Quotas (Organizations), then apply again',
  INVALID_EMAIL: 'AWS rejected the email address — check it in the definition',
  INVALID_ADDRESS:
    "AWS rejected the management account's address — fix the contact information of the management account",
  FAILED_BUSINESS_VALIDATION: 'the management account failed business validation — contact AWS Support',
  INVALID_PAYMENT_INSTRUMENT: 'the management account has no valid payment method — add one in the Billing console',
  CONCURRENT_ACCOUNT_MODIFICATION: 'the same account is already being created — apply again in a few minutes',
  INTERNAL_FAILURE: 'AWS failed internally — apply again; it resumes where it stopped',
};

const CONSTRAINTS: Record<string, string> = {
  ACCOUNT_NUMBER_LIMIT_EXCEEDED:
    'the organization reached its account quota — request an increase in Service Quotas (Organizations), then apply again',
  ACCOUNT_CREATION_RATE_LIMIT_EXCEEDED:
    'AWS limits how many accounts an organization creates per day — apply again tomorrow; finished steps are kept',
  MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED:
    'a target has reached its policy count limit — something outside Landfall attached policies there; detach those or lower guardrails.limits so the compiler packs tighter',
  POLICY_CONTENT_LIMIT_EXCEEDED:
    "a policy is larger than this organization accepts — set guardrails.limits to the organization's real quota and regenerate",
  OU_DEPTH_LIMIT_EXCEEDED: 'OUs nest too deep for this organization — flatten the OU tree',
  CLOSE_ACCOUNT_QUOTA_EXCEEDED:
    'AWS lets an organization close at most 10% of its member accounts (between 10 and 1,000) in a rolling 30 days — apply again when the oldest closure is 30 days old; the accounts closed so far are recorded',
  CLOSE_ACCOUNT_REQUESTS_LIMIT_EXCEEDED:
    'AWS limits how many account closures run at once — apply again in a few minutes; the accounts closed so far are recorded',
  TRUSTED_ACCESS_NOT_ENABLED:
    'trusted access is not enabled for the service — apply again (it is enabled before delegated administrators are registered)',
};

/** AWS's answer in plain words, with what to do. */
export function explainError(error: unknown): string {
  if (error instanceof AccountCreationFailed) {
    return `${error.account}: ${CREATION_FAILURES[error.reason] ?? `AWS answered ${error.reason}`}`;
  }
  if (
    error instanceof LeaseHeldError ||
    error instanceof Interrupted ||
    error instanceof DestroyRefused ||
    error instanceof ManagementAccountMismatch
  ) {
    return error.message;
  }
  if (isError(error, 'OrganizationalUnitNotEmptyException')) {
    return 'an OU to delete is not empty (an account was moved into it, or a closed account is still in its 90 days) — plan again to see what it holds';
  }
  if (isError(error, 'PolicyInUseException')) {
    return 'a policy to delete is still attached (AWS kept it as the last policy of its type on a target) — attach another policy of that type there, then apply again';
  }
  if (error instanceof ServiceAdminError) return explainServiceAdmin(error);
  const e = error as { name?: string; message?: string; code?: string };
  if (isError(error, 'ConstraintViolationException')) {
    const reason = reasonOf(error) ?? 'UNKNOWN';
    return `${reason}: ${CONSTRAINTS[reason] ?? e.message}`;
  }
  if (isError(error, 'AccessDeniedException')) {
    return 'access denied — run with credentials of the management account that allow organizations:* (for example its OrganizationAccountAccessRole or an administrator role)';
  }
  if (isError(error, 'AWSOrganizationsNotInUseException')) {
    return 'the account is not in an organization — `landfall apply` creates it; `plan` only shows that it would';
  }
  if (isError(error, 'CredentialsProviderError') || /Could not load credentials/i.test(e.message ?? '')) {
    return "no AWS credentials found — set AWS_PROFILE or pass --profile (the management account's)";
  }
  if (e.code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message ?? '')) {
    return `cannot reach the Organizations endpoint (${e.message}) — is --endpoint right, and is the emulator running?`;
  }
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
}

/** A refusal of GuardDuty, Security Hub or Macie to list or designate the administrator. */
function explainServiceAdmin(error: ServiceAdminError): string {
  const api = SERVICE_ADMIN_APIS[error.service];
  const e = error.awsError as { name?: string; message?: string };
  const said = `${api.name} in ${error.region} answered ${e.name ?? 'Error'}: ${e.message ?? String(e)}`;
  if (isError(e, api.alreadyDesignated) && /already|another|same account/i.test(e.message ?? '')) {
    return `${said} — another account administers ${api.name} there, or Organizations lists another delegated administrator for ${api.principal}; \`landfall plan\` names it and how to remove it. Landfall never replaces an administrator itself`;
  }
  if (isError(e, 'AccessDeniedException', 'InvalidAccessException') || /management account/i.test(e.message ?? '')) {
    return `${said} — run with the management account's credentials, allowed ${api.cli}:EnableOrganizationAdminAccount and ${api.cli}:ListOrganizationAdminAccounts, and organizations:EnableAWSServiceAccess, organizations:RegisterDelegatedAdministrator and organizations:DescribeOrganization (the service calls them on your behalf)`;
  }
  if (error.accountName && /not a member/i.test(e.message ?? '')) {
    return `${said} — ${error.accountName} must be an account of this organization; apply again once it is`;
  }
  return said;
}
