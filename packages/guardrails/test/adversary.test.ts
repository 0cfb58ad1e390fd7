import { Case, Decision, EXAMPLE_COMPILATION, OUTSIDE_ACCOUNT, chainOfOu, decide } from './simulation';

/**
 * The threat model: a person holding AdministratorAccess in a workload account (prod or
 * dev) who wants to stop or silence what records them, move PHI out of the organization,
 * open a path to or from the internet, plant credentials that outlive their session, or
 * turn encryption off. Each path goes through the packed Root → Workloads → OU → account
 * chain exactly as `scp/` attaches it. The identity policy allows everything: only the
 * guardrails stand in the way.
 */
const ACCOUNT = '111111111111';
const ADMIN = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;
/** The stock CDK bootstrap's execution role: anyone who can run `cdk deploy` acts as it. */
const STOCK_CDK = `arn:aws:iam::${ACCOUNT}:role/cdk-hnb659fds-cfn-exec-role-${ACCOUNT}-us-east-1`;
/** A role the attacker made, named like an exemption would be if names alone were trusted. */
const FORGED = `arn:aws:iam::${ACCOUNT}:role/stacksets-exec-forged`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const LANDFALL_TAGGED = { 'aws:ResourceTag/landfall:landing-zone': 'acme-health' };
const open = (resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: resource }],
});

interface Attack extends Omit<Case, 'name'> {
  readonly who: string;
  readonly what: string;
  readonly expect: Decision;
  readonly why: string;
}

const DENIED: Decision = 'ExplicitlyDenied';

