import { AccountStacks } from '@landfall/landing-zone';

/**
 * Customizations of the `log-archive` account (log-archive, in Root/Security).
 * This file is yours: Landfall created it once and never overwrites it.
 *
 * Add stacks to `account.app` with `env: account.env()` (or `account.env(region)`), or
 * constructs to Landfall's own stacks, e.g. `account.stacks['encryption/us-east-1']`.
 * Everything added here is checked by cdk-nag with the rest of the landing zone.
 */
export function customize(account: AccountStacks): void {
  void account;
}
