import { Cidr, blocksOf, overlaps, parseCidr } from '../../cidr';
import { DEFAULTS, isProductionByName } from '../../defaults';
import { AWS_LIMITS } from '../../limits';
import { isRecord, list, text, walkOrganization } from '../../walk';
import { ValidationError, didYouMean, joinPath } from '../errors';

/** A block of the address plan, named for error messages. */
interface Block {
  readonly path: string;
  readonly cidr: Cidr;
  /** What the block is, e.g. `the prod IPAM pool`. */
  readonly what: string;
}

export function checkNetwork(input: Record<string, unknown>): ValidationError[] {
  const errors: ValidationError[] = [];
  const network = isRecord(input.network) ? input.network : {};
  const environments = isRecord(network.environments) ? network.environments : {};
  const regionCount = Math.max(1, list(input.regions).length);
  const blocks: Block[] = [];

  const { accounts } = walkOrganization(input.organization);
  const accountsByEnv = new Map<string, string[]>();
  for (const { account } of accounts) {
    const env = text(account.environment);
    const name = text(account.name);
    if (account.role === 'workload' && env !== undefined && name !== undefined) {
      accountsByEnv.set(env, [...(accountsByEnv.get(env) ?? []), name]);
    }
  }

  const hubPath = 'network.hubCidr';
  const hub = block(
    errors,
    hubPath,
    text(network.hubCidr) ?? DEFAULTS.network.hubCidr,
    'the shared-services hub VPC',
    network.hubCidr,
  );
  if (hub) {
    vpcSize(errors, hub);
    blocks.push(hub);
  }

  for (const [env, names] of accountsByEnv) {
    if (!isRecord(environments[env])) {
      // Point at the deepest field that exists, so the path always leads somewhere.
      const path = isRecord(network.environments)
        ? joinPath('network.environments', env)
        : isRecord(input.network)
          ? 'network.environments'
          : 'network';
      errors.push({
        path,
        message: `environment ${env} (accounts ${names.join(', ')}) has no address plan`,
        fix: `add network.environments.${env} with an ipamPoolCidr such as 10.16.0.0/12, or accountCidrs`,
      });
    }
  }

  for (const [env, plan] of Object.entries(environments)) {
    if (!isRecord(plan)) continue;
    const envPath = joinPath('network.environments', env);
    const members = accountsByEnv.get(env) ?? [];
    const hasPool = plan.ipamPoolCidr !== undefined;
    const hasExplicit = plan.accountCidrs !== undefined;
    if (hasPool === hasExplicit) {
      errors.push({
        path: envPath,
        message: hasPool ? 'has both ipamPoolCidr and accountCidrs' : 'has neither ipamPoolCidr nor accountCidrs',
        fix: 'give exactly one: an IPAM pool that VPCs are allocated from, or a CIDR per account',
      });
    }
    const poolText = text(plan.ipamPoolCidr);
    if (poolText !== undefined) {
      const pool = block(errors, joinPath(envPath, 'ipamPoolCidr'), poolText, `the ${env} IPAM pool`);
      const netmask = typeof plan.vpcNetmask === 'number' ? plan.vpcNetmask : DEFAULTS.network.vpcNetmask;
      if (pool) {
        blocks.push(pool);
        const needed = members.length * regionCount;
        if (pool.cidr.prefix > netmask) {
          errors.push({
            path: pool.path,
            message: `/${pool.cidr.prefix} is smaller than one /${netmask} VPC`,
            fix: `use a pool of /${netmask} or larger, or raise vpcNetmask`,
          });
        } else if (blocksOf(pool.cidr, netmask) < needed) {
          errors.push({
            path: pool.path,
            message: `holds ${blocksOf(pool.cidr, netmask)} /${netmask} VPCs, but ${members.length} accounts in ${regionCount} regions need ${needed}`,
            fix: `use a larger pool (e.g. /${Math.max(0, netmask - Math.ceil(Math.log2(needed)))}) or a larger vpcNetmask`,
          });
        }
      }
    }
    if (isRecord(plan.accountCidrs)) {
      for (const [name, value] of Object.entries(plan.accountCidrs)) {
        const path = joinPath(joinPath(envPath, 'accountCidrs'), name);
        if (!members.includes(name)) {
          errors.push({
            path,
            message: `${name} is not a workload account of environment ${env}`,
            fix: members.length ? didYouMean(name, members) : `no account has environment ${env}: remove this entry`,
          });
        }
        const vpc = typeof value === 'string' ? block(errors, path, value, `the VPC of ${name}`) : undefined;
        if (vpc) {
          vpcSize(errors, vpc);
          blocks.push(vpc);
        }
      }
      for (const name of members) {
        if (!hasPool && !(name in plan.accountCidrs)) {
          errors.push({
            path: joinPath(envPath, 'accountCidrs'),
            message: `account ${name} has no CIDR`,
            fix: `add ${name}: <a /16 to /24 block>`,
          });
        }
      }
    }
  }

  const access = isRecord(input.access) ? input.access : {};
  const vpn = isRecord(access.vpn) ? access.vpn : {};
  const vpnPath = 'access.vpn.clientCidr';
  const client = block(
    errors,
    vpnPath,
    text(vpn.clientCidr) ?? DEFAULTS.access.vpn.clientCidr,
    'the VPN client range',
    vpn.clientCidr,
  );
  if (client) {
    if (client.cidr.prefix < AWS_LIMITS.vpnClientMinPrefix || client.cidr.prefix > AWS_LIMITS.vpnClientMaxPrefix) {
      errors.push({
        path: vpnPath,
        message: `/${client.cidr.prefix} is outside what Client VPN accepts`,
        fix: `use a block between /${AWS_LIMITS.vpnClientMinPrefix} and /${AWS_LIMITS.vpnClientMaxPrefix}`,
      });
    }
    blocks.push(client);
  }

  for (let i = 0; i < blocks.length; i++) {
    for (let j = 0; j < i; j++) {
      if (overlaps(blocks[i].cidr, blocks[j].cidr)) {
        errors.push({
          path: blocks[i].path,
          message: `${blocks[i].cidr.text} (${blocks[i].what}) overlaps ${blocks[j].cidr.text} (${blocks[j].what}, ${blocks[j].path})`,
          fix: 'give every VPC, pool and the VPN client range its own address space',
        });
      }
    }
  }

  errors.push(...checkConnections(network, environments));
  return errors;
}

