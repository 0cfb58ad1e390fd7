import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import {
  AddressPlan,
  HubVpc,
  PeeringHub,
  PeeringSpoke,
  TransitGatewayHub,
  TransitGatewaySpoke,
  WorkloadVpc,
} from '../src';

const NAG_PACKS = ['HIPAA.Security', 'AwsSolutions', 'NIST.800.53.R5'];

/** Every unacknowledged finding of the three packs, errors and warnings alike (synthesis fails only on errors). */
function nagViolations(app: App): string[] {
  const report = JSON.parse(readFileSync(join(app.synth().directory, 'validation-report.json'), 'utf8'));
  return report.pluginReports
    .filter((p: any) => NAG_PACKS.includes(p.pluginName))
    .flatMap((p: any) =>
      p.violations.map(
        (v: any) => `${v.severity} ${v.ruleName} ${v.violatingConstructs.map((c: any) => c.constructPath).join(', ')}`,
      ),
    );
}

describe('cdk-nag (HIPAA.Security, AwsSolutions, NIST.800-53.R5)', () => {
  test('finds nothing in a WorkloadVpc, with or without internet-facing subnets', () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-nag-')) });
    Validations.of(app).addPlugins(
      new HIPAASecurityChecks(app),
      new AwsSolutionsChecks(app),
      new NIST80053R5Checks(app),
    );
    const stack = new Stack(app, 'Network', { env: { account: '111111111111', region: 'us-east-1' } });
    const key = new kms.Key(stack, 'LogsKey', { enableKeyRotation: true });
    new WorkloadVpc(stack, 'Private', { cidr: '10.16.0.0/20', logKey: key });
    new WorkloadVpc(stack, 'Ingress', { cidr: '10.17.0.0/20', logKey: key, internetFacing: true });
    expect(nagViolations(app)).toEqual([]);
  });

  test("finds nothing in the hub, either topology's spokes or the address plan", () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-nag-')) });
    Validations.of(app).addPlugins(
      new HIPAASecurityChecks(app),
      new AwsSolutionsChecks(app),
      new NIST80053R5Checks(app),
    );
    const env = { account: '111111111111', region: 'us-east-1' };
    const hubStack = new Stack(app, 'Hub', { env });
    const hubKey = new kms.Key(hubStack, 'LogsKey', { enableKeyRotation: true });
    const hub = new HubVpc(hubStack, 'Hub', {
      cidr: '10.0.0.0/20',
      logKey: hubKey,
      interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SSM],
      clientCidrs: ['10.16.0.0/12'],
      serviceDnsShareWith: ['arn:aws:organizations::111111111111:organization/o-exampleorg1'],
    });
    new TransitGatewayHub(hubStack, 'Tgw', {
      hubVpc: hub.vpc,
      hubSubnets: { subnetGroupName: 'endpoints' },
      environments: [{ name: 'dev', cidrs: ['10.32.0.0/12'] }],
      shareWith: ['arn:aws:organizations::111111111111:organization/o-exampleorg1'],
      spokes: [{ name: 'dev', environment: 'dev', attachmentId: 'tgw-attach-1' }],
      logKey: hubKey,
    });
    new PeeringHub(hubStack, 'Peering', {
      hubVpc: hub.vpc,
      spokes: [
        {
          name: 'dev',
          environment: 'dev',
          vpcId: 'vpc-1',
          cidr: '10.32.0.0/20',
          account: '222222222222',
          acceptRoleArn: 'arn:aws:iam::222222222222:role/r',
        },
      ],
    });
    new AddressPlan(hubStack, 'Plan', {
      regions: ['us-east-1'],
      environments: [
        {
          name: 'dev',
          cidr: '10.32.0.0/12',
          shareWith: ['arn:aws:organizations::111111111111:ou/o-exampleorg1/ou-dev-22222222'],
        },
      ],
    });
    const spokeStack = new Stack(app, 'Spoke', { env });
    const vpc = new WorkloadVpc(spokeStack, 'Vpc', {
      cidr: '10.32.0.0/20',
      logKey: new kms.Key(spokeStack, 'LogsKey', { enableKeyRotation: true }),
      resolverRuleIds: ['rslvr-rr-1'],
    });
    new TransitGatewaySpoke(spokeStack, 'Tgw', {
      vpc: vpc.vpc,
      transitGatewayId: 'tgw-1',
      destinations: ['10.0.0.0/20'],
    });
    new PeeringSpoke(spokeStack, 'Peering', {
      vpc: vpc.vpc,
      hubAccount: '444444444444',
      destinations: ['10.0.0.0/20'],
      peeringConnectionId: 'pcx-1',
    });
    expect(nagViolations(app)).toEqual([]);
  });

  test("reports the ingress subnets' route to the internet gateway unless acknowledged: the acknowledgement is there, with its reason", () => {
    const stack = new Stack(new App(), 'Network');
    const vpc = new WorkloadVpc(stack, 'Ingress', {
      cidr: '10.17.0.0/20',
      logKey: new kms.Key(stack, 'K', { enableKeyRotation: true }),
      internetFacing: true,
    });
    const metadata = vpc.vpc.publicSubnets.flatMap((s) => s.node.metadata.map((m) => JSON.stringify(m.data)));
    expect(metadata.join('\n')).toContain('HIPAA.Security-VPCNoUnrestrictedRouteToIGW');
    expect(metadata.join('\n')).toContain('CloudFront -> WAF -> ALB');
    expect(vpc.vpc.privateSubnets.concat(vpc.vpc.isolatedSubnets).flatMap((s) => s.node.metadata)).toEqual([]);
  });
});
