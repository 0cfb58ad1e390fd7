import { IamGuardrail, Statement } from '../../guardrail';
import { PORT_FORWARDING_DOCUMENTS, SESSION_PREFERENCES_DOCUMENT, SESSION_ROLE_NAME } from '../../session-names';

const SESSION_ROLE = `arn:aws:iam::*:role/${SESSION_ROLE_NAME}`;

/** AWS's documents that keep servers patched and their agents current: the only ones Run Command may send. */
export const RUN_COMMAND_DOCUMENTS = [
  'AWS-RunPatchBaseline',
  'AWS-RunPatchBaselineAssociation',
  'AWS-UpdateSSMAgent',
  'AWS-ConfigureAWSPackage',
  'AWS-GatherSoftwareInventory',
];

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
      // Resuming or ending a session is starting one too: otherwise anyone could take over an administrator's.
      Effect: 'Deny',
      Action: ['ssm:StartSession', 'ssm:ResumeSession', 'ssm:TerminateSession'],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': [SESSION_ROLE] } },
    },
    {
      // Run Command runs what it is given as root, and records neither the commands nor what they print: only
      // AWS's patching, agent-update and package documents, never a shell of one's own.
      Effect: 'Deny',
      Action: ['ssm:SendCommand', 'ssm:CreateAssociation', 'ssm:CreateAssociationBatch', 'ssm:UpdateAssociation'],
      NotResource: [
        'arn:aws:ec2:*:*:instance/*',
        'arn:aws:ssm:*:*:managed-instance/*',
        'arn:aws:ssm:*:*:association/*',
        ...RUN_COMMAND_DOCUMENTS.map((d) => `arn:aws:ssm:*::document/${d}`),
      ],
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
