import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const DenyTransitGatewayChanges: IamGuardrail = {
  id: 'DenyTransitGatewayChanges',
  title:
    'Only the network roles create transit gateways, peerings, attachments, routes (prefix-list references too), route domains and their changes, RAM shares of network resources and VPC Lattice associations',
  rationale:
    'Dev never reaches prod: the route domains are the isolation, so a new transit gateway, peering, attachment or propagation is a reviewed network change.',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(4)(ii)(A)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'network-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      // Every create, accept, association and modification of transit gateways and what hangs off them (attachments,
      // peerings, routes, prefix-list references, which are routes by another name, route and policy tables).
      Action: [
        'ec2:CreateTransitGateway*',
        'ec2:AcceptTransitGateway*',
        'ec2:AssociateTransitGateway*',
        'ec2:ModifyTransitGateway*',
        'ec2:ReplaceTransitGatewayRoute',
        'ec2:EnableTransitGatewayRouteTablePropagation',
      ],
      Resource: '*',
      Condition: unlessPrincipal(context.networkPrincipalArns),
    },
    {
      // A subnet or gateway shared through RAM, or a VPC Lattice association, joins networks as surely as a route.
      Effect: 'Deny',
      Action: ['ram:CreateResourceShare', 'ram:AssociateResourceShare'],
      Resource: '*',
      Condition: {
        'ForAnyValue:StringLike': { 'ram:RequestedResourceType': ['ec2:*', 'route53resolver:*', 'network-firewall:*'] },
        ...unlessPrincipal(context.networkPrincipalArns),
      },
    },
    {
      Effect: 'Deny',
      Action: [
        'vpc-lattice:CreateServiceNetworkVpcAssociation',
        'vpc-lattice:CreateResourceGateway',
        'vpc-lattice:CreateServiceNetworkServiceAssociation',
        'vpc-lattice:CreateServiceNetworkResourceAssociation',
      ],
      Resource: '*',
      Condition: unlessPrincipal(context.networkPrincipalArns),
    },
  ],
};
