import { relative } from 'path';
import {
  LandingZoneValidationError,
  ResolvedLandingZone,
  UserError,
  ValidationError,
  walkOrganization,
} from '@landfall/model';
import { bold, dim, green, red } from './style';

/** A path as the user would type it: relative to the working directory when inside it. */
export function shown(file: string): string {
  const r = relative(process.cwd(), file);
  return r && !r.startsWith('..') ? r : file;
}

/** The one-screen summary of a valid definition. */
export function summarize(lz: ResolvedLandingZone, source: string): string {
  const { accounts, ous } = walkOrganization(lz.organization);
  const roles = new Map<string, number>();
  for (const { account } of accounts) roles.set(account.role!, (roles.get(account.role!) ?? 0) + 1);
  const depth = Math.max(0, ...ous.map((o) => o.depth));
  const environments = Object.entries(lz.network.environments).map(([env, plan]) => {
    const members = accounts
      .filter(({ account }) => account.environment === env && account.role === 'workload')
      .map(({ account }) => account.name);
    return `${env}${plan.production ? ' (production)' : ''}: ${members.join(', ') || 'no accounts yet'}`;
  });
  const blocks = [
    `hub ${lz.network.hubCidr}`,
    ...Object.entries(lz.network.environments).map(
      ([env, plan]) => `${env} ${plan.ipamPoolCidr ?? `${Object.keys(plan.accountCidrs ?? {}).length} explicit`}`,
    ),
    `VPN ${lz.access.vpn.clientCidr}`,
  ];
  const row = (label: string, value: string) => `  ${dim(label.padEnd(13))}${value}`;
  return [
    `${green('✔')} ${bold(lz.name)} is valid ${dim(`(${source})`)}`,
    row('regions', lz.regions.map((r) => (r === lz.homeRegion ? `${r} (home)` : r)).join(', ')),
    row('accounts', `${accounts.length}: ${[...roles].map(([role, n]) => `${role} ${n}`).join(', ')}`),
    row('OUs', `${ous.length}, nested ${depth} deep`),
    row('environments', environments.join(' · ') || 'none'),
    row('network', `${lz.network.topology}; ${blocks.join('; ')}`),
    row('guardrails', `${lz.guardrails.baseline} baseline; exempt roles ${lz.guardrails.exemptRoleNames.join(', ')}`),
    row(
      'backup',
      `daily, weekly, monthly, kept ${lz.backup.retentionDays}/${lz.backup.weekly.retentionDays}/${lz.backup.monthly.retentionDays} days; ${lz.backup.ous.join(', ') || 'no OU yet'}; copied to the backup account${lz.backup.copyRegion ? ` and ${lz.backup.copyRegion}` : ''}`,
    ),
  ].join('\n');
}

/** Every error, one per line, path first. */
export function reportErrors(errors: readonly ValidationError[], source: string): string {
  const title = `${red('✘')} ${bold(source)} has ${errors.length} error${errors.length === 1 ? '' : 's'}:`;
  return [
    title,
    ...errors.map((e) => `  ${bold(e.path === '' ? '(document)' : e.path)}: ${e.message}\n    ${dim('fix:')} ${e.fix}`),
  ].join('\n');
}

/** Prints every error (and an afterword, such as what was not written) to stderr and sets exit status 1. */
export function failWith(errors: readonly ValidationError[], source: string, afterword?: string): undefined {
  process.stderr.write(reportErrors(errors, source) + '\n' + (afterword ? `${afterword}\n` : ''));
  process.exitCode = 1;
  return undefined;
}

/**
 * Prints a user error (`isUserError`) once, with where, what and the fix, and sets exit status 1. `definitionFile`
 * names the definition when the error is about it.
 */
export function reportUserError(
  error: UserError | LandingZoneValidationError,
  definitionFile: string,
  afterword?: string,
): undefined {
  if ('errors' in error) {
    const source = error.source === new LandingZoneValidationError([]).source ? definitionFile : error.source;
    return failWith(error.errors, source, afterword);
  }
  process.stderr.write(
    `${red('✘')} ${bold(error.where)}: ${error.problem}\n    ${dim('fix:')} ${error.fix}\n` +
      (afterword ? `${afterword}\n` : ''),
  );
  process.exitCode = 1;
  return undefined;
}

/**
 * A fault of Landfall's own code (not AWS's answer, not the user's input): such an error is rethrown by the
 * commands' error reports, so that it ends as an internal error (exit status 2) with its stack trace. Errors of
 * those classes that the SDK or Node raise for what they were given (an answer that is not JSON, an endpoint that
 * is no URL: they carry `$metadata`, `$response` or a `code`) are not faults of Landfall's.
 */
export function isProgramFault(error: unknown): boolean {
  const e = error as { code?: unknown; $metadata?: unknown; $response?: unknown } | undefined;
  if (e?.code === 'ERR_ASSERTION') return true;
  if (e?.code !== undefined || e?.$metadata !== undefined || e?.$response !== undefined) return false;
  return error instanceof TypeError || error instanceof ReferenceError || error instanceof RangeError;
}
