import { IamGuardrail } from '../../guardrail';

export const DenyRootUser: IamGuardrail = {
  id: 'DenyRootUser',
  title:
    'The root user of member accounts can do nothing, except tasks the management account starts through centralized root access',
  rationale:
    'Root credentials bypass IAM and are shared by nature; every action must be tied to a named identity. Sessions from sts:AssumeRoot (aws:AssumedRoot) are started by the management account and scoped by an AWS task policy, such as unlocking a bucket whose policy locks everyone out.',
  hipaa: ['164.312(a)(1)', '164.312(a)(2)(i)', '164.312(d)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  statements: () => [
    {
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:root' }, Null: { 'aws:AssumedRoot': 'true' } },
    },
  ],
};
