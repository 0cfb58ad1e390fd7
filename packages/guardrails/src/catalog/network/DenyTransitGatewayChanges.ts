import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const DenyTransitGatewayChanges: IamGuardrail = {
  id: 'DenyTransitGatewayChanges',
  title: 'Only the network roles create transit gateways, peerings, attachments, routes and route-domain changes',
  rationale:
    'Dev never reaches prod: the route domains are the isolation, so a new transit gateway, peering, attachment or propagation is a reviewed network change.',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)', '164.308(a)(4)(ii)(A)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'network-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: [
        'ec2:CreateTransitGateway',
        'ec2:CreateTransitGatewayPeeringAttachment',
        'ec2:AcceptTransitGatewayPeeringAttachment',
        'ec2:CreateTransitGatewayVpcAttachment',
        'ec2:AcceptTransitGatewayVpcAttachment',
        'ec2:CreateTransitGatewayConnect',
        'ec2:CreateTransitGatewayRoute',
        'ec2:ReplaceTransitGatewayRoute',
        'ec2:AssociateTransitGatewayRouteTable',
        'ec2:EnableTransitGatewayRouteTablePropagation',
        'ec2:ModifyTransitGatewayVpcAttachment',
      ],
      Resource: '*',
      Condition: unlessPrincipal(context.networkPrincipalArns),
    },
  ],
};
