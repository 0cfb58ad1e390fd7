import { LANDFALL_TAG } from '@landfall/guardrails';
import { ResolvedLandingZone } from '@landfall/model';
import {
  CfnOutput,
  DefaultStackSynthesizer,
  Environment,
  IStackSynthesizer,
  Stack,
  Tags,
  Validations,
} from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * The metadata type of an output `landfall deploy` records in accounts.lock.json:
 * `{ output: <logical ID>, path: ['network', 'transitGatewayId'] }`. A stack in
 * another account reads it from there at the next synthesis, since CloudFormation
 * cannot read another account's outputs.
 */
export const RECORD_OUTPUT_METADATA = 'landfall:record-output';

/**
 * The metadata type that makes a stack a StackSet's template: `{ organizationalUnitIds, accounts, ouPath }` (account
 * ID → name of the OU's accounts), which `landfall deploy` deploys as a service-managed StackSet over the OU.
 */
export const STACK_SET_METADATA = 'landfall:stack-set';

/** In the path of a StackSet template's output record, each instance's account name (@landfall/deploy's mark). */
export const ACCOUNT_NAME_MARK = '{account}';

/** Declares that `landfall deploy` records an output at `path` in accounts.lock.json. */
export function recordOutput(output: CfnOutput, path: readonly string[]): CfnOutput {
  const stack = Stack.of(output);
  stack.node.addMetadata(RECORD_OUTPUT_METADATA, { output: stack.getLogicalId(output), path: [...path] });
  return output;
}

/** A lock-file path as people read it: `network.regions["us-west-2"]`. */
export function lockFileName(path: readonly string[]): string {
  return path.map((p, i) => (i === 0 ? p : /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? `.${p}` : `["${p}"]`)).join('');
}

/** What the stack helpers need of an account: its stacks and its environment. */
export interface StackOwner {
  readonly account: { readonly name: string };
  /** The synthesizer of its stacks in a region. @default - Landfall's (`landfallSynthesizer`) */
  readonly synthesizer?: (region: string) => IStackSynthesizer;
  readonly stacks: Readonly<Record<string, Stack>>;
  env(region?: string): Environment;
}

/**
 * CloudFormation's linter reads an ARN with a stand-in account (`account-PLACEHOLDER-audit`) as malformed. In a
 * review-only assembly that is expected, and said once here rather than printed for every stack; recorded IDs
 * make the ARNs real and the acknowledgement is never made.
 */
export function onPlaceholder(scope: IConstruct, rule: string): void {
  Validations.of(scope).acknowledge({
    id: `CloudFormation-Validate::${rule}`,
    reason:
      "A review-only assembly: this ARN names another account by a marked stand-in (no account ID is recorded yet), which CloudFormation's linter reads as malformed.",
  });
}

/**
 * Landfall's stacks deploy through Landfall's own CDK bootstrap (its qualifier), whose
 * roles the guardrails reserve; the stock bootstrap stays for workload teams and is
 * never exempt (docs/decisions/0003-deploy-principals.md).
 */
export function landfallSynthesizer(lz: ResolvedLandingZone): DefaultStackSynthesizer {
  return new DefaultStackSynthesizer({ qualifier: lz.guardrails.cdkQualifier });
}

/** What every stack of an account is created with (its environment, protection, Landfall's bootstrap), and how it is filed. */
export function stackHelpers(lz: ResolvedLandingZone) {
  return {
    common: (b: StackOwner, region: string) => ({
      env: b.env(region),
      terminationProtection: true,
      synthesizer: b.synthesizer?.(region) ?? landfallSynthesizer(lz),
    }),
    add: <T extends Stack>(b: StackOwner, key: string, stack: T): T =>
      register(b.stacks as Record<string, Stack>, key, stack, lz.name, b.account.name),
  };
}

/** Files a stack under its account's stacks, tagged with the landing zone and the account. */
export function register<T extends Stack>(
  stacks: Record<string, Stack>,
  key: string,
  stack: T,
  landingZone: string,
  account: string,
): T {
  Tags.of(stack).add(LANDFALL_TAG, landingZone);
  Tags.of(stack).add('landfall:account', account);
  stacks[key] = stack;
  return stack;
}
