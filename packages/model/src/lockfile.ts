import { existsSync, readFileSync } from 'fs';
import { basename } from 'path';
import { ValidateFunction } from 'ajv';
import { LandingZoneValidationError, UserError } from './validate/errors';
import { checkWith, compileSchema } from './validate/schema';

/** The version `landfall apply` writes: 2 since it records only the definition's OUs. */
export const LOCK_FILE_VERSION = 2;

/**
 * `accounts.lock.json`: what exists only once it is made, recorded by `landfall apply` (accounts, OUs, stack
 * prefixes) and `landfall deploy` (stack outputs other stacks need). Every reader reads it through
 * `readLockFileContent`, which checks it against `LOCK_FILE_SCHEMA`.
 */
export interface LockFileContent {
  readonly version?: number;
  readonly organizationId?: string;
  /** Account name → account ID. */
  readonly accounts: Record<string, string>;
  /** OU path (`Root/Workloads/Prod`) → OU ID (the root's is `r-...`). */
  readonly ous: Record<string, string>;
  /** Account name → the name its stacks carry, for an account renamed after it was recorded. */
  readonly stackPrefixes?: Record<string, string>;
  readonly network?: RegionalNetworkRecords & {
    readonly ipamPools?: Record<string, string>;
    /** The hubs of the governed regions other than the home region, by region; the home region's are above. */
    readonly regions?: Record<string, RegionalNetworkRecords>;
  };
  readonly logging?: { readonly archiveKeyArn?: string };
}

/** What one region's hub and the workload VPCs wired to it record. */
export interface RegionalNetworkRecords {
  readonly transitGatewayId?: string;
  readonly serviceDnsRuleId?: string;
  /** Account name → its VPC's transit gateway attachment. */
  readonly attachments?: Record<string, string>;
  /** Recorded one output at a time by `landfall deploy`: each field may be missing until both are. */
  readonly vpcs?: Record<string, { readonly vpcId?: string; readonly cidr?: string }>;
  /** Account name → the hub's peering connection to its VPC. */
  readonly peeringConnections?: Record<string, string>;
}

const RESTORE = 'restore accounts.lock.json from version control (landfall apply and deploy write it)';
const ids = (pattern: string, what: string) => ({
  type: 'object',
  additionalProperties: { type: 'string', pattern, fix: `write ${what}, or ${RESTORE}` },
});

const REGIONAL_NETWORK_PROPERTIES = {
  transitGatewayId: { type: 'string', pattern: '^tgw-', fix: `write the hub stack's output, or ${RESTORE}` },
  serviceDnsRuleId: { type: 'string', pattern: '^rslvr-rr-', fix: `write the hub stack's output, or ${RESTORE}` },
  attachments: ids('^tgw-attach-', "a transit gateway attachment ID (the network stack's output)"),
  vpcs: {
    type: 'object',
    // `landfall deploy` records a VPC's two outputs one at a time: a half-recorded VPC is valid (it waits).
    additionalProperties: {
      type: 'object',
      additionalProperties: false,
      properties: {
        vpcId: { type: 'string', pattern: '^vpc-', fix: `write the network stack's output, or ${RESTORE}` },
        cidr: { type: 'string' },
      },
    },
  },
  peeringConnections: ids('^pcx-', "a peering connection ID (the hub stack's output)"),
} as const;

/** The lock file's JSON Schema: a hand-edit that misspells a key or an ID is named with its field. */
export const LOCK_FILE_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['accounts', 'ous'],
  properties: {
    version: { type: 'integer', minimum: 1, maximum: LOCK_FILE_VERSION },
    organizationId: {
      type: 'string',
      pattern: '^o-[a-z0-9]{10,32}$',
      fix: `write the organization's ID (o-...), or ${RESTORE}`,
    },
    accounts: ids('^\\d{12}$', 'a 12-digit account ID'),
    ous: ids('^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$', 'an OU ID (ou-...) or the root ID (r-...)'),
    stackPrefixes: ids('^[a-z0-9][a-z0-9-]*$', 'the account name its stacks were deployed under'),
    network: {
      type: 'object',
      additionalProperties: false,
      properties: {
        ...REGIONAL_NETWORK_PROPERTIES,
        ipamPools: ids('^ipam-pool-', "an IPAM pool ID (the hub stack's output)"),
        regions: {
          type: 'object',
          propertyNames: {
            pattern: '^[a-z]{2}(-[a-z]+)+-\\d+$',
            fix: `write a governed region's name (us-west-2), or ${RESTORE}`,
          },
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: REGIONAL_NETWORK_PROPERTIES,
          },
        },
      },
    },
    logging: {
      type: 'object',
      additionalProperties: false,
      properties: {
        archiveKeyArn: {
          type: 'string',
          pattern: '^arn:aws[a-z-]*:kms:',
          fix: `write the log archive stack's output (ArchiveKeyArn), or ${RESTORE}`,
        },
      },
    },
  },
} as const;

let compiled: ValidateFunction | undefined;

/**
 * Reads `accounts.lock.json`; a missing file means nothing is made yet. Invalid JSON is a `UserError`, content
 * the schema refuses a `LandingZoneValidationError` that names each field and its fix.
 */
export function readLockFileContent(file: string): LockFileContent {
  // A fresh object each time: callers may fill it in (`landfall deploy` records into what it read).
  if (!existsSync(file)) return { accounts: {}, ous: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(
      file,
      `cannot be read (${(e as Error).message})`,
      'pass the lock file (--lock-file), a file you can read',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new UserError(
      file,
      `not valid JSON (${(e as Error).message})`,
      `${RESTORE.replace('accounts.lock.json', basename(file))}, or delete it and run \`landfall apply\` again`,
    );
  }
  compiled ??= compileSchema(LOCK_FILE_SCHEMA);
  const errors = checkWith(compiled, parsed);
  if (errors.length > 0) throw new LandingZoneValidationError(errors, file);
  return parsed as LockFileContent;
}
