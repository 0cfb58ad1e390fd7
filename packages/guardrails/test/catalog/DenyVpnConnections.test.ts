import { NETWORK_ROLE, prove } from '../simulation';

prove('DenyVpnConnections', {
  deny: [
    { name: 'a developer creating a VPN gateway', action: 'ec2:CreateVpnGateway' },
    { name: 'a developer creating a site-to-site VPN connection', action: 'ec2:CreateVpnConnection' },
    { name: 'a developer creating a client VPN endpoint of their own', action: 'ec2:CreateClientVpnEndpoint' },
  ],
  allow: [
    { name: 'the network role creating a VPN connection', action: 'ec2:CreateVpnConnection', principal: NETWORK_ROLE },
    { name: 'a developer describing VPN connections', action: 'ec2:DescribeVpnConnections' },
  ],
});
