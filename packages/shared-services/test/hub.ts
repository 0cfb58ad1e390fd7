import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';

export const ACCOUNT = '333333333333';
export const REGION = 'us-east-1';
export const HUB_CIDR = '10.0.0.0/20';
export const ENDPOINT_CIDRS = ['10.0.0.0/23', '10.0.2.0/23'];
export const RESOLVER_IPS = ['10.0.1.254', '10.0.3.254'];
/** The hub's services subnets, where the VPN is associated and the bastion runs. */
export const SERVICES_SUBNETS = ['subnet-0000000000000a001', 'subnet-0000000000000a002'];
export const LOG_BUCKET = 'acme-log-archive-222222222222';

/** The shared-services account's stack. */
export function sharedServicesStack(app: App = new App()): Stack {
  return new Stack(app, 'SharedServices', { env: { account: ACCOUNT, region: REGION } });
}

/** The hub VPC as the network stack exports it: endpoints and services subnets, isolated, in two zones. */
export function importedHub(stack: Stack, id = 'Hub'): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(stack, id, {
    vpcId: 'vpc-0123456789abcdef0',
    vpcCidrBlock: HUB_CIDR,
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    isolatedSubnetIds: ['subnet-0000000000000e001', 'subnet-0000000000000e002', ...SERVICES_SUBNETS],
    isolatedSubnetNames: ['endpoints', 'services'],
    isolatedSubnetIpv4CidrBlocks: [...ENDPOINT_CIDRS, '10.0.4.0/23', '10.0.6.0/23'],
    isolatedSubnetRouteTableIds: [
      'rtb-0000000000000e001',
      'rtb-0000000000000e002',
      'rtb-0000000000000a001',
      'rtb-0000000000000a002',
    ],
  });
}

/** The hub VPC made in the same stack, as `HubVpc` makes it. */
export function ownHub(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Hub', {
    ipAddresses: ec2.IpAddresses.cidr(HUB_CIDR),
    maxAzs: 2,
    subnetConfiguration: [
      { name: 'endpoints', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 23 },
      { name: 'services', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 23 },
    ],
  });
}

export function key(stack: Stack, id: string): kms.Key {
  return new kms.Key(stack, id, { enableKeyRotation: true });
}

/** The account's operations topic, as the landing zone makes it: encrypted with its own key, HTTPS only. */
export function operationsTopic(stack: Stack): sns.Topic {
  return new sns.Topic(stack, 'Operations', { masterKey: key(stack, 'OperationsKey'), enforceSSL: true });
}
