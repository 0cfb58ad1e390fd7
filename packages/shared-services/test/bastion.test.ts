import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { BASTION_TAG, BastionSessionRole, RecordedBastion, RecordedBastionProps, SessionDocumentNames } from '../src';
import { ENDPOINT_CIDRS, SERVICES_SUBNETS, importedHub, key, operationsTopic, sharedServicesStack } from './hub';

function bastion(stack: Stack, overrides: Partial<RecordedBastionProps> = {}): RecordedBastion {
  return new RecordedBastion(stack, 'Bastion', {
    vpc: importedHub(stack),
    endpointCidrs: ENDPOINT_CIDRS,
    forwardTo: [{ cidr: '10.20.8.0/22', port: 5432, description: 'production PostgreSQL' }],
    sessionPolicy: iam.ManagedPolicy.fromManagedPolicyName(
      stack,
      'SessionPolicy',
      'landfall-session-logging-us-east-1',
    ),
    notificationTopic: operationsTopic(stack),
    volumeKey: key(stack, 'VolumeKey'),
    ...overrides,
  });
}

/** The launch template's data, as synthesized. */
function launchTemplateData(stack: Stack, b: RecordedBastion): Record<string, any> {
  const id = stack.getLogicalId(b.launchTemplate.node.defaultChild as ec2.CfnLaunchTemplate);
  return Template.fromStack(stack).toJSON().Resources[id].Properties.LaunchTemplateData;
}

