import { ADMIN, NETWORK_ROLE, prove } from '../simulation';

prove('DenyDefaultVpc', {
  deny: [
    { name: 'a developer recreating the default VPC', action: 'ec2:CreateDefaultVpc' },
    { name: 'the network role creating a default subnet', action: 'ec2:CreateDefaultSubnet', principal: NETWORK_ROLE },
    { name: 'the exempt admin recreating the default VPC', action: 'ec2:CreateDefaultVpc', principal: ADMIN },
  ],
  allow: [
    { name: 'a developer describing VPCs', action: 'ec2:DescribeVpcs' },
    { name: 'a developer creating a subnet', action: 'ec2:CreateSubnet' },
  ],
});
