import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import { WorkloadVpc } from '../src';

describe('cdk-nag (HIPAA.Security, AwsSolutions, NIST.800-53.R5)', () => {
  test('finds nothing in a WorkloadVpc, with or without internet-facing subnets', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-nag-')) });
    Validations.of(app).addPlugins(new HIPAASecurityChecks(app), new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
    const stack = new Stack(app, 'Network', { env: { account: '111111111111', region: 'us-east-1' } });
    const key = new kms.Key(stack, 'LogsKey', { enableKeyRotation: true });
    new WorkloadVpc(stack, 'Private', { cidr: '10.16.0.0/20', flowLogKey: key });
    new WorkloadVpc(stack, 'Ingress', { cidr: '10.17.0.0/20', flowLogKey: key, internetFacing: true });
    expect(() => app.synth()).not.toThrow();
  });

  test('reports the ingress subnets\' route to the internet gateway unless acknowledged: the acknowledgement is there, with its reason', () => {
    const stack = new Stack(new App(), 'Network');
    const vpc = new WorkloadVpc(stack, 'Ingress', { cidr: '10.17.0.0/20', flowLogKey: new kms.Key(stack, 'K', { enableKeyRotation: true }), internetFacing: true });
    const metadata = vpc.vpc.publicSubnets.flatMap((s) => s.node.metadata.map((m) => JSON.stringify(m.data)));
    expect(metadata.join('\n')).toContain('HIPAA.Security-VPCNoUnrestrictedRouteToIGW');
    expect(metadata.join('\n')).toContain('CloudFront -> WAF -> ALB');
    expect(vpc.vpc.privateSubnets.concat(vpc.vpc.isolatedSubnets).flatMap((s) => s.node.metadata)).toEqual([]);
  });
});
