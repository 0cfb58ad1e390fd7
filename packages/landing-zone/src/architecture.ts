import { execFileSync } from 'child_process';
import { pathToFileURL } from 'url';
import { AccountDefinition, Artifact, ResolvedLandingZone, UserError } from '@landfall/model';
import { accountsOf } from './deployment';

/** What an edge of the architecture diagram carries. */
export type ArchitectureFlow = 'network' | 'access' | 'ingress' | 'logs' | 'findings' | 'backup';

/** A box of the diagram: an OU, or an account that holds services. */
export interface ArchitectureGroup {
  readonly id: string;
  readonly label: string;
  /** The group it sits in. @default - the top of the diagram */
  readonly parent?: string;
}

/** A node of the diagram: an account (or several alike, collapsed), a service, or someone outside AWS. */
export interface ArchitectureNode {
  readonly id: string;
  readonly label: string;
  readonly kind: 'account' | 'accounts' | 'service' | 'outside';
  /** The group it sits in. @default - the top of the diagram */
  readonly group?: string;
  /** The accounts of the definition it stands for (one, several when collapsed, none for a service). */
  readonly accounts: readonly string[];
  /** The environment whose route domain it is, for a route domain. */
  readonly routeDomain?: string;
}

/** An edge: from a node or a group (every account in it) to a node. */
export interface ArchitectureEdge {
  readonly from: string;
  readonly to: string;
  readonly flow: ArchitectureFlow;
  readonly label?: string;
}

/** The diagram of a definition, before it is drawn. */
export interface Architecture {
  readonly title: string;
  readonly groups: readonly ArchitectureGroup[];
  readonly nodes: readonly ArchitectureNode[];
  readonly edges: readonly ArchitectureEdge[];
}

/**
 * Accounts of one OU alike (same role and environment, no public entry) are drawn as one node from this many on, so
 * an OU of 1,000 accounts stays one box.
 */
export const COLLAPSE_ACCOUNTS_FROM = 5;

const SHARED_DOMAIN = 'shared';

/**
 * The diagram of a definition: the OU tree and its accounts; the network hub's route domains (one per environment and
 * a shared one for endpoints, DNS and the VPN) with each account's VPC in its own environment's domain and only the
 * definition's connections between domains; people's paths (client VPN, recorded bastion, port forwarding); the public
 * entry (CloudFront and WAF before each account's load balancer); and where logs, findings and backups go.
 */
