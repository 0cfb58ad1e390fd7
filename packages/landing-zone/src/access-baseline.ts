import { KeyPurpose } from '@landfall/encryption';
import { BASTION_SESSION_PERMISSION_SET, ResolvedLandingZone } from '@landfall/model';
import { ClientVpnAccess } from '@landfall/shared-services';
import { App } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Directory } from './deployment';
import type { AccountStacks } from './landing-zone';
import { onPlaceholder, stackHelpers } from './stack-helpers';
import { AccessStack, AccessStackVpn, SessionsStack } from './stacks/access-stacks';
import { EncryptionStack } from './stacks/encryption-stack';
import { HubStack } from './stacks/hub-stack';
import { LogBucketNames } from './stacks/logging-stacks';
import { s3PrefixList } from './stacks/prefix-list';

/** Roles whose accounts run servers, and so get Session Manager's recorded preferences. */
const SERVER_ROLES = ['workload', 'sandbox', 'shared-services'];

/** The address blocks of an environment's workload networks. */
export function environmentCidrs(lz: ResolvedLandingZone, environment: string): string[] {
  const plan = lz.network.environments[environment];
  return plan.ipamPoolCidr ? [plan.ipamPoolCidr] : Object.values(plan.accountCidrs ?? {});
}

/** Each VPN group's authorization rules: the hub for everyone, and the environments it lists. */
export function vpnAuthorizations(lz: ResolvedLandingZone): ClientVpnAccess[] {
  const saml = lz.access.vpn.authentication?.type === 'saml';
  return lz.access.vpn.groups.flatMap((group) =>
    [
      { cidr: lz.network.hubCidr, what: 'the hub (interface endpoints, DNS, Session Manager)' },
      ...group.environments.flatMap((env) =>
        environmentCidrs(lz, env).map((cidr) => ({ cidr, what: `${env} workload networks` })),
      ),
    ].map(({ cidr, what }) => ({
      cidr,
      ...(saml && group.groupId ? { groupId: group.groupId } : {}),
      description: `${group.name}: ${what}`,
    })),
  );
}

/**
 * People's way in: Session Manager's recorded preferences in every account that runs servers
 * and every governed region, and in the shared-services account the recorded bastion, the MFA
 * session role and the client VPN (once the definition gives its certificate and
 * authentication). Session logs go to the log archive, so all of it waits for the archive's key.
 */
export function buildAccess(
  app: App,
  lz: ResolvedLandingZone,
  directory: Directory,
  built: AccountStacks[],
  buckets: LogBucketNames,
): void {
  const home = lz.homeRegion;
  const archiveKeyArn = directory.archiveKeyArn(
    'Session Manager preferences, the bastion and the client VPN (session logs go to the log archive)',
  );
  if (!archiveKeyArn) return;
  const { common, add } = stackHelpers(lz);
  const retention = lz.logging.cloudWatchRetentionDays as logs.RetentionDays;
  const keyOf = (b: AccountStacks, region: string, purpose: KeyPurpose) =>
    (b.stacks[`encryption/${region}`] as EncryptionStack).keys.keyFor(purpose);
  // Session streams carry what is on the screen, which may be PHI: the data key, where the definition has one.
  const sessionPurpose = lz.encryption.keyPurposes.includes('data') ? KeyPurpose.DATA : KeyPurpose.LOGS;

  for (const b of built.filter((a) => SERVER_ROLES.includes(a.account.role))) {
    for (const region of lz.regions) {
      const stack = add(
        b,
        `sessions/${region}`,
        new SessionsStack(app, `${directory.stackPrefix(b.account.name)}-sessions-${region}`, {
          ...common(b, region),
          description: `Landfall ${lz.name}: Session Manager preferences of ${b.account.name} in ${region} (every session recorded)`,
          accountRef: directory.accountIdForReference(b.account.name),
          logBucketName: buckets.delivery,
          logBucketKeyArn: archiveKeyArn,
          sessionKey: keyOf(b, region, sessionPurpose),
          logKey: keyOf(b, region, KeyPurpose.LOGS),
          logRetention: retention,
          idleSessionTimeoutMinutes: lz.access.bastion.idleSessionTimeoutMinutes,
        }),
      );
      if (directory.placeholders) onPlaceholder(stack.preferences.instancePolicy, 'E3510');
    }
  }

  if (!lz.access.vpn.serverCertificateArn) {
    directory.pending.push(
      'the client VPN: set access.vpn.serverCertificateArn and access.vpn.authentication (docs/access.md); until then people reach servers through Session Manager only',
    );
  }
  const shared = built.find((b) => b.account.role === 'shared-services');
  const hub = shared?.stacks[`hub/${home}`] as HubStack | undefined;
  if (!shared || !hub) return;
  const sessions = shared.stacks[`sessions/${home}`] as SessionsStack;
  const vpn = lz.access.vpn;
  const auth = vpn.authentication;
  const admins = lz.access.bastion.admins;
  // Bastion groups reach the session role through their permission set once IAM Identity Center is set up.
  const bastionSets =
    lz.access.bastion.groups.length > 0 && lz.identity?.instanceArn ? [BASTION_SESSION_PERMISSION_SET] : [];
  const stack = add(
    shared,
    `access/${home}`,
    new AccessStack(app, `${directory.stackPrefix(shared.account.name)}-access-${home}`, {
      ...common(shared, home),
      description: `Landfall ${lz.name}: the recorded bastion, the session role${vpn.serverCertificateArn ? ' and the client VPN' : ''} in ${home}`,
      hubVpc: hub.hub.vpc,
      hubCidr: lz.network.hubCidr,
      resolverIps: hub.hub.inboundResolverIps,
      sessionKey: keyOf(shared, home, sessionPurpose),
      sessionPolicy: sessions.preferences.instancePolicy,
      s3PrefixListId: (shared.stacks[`encryption/${home}`] as EncryptionStack).prefixListIds[s3PrefixList(home)],
      logKey: keyOf(shared, home, KeyPurpose.LOGS),
      logRetention: retention,
      // The account's own principals (their IAM policies decide) unless the definition names admins or bastion groups.
      admins:
        admins.length > 0
          ? admins.map((arn) => new iam.ArnPrincipal(arn))
          : bastionSets.length > 0
            ? []
            : [new iam.AccountRootPrincipal()],
      identityCenterPermissionSets: bastionSets,
      forwardTo: lz.access.bastion.portForwarding.flatMap((f) =>
        environmentCidrs(lz, f.environment).map((cidr) => ({
          cidr,
          port: f.port,
          description: `${f.environment} workload networks, port ${f.port}`,
        })),
      ),
      vpn:
        vpn.serverCertificateArn && auth
          ? ({
              clientCidr: vpn.clientCidr,
              serverCertificateArn: vpn.serverCertificateArn,
              clientRootCertificateArn: auth.clientRootCertificateArn,
              samlProviderArn: auth.samlProviderArn,
              selfServiceSamlProviderArn: auth.selfServiceSamlProviderArn,
              splitTunnel: vpn.splitTunnel,
              sessionTimeoutHours: vpn.sessionTimeoutHours,
              authorizations: vpnAuthorizations(lz),
            } satisfies AccessStackVpn)
          : undefined,
    }),
  );
  stack.addStackDependency(sessions);
}
