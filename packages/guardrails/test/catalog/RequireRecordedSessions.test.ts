import { contextOf } from '../../src';
import { RequireRecordedSessions } from '../../src/catalog/access/RequireRecordedSessions';
import { ADMIN, EXAMPLE, PROD_ACCOUNT, prove } from '../simulation';

const SESSION_ROLE = `arn:aws:iam::${PROD_ACCOUNT}:role/landfall-session-admin`;
const BASTION = `arn:aws:ec2:us-east-1:${PROD_ACCOUNT}:instance/i-0123456789abcdef0`;
const PREFERENCES = `arn:aws:ssm:us-east-1:${PROD_ACCOUNT}:document/SSM-SessionManagerRunShell`;

prove('RequireRecordedSessions', {
  deny: [
    {
      name: 'a developer running a shell script on a prod server through Run Command (nothing records the commands)',
      action: 'ssm:SendCommand',
      resource: `arn:aws:ssm:us-east-1:${PROD_ACCOUNT}:document/My-Shell`,
    },
    {
      name: "a developer resuming an administrator's disconnected session (no MFA of their own)",
      action: 'ssm:ResumeSession',
      resource: `arn:aws:ssm:us-east-1:${PROD_ACCOUNT}:session/someone-0123456789abcdef`,
    },
    {
      name: 'the session role starting a session with a document of its own that logs nothing',
      action: 'ssm:StartSession',
      resource: `arn:aws:ssm:us-east-1:${PROD_ACCOUNT}:document/NoLogging-Shell`,
      principal: SESSION_ROLE,
    },
    { name: 'a developer starting a session on the bastion', action: 'ssm:StartSession', resource: BASTION },
    {
      name: "Landfall's exempt admin role starting a session without the session role (and its MFA)",
      action: 'ssm:StartSession',
      resource: BASTION,
      principal: ADMIN,
    },
    {
      name: 'a developer pushing an SSH key through EC2 Instance Connect',
      action: 'ec2-instance-connect:SendSSHPublicKey',
      resource: BASTION,
    },
    {
      name: "Landfall's exempt admin role creating an EC2 Instance Connect endpoint into a private subnet",
      action: 'ec2:CreateInstanceConnectEndpoint',
      principal: ADMIN,
    },
  ],
  allow: [
    {
      name: 'the session role starting a recorded shell on the bastion',
      action: 'ssm:StartSession',
      resource: BASTION,
      principal: SESSION_ROLE,
    },
    {
      name: 'the session role using the preferences document',
      action: 'ssm:StartSession',
      resource: PREFERENCES,
      principal: SESSION_ROLE,
    },
    {
      name: 'a developer reading which sessions ran',
      action: 'ssm:DescribeSessions',
    },
  ],
});

// AWS's own documents have no account in their ARN, which the simulator does not parse: checked here instead.
test("AWS's port-forwarding documents are the only documents besides the preferences", () => {
  const documents = RequireRecordedSessions.statements(contextOf(EXAMPLE)).find(
    (st) => st.Action === 'ssm:StartSession',
  )!;
  expect(documents.NotResource).toEqual([
    'arn:aws:ec2:*:*:instance/*',
    'arn:aws:ssm:*:*:managed-instance/*',
    'arn:aws:ssm:*:*:document/SSM-SessionManagerRunShell',
    'arn:aws:ssm:*::document/AWS-StartPortForwardingSession',
    'arn:aws:ssm:*::document/AWS-StartPortForwardingSessionToRemoteHost',
  ]);
});