export function architectureOf(lz: ResolvedLandingZone): Architecture {
  const accounts = accountsOf(lz);
  const ids = new Ids();
  const groups: ArchitectureGroup[] = [];
  const nodes: ArchitectureNode[] = [];
  const edges: ArchitectureEdge[] = [];
  const ouGroup = new Map<string, string>();
  const accountNode = new Map<string, string>();

  // The OU tree.
  const ouOf = (path: string): string => {
    const known = ouGroup.get(path);
    if (known !== undefined) return known;
    const cut = path.lastIndexOf('/');
    const parent = cut > 0 ? ouOf(path.slice(0, cut)) : undefined;
    const id = ids.of('ou', path);
    groups.push({ id, label: path === 'Root' ? `${lz.name}: organization root` : path.slice(cut + 1), parent });
    ouGroup.set(path, id);
    return id;
  };
  const byRole = (role: AccountDefinition['role']) => accounts.find((a) => a.account.role === role)?.account;
  const management = byRole('management');
  const logArchive = byRole('log-archive');
  const audit = byRole('audit');
  const backup = byRole('backup');
  const shared = byRole('shared-services');

  // Core accounts hold services: each is a box of its own.
  const services = new Map<string, string>();
  const coreGroup = (account: AccountDefinition, ouPath: string) => {
    const id = ids.of('acct', account.name);
    groups.push({
      id,
      label: account.name === account.role ? account.name : `${account.name} (${account.role})`,
      parent: ouOf(ouPath),
    });
    accountNode.set(account.name, id);
    return id;
  };
  const service = (key: string, label: string, group: string | undefined, routeDomain?: string) => {
    const id = ids.of('svc', key);
    nodes.push({ id, label, kind: 'service', group, accounts: [], ...(routeDomain ? { routeDomain } : {}) });
    services.set(key, id);
    return id;
  };

  // Workload and sandbox accounts alike are collapsed per OU; every other account is drawn alone.
  const byOu = new Map<string, Array<{ account: AccountDefinition; ouPath: string }>>();
  for (const entry of accounts) byOu.set(entry.ouPath, [...(byOu.get(entry.ouPath) ?? []), entry]);
  for (const [ouPath, members] of byOu) {
    const group = ouOf(ouPath);
    const alike = new Map<string, AccountDefinition[]>();
    for (const { account } of members) {
      if (['management', 'log-archive', 'audit', 'backup', 'shared-services'].includes(account.role)) {
        coreGroup(account, ouPath);
        continue;
      }
      const key = account.ingress ? `ingress:${account.name}` : `${account.role}:${account.environment ?? ''}`;
      alike.set(key, [...(alike.get(key) ?? []), account]);
    }
    for (const [key, list] of alike) {
      const collapse = list.length >= COLLAPSE_ACCOUNTS_FROM && !key.startsWith('ingress:');
      const drawn = collapse ? [list] : list.map((a) => [a]);
      for (const some of drawn) {
        const first = some[0];
        const env = first.environment ? `, ${first.environment}` : '';
        const id = ids.of('acct', collapse ? `${ouPath}/${key}` : first.name);
        nodes.push({
          id,
          label: collapse
            ? `${some.length.toLocaleString('en-US')} ${first.role} accounts${env}, e.g. ${first.name}, ${some[some.length - 1].name}`
            : `${first.name} (${first.role}${env})`,
          kind: collapse ? 'accounts' : 'account',
          group,
          accounts: some.map((a) => a.name),
        });
        for (const a of some) accountNode.set(a.name, id);
      }
    }
  }

  // Management: the guardrails, the organization trail and Identity Center.
  const mgmt = management ? accountNode.get(management.name) : undefined;
  const trail = service('trail', 'Organization trail (CloudTrail, every account and region)', mgmt);
  service('guardrails', 'SCP and RCP guardrails (scp/)', mgmt);
  const identityCenter = lz.identity
    ? service(
        'identity-center',
        lz.identity.instanceArn
          ? 'IAM Identity Center (permission sets)'
          : 'IAM Identity Center: no permission sets until identity.instanceArn is set',
        mgmt,
      )
    : undefined;

  // Log archive, audit, backup.
  const archive = service(
    'archive',
    `Log archive bucket (Object Lock, ${lz.logging.archiveRetentionDays} days)`,
    logArchive ? accountNode.get(logArchive.name) : undefined,
  );
  const findings = service(
    'findings',
    'GuardDuty, Security Hub, Macie, Config aggregator',
    audit ? accountNode.get(audit.name) : undefined,
  );
  const vault = service(
    'vault',
    `Central backup vault (locked${lz.backup.copyRegion ? `, copied to ${lz.backup.copyRegion}` : ''})`,
    backup ? accountNode.get(backup.name) : undefined,
  );

  // The network hub in the shared-services account: a route domain per environment and the shared one.
  // Without a shared-services account there is no hub, client VPN or bastion (buildLandingZone builds none).
  const people = ids.of('outside', 'people');
  nodes.push({ id: people, label: 'Administrators and developers', kind: 'outside', accounts: [] });
  if (identityCenter) edges.push({ from: people, to: identityCenter, flow: 'access', label: 'sign-in' });
  if (shared) {
    const hubGroup = accountNode.get(shared.name);
    const tgw = lz.network.topology === 'transit-gateway';
    const regions = lz.regions.length > 1 ? `, in each of ${lz.regions.join(', ')}` : '';
    const sharedDomain = service(
      `domain:${SHARED_DOMAIN}`,
      `Hub VPC: VPC endpoints, DNS resolver${regions}`,
      hubGroup,
      SHARED_DOMAIN,
    );
    const perRegion = lz.regions.length > 1 ? "each region's " : 'the ';
    const homeOnly = lz.regions.length > 1 ? `; ${lz.homeRegion} only` : '';
    const domains = new Map<string, string>();
    for (const [env, plan] of Object.entries(lz.network.environments)) {
      const what = tgw ? 'route domain' : 'peerings';
      const id = service(
        `domain:${env}`,
        `${env} ${what}${plan.production ? ' (production)' : ''}${tgw ? ` on ${perRegion}transit gateway` : ` with ${perRegion}hub VPC`}`,
        hubGroup,
        env,
      );
      domains.set(env, id);
      edges.push({ from: id, to: sharedDomain, flow: 'network', label: 'endpoints, DNS' });
    }
    for (const link of lz.network.connections) {
      const from = domains.get(link.from);
      const to = domains.get(link.to);
      if (from && to) edges.push({ from, to, flow: 'network', label: 'network.connections' });
    }
    // Each VPC in its own environment's domain: a collapsed node once.
    const attached = new Set<string>();
    // Only workload accounts have a VPC (a sandbox has none).
    for (const { account } of accounts.filter((a) => a.account.role === 'workload')) {
      const domain = account.environment !== undefined ? domains.get(account.environment) : undefined;
      const from = accountNode.get(account.name);
      if (!domain || !from || attached.has(from)) continue;
      attached.add(from);
      edges.push({ from, to: domain, flow: 'network', label: tgw ? 'VPC attachment' : 'VPC peering' });
    }

    // People: the client VPN and the recorded bastion.
    const vpn = service(
      'vpn',
      lz.access.vpn.serverCertificateArn && lz.access.vpn.authentication
        ? `Client VPN (${lz.access.vpn.clientCidr}, ${lz.access.vpn.authentication.type}${homeOnly})`
        : `Client VPN (${lz.access.vpn.clientCidr}): not deployed until access.vpn has its certificate and authentication`,
      hubGroup,
    );
    const bastion = service('bastion', `Recorded bastion (Session Manager, sessions logged${homeOnly})`, hubGroup);
    edges.push({ from: people, to: vpn, flow: 'access', label: 'VPN connection' });
    edges.push({ from: vpn, to: sharedDomain, flow: 'access' });
    for (const group of lz.access.vpn.groups) {
      for (const env of group.environments) {
        const domain = domains.get(env);
        if (domain) edges.push({ from: vpn, to: domain, flow: 'access', label: `VPN group ${group.name}` });
      }
    }
    if (identityCenter) {
      edges.push({ from: identityCenter, to: bastion, flow: 'access', label: 'recorded session' });
    } else {
      edges.push({ from: people, to: bastion, flow: 'access', label: 'recorded session' });
    }
    for (const forward of lz.access.bastion.portForwarding) {
      const domain = domains.get(forward.environment);
      if (domain) edges.push({ from: bastion, to: domain, flow: 'access', label: `port ${forward.port}` });
    }
  }

  // The public entry: CloudFront and WAF before each public account's load balancer.
  const publics = accounts.filter((a) => a.account.ingress);
  if (publics.length > 0) {
    const internet = ids.of('outside', 'internet');
    nodes.push({ id: internet, label: 'Internet viewers', kind: 'outside', accounts: [] });
    for (const { account } of publics) {
      const group = nodes.find((n) => n.id === accountNode.get(account.name))?.group;
      const edge = service(
        `ingress:${account.name}`,
        `CloudFront + AWS WAF (${lz.ingress.minimumTlsVersion}, ${lz.ingress.allowedCountries.join(' ')})`,
        group,
      );
      edges.push({ from: internet, to: edge, flow: 'ingress', label: 'HTTPS' });
      edges.push({ from: edge, to: accountNode.get(account.name)!, flow: 'ingress', label: 'origin-facing ALB only' });
    }
  }

  // Logs and findings from every account (drawn once per top-level OU and per account at the root); backups from the
  // OUs the backup policy covers.
  // An OU that holds the destination sends from each of its other parts, not from itself (no edge into itself).
  const holds = (group: string, node: string): boolean => {
    const at = nodes.find((n) => n.id === node)?.group;
    for (let g = at; g !== undefined; g = groups.find((x) => x.id === g)?.parent) if (g === group) return true;
    return false;
  };
  const sourcesOf = (group: string, to: string): string[] => {
    if (!holds(group, to)) return [group];
    const parts = [
      ...groups.filter((g) => g.parent === group).map((g) => g.id),
      ...nodes.filter((n) => n.group === group && n.kind !== 'service').map((n) => n.id),
    ];
    return parts.flatMap((part) => {
      if (nodes.some((n) => n.id === part)) return [part];
      // The destination's own account sends nothing to itself.
      return holds(part, to) && nodes.find((n) => n.id === to)?.group === part ? [] : sourcesOf(part, to);
    });
  };
  const tops = [...new Set(accounts.map((a) => a.ouPath.split('/').slice(0, 2).join('/')))];
  for (const [to, flow, label] of [
    [archive, 'logs', 'Config, flow logs, DNS logs'],
    [findings, 'findings', 'findings'],
  ] as const) {
    for (const top of tops) {
      const root = top === 'Root';
      // An account at the root sends from its own node or box, unless it is the destination's own account.
      const sources = root
        ? accounts
            .filter((a) => a.ouPath === 'Root')
            .map((a) => accountNode.get(a.account.name)!)
            .filter((id) => nodes.find((n) => n.id === to)?.group !== id)
        : sourcesOf(ouGroup.get(top)!, to);
      for (const from of new Set(sources)) edges.push({ from, to, flow, label });
    }
  }
  edges.push({ from: trail, to: archive, flow: 'logs', label: 'CloudTrail' });
  for (const ou of lz.backup.ous) {
    const from = ouGroup.get(ou);
    if (from) edges.push({ from, to: vault, flow: 'backup', label: 'recovery point copies' });
  }

  return { title: `${lz.name}: architecture`, groups, nodes, edges };
}

