import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { LandingZoneDefinition, ResolvedLandingZone, validateOrThrow } from '@landfall/model';
import { DeploymentIds, LandingZoneOptions, buildLandingZone } from '../src';

/** The acme-health organization: management, three security accounts, shared services, prod and dev. */
export function definition(overrides: (d: any) => void = () => undefined): ResolvedLandingZone {
  const def: any = JSON.parse(JSON.stringify(BASE));
  overrides(def);
  return validateOrThrow(def);
}

/** Every account and OU with an ID, as `landfall apply` records them; no network IDs yet. */
export const APPLIED: DeploymentIds = {
  organizationId: 'o-exampleorg1',
  accounts: {
    'management': '111111111111', 'log-archive': '222222222222', 'audit': '333333333333', 'backup': '444444444444',
    'shared-services': '555555555555', 'prod': '666666666666', 'dev': '777777777777',
  },
  ous: {
    'Root/Security': 'ou-root-security1', 'Root/Infrastructure': 'ou-root-infra001', 'Root/Workloads': 'ou-root-workload',
    'Root/Workloads/Prod': 'ou-work-prod0001', 'Root/Workloads/Dev': 'ou-work-dev00001',
  },
};

/** Builds the stacks (no synthesis of the whole app) and returns a template lookup by stack name. */
export function build(options: Partial<LandingZoneOptions> = {}): { templates: Map<string, Template>; stacks: Stack[]; pending: readonly string[] } {
  const app = new App();
  const built = buildLandingZone(app, { definition: definition(), placeholders: true, ...options });
  const stacks = built.accounts.flatMap((a) => Object.values(a.stacks));
  return { templates: new Map(stacks.map((s) => [s.stackName, Template.fromStack(s)])), stacks, pending: built.pending };
}

const BASE: LandingZoneDefinition = {
  name: 'acme-health',
  homeRegion: 'us-east-1',
  regions: ['us-east-1', 'us-west-2'],
  organization: {
    accounts: [{ name: 'management', email: 'aws-management@example.com', role: 'management' }],
    ous: [
      {
        name: 'Security',
        accounts: [
          { name: 'log-archive', email: 'aws-log-archive@example.com', role: 'log-archive' },
          { name: 'audit', email: 'aws-audit@example.com', role: 'audit' },
          { name: 'backup', email: 'aws-backup@example.com', role: 'backup' },
        ],
      },
      { name: 'Infrastructure', accounts: [{ name: 'shared-services', email: 'aws-shared@example.com', role: 'shared-services' }] },
      {
        name: 'Workloads',
        ous: [
          { name: 'Prod', accounts: [{ name: 'prod', email: 'aws-prod@example.com', role: 'workload', environment: 'prod' }] },
          { name: 'Dev', accounts: [{ name: 'dev', email: 'aws-dev@example.com', role: 'workload', environment: 'dev' }] },
        ],
      },
    ],
  },
  network: {
    environments: {
      prod: { ipamPoolCidr: '10.16.0.0/12' },
      dev: { ipamPoolCidr: '10.32.0.0/12' },
    },
  },
};
