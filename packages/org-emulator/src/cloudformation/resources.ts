import { QueryError } from './query';

/** A role the emulated IAM knows, with the accounts its trust policy lets assume it. */
export interface EmulatedRole {
  readonly accountId: string;
  readonly name: string;
  readonly trustedAccounts: readonly string[];
  /** The stack that created it. @default - made by AWS (OrganizationAccountAccessRole) */
  readonly stackId?: string;
}

export interface EmulatedBucket {
  readonly name: string;
  readonly accountId: string;
  readonly region: string;
  readonly stackId: string;
  readonly objects: Map<string, Buffer>;
}

/**
 * What CloudFormation stacks leave in the emulated accounts that other APIs read:
 * IAM roles (STS assumes them), S3 buckets and their objects (assets, templates),
 * SSM parameters (the CDK bootstrap version) and stack exports (Fn::ImportValue).
 */
export class AccountResources {
  public readonly roles = new Map<string, EmulatedRole>();
  public readonly buckets = new Map<string, EmulatedBucket>();
  /** `<account>/<region>/<name>` → value. */
  public readonly parameters = new Map<string, string>();
  /** `<account>/<region>/<name>` → the export and the stack that exports it. */
  public readonly exports = new Map<string, { readonly value: string; readonly stackId: string }>();
  /** SSM parameter → the stack that made it. */
  public readonly parameterOwners = new Map<string, string>();

  public role(accountId: string, name: string): EmulatedRole | undefined {
    return this.roles.get(`${accountId}/${name}`);
  }

  public parameter(accountId: string, region: string, name: string): string | undefined {
    return this.parameters.get(`${accountId}/${region}/${name}`);
  }

  public bucket(name: string): EmulatedBucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new QueryError('NoSuchBucket', 'The specified bucket does not exist', 404);
    return bucket;
  }

  /** Everything a stack made, removed (a stack update replaces it with what the new template makes). */
  public removeStack(stackId: string): void {
    for (const map of [this.roles, this.buckets, this.exports] as Array<Map<string, { stackId?: string }>>) {
      for (const [key, value] of map) if (value.stackId === stackId) map.delete(key);
    }
    for (const key of [...this.parameters.keys()]) {
      if (this.parameterOwners.get(key) === stackId) this.parameters.delete(key);
    }
  }
}
