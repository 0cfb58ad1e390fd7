import { IamGuardrail, Statement } from '../../guardrail';
import { PORT_FORWARDING_DOCUMENTS, SESSION_PREFERENCES_DOCUMENT, SESSION_ROLE_NAME } from '../../session-names';

const SESSION_ROLE = `arn:aws:iam::*:role/${SESSION_ROLE_NAME}`;

export const RequireRecordedSessions: IamGuardrail = {
  id: 'RequireRecordedSessions',
  title: "Sessions on servers start only as the session role, with the account's recorded preferences; no other way in",
  rationale:
    'Every session on a server is recorded to the log archive and CloudWatch, encrypted, and started with MFA: a session document of their own, another role, or EC2 Instance Connect would each be a way in that nothing records.',
  hipaa: ['164.312(b)', '164.312(a)(1)', '164.312(d)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  narrowExemption: {
    principalArn: SESSION_ROLE,
    what: 'may start sessions: a shell with the preferences document, or AWS port forwarding',
  },
  statements: (): Statement[] => [
    {
      Effect: 'Deny',
      Action: 'ssm:StartSession',
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [SESSION_ROLE] } },
    },
    {
      // The preferences (a shell) and AWS's port forwarding, which take the preferences: never a document of one's own.
      Effect: 'Deny',
      Action: 'ssm:StartSession',
      NotResource: [
        'arn:aws:ec2:*:*:instance/*',
        'arn:aws:ssm:*:*:managed-instance/*',
        `arn:aws:ssm:*:*:document/${SESSION_PREFERENCES_DOCUMENT}`,
        ...PORT_FORWARDING_DOCUMENTS.map((d) => `arn:aws:ssm:*::document/${d}`),
      ],
      Condition: { ArnLike: { 'aws:PrincipalArn': SESSION_ROLE } },
    },
    {
      Effect: 'Deny',
      Action: [
        'ec2-instance-connect:SendSSHPublicKey',
        'ec2-instance-connect:SendSerialConsoleSSHPublicKey',
        'ec2-instance-connect:OpenTunnel',
        'ec2:CreateInstanceConnectEndpoint',
      ],
      Resource: '*',
    },
  ],
};
