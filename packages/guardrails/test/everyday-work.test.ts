import { EXAMPLE_COMPILATION, OTHER_ORG_ACCOUNT, chainOfOu, decide } from './simulation';

// What a developer in the prod account must still be able to do through every packed policy.
const prod = () => chainOfOu(EXAMPLE_COMPILATION, 'Root/Workloads/Prod');
const arn = (type: string) => `arn:aws:ec2:us-east-1:111111111111:${type}/*`;

describe('a developer in the prod account, through all the guardrails', () => {
  test('launches an encrypted, IMDSv2 instance without a public IP in a governed region', async () => {
    const launch = { 'ec2:MetadataHttpTokens': 'required', 'ec2:MetadataHttpPutResponseHopLimit': '2' };
    const resources: Array<[string, Record<string, string>]> = [
      [arn('instance'), launch],
      [arn('volume'), { 'ec2:Encrypted': 'true' }],
      [arn('network-interface'), { 'ec2:AssociatePublicIpAddress': 'false' }],
      ['arn:aws:ec2:us-east-1::image/ami-12345678', {}],
      [arn('subnet'), {}],
      [arn('security-group'), {}],
    ];
    for (const [resource, context] of resources) {
      expect(
        await decide(prod(), { name: `RunInstances on ${resource}`, action: 'ec2:RunInstances', resource, context }),
      ).toBe('Allowed');
    }
  });

  test('uses S3 and KMS inside the organization', async () => {
    const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const keyPolicy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'kms:*', Resource: '*' },
      ],
    };
    expect(
      await decide(prod(), { name: 'put object', action: 's3:PutObject', resource: 'arn:aws:s3:::records/a.json' }),
    ).toBe('Allowed');
    expect(
      await decide(prod(), { name: 'decrypt', action: 'kms:Decrypt', resource: key, resourcePolicy: keyPolicy }),
    ).toBe('Allowed');
    const colleague = `arn:aws:iam::${OTHER_ORG_ACCOUNT}:role/Analytics`;
    const grant = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: colleague }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::records/*' },
      ],
    };
    expect(
      await decide(prod(), {
        name: 'cross-account in org',
        action: 's3:GetObject',
        resource: 'arn:aws:s3:::records/a.json',
        principal: colleague,
        resourcePolicy: grant,
      }),
    ).toBe('Allowed');
  });

  test.each(['eu-central-1', 'ap-northeast-1', 'us-east-1'])('calls global services from %s', async (region) => {
    for (const action of [
      'iam:GetRole',
      'sts:GetCallerIdentity',
      'cloudfront:ListDistributions',
      'route53:ListHostedZones',
      'organizations:DescribeOrganization',
      'support:DescribeCases',
    ]) {
      expect(await decide(prod(), { name: action, action, region })).toBe('Allowed');
    }
  });
});