describe('RecordedBastion', () => {
  test('no public IP anywhere in the launch template, no key pair, no instance outside the group', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const b = bastion(stack);
    // THEN
    const data = launchTemplateData(stack, b);
    expect(data.NetworkInterfaces).toEqual([
      {
        DeviceIndex: 0,
        AssociatePublicIpAddress: false,
        Groups: [
          { 'Fn::GetAtt': [stack.getLogicalId(b.securityGroup.node.defaultChild as ec2.CfnSecurityGroup), 'GroupId'] },
        ],
      },
    ]);
    const text = JSON.stringify(data);
    expect(text.match(/"Associate\w*":\w+/g)).toEqual(['"AssociatePublicIpAddress":false']);
    expect(text).not.toMatch(/Ipv6|ElasticIp|NetworkInterfaceId/);
    expect(data.KeyName).toBeUndefined();
    expect(data.SecurityGroupIds).toBeUndefined();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::EC2::Instance', 0);
    template.resourceCountIs('AWS::EC2::EIP', 0);
  });

  test('its security group has no inbound rule and lets out only HTTPS to the endpoints and the forwarded ports', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const b = bastion(stack);
    // THEN
    const template = Template.fromStack(stack);
    const sg =
      template.toJSON().Resources[stack.getLogicalId(b.securityGroup.node.defaultChild as ec2.CfnSecurityGroup)];
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    template.resourceCountIs('AWS::EC2::SecurityGroupIngress', 0);
    expect(sg.Properties.SecurityGroupEgress.map((e: any) => `${e.IpProtocol} ${e.FromPort} ${e.CidrIp}`)).toEqual([
      'tcp 443 10.0.0.0/23',
      'tcp 443 10.0.2.0/23',
      'tcp 5432 10.20.8.0/22',
    ]);
  });

  test('with the S3 prefix list, also lets out HTTPS to S3 (session logs through the gateway endpoint)', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    bastion(stack, { s3PrefixListId: 'pl-63a5400a' });
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      DestinationPrefixListId: 'pl-63a5400a',
    });
  });

  test('requires IMDSv2 with a hop limit of one, monitors in detail, and runs a Nitro type', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    bastion(stack);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: { HttpEndpoint: 'enabled', HttpTokens: 'required', HttpPutResponseHopLimit: 1 },
        Monitoring: { Enabled: true },
        InstanceType: 'm7g.medium',
        ImageId: { Ref: Match.stringLikeRegexp('al2023amikerneldefaultarm64') },
      }),
    });
  });

  test('its root volume is encrypted with the volume key', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const b = bastion(stack);
    // THEN
    expect(launchTemplateData(stack, b).BlockDeviceMappings).toEqual([
      {
        DeviceName: '/dev/xvda',
        Ebs: {
          Encrypted: true,
          KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/VolumeKey/), 'Arn'] },
          VolumeSize: 8,
          VolumeType: 'gp3',
          DeleteOnTermination: true,
        },
      },
    ]);
  });

  test('its role, through the launch template, has the session policy and nothing else', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const b = bastion(stack);
    // THEN
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })] },
      ManagedPolicyArns: [
        Match.objectLike({
          'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('landfall-session-logging-us-east-1')])],
        }),
      ],
    });
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.hasResourceProperties('AWS::IAM::InstanceProfile', {
      Roles: [{ Ref: stack.getLogicalId(b.role.node.defaultChild as iam.CfnRole) }],
    });
  });

  test('user data creates the run-as user outside the sudoers', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const b = bastion(stack);
    // THEN
    const userData = launchTemplateData(stack, b).UserData['Fn::Base64'];
    expect(userData).toMatch(/useradd --create-home --shell \/bin\/bash landfall-session/);
    expect(userData).toMatch(/rm -f \/etc\/sudoers.d\/ssm-agent-users/);
    expect(userData).not.toMatch(/wheel|sudoers.d\/landfall/);
  });

  test('is a group of exactly one, from the launch template, across the services subnets of two zones', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const b = bastion(stack);
    // THEN
    const template = stack.getLogicalId(b.launchTemplate.node.defaultChild as ec2.CfnLaunchTemplate);
    Template.fromStack(stack).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '1',
      MaxSize: '1',
      DesiredCapacity: '1',
      LaunchTemplate: {
        LaunchTemplateId: { Ref: template },
        Version: { 'Fn::GetAtt': [template, 'LatestVersionNumber'] },
      },
      VPCZoneIdentifier: SERVICES_SUBNETS,
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
    });
  });

  test('tags the group landfall:bastion=true, propagated to its instance', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    bastion(stack);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      Tags: [{ Key: 'landfall:bastion', Value: 'true', PropagateAtLaunch: true }],
    });
    expect(BASTION_TAG).toEqual({ key: 'landfall:bastion', value: 'true' });
  });

  test('a new launch template version (a newer image) replaces the group, the old one going once the new one stands', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    bastion(stack);
    // THEN
    Template.fromStack(stack).hasResource('AWS::AutoScaling::AutoScalingGroup', {
      UpdatePolicy: Match.objectLike({ AutoScalingReplacingUpdate: { WillReplace: true } }),
    });
  });

  test('tells the topic of every launch and termination, and of their failures', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    bastion(stack);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      NotificationConfigurations: [
        {
          TopicARN: { Ref: Match.stringLikeRegexp('Operations') },
          NotificationTypes: [
            'autoscaling:EC2_INSTANCE_LAUNCH',
            'autoscaling:EC2_INSTANCE_LAUNCH_ERROR',
            'autoscaling:EC2_INSTANCE_TERMINATE',
            'autoscaling:EC2_INSTANCE_TERMINATE_ERROR',
          ],
        },
      ],
    });
  });

  test('fails when endpointCidrs is empty', () => {
    const stack = sharedServicesStack();
    expect(() => bastion(stack, { endpointCidrs: [] })).toThrow(/endpointCidrs is empty/);
  });

  test('fails when a forwarded port is not a TCP port', () => {
    const stack = sharedServicesStack();
    expect(() => bastion(stack, { forwardTo: [{ cidr: '10.20.8.0/22', port: 70000, description: 'x' }] })).toThrow(
      /forwardTo\[0\].port is 70000/,
    );
  });

  test('fails when the subnets are not private isolated', () => {
    const stack = sharedServicesStack();
    const vpc = new ec2.Vpc(stack, 'Public', { maxAzs: 1, natGateways: 0 });
    expect(() => bastion(stack, { vpc, subnets: { subnetType: ec2.SubnetType.PUBLIC } })).toThrow(
      /not private isolated/,
    );
  });

  test('fails when the subnets are all in one availability zone', () => {
    const stack = sharedServicesStack();
    const vpc = importedHub(stack, 'OneZone');
    expect(() => bastion(stack, { vpc, subnets: { subnets: [vpc.isolatedSubnets[2]] } })).toThrow(
      /subnets are all in us-east-1a; select private isolated subnets in at least two availability zones/,
    );
  });
});

