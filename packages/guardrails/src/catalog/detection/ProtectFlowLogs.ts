import { IamGuardrail, LANDFALL_TAG, unlessPrincipal } from '../../guardrail';

export const ProtectFlowLogs: IamGuardrail = {
  id: 'ProtectFlowLogs',
  title: "Flow logs, DNS query logging and Landfall's log groups cannot be deleted, shortened or re-keyed",
  rationale:
    'Network records are how an investigation finds where data went; an intruder who deletes the flow log or the log group erases the trail.',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: [
        'ec2:DeleteFlowLogs',
        'route53resolver:DeleteResolverQueryLogConfig',
        'route53resolver:DisassociateResolverQueryLogConfig',
      ],
      Resource: '*',
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
    {
      Effect: 'Deny',
      Action: [
        'logs:DeleteLogGroup',
        'logs:DeleteLogStream',
        'logs:PutRetentionPolicy',
        'logs:DeleteRetentionPolicy',
        'logs:DisassociateKmsKey',
        'logs:AssociateKmsKey',
        'logs:DeleteSubscriptionFilter',
        'logs:PutSubscriptionFilter',
        'logs:UntagResource',
        'logs:UntagLogGroup',
        'logs:PutDataProtectionPolicy',
        'logs:DeleteDataProtectionPolicy',
      ],
      Resource: '*',
      Condition: {
        Null: { [`aws:ResourceTag/${LANDFALL_TAG}`]: 'false' },
        ...unlessPrincipal(context.exemptPrincipalArns),
      },
    },
  ],
};
