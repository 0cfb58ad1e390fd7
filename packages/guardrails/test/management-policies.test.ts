import { EXAMPLE_COMPILATION } from './simulation';

const doc = (file: string) => JSON.parse(EXAMPLE_COMPILATION.policies.find((p) => p.file === file)!.content);

describe('the declarative EC2 policy at the root', () => {
  const ec2 = doc('root.ec2.json').ec2_attributes;

  test('Ec2VpcBlockPublicAccess blocks inbound internet traffic to VPCs, allowing only exclusions (which only the network role may create)', () => {
    expect(ec2.vpc_block_public_access.internet_gateway_block).toEqual({
      mode: { '@@assign': 'block_ingress' },
      exclusions_allowed: { '@@assign': 'enabled' },
    });
  });

  test('Ec2BlockPublicSharing blocks public sharing of snapshots and AMIs', () => {
    expect(ec2.snapshot_block_public_access.state['@@assign']).toBe('block_all_sharing');
    expect(ec2.image_block_public_access.state['@@assign']).toBe('block_new_sharing');
  });

  test('Ec2SerialConsoleOff turns the serial console off and Ec2ImdsV2Defaults defaults instances to IMDSv2', () => {
    expect(ec2.serial_console_access.status['@@assign']).toBe('disabled');
    expect(ec2.instance_metadata_defaults.http_tokens['@@assign']).toBe('required');
  });
});

describe('the S3 policy at the root', () => {
  test('S3OrganizationBlockPublicAccess turns on all four Block Public Access settings', () => {
    expect(doc('root.s3.json')).toEqual({
      s3_attributes: { public_access_block_configuration: { '@@assign': 'all' } },
    });
  });
});
