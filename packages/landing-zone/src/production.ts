import { ResolvedLandingZone } from '@landfall/model';
import { DeploymentIds, RegionalNetworkIds, accountsOf } from './deployment';

/**
 * What names production in a template: the IDs of production environments' accounts, their address ranges (IPAM
 * pools and explicit VPC ranges) and the network IDs recorded for them (IPAM pools, VPCs, attachments, peerings).
 */
export function productionMarkers(lz: ResolvedLandingZone, ids: DeploymentIds): string[] {
  const environments = Object.entries(lz.network.environments).filter(([, e]) => e.production);
  const production = new Set(environments.map(([name]) => name));
  const accounts = accountsOf(lz)
    .filter(({ account }) => account.environment !== undefined && production.has(account.environment))
    .map(({ account }) => account.name);
  const regional = (n: RegionalNetworkIds | undefined) =>
    accounts.flatMap((name) => [
      n?.attachments?.[name],
      n?.vpcs?.[name]?.vpcId,
      n?.vpcs?.[name]?.cidr,
      n?.peeringConnections?.[name],
    ]);
  const markers = [
    ...accounts.map((name) => ids.accounts[name]),
    ...environments.flatMap(([, e]) => [e.ipamPoolCidr, ...Object.values(e.accountCidrs ?? {})]),
    ...Object.entries(ids.network?.ipamPools ?? {})
      .filter(([key]) => production.has(key.split('/')[0]))
      .map(([, pool]) => pool),
    ...regional(ids.network),
    ...Object.values(ids.network?.regions ?? {}).flatMap(regional),
  ];
  return [...new Set(markers.filter((m): m is string => typeof m === 'string' && m.length > 0))];
}

/**
 * Whether a stack acts on production: it is in a production environment's account, or its template names one of
 * the `productionMarkers` (an Identity Center assignment to a production account, a route domain or a VPN rule for
 * production's range, a security service's membership of a production account). What a pipeline deploys only after
 * production's approval.
 */
export function touchesProduction(
  lz: ResolvedLandingZone,
  ids: DeploymentIds,
): (stack: { readonly account: string; readonly template: unknown }) => boolean {
  const markers = productionMarkers(lz, ids);
  const accountIds = new Set(
    accountsOf(lz)
      .filter(({ account }) => account.environment && lz.network.environments[account.environment]?.production)
      .map(({ account }) => ids.accounts[account.name])
      .filter((id) => id !== undefined),
  );
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  // Whole IDs and ranges only: 10.0.0.0/16 does not name 10.0.0.0/1, nor 110.0.0.0/16.
  const named =
    markers.length > 0
      ? new RegExp(`(?<![A-Za-z0-9.-])(?:${markers.map(escape).join('|')})(?![A-Za-z0-9]|/\\d|\\.\\d)`)
      : undefined;
  return (stack) => accountIds.has(stack.account) || (named?.test(JSON.stringify(stack.template)) ?? false);
}