const ATTACKS: Record<string, Attack[]> = {
  'forging or borrowing an exemption': [
    {
      who: 'admin',
      what: 'create a role named like the StackSets execution role',
      action: 'iam:CreateRole',
      resource: role('stacksets-exec-forged'),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles: exempt names are reserved',
    },
    {
      who: 'admin',
      what: "create Landfall's CDK execution role name before Landfall does",
      action: 'iam:CreateRole',
      resource: role(`cdk-landfall-cfn-exec-role-${ACCOUNT}-eu-west-1`),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles',
    },
    {
      who: 'admin',
      what: 'create LandfallAdmin where it does not exist yet',
      action: 'iam:CreateRole',
      resource: role('LandfallAdmin'),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles',
    },
    {
      who: 'admin',
      what: 'create LandfallNetworkDeploy where it does not exist yet',
      action: 'iam:CreateRole',
      resource: role('LandfallNetworkDeploy'),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles',
    },
    {
      who: 'admin',
      what: 'trust themselves in the StackSets execution role',
      action: 'iam:UpdateAssumeRolePolicy',
      resource: role('stacksets-exec-0a1b2c3d4e5f'),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles',
    },
    {
      who: 'admin',
      what: 'assume the StackSets execution role',
      action: 'sts:AssumeRole',
      resource: role('stacksets-exec-0a1b2c3d4e5f'),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles: only the management account assumes it',
    },
    {
      who: 'admin',
      what: "assume Landfall's CDK deploy role",
      action: 'sts:AssumeRole',
      resource: role(`cdk-landfall-deploy-role-${ACCOUNT}-us-east-1`),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles',
    },
    {
      who: 'admin',
      what: "pass Landfall's CDK execution role to their own stack",
      action: 'iam:PassRole',
      resource: role(`cdk-landfall-cfn-exec-role-${ACCOUNT}-us-east-1`),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles',
    },
    {
      who: 'admin',
      what: 'attach an inline policy to LandfallAdmin',
      action: 'iam:PutRolePolicy',
      resource: role('LandfallAdmin'),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles',
    },
    {
      who: 'admin',
      what: 'remove the permissions boundary of the network role',
      action: 'iam:DeleteRolePermissionsBoundary',
      resource: role('LandfallNetworkDeploy'),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles',
    },
    {
      who: 'admin',
      what: 'update a Landfall stack to borrow its execution role',
      action: 'cloudformation:UpdateStack',
      resource: `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/prod-encryption-us-east-1/1`,
      context: LANDFALL_TAGGED,
      expect: DENIED,
      why: 'ProtectLandfallStacks',
    },
    {
      who: 'stock CDK',
      what: 'stop CloudTrail through a cdk deploy (the stock bootstrap is not exempt)',
      principal: STOCK_CDK,
      action: 'cloudtrail:StopLogging',
      expect: DENIED,
      why: 'ProtectCloudTrail',
    },
    {
      who: 'stock CDK',
      what: 'create a role of an exempt name through a cdk deploy',
      principal: STOCK_CDK,
      action: 'iam:CreateRole',
      resource: role('stacksets-exec-viacdk'),
      expect: DENIED,
      why: 'ProtectPrivilegedRoles',
    },
    {
      who: 'forged role',
      what: 'a role named stacksets-exec-* that was somehow created still cannot stop Config',
      principal: FORGED,
      action: 'config:StopConfigurationRecorder',
      expect: 'Allowed',
      why: 'documents the boundary: the name alone exempts, which is why creating it is denied above',
    },
  ],
  'stopping or silencing what records them': [
    {
      who: 'admin',
      what: 'stop the organization trail',
      action: 'cloudtrail:StopLogging',
      expect: DENIED,
      why: 'ProtectCloudTrail',
    },
    {
      who: 'admin',
      what: 'stop CloudTrail Lake ingestion',
      action: 'cloudtrail:StopEventDataStoreIngestion',
      expect: DENIED,
      why: 'ProtectCloudTrail',
    },
    {
      who: 'admin',
      what: 'stop the Config recorder',
      action: 'config:StopConfigurationRecorder',
      expect: DENIED,
      why: 'ProtectConfig',
    },
    {
      who: 'admin',
      what: 'shorten Config retention',
      action: 'config:PutRetentionConfiguration',
      expect: DENIED,
      why: 'ProtectConfig',
    },
    {
      who: 'admin',
      what: 'delete Config evaluation results',
      action: 'config:DeleteEvaluationResults',
      expect: DENIED,
      why: 'ProtectConfig',
    },
    {
      who: 'admin',
      what: 'delete the GuardDuty detector',
      action: 'guardduty:DeleteDetector',
      expect: DENIED,
      why: 'ProtectGuardDuty',
    },
    {
      who: 'admin',
      what: 'archive GuardDuty findings about themselves',
      action: 'guardduty:ArchiveFindings',
      expect: DENIED,
      why: 'ProtectFindings',
    },
    {
      who: 'admin',
      what: 'add their IP to a GuardDuty trusted list',
      action: 'guardduty:CreateIPSet',
      expect: DENIED,
      why: 'ProtectFindings',
    },
    {
      who: 'admin',
      what: 'suppress Security Hub findings',
      action: 'securityhub:BatchUpdateFindings',
      expect: DENIED,
      why: 'ProtectFindings',
    },
    {
      who: 'admin',
      what: 'auto-close findings with an automation rule',
      action: 'securityhub:CreateAutomationRule',
      expect: DENIED,
      why: 'ProtectFindings',
    },
    {
      who: 'admin',
      what: 'disable Security Hub',
      action: 'securityhub:DisableSecurityHub',
      expect: DENIED,
      why: 'ProtectSecurityHub',
    },
    {
      who: 'admin',
      what: 'archive Access Analyzer findings',
      action: 'access-analyzer:UpdateFindings',
      expect: DENIED,
      why: 'ProtectFindings',
    },
    {
      who: 'admin',
      what: 'delete the Access Analyzer',
      action: 'access-analyzer:DeleteAnalyzer',
      expect: DENIED,
      why: 'ProtectAccessAnalyzer',
    },
    { who: 'admin', what: 'disable Macie', action: 'macie2:DisableMacie', expect: DENIED, why: 'ProtectMacie' },
    {
      who: 'admin',
      what: 'delete the VPC flow logs',
      action: 'ec2:DeleteFlowLogs',
      expect: DENIED,
      why: 'ProtectFlowLogs',
    },
    {
      who: 'admin',
      what: 'stop DNS query logging',
      action: 'route53resolver:DisassociateResolverQueryLogConfig',
      expect: DENIED,
      why: 'ProtectFlowLogs',
    },
    {
      who: 'admin',
      what: "delete Landfall's flow-log group",
      action: 'logs:DeleteLogGroup',
      resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:flow`,
      context: LANDFALL_TAGGED,
      expect: DENIED,
      why: 'ProtectFlowLogs',
    },
    {
      who: 'admin',
      what: "set a one-day retention on Landfall's log group",
      action: 'logs:PutRetentionPolicy',
      resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:flow`,
      context: LANDFALL_TAGGED,
      expect: DENIED,
      why: 'ProtectFlowLogs',
    },
    {
      who: 'admin',
      what: 'leave the organization with all its controls',
      action: 'organizations:LeaveOrganization',
      expect: DENIED,
      why: 'DenyLeaveOrganization',
    },
    {
      who: 'admin',
      what: 'work in an ungoverned region, where nothing records',
      action: 'ec2:RunInstances',
      region: 'eu-central-1',
      expect: DENIED,
      why: 'DenyUngovernedRegions',
    },
    {
      who: 'admin',
      what: 'create a KMS key in an ungoverned region',
      action: 'kms:CreateKey',
      region: 'ap-southeast-1',
      expect: DENIED,
      why: 'DenyUngovernedRegions: KMS is regional',
    },
    {
      who: 'admin',
      what: 'enable an opt-in region',
      action: 'account:EnableRegion',
      expect: DENIED,
      why: 'ProtectAccountSettings',
    },
    {
      who: 'admin',
      what: 'change the security contact so AWS notices go elsewhere',
      action: 'account:PutAlternateContact',
      expect: DENIED,
      why: 'ProtectAccountSettings',
    },
  ],
  'moving PHI out of the organization': [
    {
      who: 'admin',
      what: 'copy records into a bucket of another organization',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::exfil/records.csv',
      resourceAccount: OUTSIDE_ACCOUNT,
      resourcePolicy: open('arn:aws:s3:::exfil/*'),
      expect: DENIED,
      why: 'EnforceResourcePerimeter',
    },
    {
      who: 'admin',
      what: 'replicate a bucket to an outside bucket',
      action: 's3:ReplicateObject',
      resource: 'arn:aws:s3:::exfil/records.csv',
      resourceAccount: OUTSIDE_ACCOUNT,
      resourcePolicy: open('arn:aws:s3:::exfil/*'),
      expect: DENIED,
      why: 'EnforceResourcePerimeter',
    },
    {
      who: 'admin',
      what: 'send records to an outside queue',
      action: 'sqs:SendMessage',
      resource: `arn:aws:sqs:us-east-1:${OUTSIDE_ACCOUNT}:q`,
      resourceAccount: OUTSIDE_ACCOUNT,
      resourcePolicy: open('*'),
      expect: DENIED,
      why: 'EnforceResourcePerimeter',
    },
    {
      who: 'admin',
      what: 'publish records to an outside topic',
      action: 'sns:Publish',
      resource: `arn:aws:sns:us-east-1:${OUTSIDE_ACCOUNT}:t`,
      resourceAccount: OUTSIDE_ACCOUNT,
      resourcePolicy: open('*'),
      expect: DENIED,
      why: 'EnforceResourcePerimeter',
    },
    {
      who: 'admin',
      what: 'stream records to an outside Firehose',
      action: 'firehose:PutRecord',
      resource: `arn:aws:firehose:us-east-1:${OUTSIDE_ACCOUNT}:deliverystream/s`,
      resourceAccount: OUTSIDE_ACCOUNT,
      resourcePolicy: open('*'),
      expect: DENIED,
      why: 'EnforceResourcePerimeter',
    },
    {
      who: 'admin',
      what: "encrypt data under an outsider's key (ransom)",
      action: 'kms:GenerateDataKey',
      resource: `arn:aws:kms:us-east-1:${OUTSIDE_ACCOUNT}:key/1`,
      resourceAccount: OUTSIDE_ACCOUNT,
      resourcePolicy: open('*'),
      expect: DENIED,
      why: 'EnforceResourcePerimeter',
    },
    {
      who: 'admin',
      what: 'share an EBS snapshot with an outside account',
      action: 'ec2:ModifySnapshotAttribute',
      context: { 'ec2:Add/userId': OUTSIDE_ACCOUNT },
      expect: DENIED,
      why: 'DenyExternalSharing',
    },
    {
      who: 'admin',
      what: 'share an AMI built from a PHI server',
      action: 'ec2:ModifyImageAttribute',
      expect: DENIED,
      why: 'DenyExternalSharing',
    },
    {
      who: 'admin',
      what: 'share an RDS snapshot',
      action: 'rds:ModifyDBSnapshotAttribute',
      expect: DENIED,
      why: 'DenyExternalSharing',
    },
    {
      who: 'admin',
      what: 'share an Aurora cluster snapshot',
      action: 'rds:ModifyDBClusterSnapshotAttribute',
      expect: DENIED,
      why: 'DenyExternalSharing',
    },
    {
      who: 'admin',
      what: 'create a RAM share open to outside principals',
      action: 'ram:CreateResourceShare',
      context: { 'ram:RequestedAllowsExternalPrincipals': 'true' },
      expect: DENIED,
      why: 'DenyExternalSharing',
    },
    {
      who: 'admin',
      what: 'accept a resource share from outside',
      action: 'ram:AcceptResourceShareInvitation',
      expect: DENIED,
      why: 'DenyExternalSharing',
    },
    {
      who: 'outsider',
      what: 'read an object a careless bucket policy grants them',
      principal: `arn:aws:iam::${OUTSIDE_ACCOUNT}:role/Outsider`,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::records/a.json',
      resourcePolicy: open('arn:aws:s3:::records/*'),
      expect: DENIED,
      why: 'EnforceIdentityPerimeter (RCP)',
    },
    {
      who: 'admin',
      what: 'read records over TLS 1.0',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::records/a.json',
      context: { 's3:TlsVersion': '1.0' },
      expect: DENIED,
      why: 'RequireModernTls (RCP)',
    },
    {
      who: 'admin',
      what: 'read records without TLS',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::records/a.json',
      context: { 'aws:SecureTransport': 'false' },
      expect: DENIED,
      why: 'EnforceTls (RCP)',
    },
  ],
  'opening a path to or from the internet, or across environments': [
    {
      who: 'admin',
      what: 'recreate the default VPC',
      action: 'ec2:CreateDefaultVpc',
      expect: DENIED,
      why: 'DenyDefaultVpc',
    },
    {
      who: 'admin',
      what: 'create an internet gateway',
      action: 'ec2:CreateInternetGateway',
      expect: DENIED,
      why: 'DenyPublicNetworkEdges',
    },
    {
      who: 'admin',
      what: 'create a NAT gateway',
      action: 'ec2:CreateNatGateway',
      expect: DENIED,
      why: 'DenyNatGateways',
    },
    {
      who: 'admin',
      what: 'create a VPN gateway',
      action: 'ec2:CreateVpnGateway',
      expect: DENIED,
      why: 'DenyVpnConnections',
    },
    {
      who: 'admin',
      what: 'create a site-to-site VPN connection',
      action: 'ec2:CreateVpnConnection',
      expect: DENIED,
      why: 'DenyVpnConnections',
    },
    {
      who: 'admin',
      what: 'peer their VPC with another VPC',
      action: 'ec2:CreateVpcPeeringConnection',
      expect: DENIED,
      why: 'DenyPublicNetworkEdges',
    },
    {
      who: 'admin',
      what: 'peer a transit gateway with one outside',
      action: 'ec2:CreateTransitGatewayPeeringAttachment',
      expect: DENIED,
      why: 'DenyTransitGatewayChanges',
    },
    {
      who: 'admin',
      what: 'propagate their routes into another route domain',
      action: 'ec2:EnableTransitGatewayRouteTablePropagation',
      expect: DENIED,
      why: 'DenyTransitGatewayChanges',
    },
    {
      who: 'admin',
      what: 'order a Direct Connect connection',
      action: 'directconnect:CreateConnection',
      expect: DENIED,
      why: 'DenyDirectConnect',
    },
    {
      who: 'admin',
      what: "tunnel out through an outsider's endpoint service",
      action: 'ec2:CreateVpcEndpoint',
      resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:vpc-endpoint/*`,
      context: { 'ec2:VpceServiceOwner': OUTSIDE_ACCOUNT },
      expect: DENIED,
      why: 'DenyExternalVpcEndpoints',
    },
    {
      who: 'admin',
      what: 'launch an instance with a public IP',
      action: 'ec2:RunInstances',
      resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:network-interface/*`,
      context: { 'ec2:AssociatePublicIpAddress': 'true' },
      expect: DENIED,
      why: 'DenyPublicNetworkEdges',
    },
    {
      who: 'admin',
      what: 'exclude a subnet from VPC Block Public Access',
      action: 'ec2:CreateVpcBlockPublicAccessExclusion',
      expect: DENIED,
      why: 'DenyPublicNetworkEdges',
    },
  ],
  'planting credentials that outlive their session': [
    {
      who: 'their Google account',
      what: 'sign in to a role whose trust they pointed at Google (no identity provider needed)',
      principal: 'accounts.google.com',
      federatedProvider: 'accounts.google.com',
      action: 'sts:AssumeRoleWithWebIdentity',
      resource: role('Backdoor'),
      resourcePolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'accounts.google.com' },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Resource: role('Backdoor'),
          },
        ],
      },
      expect: DENIED,
      why: 'DenyUntrustedFederation (RCP)',
    },
    {
      who: 'admin',
      what: 'reactivate an old access key',
      action: 'iam:UpdateAccessKey',
      resource: `arn:aws:iam::${ACCOUNT}:user/legacy`,
      expect: DENIED,
      why: 'DenyIamUsers',
    },
    {
      who: 'admin',
      what: 'create an IAM user',
      action: 'iam:CreateUser',
      resource: `arn:aws:iam::${ACCOUNT}:user/backdoor`,
      expect: DENIED,
      why: 'DenyIamUsers',
    },
    {
      who: 'admin',
      what: 'create an access key for an existing user',
      action: 'iam:CreateAccessKey',
      resource: `arn:aws:iam::${ACCOUNT}:user/legacy`,
      expect: DENIED,
      why: 'DenyIamUsers',
    },
    {
      who: 'admin',
      what: 'give a user a console password',
      action: 'iam:CreateLoginProfile',
      resource: `arn:aws:iam::${ACCOUNT}:user/legacy`,
      expect: DENIED,
      why: 'DenyIamUsers',
    },
    {
      who: 'admin',
      what: 'add an OIDC identity provider they control',
      action: 'iam:CreateOpenIDConnectProvider',
      resource: `arn:aws:iam::${ACCOUNT}:oidc-provider/evil.example.com`,
      expect: DENIED,
      why: 'DenyIdentityProviders',
    },
    {
      who: 'admin',
      what: 'add a SAML identity provider they control',
      action: 'iam:CreateSAMLProvider',
      expect: DENIED,
      why: 'DenyIdentityProviders',
    },
    {
      who: 'root',
      what: 'use the root user',
      principal: `arn:aws:iam::${ACCOUNT}:root`,
      action: 'iam:CreateAccessKey',
      expect: DENIED,
      why: 'DenyRootUser',
    },
    {
      who: 'admin',
      what: 'change the root email address (account recovery)',
      action: 'account:StartPrimaryEmailUpdate',
      expect: DENIED,
      why: 'ProtectAccountSettings',
    },
  ],
  'turning encryption off or destroying data': [
    {
      who: 'admin',
      what: 'create an unencrypted volume',
      action: 'ec2:CreateVolume',
      context: { 'ec2:Encrypted': 'false' },
      expect: DENIED,
      why: 'RequireEbsEncryption',
    },
    {
      who: 'admin',
      what: 'turn EBS encryption by default off',
      action: 'ec2:DisableEbsEncryptionByDefault',
      expect: DENIED,
      why: 'RequireEbsEncryption',
    },
    {
      who: 'admin',
      what: 'point EBS default encryption at their own key',
      action: 'ec2:ModifyEbsDefaultKmsKeyId',
      expect: DENIED,
      why: 'ProtectEbsDefaultKey',
    },
    {
      who: 'admin',
      what: 'create an unencrypted Aurora cluster',
      action: 'rds:CreateDBCluster',
      context: { 'rds:StorageEncrypted': 'false' },
      expect: DENIED,
      why: 'RequireDataStoreEncryption',
    },
    {
      who: 'admin',
      what: 'create an unencrypted EFS file system',
      action: 'elasticfilesystem:CreateFileSystem',
      context: { 'elasticfilesystem:Encrypted': 'false' },
      expect: DENIED,
      why: 'RequireDataStoreEncryption',
    },
    {
      who: 'admin',
      what: 'schedule the data key for deletion',
      action: 'kms:ScheduleKeyDeletion',
      expect: DENIED,
      why: 'ProtectKmsKeys',
    },
    {
      who: 'admin',
      what: 'turn key rotation off',
      action: 'kms:DisableKeyRotation',
      expect: DENIED,
      why: 'ProtectKmsKeys',
    },
    {
      who: 'admin',
      what: 'delete recovery points',
      action: 'backup:DeleteRecoveryPoint',
      expect: DENIED,
      why: 'ProtectBackups',
    },
    {
      who: 'admin',
      what: 'turn S3 account Block Public Access off',
      action: 's3:PutAccountPublicAccessBlock',
      expect: DENIED,
      why: 'DenyS3AccountPublicAccessChanges',
    },
    {
      who: 'admin',
      what: 'launch an instance that allows IMDSv1',
      action: 'ec2:RunInstances',
      resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/*`,
      context: { 'ec2:MetadataHttpTokens': 'optional' },
      expect: DENIED,
      why: 'RequireImdsV2',
    },
  ],
};

const prodChain = () => chainOfOu(EXAMPLE_COMPILATION, 'Root/Workloads/Prod');
const devChain = () => chainOfOu(EXAMPLE_COMPILATION, 'Root/Workloads/Dev');

describe('an administrator of a workload account, through the packed guardrails', () => {
  test('is tried on at least 60 attack paths', () => {
    expect(
      Object.values(ATTACKS)
        .flat()
        .filter((a) => a.expect === DENIED).length,
    ).toBeGreaterThanOrEqual(60);
  });

  for (const [category, attacks] of Object.entries(ATTACKS)) {
    describe(category, () => {
      test.each(attacks.map((a) => [`${a.who}: ${a.what} → ${a.expect} (${a.why})`, a]))('%s', async (_name, a) => {
        const c: Case = { principal: ADMIN, ...a, name: a.what };
        expect(await decide(prodChain(), c)).toBe(a.expect);
        expect(await decide(devChain(), c)).toBe(a.expect);
      });
    });
  }
});
