import { IamGuardrail } from '../../guardrail';

export const DenyDefaultVpc: IamGuardrail = {
  id: 'DenyDefaultVpc',
  title: 'No default VPC or default subnet can be created',
  rationale:
    'A default VPC comes with an internet gateway and public subnets: a network outside the reviewed baseline, with no flow logs and a path to the internet.',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  statements: () => [{ Effect: 'Deny', Action: ['ec2:CreateDefaultVpc', 'ec2:CreateDefaultSubnet'], Resource: '*' }],
};
