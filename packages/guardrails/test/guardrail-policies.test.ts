import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { renderGuardrailArtifacts } from '../src';
import { EXAMPLE_COMPILATION } from './simulation';
import { GuardrailPolicies } from '../src/cdk';

const out = mkdtempSync(join(tmpdir(), 'landfall-cdk-'));
for (const artifact of renderGuardrailArtifacts(EXAMPLE_COMPILATION)) {
  mkdirSync(dirname(join(out, artifact.path)), { recursive: true });
  writeFileSync(join(out, artifact.path), artifact.content);
}
const policyDir = join(out, 'scp');
const targetIds = {
  Root: 'r-exmp',
  'Root/Security': 'ou-exmp-11111111',
  'Root/Infrastructure': 'ou-exmp-22222222',
  'Root/Workloads': 'ou-exmp-33333333',
  'Root/Sandbox': 'ou-exmp-44444444',
};

function synth(props: Partial<ConstructorParameters<typeof GuardrailPolicies>[2]> = {}) {
  const stack = new Stack(new App(), 'Org');
  new GuardrailPolicies(stack, 'Guardrails', { policyDir, targetIds, ...props });
  return Template.fromStack(stack);
}

describe('GuardrailPolicies', () => {
  test('creates one native policy per compiled file', () => {
    synth().resourceCountIs('AWS::Organizations::Policy', EXAMPLE_COMPILATION.policies.length);
  });

  test('sends the compiled document and attaches each policy to the IDs of its targets', () => {
    const shared = EXAMPLE_COMPILATION.policies.find((p) => p.file === 'shared.scp.1.json')!;
    synth().hasResourceProperties('AWS::Organizations::Policy', {
      Name: 'landfall-shared-scp-1',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: JSON.parse(shared.content),
      TargetIds: ['ou-exmp-22222222', 'ou-exmp-33333333', 'ou-exmp-44444444'],
    });
  });

  test('deploys the declarative EC2 and S3 policies at the root', () => {
    const template = synth();
    template.hasResourceProperties('AWS::Organizations::Policy', {
      Type: 'DECLARATIVE_POLICY_EC2',
      TargetIds: ['r-exmp'],
    });
    template.hasResourceProperties('AWS::Organizations::Policy', { Type: 'S3_POLICY', TargetIds: ['r-exmp'] });
  });

  test('deploys the organization backup policy to the OUs of backup.ous', () => {
    synth().hasResourceProperties('AWS::Organizations::Policy', {
      Type: 'BACKUP_POLICY',
      TargetIds: ['ou-exmp-33333333'],
    });
  });

  test('retains every policy when the stack is deleted', () => {
    for (const resource of Object.values(synth().findResources('AWS::Organizations::Policy'))) {
      expect(resource).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    }
  });

  test('fails when a target has no ID, naming it', () => {
    const { 'Root/Sandbox': _, ...partial } = targetIds;
    expect(() => synth({ targetIds: partial })).toThrow(/targetIds has no ID for Root\/Sandbox/);
  });
});
