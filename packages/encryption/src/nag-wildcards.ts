import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

// How cdk-nag names a wildcard finding (AwsSolutions-IAM5[Resource::...]), so an acknowledgement names exactly the
// resource it covers. Not part of the public API.

/** A resolved CloudFormation value, flattened the way cdk-nag flattens it: `<Ref>`, `<Logical.Attr>`, joins joined. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value.replace(/\$\{/g, '<').replace(/}/g, '>');
  const node = value as Record<string, any>;
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return (items as unknown[]).map(flatten).join(delimiter);
  }
  if (node['Fn::GetAtt']) return `<${flatten(node['Fn::GetAtt'][0])}.${flatten(node['Fn::GetAtt'][1])}>`;
  if (node.Ref) return `<${flatten(node.Ref)}>`;
  return JSON.stringify(value);
}

/** Acknowledges AwsSolutions-IAM5 on `policy` for each of `resources` (as written in the policy), with `reason`. */
export function acknowledgeWildcards(policy: IConstruct, resources: string[], reason: string): void {
  const stack = Stack.of(policy);
  for (const resource of resources) {
    Validations.of(policy).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::${flatten(stack.resolve(resource))}]`,
      reason,
    });
  }
}
