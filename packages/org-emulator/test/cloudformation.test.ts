import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
} from '@aws-sdk/client-cloudformation';
import {
  CreateAccountCommand,
  CreateOrganizationCommand,
  DescribeCreateAccountStatusCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { NO_CHANGES, OrganizationsEmulator, TEMPLATE_BODY_MAX_BYTES } from '../src';

const management = { accessKeyId: 'AKIDMANAGEMENT', secretAccessKey: 'x' };
let emulator: OrganizationsEmulator;
let endpoint: string;
let now: number;
let member: string;

const client = (credentials = management) =>
  new CloudFormationClient({ region: 'us-east-1', endpoint, credentials, maxAttempts: 1 });
const tick = (ms = 100) => (now += ms);

async function assume(roleArn: string, credentials = management) {
  const r = await new STSClient({ region: 'us-east-1', endpoint, credentials }).send(
    new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'test' }),
  );
  return {
    accessKeyId: r.Credentials!.AccessKeyId!,
    secretAccessKey: r.Credentials!.SecretAccessKey!,
    sessionToken: r.Credentials!.SessionToken!,
  };
}

/** Creates a change set and lets the clock pass; returns its status. */
async function changeSet(
  cfn: CloudFormationClient,
  stackName: string,
  template: object,
  extra: Record<string, unknown> = {},
) {
  const name = `cs-${tick(1)}`;
  await cfn.send(
    new CreateChangeSetCommand({
      StackName: stackName,
      ChangeSetName: name,
      TemplateBody: JSON.stringify(template),
      ...extra,
    }),
  );
  tick();
  return { name, ...(await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: name }))) };
}

async function deploy(
  cfn: CloudFormationClient,
  stackName: string,
  template: object,
  extra: Record<string, unknown> = {},
) {
  const cs = await changeSet(cfn, stackName, template, extra);
  await cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: cs.name }));
  tick();
  return (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0];
}

const bootstrapLike = {
  Parameters: { Qualifier: { Type: 'String' }, TrustedAccounts: { Type: 'CommaDelimitedList', Default: '' } },
  Resources: {
    Bucket: {
      Type: 'AWS::S3::Bucket',
      Properties: { BucketName: { 'Fn::Sub': 'cdk-${Qualifier}-assets-${AWS::AccountId}-${AWS::Region}' } },
    },
    Role: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: { 'Fn::Sub': 'cdk-${Qualifier}-deploy-role-${AWS::AccountId}-${AWS::Region}' },
        AssumeRolePolicyDocument: {
          Statement: [{ Effect: 'Allow', Principal: { AWS: { Ref: 'TrustedAccounts' } }, Action: 'sts:AssumeRole' }],
        },
      },
    },
    Version: {
      Type: 'AWS::SSM::Parameter',
      Properties: { Name: { 'Fn::Sub': '/cdk-bootstrap/${Qualifier}/version' }, Value: '33', Type: 'String' },
    },
  },
  Outputs: { BucketName: { Value: { Ref: 'Bucket' } } },
};

/** What the CDK puts in every stack: the bootstrap version from SSM, checked by a rule. */
const cdkStack = (resources: object, outputs: object = {}) => ({
  Parameters: {
    BootstrapVersion: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/cdk-bootstrap/lf/version' },
  },
  Rules: {
    CheckBootstrapVersion: {
      Assertions: [
        {
          Assert: { 'Fn::Not': [{ 'Fn::Contains': [['1', '2', '3', '4', '5'], { Ref: 'BootstrapVersion' }] }] },
          AssertDescription:
            "CDK bootstrap stack version 6 required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.",
        },
      ],
    },
  },
  Resources: resources,
  Outputs: outputs,
});

beforeEach(async () => {
  now = Date.parse('2026-12-03T00:00:00Z');
  emulator = new OrganizationsEmulator({ createAccountMs: 0, clock: () => now, cloudFormation: { operationMs: 50 } });
  endpoint = await emulator.start();
  const org = new OrganizationsClient({ region: 'us-east-1', endpoint, credentials: management });
  await org.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const created = await org.send(new CreateAccountCommand({ AccountName: 'dev', Email: 'dev@example.com' }));
  tick();
  member = (
    await org.send(new DescribeCreateAccountStatusCommand({ CreateAccountRequestId: created.CreateAccountStatus!.Id }))
  ).CreateAccountStatus!.AccountId!;
});
afterEach(() => emulator.stop());

