import { IamGuardrail, LANDFALL_TAG, Statement, unlessPrincipal } from '../../guardrail';
import { BASTION_TAG, SESSION_PREFERENCES_DOCUMENT, SESSION_ROLE_NAME } from '../../session-names';

export const ProtectSessionPreferences: IamGuardrail = {
  id: 'ProtectSessionPreferences',
  title: "Session recording, the session role's MFA and the bastion's commands stay as Landfall deploys them",
  rationale:
    'Session logging lives in one document per account and region, and MFA in one trust policy: rewriting either, or sending the bastion commands outside a session, would stop the recording without stopping the access.',
  hipaa: ['164.312(b)', '164.312(d)', '164.308(a)(1)(ii)(D)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'deploy-principals',
  statements: (context): Statement[] => [
    {
      Effect: 'Deny',
      Action: [
        'ssm:CreateDocument',
        'ssm:UpdateDocument',
        'ssm:UpdateDocumentDefaultVersion',
        'ssm:UpdateDocumentMetadata',
        'ssm:DeleteDocument',
        'ssm:ModifyDocumentPermission',
      ],
      Resource: `arn:aws:ssm:*:*:document/${SESSION_PREFERENCES_DOCUMENT}`,
      Condition: unlessPrincipal(context.deployPrincipalArns),
    },
    {
      // Only Landfall's stacks make a role of this name, with the MFA condition (in any account: it names no account).
      Effect: 'Deny',
      Action: ['iam:CreateRole', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole'],
      Resource: `arn:aws:iam::*:role/${SESSION_ROLE_NAME}`,
      Condition: unlessPrincipal(context.deployPrincipalArns),
    },
    {
      // The tag is what keeps Run Command off the bastion: only Landfall (and Auto Scaling, which SCPs don't bind) sets it.
      Effect: 'Deny',
      Action: ['ec2:CreateTags', 'ec2:DeleteTags', 'autoscaling:CreateOrUpdateTags', 'autoscaling:DeleteTags'],
      Resource: '*',
      Condition: {
        'ForAnyValue:StringEquals': { 'aws:TagKeys': [BASTION_TAG] },
        ...unlessPrincipal(context.deployPrincipalArns),
      },
    },
    {
      // Deleting tags without naming them removes them all, and names no key.
      Effect: 'Deny',
      Action: 'ec2:DeleteTags',
      Resource: '*',
      Condition: {
        Null: { 'aws:TagKeys': 'true', [`aws:ResourceTag/${BASTION_TAG}`]: 'false' },
        ...unlessPrincipal(context.deployPrincipalArns),
      },
    },
    {
      // Maintenance windows run their tasks as Systems Manager's service-linked role, which SCPs don't bind.
      Effect: 'Deny',
      Action: ['ssm:RegisterTaskWithMaintenanceWindow', 'ssm:UpdateMaintenanceWindowTask'],
      Resource: '*',
      Condition: unlessPrincipal(context.deployPrincipalArns),
    },
    {
      // What records sessions and connections, and the bastion's own group and template, stay as deployed.
      Effect: 'Deny',
      Action: [
        'ec2:ModifyVpcEndpoint',
        'ec2:DeleteVpcEndpoints',
        'ec2:ModifyClientVpnEndpoint',
        'ec2:ApplySecurityGroupsToClientVpnTargetNetwork',
        'ec2:CreateLaunchTemplateVersion',
        'ec2:ModifyLaunchTemplate',
        'autoscaling:UpdateAutoScalingGroup',
        'autoscaling:AttachInstances',
        'autoscaling:DeleteAutoScalingGroup',
      ],
      Resource: '*',
      Condition: {
        Null: { [`aws:ResourceTag/${LANDFALL_TAG}`]: 'false' },
        ...unlessPrincipal(context.deployPrincipalArns),
      },
    },
    {
      Effect: 'Deny',
      Action: 'ssm:SendCommand',
      Resource: 'arn:aws:ec2:*:*:instance/*',
      Condition: {
        Null: { [`aws:ResourceTag/${BASTION_TAG}`]: 'false' },
        ...unlessPrincipal(context.deployPrincipalArns),
      },
    },
  ],
};
