/** How workload VPCs reach the shared-services hub. */
export type NetworkTopology = 'transit-gateway' | 'peering';

/** Address plan and topology of the landing zone. */
export interface NetworkDefinition {
  /**
   * `transit-gateway`: one route table per environment plus one for shared
   * services, each environment propagating only to shared. `peering`: a peering
   * from the shared-services VPC to each workload VPC.
   * @default 'transit-gateway'
   */
  readonly topology?: NetworkTopology;

  /**
   * CIDR of the hub VPC in the shared-services account.
   * @default '10.0.0.0/20'
   */
  readonly hubCidr?: string;

  /**
   * Address plan per workload environment, keyed by environment name (`prod`,
   * `dev`, ...). Every environment that a workload account uses needs one.
   * @default - none
   */
  readonly environments?: Record<string, EnvironmentNetworkDefinition>;

  /**
   * Extra routes between two environments, besides each environment's route to
   * shared services. A production environment can never be connected to a
   * non-production one.
   * @default - none: environments reach only shared services
   */
  readonly connections?: EnvironmentConnection[];

  /**
   * AWS services reached through interface endpoints in the shared-services hub,
   * by the endpoint service's short name as in `com.amazonaws.<region>.<name>`.
   * @uniqueItems true
   * @default ['ssm', 'ssmmessages', 'ec2messages', 'kms', 'logs', 'sts']
   */
  readonly interfaceEndpoints?: EndpointServiceName[];

  /**
   * The two or more availability zones VPCs use in each governed region, by name
   * (AZ names map to different zones in each account, and a few regions offer
   * different letters to different accounts, e.g. us-west-1).
   * @default - `<region>a` and `<region>b` in every governed region
   */
  readonly availabilityZones?: Record<string, AvailabilityZoneName[]>;
}

/**
 * An availability zone name, e.g. `us-east-1a`.
 * @pattern ^[a-z]{2}(-[a-z]+)+-\d{1,2}[a-z]$
 * @fix use a zone name such as us-east-1a: the region followed by a letter
 */
export type AvailabilityZoneName = string;

/**
 * Short name of an AWS endpoint service, e.g. `ssm`, `kms` or `ecr.dkr`.
 * @pattern ^[a-z0-9][a-z0-9.-]{0,62}$
 * @fix use the service's short name from com.amazonaws.<region>.<name>, e.g. ssm or ecr.dkr
 */
export type EndpointServiceName = string;

/**
 * The address plan of one environment: either an IPAM pool that VPCs are
 * allocated from, or an explicit CIDR per account.
 */
export interface EnvironmentNetworkDefinition {
  /**
   * Whether this is a production environment. Production environments never
   * share a route or a peering with non-production ones.
   * @default - true when the environment is named `prod` or `production`
   */
  readonly production?: boolean;

  /**
   * CIDR of this environment's IPAM pool (in the shared-services account, shared
   * through RAM with the environment's OUs). Every account's VPC in every
   * governed region is allocated from it.
   * @default - none: give `accountCidrs` instead
   */
  readonly ipamPoolCidr?: string;

  /**
   * Netmask of each VPC allocated from `ipamPoolCidr`.
   * @minimum 16
   * @maximum 24
   * @default 20
   */
  readonly vpcNetmask?: number;

  /**
   * Explicit VPC CIDR (home region) per account name of this environment.
   * @default - none: give `ipamPoolCidr` instead
   */
  readonly accountCidrs?: Record<string, string>;
}

/** A route between two environments (undirected). */
export interface EnvironmentConnection {
  /** An environment name. */
  readonly from: string;
  /** Another environment name. */
  readonly to: string;
}
