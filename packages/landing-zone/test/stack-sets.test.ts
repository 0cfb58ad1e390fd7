import { ResolvedLandingZone, ouDeployments, validate } from '@landfall/model';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import {
  DeploymentIds,
  RECORD_OUTPUT_METADATA,
  STACK_SET_METADATA,
  buildLandingZone,
  sampleAccountsOf,
  sampleCustomization,
} from '../src';
import { APPLIED, ARCHIVE_KEY, NETWORK_IDS, definition } from './fixtures';

/** A third workload OU, Data, whose two prod accounts have no public entry: one template fits both. */
function withData(
  deployment?: 'stacks' | 'stack-sets',
  extra: (d: any) => void = () => undefined,
): ResolvedLandingZone {
  return definition((d) => {
    const workloads = d.organization.ous.find((o: any) => o.name === 'Workloads');
    workloads.ous.push({
      name: 'Data',
      ...(deployment ? { deployment } : {}),
      accounts: ['data1', 'data2'].map((name) => ({
        name,
        email: `aws-${name}@example.com`,
        role: 'workload',
        environment: 'prod',
      })),
    });
    extra(d);
  });
}

const IDS: DeploymentIds = {
  ...APPLIED,
  accounts: { ...APPLIED.accounts, data1: '888888888888', data2: '999999999999' },
  ous: { ...APPLIED.ous, 'Root/Workloads/Data': 'ou-work-data0001' },
  logging: { archiveKeyArn: ARCHIVE_KEY },
  network: {
    ...NETWORK_IDS,
    attachments: { data1: 'tgw-attach-0000000000000d001', data2: 'tgw-attach-0000000000000d002' },
  },
};

function synth(lz: ResolvedLandingZone, ids: DeploymentIds = IDS) {
  const app = new App();
  const built = buildLandingZone(app, { definition: lz, ids });
  const assembly = app.synth();
  const artifact = (name: string) => {
    const found = assembly.stacks.find((s) => s.stackName === name);
    if (!found) throw new Error(`no stack ${name}: ${assembly.stacks.map((s) => s.stackName).join(', ')}`);
    return found as CloudFormationStackArtifact;
  };
  return { built, assembly, artifact, names: assembly.stacks.map((s) => s.stackName) };
}

const BASELINES = [
  ...['encryption', 'network', 'logging', 'backup', 'sessions'].flatMap((b) =>
    ['us-east-1', 'us-west-2'].map((r) => `${b}-${r}`),
  ),
  'break-glass-us-east-1',
];

