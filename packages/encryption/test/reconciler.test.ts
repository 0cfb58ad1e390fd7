import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import { EncryptionKeys, KeyPurpose } from '../src';
import { DeployTimeReconciler, loadReconciler, reconcilerSource } from '../src/deploy-time-reconciler';

// The frame every reconciler shares: its function, role and logs, and how it answers CloudFormation.

function reconciler(statements: iam.PolicyStatement[] = []) {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-reconciler-')) });
  Validations.of(app).addPlugins(new HIPAASecurityChecks(app), new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  const keys = new EncryptionKeys(stack, 'Keys');
  const made = new DeployTimeReconciler(stack, 'Things', {
    functionName: 'landfall-things',
    description: 'places things',
    source: 'async function reconcile() { return {}; }',
    logKey: keys.keyFor(KeyPurpose.LOGS),
    statements,
  });
  made.resource(stack, 'Some', 'Custom::LandfallThings', { Things: ['a', 'b'] });
  return { app, stack };
}

test("a deploy-time role under the guardrails' protection, a managed policy under /landfall/, kept encrypted logs", () => {
  const { stack } = reconciler([new iam.PolicyStatement({ actions: ['ec2:DescribeVpcs'], resources: ['*'] })]);
  const t = Template.fromStack(stack);
  t.hasResourceProperties('AWS::IAM::Role', {
    RoleName: { 'Fn::Join': ['', ['landfall-deploy-time-things-', { Ref: 'AWS::Region' }]] },
  });
  t.hasResourceProperties('AWS::IAM::ManagedPolicy', { Path: '/landfall/' });
  const [log] = Object.values(t.findResources('AWS::Logs::LogGroup'));
  expect([log.Properties.LogGroupName, log.DeletionPolicy, typeof log.Properties.KmsKeyId]).toEqual([
    '/aws/lambda/landfall-things',
    'Retain',
    'object',
  ]);
  t.hasResourceProperties('Custom::LandfallThings', { Things: ['a', 'b'] });
});

test('passes the three cdk-nag packs, its wildcards acknowledged by name', () => {
  const { app } = reconciler([new iam.PolicyStatement({ actions: ['ec2:DescribeVpcs'], resources: ['*'] })]);
  expect(() => app.synth()).not.toThrow();
});

test('answers CloudFormation with what the reconciliation returned, or why it failed', async () => {
  const ok = loadReconciler(
    reconcilerSource(
      'async function reconcile(e) { return { physicalId: "id-" + e.ResourceProperties.N, data: { N: "1" } }; }',
    ),
    {},
  );
  expect(await ok({ RequestType: 'Create', ResourceProperties: { N: 7 } })).toEqual(
    expect.objectContaining({ Status: 'SUCCESS', PhysicalResourceId: 'id-7', Data: { N: '1' } }),
  );
  const failing = loadReconciler(
    reconcilerSource('async function reconcile() { throw new Error("no such thing"); }'),
    {},
  );
  // On failure the resource keeps the ID CloudFormation gave it, so a failed update never looks like a replacement.
  expect(await failing({ RequestType: 'Update', PhysicalResourceId: 'id-7', ResourceProperties: {} })).toEqual(
    expect.objectContaining({ Status: 'FAILED', Reason: 'no such thing', PhysicalResourceId: 'id-7' }),
  );
});

test('a wait that would outlive the function fails with the fix (deploy again), not a silent timeout', async () => {
  const waiting = loadReconciler(
    reconcilerSource(
      'async function reconcile(e, deadline) { await until(deadline - 900000, "the thing", async () => false); }',
    ),
    {},
  );
  const answer = await waiting({ RequestType: 'Create', ResourceProperties: {} });
  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('still waiting for the thing');
  expect(answer.Reason).toContain('deploy again');
});

test('a list longer than one run can make stops before the function would, naming how far it got', async () => {
  const long = loadReconciler(
    reconcilerSource(
      'async function reconcile(e, deadline) { DEADLINE = Date.now() - 1; await each(["a", "b"], async () => undefined); }',
    ),
    {},
  );
  const answer = await long({ RequestType: 'Create', ResourceProperties: {} });
  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('the function had to stop after 0 of 2');
});

test("a resource gives up when its function stops without answering, well before CloudFormation's hour", () => {
  const { stack } = reconciler();
  Template.fromStack(stack).hasResourceProperties('Custom::LandfallThings', { ServiceTimeout: '960' });
});
