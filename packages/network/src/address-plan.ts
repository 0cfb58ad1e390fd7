import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ram from 'aws-cdk-lib/aws-ram';
import { Construct } from 'constructs';
import { formatCidr, parseCidr } from './ipv4';

/** One environment's address pool. */
export interface EnvironmentPool {
  /** The environment's name. */
  readonly name: string;
  /** The environment's block; split evenly between the regions. */
  readonly cidr: string;
  /**
   * Netmask of each VPC allocated from the pool.
   * @default 20
   */
  readonly vpcNetmask?: number;
  /** Principals (OU ARNs) the environment's regional pools are shared with through RAM. */
  readonly shareWith: string[];
}

/** Props of `AddressPlan`. */
export interface AddressPlanProps {
  /** The regions VPCs are allocated in. */
  readonly regions: string[];
  /** One pool per environment. */
  readonly environments: EnvironmentPool[];
}

/**
 * The organization's IPv4 address plan in Amazon VPC IPAM (deployed in the
 * account delegated to administer IPAM): a top-level pool per environment, a
 * regional pool per environment and region (the environment's block split
 * evenly), each shared through RAM with that environment's OUs only. VPCs take
 * their CIDR from their environment's regional pool, so blocks never overlap.
 *
 * HIPAA: 164.312(a)(1) access control (environments' address spaces are disjoint).
 */
export class AddressPlan extends Construct {
  public readonly ipamId: string;
  private readonly poolIds = new Map<string, string>();

  constructor(scope: Construct, id: string, props: AddressPlanProps) {
    super(scope, id);
    if (props.regions.length === 0) throw new Error('AddressPlan: give at least one region');
    const ipam = new ec2.CfnIPAM(this, 'Ipam', {
      description: 'Landfall address plan',
      operatingRegions: props.regions.map((regionName) => ({ regionName })),
    });
    this.ipamId = ipam.attrIpamId;
    const bits = Math.ceil(Math.log2(props.regions.length));
    for (const env of props.environments) {
      const { start, prefix } = parseCidr(env.cidr, 'AddressPlan');
      const netmask = env.vpcNetmask ?? 20;
      if (netmask < prefix + bits) {
        throw new Error(
          `AddressPlan: environment '${env.name}': ${env.cidr} split over ${props.regions.length} regions gives /${prefix + bits} blocks, too small for /${netmask} VPCs; give a larger block or a longer vpcNetmask`,
        );
      }
      const top = new ec2.CfnIPAMPool(this, `Pool-${env.name}`, {
        addressFamily: 'ipv4',
        ipamScopeId: ipam.attrPrivateDefaultScopeId,
        provisionedCidrs: [{ cidr: env.cidr }],
        description: `${env.name}: every VPC of the environment`,
        tags: [{ key: 'landfall:environment', value: env.name }],
      });
      const regional = props.regions.map((region, r) => {
        const pool = new ec2.CfnIPAMPool(this, `Pool-${env.name}-${region}`, {
          addressFamily: 'ipv4',
          ipamScopeId: ipam.attrPrivateDefaultScopeId,
          sourceIpamPoolId: top.attrIpamPoolId,
          locale: region,
          provisionedCidrs: [{ cidr: formatCidr(start + r * 2 ** (32 - prefix - bits), prefix + bits) }],
          allocationDefaultNetmaskLength: netmask,
          allocationMinNetmaskLength: netmask,
          allocationMaxNetmaskLength: netmask,
          description: `${env.name} VPCs in ${region}`,
          tags: [{ key: 'landfall:environment', value: env.name }],
        });
        this.poolIds.set(`${env.name}/${region}`, pool.attrIpamPoolId);
        return pool;
      });
      new ram.CfnResourceShare(this, `Share-${env.name}`, {
        name: `landfall-ipam-${env.name}`,
        allowExternalPrincipals: false,
        principals: env.shareWith,
        resourceArns: regional.map((p) => p.attrArn),
      });
    }
  }

  /** The ID of an environment's pool in a region (for `WorkloadVpcProps.ipamPoolId`, in the same app). */
  public poolId(environment: string, region: string): string {
    const id = this.poolIds.get(`${environment}/${region}`);
    if (!id) throw new Error(`AddressPlan: no pool for environment '${environment}' in ${region}`);
    return id;
  }
}
