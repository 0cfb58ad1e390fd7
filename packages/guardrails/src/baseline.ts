import { Placement } from './guardrail';

/** Where the OUs that run servers get the EC2 and network guardrails. */
const SERVER_OUS: Placement[] = ['workloads', 'infrastructure', 'security', 'sandbox'];
/** Every server OU but the security one, where the delegated administrators' security team triages findings. */
const TRIAGED_OUS: Placement[] = ['workloads', 'infrastructure', 'sandbox'];

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
  ['ProtectPrivilegedRoles', ['root']],
  ['ProtectLandfallStacks', ['root']],
  ['DenyIamUsers', ['root']],
  ['DenyIdentityProviders', ['root']],
  ['DenyUntrustedFederation', ['root']],
  ['ProtectAccountSettings', ['root']],
  ['ProtectCloudTrail', ['root']],
  ['ProtectConfig', ['root']],
  ['ProtectLogArchive', ['security']],
  ['ProtectSecurityAlerts', SERVER_OUS],
  ['ProtectLandfallFunctions', SERVER_OUS],
  ['ProtectAlertBusPolicy', ['security']],
  ['ProtectSecurityAdministration', ['security']],
  ['ProtectGuardDuty', ['root']],
  ['ProtectSecurityHub', ['root']],
  ['ProtectAccessAnalyzer', ['root']],
  ['ProtectMacie', ['root']],
  ['ProtectFlowLogs', ['root']],
  ['ProtectFindings', TRIAGED_OUS],
  ['ProtectKmsKeys', ['root']],
  ['ProtectBackups', ['root']],
  ['DenyS3AccountPublicAccessChanges', ['root']],
  ['EnforceResourcePerimeter', ['root']],
  ['DenyExternalSharing', SERVER_OUS],
  ['RequireEbsEncryption', SERVER_OUS],
  ['ProtectEbsDefaultKey', SERVER_OUS],
  ['RequireDataStoreEncryption', SERVER_OUS],
  ['RequireImdsV2', SERVER_OUS],
  ['RequireRecordedSessions', SERVER_OUS],
  ['ProtectSessionPreferences', SERVER_OUS],
  ['ProtectIngress', SERVER_OUS],
  ['DenyPublicNetworkEdges', SERVER_OUS],
  ['DenyDefaultVpc', SERVER_OUS],
  ['DenyNatGateways', SERVER_OUS],
  ['DenyVpnConnections', SERVER_OUS],
  ['DenyTransitGatewayChanges', SERVER_OUS],
  ['DenyDirectConnect', SERVER_OUS],
  ['DenyExternalVpcEndpoints', SERVER_OUS],
  ['EnforceIdentityPerimeter', ['root']],
  ['EnforceTls', ['root']],
  ['RequireModernTls', ['root']],
  ['PreventConfusedDeputy', ['root']],
  ['Ec2VpcBlockPublicAccess', ['root']],
  ['Ec2BlockPublicSharing', ['root']],
  ['Ec2SerialConsoleOff', ['root']],
  ['Ec2ImdsV2Defaults', ['root']],
  ['S3OrganizationBlockPublicAccess', ['root']],
  ['OrganizationBackupPolicy', ['backup']],
];

export const BASELINES: Readonly<Record<string, typeof HIPAA_BASELINE>> = { hipaa: HIPAA_BASELINE };
