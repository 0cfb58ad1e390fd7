/**
 * The names the guardrails and Landfall's identity stacks agree on: ProtectPrivilegedRoles protects the
 * break-glass role by this name in every member account, so it is fixed.
 */

/**
 * The emergency role in every member account, assumed only by the break-glass IAM users of the management account
 * (which SCPs do not bind): no member-account principal but the deploy principals may create, change, delete,
 * assume or pass it.
 */
export const BREAK_GLASS_ROLE_NAME = 'landfall-break-glass';

/** The IAM path of the break-glass users in the management account. */
export const BREAK_GLASS_USER_PATH = '/landfall/break-glass/';