/** Stable, readable identifiers: the same definition always gives the same diagram. */
class Ids {
  private readonly used = new Map<string, string>();
  private readonly taken = new Set<string>();

  of(kind: string, key: string): string {
    const known = this.used.get(`${kind}|${key}`);
    if (known !== undefined) return known;
    const base = `${kind}_${key.replace(/[^A-Za-z0-9]+/g, '_')}`;
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}_${n}`;
    this.taken.add(id);
    this.used.set(`${kind}|${key}`, id);
    return id;
  }
}

const FLOW_STYLE: Record<ArchitectureFlow, { color: string; dashed: boolean }> = {
  network: { color: '#1f6feb', dashed: false },
  access: { color: '#8250df', dashed: false },
  ingress: { color: '#1a7f37', dashed: false },
  logs: { color: '#6e7781', dashed: true },
  findings: { color: '#bf3989', dashed: true },
  backup: { color: '#bc4c00', dashed: true },
};

/** The diagram in Mermaid (a flowchart with a subgraph per OU and core account), for docs/architecture.md. */
export function renderMermaid(architecture: Architecture): string {
  const lines = ['flowchart LR'];
  const quote = (text: string) => `"${text.replace(/"/g, '#quot;')}"`;
  const draw = (parent: string | undefined, indent: string) => {
    for (const node of architecture.nodes.filter((n) => n.group === parent)) {
      const shape =
        node.kind === 'outside'
          ? `([${quote(node.label)}])`
          : node.kind === 'accounts'
            ? `[[${quote(node.label)}]]`
            : node.kind === 'service'
              ? `(${quote(node.label)})`
              : `[${quote(node.label)}]`;
      lines.push(`${indent}${node.id}${shape}`);
    }
    for (const group of architecture.groups.filter((g) => g.parent === parent)) {
      lines.push(`${indent}subgraph ${group.id}[${quote(group.label)}]`);
      draw(group.id, `${indent}  `);
      lines.push(`${indent}end`);
    }
  };
  draw(undefined, '  ');
  architecture.edges.forEach((edge) => {
    const arrow = FLOW_STYLE[edge.flow].dashed ? '-.->' : '-->';
    const label = edge.label ? `|${quote(edge.label)}|` : '';
    lines.push(`  ${edge.from} ${arrow}${label} ${edge.to}`);
  });
  // One linkStyle line per flow, listing its edges (Mermaid numbers edges in order of appearance).
  for (const flow of Object.keys(FLOW_STYLE) as ArchitectureFlow[]) {
    const indexes = architecture.edges.flatMap((edge, i) => (edge.flow === flow ? [i] : []));
    if (indexes.length > 0) lines.push(`  linkStyle ${indexes.join(',')} stroke:${FLOW_STYLE[flow].color}`);
  }
  return lines.join('\n');
}