describe('workload baselines as StackSets', () => {
  const defaults = synth(withData());

  test('an OU whose accounts one template fits deploys as StackSets by default; one with a public entry as stacks', () => {
    expect(
      ouDeployments(withData() as unknown as Record<string, unknown>).map((d) => [d.ouPath, d.mode, d.blockers]),
    ).toEqual([
      ['Root/Workloads/Prod', 'stacks', ['prod has a public entry (ingress), which its network and keys serve']],
      ['Root/Workloads/Dev', 'stacks', ['dev has a public entry (ingress), which its network and keys serve']],
      ['Root/Workloads/Data', 'stack-sets', []],
    ]);
    expect(defaults.built.stackSets.map((s) => [s.ouPath, s.accounts])).toEqual([
      ['Root/Workloads/Data', ['data1', 'data2']],
    ]);
    // The OU's accounts have no stack of their own; the OU has one template per baseline and region.
    expect(defaults.built.accounts.find((a) => a.account.name === 'data1')!.stacks).toEqual({});
    expect(defaults.names.filter((n) => n.startsWith('data'))).toEqual([]);
    expect(defaults.names.filter((n) => n.startsWith('ou-workloads-data-')).sort()).toEqual(
      BASELINES.map((b) => `ou-workloads-data-${b}`).sort(),
    );
    // The example's own workloads keep their stacks.
    expect(defaults.names).toContain('prod-network-us-east-1');
  });

  test('each template is account-agnostic and says which OU it targets and which accounts it has today', () => {
    for (const b of BASELINES) {
      const a = defaults.artifact(`ou-workloads-data-${b}`);
      expect(a.environment.account).toBe('unknown-account');
      expect(a.environment.region).toBe(b.endsWith('us-west-2') ? 'us-west-2' : 'us-east-1');
      expect(a.findMetadataByType(STACK_SET_METADATA).map((m) => m.data)).toEqual([
        {
          organizationalUnitIds: ['ou-work-data0001'],
          accounts: { '888888888888': 'data1', '999999999999': 'data2' },
          ouPath: 'Root/Workloads/Data',
        },
      ]);
      // No account's ID or name in it: every account of the OU gets the same template.
      const text = JSON.stringify(a.template);
      expect(text).not.toMatch(/888888888888|999999999999|data1|data2/);
      expect(a.tags).toMatchObject({ 'landfall:ou': 'Root/Workloads/Data', 'landfall:landing-zone': 'acme-health' });
      expect(a.tags['landfall:account']).toBeUndefined();
    }
    // Each instance records its own VPC and attachment, under its account's name.
    const network = defaults.artifact('ou-workloads-data-network-us-east-1');
    expect(network.findMetadataByType(RECORD_OUTPUT_METADATA).map((m) => (m.data as any).path)).toEqual([
      ['network', 'vpcs', '{account}', 'vpcId'],
      ['network', 'vpcs', '{account}', 'cidr'],
      ['network', 'attachments', '{account}'],
    ]);
  });

  test("the instances' Lambda code is in a bucket of the management account that only the organization reads", () => {
    const encryption = defaults.artifact('ou-workloads-data-encryption-us-west-2');
    const functions = Object.values(encryption.template.Resources).filter(
      (r: any) => r.Type === 'AWS::Lambda::Function',
    ) as any[];
    expect(functions.length).toBeGreaterThan(0);
    for (const f of functions) {
      expect(f.Properties.Code.S3Bucket).toBe('landfall-stackset-assets-111111111111-us-west-2');
    }
    expect(encryption.dependencies.map((d) => d.id)).toContain('management-stackset-assets-us-west-2');
    const assets = Template.fromJSON(defaults.artifact('management-stackset-assets-us-west-2').template);
    expect(defaults.artifact('management-stackset-assets-us-west-2').environment.account).toBe('111111111111');
    assets.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: { BucketName: 'landfall-stackset-assets-111111111111-us-west-2' },
    });
    const policy = Object.values(assets.findResources('AWS::S3::BucketPolicy')).find((p: any) =>
      JSON.stringify(p).includes('InstancesOfTheOrganizationRead'),
    ) as any;
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'InstancesOfTheOrganizationRead',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-exampleorg1' } },
      }),
    );
  });

  test('both modes produce the same resources: a template is the stack each account would have, its ID left to the instance', () => {
    const stacks = synth(withData('stacks'));
    expect(stacks.built.stackSets).toEqual([]);
    for (const b of BASELINES) {
      for (const [name, id] of [
        ['data1', '888888888888'],
        ['data2', '999999999999'],
      ]) {
        const own = stacks.artifact(`${name}-${b}`).template;
        const shared = defaults.artifact(`ou-workloads-data-${b}`).template;
        expect([b, name, comparable(shared, id, 'ou-workloads-data')]).toEqual([b, name, comparable(own, id, name)]);
      }
    }
  });

  test("the hub wires the OU's accounts from their instances' recorded attachments", () => {
    const spokes = JSON.stringify(defaults.artifact('shared-services-hub-spokes-us-east-1-1').template);
    expect(spokes).toContain('tgw-attach-0000000000000d001');
    expect(spokes).toContain('tgw-attach-0000000000000d002');
  });

  test('deployment: stack-sets where one template does not fit is an error naming the OU, why and the fix', () => {
    const result = validate(
      (() => {
        const d: any = JSON.parse(JSON.stringify(withData()));
        d.organization.ous.find((o: any) => o.name === 'Workloads').ous[0].deployment = 'stack-sets';
        d.organization.ous.find((o: any) => o.name === 'Workloads').deployment = 'stacks';
        d.stackSets = { failureTolerancePercentage: 12.5 };
        return d;
      })(),
    );
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        {
          path: 'organization.ous[2].ous[0].deployment',
          message:
            'stack-sets deploy one template to every account of Root/Workloads/Prod, but prod has a public entry (ingress), which its network and keys serve',
          fix: 'remove deployment (the OU then deploys a stack per account), or set deployment: stacks',
        },
        {
          path: 'organization.ous[2].deployment',
          message: 'Root/Workloads holds no workload account directly, so it has no baselines to deploy this way',
          fix: 'remove deployment, or set it on the OU that holds the workload accounts',
        },
        {
          path: 'stackSets.failureTolerancePercentage',
          message: '12.5 is not a whole percentage (StackSets takes whole numbers)',
          fix: 'use 13',
        },
      ]),
    );
  });

  test('OUs whose accounts differ keep their stacks: CIDRs per account, the peering topology, child OUs with accounts', () => {
    const modes = (extra: (d: any) => void) =>
      ouDeployments(withData(undefined, extra) as unknown as Record<string, unknown>)
        .filter((d) => d.ouPath === 'Root/Workloads/Data')
        .map((d) => [d.mode, d.blockers]);
    expect(
      modes((d) => {
        d.network.topology = 'peering';
      }),
    ).toEqual([['stacks', ['the peering topology wires each VPC by a connection of its own']]]);
    expect(
      modes((d) => {
        const data = d.organization.ous.find((o: any) => o.name === 'Workloads').ous[2];
        data.ous = [
          { name: 'Team', accounts: [{ ...data.accounts[0], name: 'team1', email: 'aws-team1@example.com' }] },
        ];
      }),
    ).toEqual([['stacks', ['its child OUs hold accounts (team1), which a StackSet targeted at it reaches too']]]);
  });

  test("an account's customization file says its baselines are its OU's StackSets, so its stacks are empty", () => {
    const samples = sampleAccountsOf(withData());
    const data1 = samples.find((a) => a.name === 'data1')!;
    expect(data1.stackSets).toBe('ou-workloads-data');
    expect(samples.find((a) => a.name === 'prod')!.stackSets).toBeUndefined();
    expect(sampleCustomization(data1)).toContain("Its baselines are its OU's StackSets (`ou-workloads-data-*`)");
    expect(defaults.built.accounts.find((a) => a.account.name === 'data1')!.stacks).toEqual({});
  });
});

