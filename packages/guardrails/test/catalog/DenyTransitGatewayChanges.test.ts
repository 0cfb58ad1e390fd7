import { NETWORK_ROLE, prove } from '../simulation';

prove('DenyTransitGatewayChanges', {
  deny: [
    { name: 'a developer peering a transit gateway with another', action: 'ec2:CreateTransitGatewayPeeringAttachment' },
    { name: 'a developer attaching a VPC to a transit gateway', action: 'ec2:CreateTransitGatewayVpcAttachment' },
    {
      name: 'a developer propagating routes into another route domain',
      action: 'ec2:EnableTransitGatewayRouteTablePropagation',
    },
    { name: 'a developer creating a transit gateway of their own', action: 'ec2:CreateTransitGateway' },
  ],
  allow: [
    {
      name: 'a developer sharing a CodeBuild project inside the organization',
      action: 'ram:CreateResourceShare',
      context: { 'ram:RequestedResourceType': 'codebuild:Project', 'ram:RequestedAllowsExternalPrincipals': 'false' },
    },
    {
      name: 'the network role attaching a VPC',
      action: 'ec2:CreateTransitGatewayVpcAttachment',
      principal: NETWORK_ROLE,
    },
    { name: 'a developer describing transit gateway attachments', action: 'ec2:DescribeTransitGatewayAttachments' },
  ],
});
