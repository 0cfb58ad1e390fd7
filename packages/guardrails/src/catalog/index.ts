import { Guardrail } from '../guardrail';
import { ProtectBackups } from './backup/ProtectBackups';
import { Ec2BlockPublicSharing } from './ec2/Ec2BlockPublicSharing';
import { Ec2ImdsV2Defaults } from './ec2/Ec2ImdsV2Defaults';
import { Ec2SerialConsoleOff } from './ec2/Ec2SerialConsoleOff';
import { Ec2VpcBlockPublicAccess } from './ec2/Ec2VpcBlockPublicAccess';
import { RequireEbsEncryption } from './ec2/RequireEbsEncryption';
import { RequireImdsV2 } from './ec2/RequireImdsV2';
import { ProtectLandfallRoles } from './iam/ProtectLandfallRoles';
import { DenyRootUser } from './identity/DenyRootUser';
import { ProtectKmsKeys } from './kms/ProtectKmsKeys';
import { ProtectCloudTrail } from './logging/ProtectCloudTrail';
import { ProtectConfig } from './logging/ProtectConfig';
import { DenyPublicNetworkEdges } from './network/DenyPublicNetworkEdges';
import { DenyLeaveOrganization } from './organization/DenyLeaveOrganization';
import { EnforceIdentityPerimeter } from './perimeter/EnforceIdentityPerimeter';
import { EnforceTls } from './perimeter/EnforceTls';
import { PreventConfusedDeputy } from './perimeter/PreventConfusedDeputy';
import { DenyUngovernedRegions } from './regions/DenyUngovernedRegions';
import { DenyS3AccountPublicAccessChanges } from './s3/DenyS3AccountPublicAccessChanges';
import { S3OrganizationBlockPublicAccess } from './s3/S3OrganizationBlockPublicAccess';
import { ProtectAccessAnalyzer } from './security/ProtectAccessAnalyzer';
import { ProtectGuardDuty } from './security/ProtectGuardDuty';
import { ProtectSecurityHub } from './security/ProtectSecurityHub';

/** Every guardrail Landfall ships, by id. */
export const CATALOG: ReadonlyMap<string, Guardrail> = new Map(
  [
    DenyLeaveOrganization,
    DenyRootUser,
    DenyUngovernedRegions,
    RequireEbsEncryption,
    RequireImdsV2,
    DenyPublicNetworkEdges,
    ProtectCloudTrail,
    ProtectConfig,
    ProtectGuardDuty,
    ProtectSecurityHub,
    ProtectAccessAnalyzer,
    ProtectKmsKeys,
    ProtectBackups,
    ProtectLandfallRoles,
    DenyS3AccountPublicAccessChanges,
    EnforceIdentityPerimeter,
    EnforceTls,
    PreventConfusedDeputy,
    Ec2VpcBlockPublicAccess,
    Ec2BlockPublicSharing,
    Ec2SerialConsoleOff,
    Ec2ImdsV2Defaults,
    S3OrganizationBlockPublicAccess,
  ].map((g): [string, Guardrail] => [g.id, g]),
);