describe('BastionSessionRole', () => {
  function sessionRole(stack: Stack): BastionSessionRole {
    return new BastionSessionRole(stack, 'Admin', {
      trustedPrincipals: [new iam.ArnPrincipal('arn:aws:iam::333333333333:user/alice')],
      sessionKey: key(stack, 'SessionKey'),
    });
  }

  /** The role's statements, by Sid. */
  function statements(stack: Stack, role: BastionSessionRole): Record<string, any> {
    const id = stack.getLogicalId(role.policy.node.defaultChild as iam.CfnManagedPolicy);
    const policy = Template.fromStack(stack).toJSON().Resources[id];
    return Object.fromEntries(policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid, s]));
  }

  test('its trust requires MFA no older than an hour, and its sessions last an hour', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    sessionRole(stack);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'landfall-session-admin',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: 'arn:aws:iam::333333333333:user/alice' },
            Condition: {
              Bool: { 'aws:MultiFactorAuthPresent': 'true' },
              NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' },
            },
          },
        ],
      },
    });
  });

  test("StartSession reaches only this account's instances that carry the bastion tag", () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const role = sessionRole(stack);
    // THEN
    const start = Object.values(statements(stack, role)).filter((s: any) => s.Action === 'ssm:StartSession');
    const onInstances = start.filter((s: any) => JSON.stringify(s.Resource).includes(':ec2:'));
    expect(onInstances).toEqual([
      {
        Sid: 'StartSessionsOnTheBastion',
        Effect: 'Allow',
        Action: 'ssm:StartSession',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':ec2:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':instance/*',
            ],
          ],
        },
        Condition: {
          StringEquals: { 'ssm:resourceTag/landfall:bastion': 'true' },
          BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' },
        },
      },
    ]);
  });

  test('StartSession takes only the three documents', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const role = sessionRole(stack);
    // THEN
    const documents = statements(stack, role).WithTheRecordedShellOrPortForwarding;
    expect(documents.Action).toBe('ssm:StartSession');
    expect(documents.Condition).toEqual({ BoolIfExists: { 'ssm:SessionDocumentAccessCheck': 'true' } });
    expect(documents.Resource.map((r: any) => JSON.stringify(r))).toEqual([
      expect.stringContaining(':ssm:us-east-1:333333333333:document/SSM-SessionManagerRunShell"'),
      expect.stringContaining(':ssm:us-east-1::document/AWS-StartPortForwardingSession"'),
      expect.stringContaining(':ssm:us-east-1::document/AWS-StartPortForwardingSessionToRemoteHost"'),
    ]);
    expect(Object.values(SessionDocumentNames)).toEqual([
      'SSM-SessionManagerRunShell',
      'AWS-StartPortForwardingSession',
      'AWS-StartPortForwardingSessionToRemoteHost',
    ]);
    const all = JSON.stringify(statements(stack, role));
    expect(all.match(/ssm:StartSession/g)).toHaveLength(2);
  });

  test("ends and resumes only the caller's own sessions", () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    const role = sessionRole(stack);
    // THEN
    expect(statements(stack, role).OwnSessionsOnly).toMatchObject({
      Action: ['ssm:TerminateSession', 'ssm:ResumeSession'],
      Resource: {
        'Fn::Join': [
          '',
          [
            'arn:',
            { Ref: 'AWS::Partition' },
            ':ssm:',
            { Ref: 'AWS::Region' },
            ':',
            { Ref: 'AWS::AccountId' },
            ':session/${aws:userid}-*',
          ],
        ],
      },
    });
  });

  test('fails when nobody may assume it', () => {
    const stack = sharedServicesStack();
    expect(
      () => new BastionSessionRole(stack, 'Admin', { trustedPrincipals: [], sessionKey: key(stack, 'K') }),
    ).toThrow(/trustedPrincipals and identityCenterPermissionSets are empty/);
  });

  test("IAM Identity Center's role of a permission set may assume it without the MFA flag (asked at sign-in); other principals only with MFA", () => {
    const stack = sharedServicesStack();
    const role = new BastionSessionRole(stack, 'Admin', {
      trustedPrincipals: [new iam.ArnPrincipal('arn:aws:iam::333333333333:user/jane')],
      identityCenterPermissionSets: ['BastionSession'],
      sessionKey: key(stack, 'K'),
    });
    const trust = stack.resolve((role.role.node.defaultChild as iam.CfnRole).assumeRolePolicyDocument).Statement;
    expect(trust).toHaveLength(2);
    expect(trust[0].Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    expect(trust[1].Condition).toEqual({
      ArnLike: {
        'aws:PrincipalArn': [
          {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':iam::',
                { Ref: 'AWS::AccountId' },
                ':role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BastionSession_*',
              ],
            ],
          },
          {
            'Fn::Join': [
              '',
              [
                'arn:',
                { Ref: 'AWS::Partition' },
                ':iam::',
                { Ref: 'AWS::AccountId' },
                ':role/aws-reserved/sso.amazonaws.com/*/AWSReservedSSO_BastionSession_*',
              ],
            ],
          },
        ],
      },
    });
  });
});
