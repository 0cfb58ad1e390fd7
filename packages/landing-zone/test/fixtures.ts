import { readFileSync } from 'fs';
import { join } from 'path';
import { ResolvedLandingZone, validateOrThrow } from '@landfall/model';
import { App, AppProps, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DeploymentIds, LandingZoneOptions, buildLandingZone } from '../src';

/**
 * The CDK's own CloudFormation schema validation (aws-cdk-lib's built-in plugin) is off in the tests that import this
 * file: its findings are warnings that never change what Landfall builds, and it is half of every synthesis (its
 * engine starts in each test file). synth.test.ts turns it back on, where the check report's handling of its findings
 * is what is tested; `landfall synth` and `npx projen` always run it.
 */
process.env.CDK_VALIDATION = 'false';

/** The embedded example, acme-health: management, three security accounts, shared services, prod and dev. */
const EXAMPLE = readFileSync(join(__dirname, '..', '..', '..', 'landing-zone.json'), 'utf8');

/** The example, changed by `overrides`, validated. */
export function definition(overrides: (d: any) => void = () => undefined): ResolvedLandingZone {
  const def: any = JSON.parse(EXAMPLE);
  overrides(def);
  return validateOrThrow(def);
}

/**
 * Takes out what names resources of the example's home region (the client VPN's and the ingress' certificates, the
 * pipeline's connection), for tests that move the home region.
 */
export function withoutCertificates(d: any): void {
  delete d.pipeline;
  delete d.access.vpn.serverCertificateArn;
  delete d.access.vpn.authentication;
  d.access.vpn.groups = [{ name: 'admins', environments: [] }];
  const visit = (ou: any) => {
    for (const a of ou.accounts ?? []) delete a.ingress;
    for (const child of ou.ous ?? []) visit(child);
  };
  visit(d.organization);
}

/** Every account and OU with an ID, as `landfall apply` records them; no network IDs yet. */
export const APPLIED: DeploymentIds = {
  organizationId: 'o-exampleorg1',
  accounts: {
    management: '111111111111',
    'log-archive': '222222222222',
    audit: '333333333333',
    backup: '444444444444',
    'shared-services': '555555555555',
    prod: '666666666666',
    dev: '777777777777',
  },
  ous: {
    Root: 'r-exam',
    'Root/Security': 'ou-root-security1',
    'Root/Infrastructure': 'ou-root-infra001',
    'Root/Workloads': 'ou-root-workload',
    'Root/Workloads/Prod': 'ou-work-prod0001',
    'Root/Workloads/Dev': 'ou-work-dev00001',
  },
};

/** The log archive's key, as its stack's output records it. */
export const ARCHIVE_KEY = 'arn:aws:kms:us-east-1:222222222222:key/11111111-2222-3333-4444-555555555555';

/**
 * The templates of `stacks`, from one synthesis of `app`. (`Template.fromStack` walks the whole construct tree on
 * every call to see whether it changed since the synthesis: with a thousand stacks, that is most of a test's time.)
 */
export function templatesOf(app: App, stacks: readonly Stack[]): Map<string, Template> {
  const assembly = app.synth();
  return new Map(stacks.map((s) => [s.stackName, Template.fromJSON(assembly.getStackArtifact(s.artifactId).template)]));
}

/** Builds the stacks, synthesizes the app once and returns a template lookup by stack name. */
export function build(
  options: Partial<LandingZoneOptions> = {},
  appProps: AppProps = {},
): {
  templates: Map<string, Template>;
  stacks: Stack[];
  pending: readonly string[];
} {
  const app = new App(appProps);
  const built = buildLandingZone(app, { definition: definition(), placeholders: true, ...options });
  // Every account's stacks, and the templates of the OUs that deploy as StackSets.
  const stacks = [...built.accounts, ...built.stackSets.map((s) => s.owner)].flatMap((a) => Object.values(a.stacks));
  return {
    templates: templatesOf(app, stacks),
    stacks,
    pending: built.pending,
  };
}

/** The hub's and the spokes' network IDs, as their stacks' outputs record them (the transit gateway topology). */
export const NETWORK_IDS = {
  transitGatewayId: 'tgw-0123456789abcdef0',
  serviceDnsRuleId: 'rslvr-rr-0123456789abcdef0',
  ipamPools: {
    'prod/us-east-1': 'ipam-pool-0000000000000001',
    'prod/us-west-2': 'ipam-pool-0000000000000002',
    'dev/us-east-1': 'ipam-pool-0000000000000003',
    'dev/us-west-2': 'ipam-pool-0000000000000004',
  },
  // The hub of the example's other governed region, us-west-2.
  regions: {
    'us-west-2': { transitGatewayId: 'tgw-0123456789abcdef1', serviceDnsRuleId: 'rslvr-rr-0123456789abcdef1' },
  },
};

/** The spokes' attachments, as their network stacks' outputs record them: in the home region and in us-west-2. */
export function withAttachments(dev = 'dev'): NonNullable<DeploymentIds['network']> {
  return {
    ...NETWORK_IDS,
    attachments: { prod: 'tgw-attach-00000000000000001', [dev]: 'tgw-attach-00000000000000002' },
    regions: {
      'us-west-2': {
        ...NETWORK_IDS.regions!['us-west-2'],
        attachments: { prod: 'tgw-attach-00000000000000003', [dev]: 'tgw-attach-00000000000000004' },
      },
    },
  };
}

/** The template of the stack named `name`, failing with the names there are. */
export function only(templates: Map<string, Template>, name: string): Template {
  const t = templates.get(name);
  if (!t) throw new Error(`no stack ${name}; stacks: ${[...templates.keys()].join(', ')}`);
  return t;
}

/** The resources of a type in a template. */
export function resources(t: Template, type: string): any[] {
  return Object.values(t.findResources(type));
}