/**
 * A template's resources and outputs as the account `accountId` would have them, with the names that differ by
 * mode alone taken out: the stacks' names (`owner`) in export names and Name tags, the account and OU tags, the
 * Lambda code's bucket (the account's CDK bootstrap, or the management account's StackSet bucket).
 */
function comparable(template: any, accountId: string, owner: string): unknown {
  const modeTag = (key: unknown) => key === 'landfall:account' || key === 'landfall:ou';
  const substitute = (value: any): any => {
    if (Array.isArray(value)) return value.filter((v) => !modeTag(v?.Key)).map(substitute);
    if (value && typeof value === 'object') {
      if (value.Ref === 'AWS::AccountId') return accountId;
      const out: any = Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => !modeTag(k))
          .map(([k, v]) => [k, substitute(v)]),
      );
      if (out['Fn::Join'] && out['Fn::Join'][0] === '') {
        // The account's ID is a literal now: merged with the literals beside it, as CDK writes them.
        const parts = (out['Fn::Join'][1] as unknown[]).reduce<unknown[]>((merged, p) => {
          const last = merged[merged.length - 1];
          if (typeof p === 'string' && typeof last === 'string') merged[merged.length - 1] = last + p;
          else merged.push(p);
          return merged;
        }, []);
        return parts.length === 1 && typeof parts[0] === 'string' ? parts[0] : { 'Fn::Join': ['', parts] };
      }
      if (out.S3Bucket && out.S3Key) return { S3Key: String(out.S3Key).split('/').pop() };
      return out;
    }
    return typeof value === 'string' ? value.split(owner).join('<owner>') : value;
  };
  return substitute({ Resources: template.Resources, Outputs: template.Outputs, Conditions: template.Conditions });
}