function checkConnections(network: Record<string, unknown>, environments: Record<string, unknown>): ValidationError[] {
  const errors: ValidationError[] = [];
  const known = Object.keys(environments);
  const production = (env: string) => {
    const plan = environments[env];
    return isRecord(plan) && typeof plan.production === 'boolean' ? plan.production : isProductionByName(env);
  };
  const peering = network.topology === 'peering';
  list(network.connections).forEach((connection, i) => {
    if (!isRecord(connection)) return;
    const path = joinPath('network.connections', i);
    if (peering) {
      errors.push({
        path,
        message:
          'the peering topology peers shared services with each workload VPC only, so it cannot connect two environments',
        fix: 'remove the connection, or use topology: transit-gateway',
      });
      return;
    }
    const ends = [text(connection.from), text(connection.to)];
    for (const [k, env] of ends.entries()) {
      if (env !== undefined && !known.includes(env)) {
        errors.push({
          path: joinPath(path, k === 0 ? 'from' : 'to'),
          message: `${env} is not an environment of network.environments`,
          fix: known.length ? didYouMean(env, known) : 'define the environment first',
        });
      }
    }
    const [from, to] = ends;
    if (from === undefined || to === undefined || !known.includes(from) || !known.includes(to)) return;
    if (from === to) {
      errors.push({
        path,
        message: `connects ${from} to itself`,
        fix: 'remove it: accounts of one environment are already routed to shared services',
      });
    } else if (production(from) !== production(to)) {
      const [prod, other] = production(from) ? [from, to] : [to, from];
      errors.push({
        path,
        message: `routes between production environment ${prod} and non-production environment ${other}`,
        fix: `remove it: ${other} can never reach ${prod}; share data through a reviewed pipeline in shared services instead`,
      });
    }
  });
  return errors;
}

/**
 * Parses a CIDR, reporting a malformed one. `given` is the raw field: a default
 * value that was not written by the user is not reported as the user's mistake.
 */
function block(
  errors: ValidationError[],
  path: string,
  value: string,
  what: string,
  given: unknown = value,
): Block | undefined {
  const parsed = parseCidr(value);
  if ('cidr' in parsed) return { path, cidr: parsed.cidr, what };
  if (given !== undefined) errors.push({ path, message: parsed.problem, fix: parsed.fix });
  return undefined;
}

function vpcSize(errors: ValidationError[], vpc: Block): void {
  const { prefix } = vpc.cidr;
  if (prefix > AWS_LIMITS.vpcMaxPrefix) {
    errors.push({
      path: vpc.path,
      message: `/${prefix} is too small for a VPC with private and isolated subnets in every AZ`,
      fix: `use /${AWS_LIMITS.vpcMaxPrefix} or larger`,
    });
  } else if (prefix < AWS_LIMITS.vpcMinPrefix) {
    errors.push({
      path: vpc.path,
      message: `/${prefix} is larger than AWS allows for a VPC`,
      fix: `use /${AWS_LIMITS.vpcMinPrefix} to /${AWS_LIMITS.vpcMaxPrefix}`,
    });
  }
}
