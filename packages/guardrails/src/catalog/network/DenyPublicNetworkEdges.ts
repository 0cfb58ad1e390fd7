import { IamGuardrail, unlessPrincipal } from '../../guardrail';

export const DenyPublicNetworkEdges: IamGuardrail = {
  id: 'DenyPublicNetworkEdges',
  title: 'No public IPs on instances; only the network role creates gateways, peerings and accelerators',
  rationale:
    'No server is reachable from the internet, and dev never reaches prod: every path in or across is created by the reviewed network baseline.',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'network-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: 'ec2:RunInstances',
      Resource: 'arn:aws:ec2:*:*:network-interface/*',
      Condition: { Bool: { 'ec2:AssociatePublicIpAddress': 'true' }, ...unlessPrincipal(context.networkPrincipalArns) },
    },
    {
      Effect: 'Deny',
      Action: [
        'ec2:AttachInternetGateway',
        'ec2:CreateInternetGateway',
        'ec2:CreateEgressOnlyInternetGateway',
        'ec2:CreateVpcPeeringConnection',
        'ec2:AcceptVpcPeeringConnection',
        'ec2:AssociateAddress',
        'ec2:CreateVpcBlockPublicAccessExclusion',
        'ec2:ModifyVpcBlockPublicAccessExclusion',
        // MapPublicIpOnLaunch would give a public IP to every later launch, without the request asking for one.
        'ec2:ModifySubnetAttribute',
        'globalaccelerator:Create*',
        'globalaccelerator:Update*',
      ],
      Resource: '*',
      Condition: unlessPrincipal(context.networkPrincipalArns),
    },
    {
      // The ingress subnets (excluded from VPC Block Public Access) hold the load balancer, which Elastic Load
      // Balancing places itself: no one puts an instance or a network interface there.
      Effect: 'Deny',
      Action: ['ec2:RunInstances', 'ec2:CreateNetworkInterface'],
      Resource: 'arn:aws:ec2:*:*:subnet/*',
      Condition: {
        StringEquals: { 'aws:ResourceTag/aws-cdk:subnet-name': 'ingress' },
        ...unlessPrincipal(context.networkPrincipalArns),
      },
    },
    {
      // The rule above keys on the subnet's tag: retagging or untagging an ingress subnet would lift it.
      Effect: 'Deny',
      Action: ['ec2:CreateTags', 'ec2:DeleteTags'],
      Resource: 'arn:aws:ec2:*:*:subnet/*',
      Condition: {
        StringEquals: { 'aws:ResourceTag/aws-cdk:subnet-name': 'ingress' },
        ...unlessPrincipal(context.networkPrincipalArns),
      },
    },
    {
      // A function URL without IAM auth is a public entry that bypasses CloudFront and WAF.
      Effect: 'Deny',
      Action: ['lambda:CreateFunctionUrlConfig', 'lambda:UpdateFunctionUrlConfig'],
      Resource: '*',
      Condition: {
        StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' },
        ...unlessPrincipal(context.networkPrincipalArns),
      },
    },
  ],
};