describe('the emulated CloudFormation, STS and S3', () => {
  test('the management account assumes OrganizationAccountAccessRole in a member it created; a role nobody made is refused', async () => {
    await expect(assume(`arn:aws:iam::${member}:role/OrganizationAccountAccessRole`)).resolves.toHaveProperty(
      'sessionToken',
    );
    await expect(assume(`arn:aws:iam::${member}:role/cdk-lf-deploy-role-${member}-us-east-1`)).rejects.toMatchObject({
      name: 'AccessDenied',
    });
  });

  test('a bootstrap makes the deploy role (trusting whom it names), the bucket and the version; CDK stacks need them', async () => {
    const admin = client(await assume(`arn:aws:iam::${member}:role/OrganizationAccountAccessRole`));
    const params = {
      Parameters: [
        { ParameterKey: 'Qualifier', ParameterValue: 'lf' },
        { ParameterKey: 'TrustedAccounts', ParameterValue: '111111111111' },
      ],
    };
    // Before the bootstrap: the version parameter does not exist.
    await expect(
      changeSet(admin, 'app', cdkStack({ T: { Type: 'AWS::SNS::Topic' } }), { ChangeSetType: 'CREATE' }),
    ).rejects.toThrow('Unable to fetch parameters [/cdk-bootstrap/lf/version] from parameter store for this account.');
    // Named IAM resources need the capability.
    await expect(
      changeSet(admin, 'CDKToolkit-lf', bootstrapLike, { ...params, ChangeSetType: 'CREATE' }),
    ).rejects.toMatchObject({ name: 'InsufficientCapabilitiesException' });
    const stack = await deploy(admin, 'CDKToolkit-lf', bootstrapLike, {
      ...params,
      ChangeSetType: 'CREATE',
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    });
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Outputs).toEqual([{ OutputKey: 'BucketName', OutputValue: `cdk-lf-assets-${member}-us-east-1` }]);
    const deployer = await assume(`arn:aws:iam::${member}:role/cdk-lf-deploy-role-${member}-us-east-1`);
    // The bucket is its account's: the management account's own credentials are refused.
    const put = (credentials: typeof management) =>
      new S3Client({ region: 'us-east-1', endpoint, credentials, forcePathStyle: true }).send(
        new PutObjectCommand({ Bucket: `cdk-lf-assets-${member}-us-east-1`, Key: 'code.zip', Body: 'zip' }),
      );
    await expect(put(management)).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
    await put(deployer);
    const app = client(deployer);
    const fn = {
      F: {
        Type: 'AWS::Lambda::Function',
        Properties: { Code: { S3Bucket: `cdk-lf-assets-${member}-us-east-1`, S3Key: 'missing.zip' } },
      },
    };
    const failed = await deploy(app, 'app', cdkStack(fn), { ChangeSetType: 'CREATE' });
    expect([failed.StackStatus, failed.StackStatusReason]).toEqual([
      'ROLLBACK_COMPLETE',
      'The following resource(s) failed to create: [F]. ',
    ]);
    // A failed creation is updated no more; it must be deleted first.
    await expect(changeSet(app, 'app', cdkStack(fn), { ChangeSetType: 'UPDATE' })).rejects.toThrow(
      /is in ROLLBACK_COMPLETE state and can not be updated/,
    );
    await app.send(new DeleteStackCommand({ StackName: 'app' }));
    tick();
    const ok = await deploy(
      app,
      'app',
      cdkStack({
        F: { ...fn.F, Properties: { Code: { S3Bucket: `cdk-lf-assets-${member}-us-east-1`, S3Key: 'code.zip' } } },
      }),
      { ChangeSetType: 'CREATE' },
    );
    expect(ok.StackStatus).toBe('CREATE_COMPLETE');
  });

  test('the same template again is a failed change set with "no changes"; a changed one executes as an update', async () => {
    const cfn = client(await assume(`arn:aws:iam::${member}:role/OrganizationAccountAccessRole`));
    const template = { Resources: { T: { Type: 'AWS::SNS::Topic' } } };
    await deploy(cfn, 'topics', template, { ChangeSetType: 'CREATE' });
    const same = await changeSet(cfn, 'topics', template, { ChangeSetType: 'UPDATE' });
    expect([same.Status, same.StatusReason, same.ExecutionStatus]).toEqual(['FAILED', NO_CHANGES, 'UNAVAILABLE']);
    const changed = await changeSet(
      cfn,
      'topics',
      { Resources: { ...template.Resources, U: { Type: 'AWS::SNS::Topic' } } },
      { ChangeSetType: 'UPDATE' },
    );
    expect(changed.Changes).toEqual([
      { Type: 'Resource', ResourceChange: { Action: 'Add', LogicalResourceId: 'U', ResourceType: 'AWS::SNS::Topic' } },
    ]);
    // Not ready until the change set is computed.
    const early = `early-${tick(1)}`;
    await cfn.send(
      new CreateChangeSetCommand({
        StackName: 'topics',
        ChangeSetName: early,
        ChangeSetType: 'UPDATE',
        TemplateBody: JSON.stringify({ Resources: {} }),
      }),
    );
    expect((await cfn.send(new DescribeChangeSetCommand({ StackName: 'topics', ChangeSetName: early }))).Status).toBe(
      'CREATE_IN_PROGRESS',
    );
  });

  test('exports reach Fn::ImportValue in the same account and Region; a missing export fails the stack', async () => {
    const cfn = client(await assume(`arn:aws:iam::${member}:role/OrganizationAccountAccessRole`));
    await deploy(
      cfn,
      'net',
      {
        Resources: { Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16' } } },
        Outputs: { VpcId: { Value: { Ref: 'Vpc' }, Export: { Name: 'net:VpcId' } } },
      },
      { ChangeSetType: 'CREATE' },
    );
    const app = await deploy(
      cfn,
      'app',
      {
        Resources: {
          Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { 'Fn::ImportValue': 'net:VpcId' } } },
        },
        Outputs: { Vpc: { Value: { 'Fn::ImportValue': 'net:VpcId' } } },
      },
      { ChangeSetType: 'CREATE' },
    );
    expect(app.Outputs![0].OutputValue).toMatch(/^vpc-0[0-9a-f]{16}$/);
    const orphan = await deploy(
      cfn,
      'orphan',
      {
        Resources: {
          Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { VpcId: { 'Fn::ImportValue': 'nobody:VpcId' } } },
        },
      },
      { ChangeSetType: 'CREATE' },
    );
    expect(orphan.StackStatus).toBe('ROLLBACK_COMPLETE');
  });

  test('a template body over 51,200 bytes is refused; termination protection stops a delete', async () => {
    const cfn = client(await assume(`arn:aws:iam::${member}:role/OrganizationAccountAccessRole`));
    const big = { Description: 'x'.repeat(TEMPLATE_BODY_MAX_BYTES), Resources: { T: { Type: 'AWS::SNS::Topic' } } };
    await expect(changeSet(cfn, 'big', big, { ChangeSetType: 'CREATE' })).rejects.toThrow(
      /less than or equal to 51200/,
    );
    await deploy(cfn, 'kept', { Resources: { T: { Type: 'AWS::SNS::Topic' } } }, { ChangeSetType: 'CREATE' });
    await cfn.send(new UpdateTerminationProtectionCommand({ StackName: 'kept', EnableTerminationProtection: true }));
    await expect(cfn.send(new DeleteStackCommand({ StackName: 'kept' }))).rejects.toThrow(
      /cannot be deleted while TerminationProtection is enabled/,
    );
  });

  test('stacks are per account: another account does not see them', async () => {
    const cfn = client(await assume(`arn:aws:iam::${member}:role/OrganizationAccountAccessRole`));
    await deploy(cfn, 'mine', { Resources: { T: { Type: 'AWS::SNS::Topic' } } }, { ChangeSetType: 'CREATE' });
    await expect(client().send(new DescribeStacksCommand({ StackName: 'mine' }))).rejects.toThrow(
      'Stack with id mine does not exist',
    );
  });
});
