/** AWS Organizations quotas the emulator enforces (current documented values; configurable). */
export interface EmulatorLimits {
  readonly maxOuDepth: number;
  readonly maxAccounts: number;
  readonly maxCreateAccountInProgress: number;
  readonly policyMaxCharacters: Readonly<Record<string, number>>;
  readonly policiesPerTarget: Readonly<Record<string, number>>;
}

export const DEFAULT_LIMITS: EmulatorLimits = {
  maxOuDepth: 5,
  maxAccounts: 10,
  maxCreateAccountInProgress: 5,
  policyMaxCharacters: { SERVICE_CONTROL_POLICY: 10240, RESOURCE_CONTROL_POLICY: 5120 },
  policiesPerTarget: { SERVICE_CONTROL_POLICY: 10, RESOURCE_CONTROL_POLICY: 5 },
};

/** Management policy types: 10,000 characters, 10 per target. */
export const MANAGEMENT_POLICY_MAX_CHARACTERS = 10000;
export const MANAGEMENT_POLICIES_PER_TARGET = 10;

/** Types an organization can enable (AvailablePolicyTypes). */
export const POLICY_TYPES = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'S3_POLICY',
  'TAG_POLICY',
  'BACKUP_POLICY',
  'AISERVICES_OPT_OUT_POLICY',
  'CHATBOT_POLICY',
  'SECURITYHUB_POLICY',
];

/** AWS-managed policies attached everywhere when their type is enabled. */
export const FULL_ACCESS: Readonly<Record<string, { id: string; name: string }>> = {
  SERVICE_CONTROL_POLICY: { id: 'p-FullAWSAccess', name: 'FullAWSAccess' },
  RESOURCE_CONTROL_POLICY: { id: 'p-RCPFullAWSAccess', name: 'RCPFullAWSAccess' },
};
