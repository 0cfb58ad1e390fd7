import { NETWORK_ROLE, prove } from '../simulation';

prove('DenyNatGateways', {
  deny: [
    { name: 'a developer creating a NAT gateway', action: 'ec2:CreateNatGateway' },
    {
      name: 'a developer creating a NAT gateway in dev-style subnet',
      action: 'ec2:CreateNatGateway',
      resource: 'arn:aws:ec2:us-east-1:111111111111:natgateway/*',
    },
  ],
  allow: [
    { name: 'the network role creating a NAT gateway', action: 'ec2:CreateNatGateway', principal: NETWORK_ROLE },
    { name: 'a developer describing NAT gateways', action: 'ec2:DescribeNatGateways' },
  ],
});
