import { RECORD_OUTPUT_METADATA, deploymentPhase } from '../src';
import { APPLIED, NETWORK_IDS, build } from './fixtures';

/** What each stack declares for `landfall deploy` to record: output key → lock-file path. */
function records(stacks: ReturnType<typeof build>['stacks']): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const stack of stacks) {
    for (const entry of stack.node.metadata.filter((m) => m.type === RECORD_OUTPUT_METADATA)) {
      const { output, path } = entry.data as { output: string; path: string[] };
      (out[stack.stackName] ??= {})[output] = path.join('.');
    }
  }
  return out;
}

describe('outputs `landfall deploy` records between phases', () => {
  test('each stack declares the IDs another account needs, at the lock-file paths the next synthesis reads', () => {
    const { stacks, templates } = build({
      placeholders: false,
      ids: { ...APPLIED, network: { ...NETWORK_IDS, attachments: {}, vpcs: {} } },
    });
    const declared = records(stacks);
    expect(declared['shared-services-hub-us-east-1']).toEqual({
      TransitGatewayId: 'network.transitGatewayId',
      ServiceDnsRuleId: 'network.serviceDnsRuleId',
      IpamPoolproduseast1: 'network.ipamPools.prod/us-east-1',
      IpamPoolproduswest2: 'network.ipamPools.prod/us-west-2',
      IpamPooldevuseast1: 'network.ipamPools.dev/us-east-1',
      IpamPooldevuswest2: 'network.ipamPools.dev/us-west-2',
    });
    expect(declared['prod-network-us-east-1']).toEqual({
      VpcId: 'network.vpcs.prod.vpcId',
      VpcCidr: 'network.vpcs.prod.cidr',
      TransitGatewayAttachmentId: 'network.attachments.prod',
    });
    // Another governed region has a hub of its own: its IDs and its VPCs' are recorded under the region.
    expect(declared['shared-services-hub-us-west-2']).toEqual({
      TransitGatewayId: 'network.regions.us-west-2.transitGatewayId',
      ServiceDnsRuleId: 'network.regions.us-west-2.serviceDnsRuleId',
    });
    expect(declared['prod-network-us-west-2']).toEqual({
      VpcId: 'network.regions.us-west-2.vpcs.prod.vpcId',
      VpcCidr: 'network.regions.us-west-2.vpcs.prod.cidr',
      TransitGatewayAttachmentId: 'network.regions.us-west-2.attachments.prod',
    });
    expect(declared['log-archive-log-archive-us-east-1']).toEqual({ ArchiveKeyArn: 'logging.archiveKeyArn' });
    // Every declared output exists in its template.
    for (const [stack, outputs] of Object.entries(declared)) {
      const template = templates.get(stack)!.toJSON();
      for (const key of Object.keys(outputs)) expect(template.Outputs).toHaveProperty(key);
    }
  });

  test('accounts deploy in phases: the core accounts, then the hub, then the workloads and sandboxes', () => {
    expect(
      (['management', 'log-archive', 'audit', 'backup', 'shared-services', 'workload', 'sandbox'] as const).map(
        (role) => deploymentPhase({ role }),
      ),
    ).toEqual(['core', 'core', 'core', 'core', 'hub', 'spokes', 'spokes']);
  });
});
