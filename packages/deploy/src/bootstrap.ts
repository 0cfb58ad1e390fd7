import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';

/** Everything `cdk bootstrap --qualifier` would say, for Landfall's own bootstrap in each account and Region. */
export interface BootstrapOptions {
  /** The qualifier of the bootstrap's roles and bucket (`cdk-<qualifier>-deploy-role-...`). */
  readonly qualifier: string;
  /** Managed policies of the CloudFormation execution role. @default ['arn:aws:iam::aws:policy/AdministratorAccess'] */
  readonly executionPolicies?: readonly string[];
  /**
   * The OUs (or the root) whose member accounts get the bootstrap through a service-managed
   * StackSet of the management account, automatically as they join. Its instances run as
   * StackSets' execution role (`stacksets-exec-*`), which the guardrails exempt: no principal of
   * a member account may create the protected `cdk-<qualifier>-*` roles.
   */
  readonly organizationalUnitIds: readonly string[];
  /** The Region that administers the StackSet. */
  readonly homeRegion: string;
}

/**
 * The bootstrap stack's name (in the management account) and StackSet's name (for the members):
 * one per qualifier, beside a workload team's own `CDKToolkit`.
 */
export function bootstrapStackName(qualifier: string): string {
  return `CDKToolkit-${qualifier}`;
}

let template: string | undefined;

/**
 * The CDK's own bootstrap template, from the aws-cdk package this version of
 * Landfall is built and tested with, as minified JSON (small enough for TemplateBody).
 */
export function bootstrapTemplate(): string {
  template ??= JSON.stringify(
    parse(
      readFileSync(
        join(require.resolve('aws-cdk/package.json'), '..', 'lib', 'api', 'bootstrap', 'bootstrap-template.yaml'),
        'utf8',
      ),
    ),
  );
  return template;
}

/** The bootstrap's parameters: the deploying account is trusted to assume the deploy and publishing roles. */
export function bootstrapParameters(options: BootstrapOptions, deployingAccount: string): Record<string, string> {
  return {
    Qualifier: options.qualifier,
    TrustedAccounts: deployingAccount,
    CloudFormationExecutionPolicies: (
      options.executionPolicies ?? ['arn:aws:iam::aws:policy/AdministratorAccess']
    ).join(','),
  };
}
