import { Guardrail } from '../guardrail';
import { ProtectSessionPreferences } from './access/ProtectSessionPreferences';
import { RequireRecordedSessions } from './access/RequireRecordedSessions';
import { ProtectAccountSettings } from './account/ProtectAccountSettings';
import { OrganizationBackupPolicy } from './backup/OrganizationBackupPolicy';
import { ProtectBackups } from './backup/ProtectBackups';
import { ProtectLandfallFunctions } from './cloudformation/ProtectLandfallFunctions';
import { ProtectLandfallStacks } from './cloudformation/ProtectLandfallStacks';
import { RequireDataStoreEncryption } from './data/RequireDataStoreEncryption';
import { ProtectFindings } from './detection/ProtectFindings';
import { ProtectFlowLogs } from './detection/ProtectFlowLogs';
import { ProtectMacie } from './detection/ProtectMacie';
import { Ec2BlockPublicSharing } from './ec2/Ec2BlockPublicSharing';
import { Ec2ImdsV2Defaults } from './ec2/Ec2ImdsV2Defaults';
import { Ec2SerialConsoleOff } from './ec2/Ec2SerialConsoleOff';
import { Ec2VpcBlockPublicAccess } from './ec2/Ec2VpcBlockPublicAccess';
import { ProtectEbsDefaultKey } from './ec2/ProtectEbsDefaultKey';
import { RequireEbsEncryption } from './ec2/RequireEbsEncryption';
import { RequireImdsV2 } from './ec2/RequireImdsV2';
import { ProtectPrivilegedRoles } from './iam/ProtectPrivilegedRoles';
import { DenyIamUsers } from './identity/DenyIamUsers';
import { DenyIdentityProviders } from './identity/DenyIdentityProviders';
import { DenyRootUser } from './identity/DenyRootUser';
import { DenyUntrustedFederation } from './identity/DenyUntrustedFederation';
import { ProtectIngress } from './ingress/ProtectIngress';
import { ProtectKmsKeys } from './kms/ProtectKmsKeys';
import { ProtectAlertBusPolicy } from './logging/ProtectAlertBusPolicy';
import { ProtectCloudTrail } from './logging/ProtectCloudTrail';
import { ProtectConfig } from './logging/ProtectConfig';
import { ProtectLogArchive } from './logging/ProtectLogArchive';
import { ProtectSecurityAlerts } from './logging/ProtectSecurityAlerts';
import { DenyDefaultVpc } from './network/DenyDefaultVpc';
import { DenyDirectConnect } from './network/DenyDirectConnect';
import { DenyExternalVpcEndpoints } from './network/DenyExternalVpcEndpoints';
import { DenyNatGateways } from './network/DenyNatGateways';
import { DenyPublicNetworkEdges } from './network/DenyPublicNetworkEdges';
import { DenyTransitGatewayChanges } from './network/DenyTransitGatewayChanges';
import { DenyVpnConnections } from './network/DenyVpnConnections';
import { DenyLeaveOrganization } from './organization/DenyLeaveOrganization';
import { DenyExternalSharing } from './perimeter/DenyExternalSharing';
import { EnforceIdentityPerimeter } from './perimeter/EnforceIdentityPerimeter';
import { EnforceResourcePerimeter } from './perimeter/EnforceResourcePerimeter';
import { EnforceTls } from './perimeter/EnforceTls';
import { PreventConfusedDeputy } from './perimeter/PreventConfusedDeputy';
import { RequireModernTls } from './perimeter/RequireModernTls';
import { DenyUngovernedRegions } from './regions/DenyUngovernedRegions';
import { DenyS3AccountPublicAccessChanges } from './s3/DenyS3AccountPublicAccessChanges';
import { S3OrganizationBlockPublicAccess } from './s3/S3OrganizationBlockPublicAccess';
import { ProtectAccessAnalyzer } from './security/ProtectAccessAnalyzer';
import { ProtectGuardDuty } from './security/ProtectGuardDuty';
import { ProtectSecurityAdministration } from './security/ProtectSecurityAdministration';
import { ProtectSecurityHub } from './security/ProtectSecurityHub';

/** Every guardrail Landfall ships, by id. */
export const CATALOG: ReadonlyMap<string, Guardrail> = new Map(
  [
    DenyLeaveOrganization,
    DenyRootUser,
    DenyUngovernedRegions,
    ProtectPrivilegedRoles,
    ProtectLandfallStacks,
    DenyIamUsers,
    DenyIdentityProviders,
    DenyUntrustedFederation,
    ProtectAccountSettings,
    ProtectCloudTrail,
    ProtectConfig,
    ProtectLogArchive,
    ProtectSecurityAlerts,
    ProtectAlertBusPolicy,
    ProtectLandfallFunctions,
    ProtectSecurityAdministration,
    ProtectGuardDuty,
    ProtectSecurityHub,
    ProtectAccessAnalyzer,
    ProtectMacie,
    ProtectFlowLogs,
    ProtectFindings,
    ProtectKmsKeys,
    ProtectBackups,
    DenyS3AccountPublicAccessChanges,
    EnforceResourcePerimeter,
    DenyExternalSharing,
    RequireEbsEncryption,
    ProtectEbsDefaultKey,
    RequireDataStoreEncryption,
    RequireImdsV2,
    RequireRecordedSessions,
    ProtectSessionPreferences,
    ProtectIngress,
    DenyPublicNetworkEdges,
    DenyDefaultVpc,
    DenyNatGateways,
    DenyVpnConnections,
    DenyTransitGatewayChanges,
    DenyDirectConnect,
    DenyExternalVpcEndpoints,
    EnforceIdentityPerimeter,
    EnforceTls,
    RequireModernTls,
    PreventConfusedDeputy,
    Ec2VpcBlockPublicAccess,
    Ec2BlockPublicSharing,
    Ec2SerialConsoleOff,
    Ec2ImdsV2Defaults,
    S3OrganizationBlockPublicAccess,
    OrganizationBackupPolicy,
  ].map((g): [string, Guardrail] => [g.id, g]),
);
