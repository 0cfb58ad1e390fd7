import { IamGuardrail } from '../../guardrail';

export const DenyLeaveOrganization: IamGuardrail = {
  id: 'DenyLeaveOrganization',
  title: 'Accounts cannot leave the organization',
  rationale: 'An account that leaves escapes every guardrail, the organization trail and central backup at once.',
  hipaa: ['164.308(a)(1)(ii)(D)', '164.312(b)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  statements: () => [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }],
};
