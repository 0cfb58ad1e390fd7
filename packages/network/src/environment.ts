/** A workload environment as the hub sees it. */
export interface NetworkEnvironment {
  /** The environment's name, e.g. `prod` or `dev`. */
  readonly name: string;

  /**
   * Whether it is a production environment. A production environment is never
   * connected to a non-production one.
   * @default false
   */
  readonly production?: boolean;

  /** The address blocks of the environment's VPCs (its IPAM pool, or its accounts' CIDRs). */
  readonly cidrs: string[];
}

/** An extra route between two environments, besides each one's route to the hub. */
export interface EnvironmentLink {
  /** An environment name. */
  readonly from: string;
  /** Another environment name. */
  readonly to: string;
}