/** The diagram in Graphviz's DOT language: clusters per OU and core account, edges coloured by flow. */
export function renderDot(architecture: Architecture): string {
  const quote = (text: string) => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = [
    `digraph ${quote(architecture.title)} {`,
    '  graph [compound=true, rankdir=TB, fontname="Helvetica", fontsize=12, nodesep=0.25, ranksep=0.8];',
    '  node [fontname="Helvetica", fontsize=10, shape=box, style="rounded,filled", fillcolor="#ffffff"];',
    '  edge [fontname="Helvetica", fontsize=9];',
    `  label=${quote(architecture.title)}; labelloc=t;`,
  ];
  const style: Record<ArchitectureNode['kind'], string> = {
    account: 'shape=box, style="rounded,filled", fillcolor="#ddf4ff"',
    accounts: 'shape=box3d, style="filled", fillcolor="#ddf4ff"',
    service: 'shape=box, style="rounded,filled", fillcolor="#fff8c5"',
    outside: 'shape=ellipse, style="filled", fillcolor="#eaeef2"',
  };
  const draw = (parent: string | undefined, indent: string) => {
    for (const node of architecture.nodes.filter((n) => n.group === parent)) {
      lines.push(`${indent}${node.id} [label=${quote(node.label)}, ${style[node.kind]}];`);
    }
    for (const group of architecture.groups.filter((g) => g.parent === parent)) {
      lines.push(`${indent}subgraph cluster_${group.id} {`);
      lines.push(`${indent}  label=${quote(group.label)}; style="rounded"; color="#8c959f";`);
      draw(group.id, `${indent}  `);
      lines.push(`${indent}}`);
    }
  };
  draw(undefined, '  ');
  // An edge from a group leaves from a node inside it, clipped at the group's border.
  const inside = (group: string): string | undefined => {
    const node = architecture.nodes.find((n) => n.group === group);
    if (node) return node.id;
    for (const child of architecture.groups.filter((g) => g.parent === group)) {
      const found = inside(child.id);
      if (found) return found;
    }
    return undefined;
  };
  const isGroup = new Set(architecture.groups.map((g) => g.id));
  for (const edge of architecture.edges) {
    const from = isGroup.has(edge.from) ? inside(edge.from) : edge.from;
    if (from === undefined) continue;
    const { color, dashed } = FLOW_STYLE[edge.flow];
    const attributes = [
      `color=${quote(color)}`,
      `fontcolor=${quote(color)}`,
      ...(dashed ? ['style=dashed'] : []),
      ...(edge.label ? [`label=${quote(edge.label)}`] : []),
      ...(isGroup.has(edge.from) ? [`ltail=cluster_${edge.from}`] : []),
    ];
    lines.push(`  ${from} -> ${edge.to} [${attributes.join(', ')}];`);
  }
  lines.push('}');
  return lines.join('\n');
}

