import { Placement } from './guardrail';

/** Where the OUs that run servers get the EC2 and network guardrails. */
const SERVER_OUS: Placement[] = ['workloads', 'infrastructure', 'security', 'sandbox'];

/**
 * The `hipaa` baseline: every guardrail and where it attaches. Organization-wide
 * protection sits at the root; the EC2 and network guardrails on the OUs whose
 * accounts run servers. Prod and dev inherit the same set from `workloads`, so
 * what works in dev works in prod. `test/baseline.test.ts` pins this list.
 */
export const HIPAA_BASELINE: ReadonlyArray<readonly [string, readonly Placement[]]> = [
  ['DenyLeaveOrganization', ['root']],
  ['DenyRootUser', ['root']],
  ['DenyUngovernedRegions', ['root']],
  ['ProtectCloudTrail', ['root']],
  ['ProtectConfig', ['root']],
  ['ProtectGuardDuty', ['root']],
  ['ProtectSecurityHub', ['root']],
  ['ProtectAccessAnalyzer', ['root']],
  ['ProtectKmsKeys', ['root']],
  ['ProtectBackups', ['root']],
  ['ProtectLandfallRoles', ['root']],
  ['DenyS3AccountPublicAccessChanges', ['root']],
  ['RequireEbsEncryption', SERVER_OUS],
  ['RequireImdsV2', SERVER_OUS],
  ['DenyPublicNetworkEdges', SERVER_OUS],
  ['EnforceIdentityPerimeter', ['root']],
  ['EnforceTls', ['root']],
  ['PreventConfusedDeputy', ['root']],
  ['Ec2VpcBlockPublicAccess', ['root']],
  ['Ec2BlockPublicSharing', ['root']],
  ['Ec2SerialConsoleOff', ['root']],
  ['Ec2ImdsV2Defaults', ['root']],
  ['S3OrganizationBlockPublicAccess', ['root']],
];

export const BASELINES: Readonly<Record<string, typeof HIPAA_BASELINE>> = { hipaa: HIPAA_BASELINE };
