import { MAX_ACCOUNTS_PER_ASSIGNMENT } from '@landfall/identity/lib/assignment-reconciler';
import {
  ResolvedLandingZone,
  ValidationError,
  accountsOfAssignment,
  closest,
  joinPath,
  walkOrganization,
} from '@landfall/model';
import { MAX_SPOKES_PER_ROUTE_DOMAIN } from '@landfall/network/lib/route-domain-reconciler';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/** Short names of the interface endpoint services AWS offers, as aws-cdk-lib catalogs them. */
export const ENDPOINT_SERVICES: ReadonlySet<string> = new Set(
  Object.values(ec2.InterfaceVpcEndpointAwsService)
    .filter((v): v is ec2.InterfaceVpcEndpointAwsService => v instanceof ec2.InterfaceVpcEndpointAwsService)
    .map((s) => s.shortName),
);

/**
 * What the composition needs beyond the model's own rules: checks against AWS's
 * catalog (endpoint services) and the keys the baselines encrypt with. Runs
 * before any stack is built.
 */
export function checkLandingZone(lz: ResolvedLandingZone): ValidationError[] {
  const errors: ValidationError[] = [];
  lz.network.interfaceEndpoints.forEach((name, i) => {
    if (ENDPOINT_SERVICES.has(name)) return;
    const path = joinPath('network.interfaceEndpoints', i);
    const short = /^com\.amazonaws\.[a-z0-9-]+\.(.+)$/.exec(name)?.[1];
    errors.push({
      path,
      message: `${name} is not an AWS interface endpoint service`,
      fix: short && ENDPOINT_SERVICES.has(short) ? `write the short name: ${short}` : suggestion(name),
    });
  });
  for (const needed of ['data', 'logs'] as const) {
    if (!lz.encryption.keyPurposes.includes(needed)) {
      errors.push({
        path: 'encryption.keyPurposes',
        message: `has no ${needed} key`,
        fix: `add '${needed}': ${needed === 'data' ? 'EBS volumes are encrypted by default with it' : 'flow logs and DNS query logs are encrypted with it'}`,
      });
    }
  }
  errors.push(...checkAssignmentSizes(lz), ...checkRouteDomainSizes(lz));
  return errors;
}

/**
 * One resource places an environment's VPC attachments in a region (its list travels in CloudFormation's request to
 * the placing function). Every workload account has a VPC in the home region, so an environment's workload accounts
 * are its spokes there.
 */
function checkRouteDomainSizes(lz: ResolvedLandingZone): ValidationError[] {
  if (lz.network.topology !== 'transit-gateway') return [];
  const counts = new Map<string, number>();
  for (const { account } of walkOrganization(lz.organization).accounts) {
    if (account.role !== 'workload' || account.environment === undefined) continue;
    counts.set(account.environment, (counts.get(account.environment) ?? 0) + 1);
  }
  return [...counts]
    .filter(([, n]) => n > MAX_SPOKES_PER_ROUTE_DOMAIN)
    .map(([environment, n]) => ({
      path: `network.environments.${environment}`,
      message: `${n} workload accounts, each with a VPC in ${lz.homeRegion}: more than the ${MAX_SPOKES_PER_ROUTE_DOMAIN} one route domain of the transit gateway places`,
      fix: `move some of them to another environment (each account's environment field), with its own address plan under network.environments`,
    }));
}

/**
 * One resource assigns a group a permission set in at most MAX_ACCOUNTS_PER_ASSIGNMENT accounts (the list travels in
 * CloudFormation's request to the assigning function), whatever the number of assignments that reach them.
 */
function checkAssignmentSizes(lz: ResolvedLandingZone): ValidationError[] {
  const errors: ValidationError[] = [];
  (lz.identity?.groups ?? []).forEach((group, i) => {
    const reached = new Map<string, { first: number; accounts: Set<string> }>();
    group.assignments.forEach((a, j) => {
      const entry = reached.get(a.permissionSet) ?? { first: j, accounts: new Set<string>() };
      for (const account of accountsOfAssignment(lz, a)) entry.accounts.add(account.name);
      reached.set(a.permissionSet, entry);
    });
    for (const [set, { first, accounts }] of reached) {
      if (accounts.size <= MAX_ACCOUNTS_PER_ASSIGNMENT) continue;
      errors.push({
        path: joinPath(joinPath(joinPath('identity.groups', i), 'assignments'), first),
        message: `gives ${group.name} ${set} in ${accounts.size} accounts, more than the ${MAX_ACCOUNTS_PER_ASSIGNMENT} one group can be given one permission set in`,
        fix: `give some of these accounts' people another group (with its own assignment of ${set}), or narrow ous/environments/accounts`,
      });
    }
  });
  return errors;
}

function suggestion(name: string): string {
  const guess = closest(name, [...ENDPOINT_SERVICES]);
  return guess
    ? `did you mean '${guess}'?`
    : 'use a service short name AWS lists (`aws ec2 describe-vpc-endpoint-services`), e.g. ssm, kms, logs or ecr.dkr';
}