/**
 * Renders DOT to SVG with Graphviz compiled to WebAssembly (`@hpcc-js/wasm-graphviz`: offline, no system Graphviz).
 * The library is an ES module that loads asynchronously, so it runs in a child Node.js process and this stays
 * synchronous, as the artifacts of `npx projen` and `landfall synth` are.
 */
export function renderSvg(dot: string): string {
  let library: string;
  try {
    library = pathToFileURL(require.resolve('@hpcc-js/wasm-graphviz')).href;
  } catch {
    throw new UserError(
      'docs/architecture.svg',
      'cannot be drawn: @hpcc-js/wasm-graphviz, a dependency of @landfall/landing-zone, is not installed',
      "reinstall the project's dependencies (npm ci)",
    );
  }
  const script = [
    `const { Graphviz } = await import(${JSON.stringify(library)});`,
    'let dot = "";',
    'for await (const chunk of process.stdin) dot += chunk;',
    'const graphviz = await Graphviz.load();',
    'process.stdout.write(graphviz.dot(dot, "svg"));',
  ].join('\n');
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    input: dot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // Graphviz lays out the example in under a second and 1,000 accounts collapsed in a few.
    timeout: 120_000,
  });
}

const HEADER =
  '<!-- Generated by Landfall from the landing-zone definition (@landfall/landing-zone architectureOf). Do not edit: change the definition and regenerate. -->';

