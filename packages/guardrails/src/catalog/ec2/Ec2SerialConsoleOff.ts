import { ManagementGuardrail } from '../../guardrail';

export const Ec2SerialConsoleOff: ManagementGuardrail = {
  id: 'Ec2SerialConsoleOff',
  title: 'The EC2 serial console is off',
  rationale:
    'Administrators reach servers only through the VPN and the recorded bastion; the serial console is an unrecorded side door.',
  hipaa: ['164.312(a)(1)', '164.312(b)'],
  type: 'DECLARATIVE_POLICY_EC2',
  document: () => ({ ec2_attributes: { serial_console_access: { status: { '@@assign': 'disabled' } } } }),
};
