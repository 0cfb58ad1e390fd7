import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const DenyVpnConnections: IamGuardrail = {
  id: 'DenyVpnConnections',
  title: 'Only the network roles create VPN gateways, customer gateways, VPN connections and client VPN endpoints',
  rationale:
    'A VPN is a private path into the network from somewhere else; administrators come in only through the reviewed client VPN.',
  hipaa: ['164.312(e)(1)', '164.312(a)(1)', '164.312(d)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'network-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: [
        'ec2:CreateVpnGateway',
        'ec2:AttachVpnGateway',
        'ec2:CreateCustomerGateway',
        'ec2:CreateVpnConnection',
        'ec2:CreateVpnConnectionRoute',
        'ec2:EnableVgwRoutePropagation',
        'ec2:CreateClientVpnEndpoint',
        'ec2:CreateClientVpnRoute',
        'ec2:AuthorizeClientVpnIngress',
      ],
      Resource: '*',
      Condition: unlessPrincipal(context.networkPrincipalArns),
    },
  ],
};
