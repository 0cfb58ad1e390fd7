import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SessionManagerPreferences, SessionManagerPreferencesProps } from '../src';
import { LOG_BUCKET, key, sharedServicesStack } from './hub';

function preferences(stack: Stack, overrides: Partial<SessionManagerPreferencesProps> = {}): SessionManagerPreferences {
  return new SessionManagerPreferences(stack, 'Preferences', {
    logBucketName: LOG_BUCKET,
    logBucketKeyArn: 'arn:aws:kms:us-east-1:222222222222:key/archive',
    sessionKey: key(stack, 'SessionKey'),
    logKey: key(stack, 'LogsKey'),
    ...overrides,
  });
}

function documentInputs(stack: Stack): Record<string, any> {
  const [document] = Object.values(Template.fromStack(stack).findResources('AWS::SSM::Document'));
  return document.Properties.Content.inputs;
}

describe('SessionManagerPreferences', () => {
  test('is the account preferences document: a Standard_Stream session document under its fixed name', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    preferences(stack);
    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Document', {
      Name: 'SSM-SessionManagerRunShell',
      DocumentType: 'Session',
      UpdateMethod: 'NewVersion',
      Content: Match.objectLike({ schemaVersion: '1.0', sessionType: 'Standard_Stream' }),
    });
  });

  test('logs sessions to S3 and CloudWatch, both encrypted, and encrypts sessions with the session key', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    preferences(stack);
    // THEN
    expect(documentInputs(stack)).toMatchObject({
      s3BucketName: LOG_BUCKET,
      s3KeyPrefix: 'session-manager',
      s3EncryptionEnabled: true,
      cloudWatchLogGroupName: '/landfall/session-manager',
      cloudWatchEncryptionEnabled: true,
      cloudWatchStreamingEnabled: true,
      kmsKeyId: { Ref: expect.stringMatching(/SessionKey/) },
    });
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: {
        LogGroupName: '/landfall/session-manager',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogsKey'), 'Arn'] },
        RetentionInDays: 365,
      },
    });
  });

  test('the idle timeout follows the prop, and sessions end after four hours by default', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    preferences(stack, { idleSessionTimeoutMinutes: 15 });
    // THEN
    expect(documentInputs(stack)).toMatchObject({ idleSessionTimeout: '15', maxSessionDuration: '240' });
  });

  test('sessions run as the unprivileged user, in a shell that records every command and says so', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    preferences(stack);
    // THEN
    const inputs = documentInputs(stack);
    expect(inputs).toMatchObject({ runAsEnabled: true, runAsDefaultUser: 'landfall-session' });
    expect(inputs.shellProfile.linux).toMatch(/HISTTIMEFORMAT=/);
    expect(inputs.shellProfile.linux).toMatch(/PROMPT_COMMAND='history -a; logger /);
    expect(inputs.shellProfile.linux).toMatch(/this session is recorded/);
  });

  test('the instance policy holds exactly what an instance needs to log sessions', () => {
    // GIVEN
    const stack = sharedServicesStack();
    // WHEN
    preferences(stack);
    // THEN
    const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::ManagedPolicy'));
    expect(policy.Properties.ManagedPolicyName).toBe('landfall-session-logging-us-east-1');
    expect(policy.Properties.Path).toBe('/landfall/');
    const statements = Object.fromEntries(
      policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Sid, { action: s.Action, resource: s.Resource }]),
    );
    expect(statements).toEqual({
      SessionChannels: {
        action: [
          'ssmmessages:CreateControlChannel',
          'ssmmessages:CreateDataChannel',
          'ssmmessages:OpenControlChannel',
          'ssmmessages:OpenDataChannel',
          'ssm:UpdateInstanceInformation',
        ],
        resource: '*',
      },
      SessionLogsToS3: {
        action: 's3:PutObject',
        resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${LOG_BUCKET}/session-manager/*`]] },
      },
      CheckBucketEncryption: {
        action: 's3:GetEncryptionConfiguration',
        resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${LOG_BUCKET}`]] },
      },
      SessionLogsToCloudWatch: {
        action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        resource: { 'Fn::GetAtt': [expect.stringMatching(/SessionLogs/), 'Arn'] },
      },
      CheckLogGroupEncryption: { action: 'logs:DescribeLogGroups', resource: '*' },
      SessionEncryption: {
        action: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resource: [
          { 'Fn::GetAtt': [expect.stringMatching(/SessionKey/), 'Arn'] },
          'arn:aws:kms:us-east-1:222222222222:key/archive',
        ],
      },
    });
  });

  test('fails when idleSessionTimeoutMinutes is outside 1 to 60', () => {
    const stack = sharedServicesStack();
    expect(() => preferences(stack, { idleSessionTimeoutMinutes: 61 })).toThrow(
      /idleSessionTimeoutMinutes is 61; give a whole number from 1 to 60/,
    );
  });

  test('fails when maxSessionDurationMinutes is outside 1 to 1440', () => {
    const stack = sharedServicesStack();
    expect(() => preferences(stack, { maxSessionDurationMinutes: 0 })).toThrow(/maxSessionDurationMinutes is 0/);
  });

  test('fails when runAsUser is not a Linux user name', () => {
    const stack = sharedServicesStack();
    expect(() => preferences(stack, { runAsUser: 'root; rm -rf /' })).toThrow(/runAsUser: 'root; rm -rf \/' is not/);
  });

  test('fails when logPrefix starts with a slash', () => {
    const stack = sharedServicesStack();
    expect(() => preferences(stack, { logPrefix: '/sessions/' })).toThrow(/logPrefix '\/sessions\/'.*starts with '\/'/);
  });
});
