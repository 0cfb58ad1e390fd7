import { ResolvedLandingZone } from './defaults';
import { AccountDefinition, OrganizationalUnitDefinition } from './definition';
import { walkOrganization } from './walk';

/**
 * The account inventory (docs/accounts.md): OU tree, accounts with their roles
 * and environments, and the address plan. Deterministic, so it can be committed
 * and reviewed.
 */
export function renderAccountInventory(lz: ResolvedLandingZone): string {
  const { accounts } = walkOrganization(lz.organization);
  const lines: string[] = [
    `# Account inventory: ${lz.name}`,
    '',
    `Home region ${lz.homeRegion}; governed regions ${lz.regions.join(', ')}. ` +
      `${accounts.length} accounts; network topology ${lz.network.topology}.`,
    '',
    '## Organization',
    '',
    '```',
    ...renderTree(lz),
    '```',
    '',
    '## Accounts',
    '',
    '| account | role | environment | OU | root email |',
    '|---|---|---|---|---|',
    ...accounts.map(
      ({ ouPath, account }) =>
        `| ${account.name} | ${account.role} | ${account.environment ?? '–'} | ${ouPath} | ${account.email} |`,
    ),
    '',
    '## Address plan',
    '',
    '| block | CIDR | notes |',
    '|---|---|---|',
    `| shared-services hub VPC | ${lz.network.hubCidr} | |`,
    ...Object.entries(lz.network.environments).flatMap(([env, plan]) => {
      const kind = plan.production ? 'production' : 'non-production';
      const rows: string[] = [];
      if (plan.ipamPoolCidr) {
        rows.push(
          `| ${env} IPAM pool | ${plan.ipamPoolCidr} | ${kind}; one /${plan.vpcNetmask} VPC per account and region |`,
        );
      }
      for (const [account, cidr] of Object.entries(plan.accountCidrs ?? {})) {
        rows.push(`| ${env}: ${account} VPC | ${cidr} | ${kind}; home region |`);
      }
      return rows;
    }),
    `| client VPN range | ${lz.access.vpn.clientCidr} | ${lz.access.vpn.splitTunnel ? 'split tunnel' : 'full tunnel'} |`,
    '',
    '## Connectivity',
    '',
    ...renderConnectivity(lz),
    '',
  ];
  return lines.join('\n');
}

function renderTree(lz: ResolvedLandingZone): string[] {
  const out = ['Root'];
  const describe = (a: AccountDefinition) => `${a.name} (${a.role}${a.environment ? `, ${a.environment}` : ''})`;
  const visit = (
    accounts: readonly AccountDefinition[],
    ous: readonly OrganizationalUnitDefinition[],
    indent: string,
  ) => {
    const items: Array<{ label: string; ou?: OrganizationalUnitDefinition }> = [
      ...accounts.map((a) => ({ label: describe(a) })),
      ...ous.map((ou) => ({ label: `${ou.name}/`, ou })),
    ];
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      out.push(`${indent}${last ? '└── ' : '├── '}${item.label}`);
      if (item.ou) visit(item.ou.accounts ?? [], item.ou.ous ?? [], `${indent}${last ? '    ' : '│   '}`);
    });
  };
  visit(lz.organization.accounts ?? [], lz.organization.ous ?? [], '');
  return out;
}

function renderConnectivity(lz: ResolvedLandingZone): string[] {
  const envs = Object.keys(lz.network.environments);
  const via =
    lz.network.topology === 'transit-gateway'
      ? 'its own Transit Gateway route table, propagating only to shared services'
      : 'a peering with the shared-services VPC only';
  return [
    ...envs.map((env) => `- ${env}: ${via}.`),
    ...lz.network.connections.map(
      (c) => `- ${c.from} ↔ ${c.to}: extra route (both non-production or both production).`,
    ),
    lz.network.connections.length === 0 ? '- No route between environments.' : '',
  ].filter((line) => line !== '');
}