/** docs/architecture.md (the Mermaid diagram and what it shows) and docs/architecture.svg (the same, drawn by Graphviz). */
export function renderArchitectureArtifacts(lz: ResolvedLandingZone): Artifact[] {
  const architecture = architectureOf(lz);
  const accounts = accountsOf(lz);
  const collapsed = architecture.nodes.filter((n) => n.kind === 'accounts');
  const markdown = [
    HEADER,
    `# Architecture: ${lz.name}`,
    '',
    `Drawn from the definition: ${accounts.length} accounts in ${lz.regions.join(', ')} (home ${lz.homeRegion}), ` +
      `network topology ${lz.network.topology}. [docs/architecture.svg](architecture.svg) is the same diagram drawn by Graphviz.`,
    '',
    ...(accounts.some((a) => a.account.role === 'shared-services')
      ? [
          `- **Network**: every workload VPC is in its own environment's ${lz.network.topology === 'transit-gateway' ? 'route domain on the hub transit gateway' : 'peerings with the hub VPC'}; ` +
            'each domain reaches the hub (VPC endpoints, DNS) and only the environments `network.connections` names, never a production environment from a non-production one (docs/accounts.md, "Connectivity").',
          '- **People** reach networks only through the client VPN (per VPN group) and servers only through recorded sessions on the bastion and its port forwarding (docs/access.md).',
        ]
      : [
          '- **No shared-services account**: no network hub, client VPN or recorded bastion is built (they live in that account), so none is drawn.',
        ]),
    '- **The public** reaches an application only through CloudFront and AWS WAF, and its load balancer only from CloudFront (docs/access.md, "Public entry").',
    "- **Logs** (the organization trail, Config, flow and DNS logs) go to the log archive, **findings** to the audit account (docs/logging.md); **backups** of the OUs the backup policy covers are copied to the backup account's locked vault (docs/backup.md).",
    ...(collapsed.length > 0
      ? [
          `- Accounts alike (same OU, role and environment, no public entry) are drawn as one node from ${COLLAPSE_ACCOUNTS_FROM} on: ${collapsed.map((n) => `${n.accounts.length.toLocaleString('en-US')} in ${architecture.groups.find((g) => g.id === n.group)?.label ?? 'the root'}`).join('; ')}.`,
        ]
      : []),
    '',
    '```mermaid',
    renderMermaid(architecture),
    '```',
    '',
  ].join('\n');
  return [
    { path: 'docs/architecture.md', content: markdown },
    { path: 'docs/architecture.svg', content: `${renderSvg(renderDot(architecture)).trimEnd()}\n` },
  ];
}
