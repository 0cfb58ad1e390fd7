import { Architecture, architectureOf, renderArchitectureArtifacts, renderDot, renderMermaid, renderSvg } from '../src';
import { definition } from './fixtures';

/** The ID of the node of `env`'s route domain. */
const domainOf = (a: Architecture, env: string) => a.nodes.find((n) => n.routeDomain === env)!.id;
/** The route domains a node's network edges lead to. */
const domainsReachedFrom = (a: Architecture, id: string) =>
  a.edges
    .filter((e) => e.from === id && e.flow === 'network')
    .map((e) => a.nodes.find((n) => n.id === e.to)?.routeDomain);

describe('the architecture diagram of the example', () => {
  const lz = definition();
  const a = architectureOf(lz);

  test('draws every account of the definition, once, inside its OU', () => {
    const drawn = a.nodes.flatMap((n) => n.accounts);
    const core = a.groups.filter((g) => g.id.startsWith('acct_'));
    const names = [...drawn, ...core.map((g) => g.label.replace(/ \(.*$/, ''))].sort();
    expect(names).toEqual(['management', 'log-archive', 'audit', 'backup', 'shared-services', 'prod', 'dev'].sort());
    const prod = a.nodes.find((n) => n.accounts.includes('prod'))!;
    expect(a.groups.find((g) => g.id === prod.group)!.label).toBe('Prod');
  });

  test('puts each workload VPC in its own environment’s route domain, and links prod and dev only through the hub', () => {
    const prod = a.nodes.find((n) => n.accounts.includes('prod'))!.id;
    const dev = a.nodes.find((n) => n.accounts.includes('dev'))!.id;
    expect(domainsReachedFrom(a, prod)).toEqual(['prod']);
    expect(domainsReachedFrom(a, dev)).toEqual(['dev']);
    // Between route domains: each to the shared hub only (the example connects no environments).
    const domains = new Set(a.nodes.filter((n) => n.routeDomain !== undefined).map((n) => n.id));
    const between = a.edges.filter((e) => domains.has(e.from) && domains.has(e.to));
    expect(between.map((e) => [e.from, e.to])).toEqual([
      [domainOf(a, 'prod'), domainOf(a, 'shared')],
      [domainOf(a, 'dev'), domainOf(a, 'shared')],
    ]);
  });

  test('shows people’s paths (VPN groups, recorded sessions, port forwarding) and the public entry of each public account', () => {
    const labels = (to: string) => a.edges.filter((e) => e.to === to && e.flow === 'access').map((e) => e.label);
    expect(labels(domainOf(a, 'dev'))).toEqual(expect.arrayContaining(['VPN group developers']));
    const forwards = lz.access.bastion.portForwarding;
    expect(forwards.length).toBeGreaterThan(0);
    for (const f of forwards) expect(labels(domainOf(a, f.environment))).toContain(`port ${f.port}`);
    // No VPN path into prod for a group the definition does not give it.
    const prodGroups = lz.access.vpn.groups
      .filter((g) => g.environments.includes('prod'))
      .map((g) => `VPN group ${g.name}`);
    expect(labels(domainOf(a, 'prod')).filter((l) => l?.startsWith('VPN'))).toEqual(prodGroups);
    const publics = a.edges.filter((e) => e.flow === 'ingress' && e.label === 'origin-facing ALB only');
    expect(
      publics
        .map((e) => a.nodes.find((n) => n.id === e.to)!.accounts)
        .flat()
        .sort(),
    ).toEqual(['dev', 'prod']);
  });

  test('sends logs and findings from every account, and backups from the backup policy’s OUs', () => {
    const from = (flow: string) =>
      a.edges.filter((e) => e.flow === flow).map((e) => a.groups.find((g) => g.id === e.from)?.label ?? e.from);
    // From each top-level OU, or from each other account of the OU that holds the destination.
    expect(from('findings').sort()).toEqual(['Infrastructure', 'Workloads', 'backup', 'log-archive', 'management']);
    expect(from('logs').sort()).toEqual(['Infrastructure', 'Workloads', 'audit', 'backup', 'management', 'svc_trail']);
    expect(from('backup')).toEqual(lz.backup.ous.map((o) => o.split('/').pop()));
  });

  test('renders Mermaid with a subgraph per OU and core account, and DOT that Graphviz draws as SVG', () => {
    const mermaid = renderMermaid(a);
    expect(mermaid.split('\n')[0]).toBe('flowchart LR');
    expect(mermaid.match(/^\s*subgraph /gm)).toHaveLength(a.groups.length);
    expect(mermaid.match(/^\s*end$/gm)).toHaveLength(a.groups.length);
    // One linkStyle line per flow, which together name every edge once.
    const styled = [...mermaid.matchAll(/^\s*linkStyle ([\d,]+) stroke:/gm)].flatMap((m) =>
      m[1].split(',').map(Number),
    );
    expect(styled.sort((x, y) => x - y)).toEqual(a.edges.map((_, i) => i));
    const svg = renderSvg(renderDot(a));
    expect(svg).toMatch(/<svg[\s\S]*<\/svg>/);
    for (const name of ['Log archive bucket', 'prod route domain (production) on each region']) {
      expect(svg).toContain(name);
    }
  });
});

describe('the diagram follows the definition', () => {
  test('an environment connection is drawn, and changes docs/architecture.md and .svg', () => {
    const before = renderArchitectureArtifacts(definition());
    const lz = definition((d) => {
      d.network.environments.staging = { ipamPoolCidr: '10.48.0.0/12', production: false };
      d.network.connections = [{ from: 'dev', to: 'staging' }];
      const workloads = d.organization.ous.find((o: any) => o.name === 'Workloads');
      workloads.ous.push({
        name: 'Staging',
        accounts: [{ name: 'staging', email: 'aws-staging@example.com', role: 'workload', environment: 'staging' }],
      });
    });
    const a = architectureOf(lz);
    const linked = a.edges.filter((e) => e.label === 'network.connections');
    expect(linked.map((e) => [e.from, e.to])).toEqual([[domainOf(a, 'dev'), domainOf(a, 'staging')]]);
    const after = renderArchitectureArtifacts(lz);
    expect(after.map((f) => f.path)).toEqual(['docs/architecture.md', 'docs/architecture.svg']);
    for (const i of [0, 1]) {
      expect(after[i].content).not.toEqual(before[i].content);
      expect(after[i].content).toContain('staging');
    }
  });

  test('1,000 prod accounts are one node, listed by count, wired to the prod route domain only', () => {
    const lz = definition((d) => {
      const prod = d.organization.ous.find((o: any) => o.name === 'Workloads').ous.find((o: any) => o.name === 'Prod');
      prod.accounts = Array.from({ length: 1000 }, (_, i) => ({
        name: `prod-${i}`,
        email: `aws-prod-${i}@example.com`,
        role: 'workload',
        environment: 'prod',
      }));
      d.network.environments.prod.vpcNetmask = 24;
    });
    const a = architectureOf(lz);
    const many = a.nodes.filter((n) => n.kind === 'accounts');
    expect(many).toHaveLength(1);
    expect(many[0].accounts).toHaveLength(1000);
    expect(many[0].label).toBe('1,000 workload accounts, prod, e.g. prod-0, prod-999');
    expect(domainsReachedFrom(a, many[0].id)).toEqual(['prod']);
    expect(a.nodes.length).toBeLessThan(30);
    const [markdown] = renderArchitectureArtifacts(lz);
    expect(markdown.content).toContain('1,000 in Prod');
  });

  test('core accounts at the root send logs and findings to the others, never to themselves', () => {
    const lz = definition((d) => {
      const security = d.organization.ous.find((o: any) => o.name === 'Security');
      d.organization.accounts.push(...security.accounts);
      d.organization.ous = d.organization.ous.filter((o: any) => o.name !== 'Security');
      d.identity.groups = d.identity.groups.map((g: any) => ({
        ...g,
        assignments: g.assignments.map((x: any) => ({
          ...x,
          ...(x.ous ? { ous: x.ous.filter((o: string) => o !== 'Root/Security') } : {}),
        })),
      }));
      d.identity.groups.forEach((g: any) => {
        g.assignments = g.assignments.filter((x: any) => !x.ous || x.ous.length > 0 || x.accounts || x.environments);
      });
    });
    const a = architectureOf(lz);
    const ownerOf = (node: string) => a.nodes.find((n) => n.id === node)!.group;
    for (const e of a.edges.filter((x) => x.flow === 'logs' || x.flow === 'findings')) {
      expect([e.from, e.to, e.from === e.to || e.from === ownerOf(e.to)]).toEqual([e.from, e.to, false]);
    }
    const fromAccount = (flow: string) =>
      a.edges.filter((e) => e.flow === flow).map((e) => a.groups.find((g) => g.id === e.from)?.label ?? e.from);
    expect(fromAccount('findings')).toEqual(expect.arrayContaining(['log-archive', 'backup', 'management']));
    expect(fromAccount('findings')).not.toContain('audit');
    expect(fromAccount('logs')).not.toContain('log-archive');
    const keys = a.edges.map((e) => `${e.from}>${e.to}>${e.flow}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test('without a shared-services account, no hub, VPN or bastion is drawn; a sandbox account has no VPC', () => {
    const lz = definition((d) => {
      const infrastructure = d.organization.ous.find((o: any) => o.name === 'Infrastructure');
      infrastructure.accounts = infrastructure.accounts.filter((x: any) => x.role !== 'shared-services');
      const sandbox = d.organization.ous.find((o: any) => o.name === 'Sandbox');
      sandbox.accounts = [
        ...(sandbox.accounts ?? []),
        { name: 'play', email: 'aws-play@example.com', role: 'sandbox', environment: 'dev' },
      ];
      delete d.access.vpn.serverCertificateArn;
      delete d.access.vpn.authentication;
      d.access.bastion.groups = [];
      d.access.bastion.portForwarding = [];
      delete d.pipeline;
    });
    const a = architectureOf(lz);
    expect(a.nodes.filter((n) => n.routeDomain !== undefined)).toEqual([]);
    expect(a.nodes.map((n) => n.label).filter((l) => /Client VPN|bastion|Hub VPC/.test(l))).toEqual([]);
    expect(a.edges.filter((e) => e.flow === 'network')).toEqual([]);
    const [markdown] = renderArchitectureArtifacts(lz);
    expect(markdown.content).toContain('**No shared-services account**');
  });

  test('a sandbox account with an environment gets no VPC attachment', () => {
    const lz = definition((d) => {
      const sandbox = d.organization.ous.find((o: any) => o.name === 'Sandbox');
      sandbox.accounts = [
        ...(sandbox.accounts ?? []),
        { name: 'play', email: 'aws-play@example.com', role: 'sandbox', environment: 'dev' },
      ];
    });
    const a = architectureOf(lz);
    const play = a.nodes.find((n) => n.accounts.includes('play'))!;
    expect(domainsReachedFrom(a, play.id)).toEqual([]);
  });

  test('a definition without identity or public entry draws no Identity Center and no internet', () => {
    const lz = definition((d) => {
      delete d.identity;
      d.access.bastion.groups = [];
      d.access.vpn.groups = d.access.vpn.groups.map((g: any) => ({ ...g, groupId: g.groupId ?? 'group-1' }));
      const visit = (ou: any) => {
        for (const acc of ou.accounts ?? []) delete acc.ingress;
        for (const child of ou.ous ?? []) visit(child);
      };
      visit(d.organization);
    });
    const a = architectureOf(lz);
    expect(a.nodes.map((n) => n.label)).not.toContain('IAM Identity Center (permission sets)');
    expect(a.nodes.map((n) => n.label)).not.toContain('Internet viewers');
    expect(a.edges.filter((e) => e.flow === 'ingress')).toEqual([]);
  });
});
