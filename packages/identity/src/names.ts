/**
 * The names the break-glass constructs, the guardrails and the alerts agree on: the guardrails
 * protect the role by name and the alert matches it by name, so they are fixed.
 */
export class IdentityNames {
  /** The break-glass role in every member account. */
  public static readonly BREAK_GLASS_ROLE = 'landfall-break-glass';
  /** The IAM path of the break-glass users and their group in the management account. */
  public static readonly BREAK_GLASS_PATH = '/landfall/break-glass/';
  /** The break-glass users' group in the management account. */
  public static readonly BREAK_GLASS_GROUP = 'landfall-break-glass';
  /** The prefix of each break-glass user's name: `break-glass-<name>`. */
  public static readonly BREAK_GLASS_USER_PREFIX = 'break-glass-';

  private constructor() {}
}
