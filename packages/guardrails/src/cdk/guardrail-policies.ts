import { readFileSync } from 'fs';
import { join } from 'path';
import { CfnResource, RemovalPolicy, Tags } from 'aws-cdk-lib';
import { CfnPolicy } from 'aws-cdk-lib/aws-organizations';
import { Construct } from 'constructs';
import { PolicyManifest } from '../artifacts';

/** Props of `GuardrailPolicies`. */
export interface GuardrailPoliciesProps {
  /** The folder `landfall synth` or `npx projen` wrote: it holds `manifest.json` and the policy files. */
  readonly policyDir: string;

  /**
   * Organizations ID of every attachment target in the manifest: the root
   * (`Root` → `r-...`) and each OU path (`Root/Workloads/Prod` → `ou-...`).
   */
  readonly targetIds: Readonly<Record<string, string>>;

  /**
   * Prefix of every policy's name in Organizations.
   * @default 'landfall'
   */
  readonly namePrefix?: string;
}

/**
 * The compiled guardrails as native `AWS::Organizations::Policy` resources,
 * attached to their targets, for organizations managed with CloudFormation from
 * the management account (the `landfall apply` engine attaches the same files
 * through the API). Policies are retained when the stack is deleted: removing a
 * guardrail is never a side effect.
 *
 * HIPAA: carries the guardrails of docs/guardrails.md (164.308, 164.312).
 */
export class GuardrailPolicies extends Construct {
  /** The policies, by file name. */
  public readonly policies: Readonly<Record<string, CfnPolicy>>;

  constructor(scope: Construct, id: string, props: GuardrailPoliciesProps) {
    super(scope, id);
    const manifest = JSON.parse(readFileSync(join(props.policyDir, 'manifest.json'), 'utf8')) as PolicyManifest;
    const missing = Object.keys(manifest.targets).filter((target) => !props.targetIds[target]);
    if (missing.length > 0) {
      throw new Error(
        `GuardrailPolicies: targetIds has no ID for ${missing.join(', ')} — give the root ID (r-...) and each OU's ID (ou-...) from the Organizations console or \`aws organizations list-roots\` / \`list-organizational-units-for-parent\``,
      );
    }
    const prefix = props.namePrefix ?? 'landfall';
    const policies: Record<string, CfnPolicy> = {};
    for (const [file, meta] of Object.entries(manifest.files)) {
      const name = `${prefix}-${file.replace(/\.json$/, '').replace(/\./g, '-')}`;
      const policy = new CfnPolicy(this, file.replace(/\.json$/, ''), {
        name,
        type: meta.type,
        // CloudFormation takes the document as an object and serializes it compactly itself;
        // the statements and their order are exactly those compiled within the size limit.
        content: JSON.parse(readFileSync(join(props.policyDir, file), 'utf8')),
        description: `Landfall guardrails: ${meta.guardrails.join(', ')}`.slice(0, 512),
        targetIds: meta.targets.map((target) => props.targetIds[target]),
      });
      (policy as CfnResource).applyRemovalPolicy(RemovalPolicy.RETAIN);
      Tags.of(policy).add('landfall:guardrails', meta.guardrails.length.toString());
      policies[file] = policy;
    }
    this.policies = policies;
  }
}
