import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { HIPAASecurityChecks, IApplyRule } from 'cdk-nag';
import { IConstruct } from 'constructs';

/**
 * cdk-nag's HIPAA.Security pack, made to list its rules instead of checking: each rule it would apply, with the
 * HIPAA Security Rule sections its message cites ("Control IDs: ...").
 */
class HipaaRuleList extends HIPAASecurityChecks {
  public readonly rules = new Map<string, string[]>();

  public list(node: IConstruct): void {
    this.checkResource(node as CfnResource);
  }

  protected applyRule(params: IApplyRule): void {
    const cited = params.info.split(/Control IDs?:/)[1] ?? '';
    const sections = cited.match(/164\.3\d\d\([a-z]\)(?:\(\d+\))?(?:\((?:i|ii|iii|iv|v)\))?(?:\([A-F]\))?/g) ?? [];
    this.rules.set(params.ruleSuffixOverride ?? params.rule.name, [...new Set(sections)]);
  }
}

let listed: Readonly<Record<string, readonly string[]>> | undefined;

/**
 * The rules of the installed cdk-nag HIPAA.Security pack, each with the HIPAA Security Rule sections it checks, as the
 * pack itself cites them. Every stack Landfall synthesizes is checked with the pack: these are the proactive controls
 * of docs/hipaa-matrix.md.
 */
export function hipaaNagRules(): Readonly<Record<string, readonly string[]>> {
  if (listed === undefined) {
    // The pack calls every rule for any resource (each rule looks at the resource's type itself).
    const resource = new CfnResource(new Stack(new App(), 'Rules'), 'Any', { type: 'AWS::S3::Bucket' });
    const pack = new HipaaRuleList();
    pack.list(resource);
    listed = Object.fromEntries([...pack.rules].sort(([a], [b]) => a.localeCompare(b)));
  }
  return listed;
}
