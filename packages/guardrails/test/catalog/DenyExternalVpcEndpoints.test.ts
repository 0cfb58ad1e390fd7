import { NETWORK_ROLE, prove } from '../simulation';

const endpoint = 'arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/*';

prove('DenyExternalVpcEndpoints', {
  deny: [
    {
      name: "a developer connecting to an outside account's endpoint service",
      action: 'ec2:CreateVpcEndpoint',
      resource: endpoint,
      context: { 'ec2:VpceServiceOwner': '222222222222' },
    },
    {
      name: 'a developer connecting to a marketplace endpoint service',
      action: 'ec2:CreateVpcEndpoint',
      resource: endpoint,
      context: { 'ec2:VpceServiceOwner': 'aws-marketplace' },
    },
    {
      name: 'a developer opening an endpoint service to other principals',
      action: 'ec2:ModifyVpcEndpointServicePermissions',
    },
  ],
  allow: [
    {
      name: 'a developer creating an endpoint to an AWS service',
      action: 'ec2:CreateVpcEndpoint',
      resource: endpoint,
      context: { 'ec2:VpceServiceOwner': 'amazon' },
    },
    {
      name: 'the network role connecting to a partner endpoint service',
      action: 'ec2:CreateVpcEndpoint',
      resource: endpoint,
      context: { 'ec2:VpceServiceOwner': '222222222222' },
      principal: NETWORK_ROLE,
    },
  ],
});
