import { NETWORK_ROLE, prove } from '../simulation';

const eni = 'arn:aws:ec2:us-east-1:111111111111:network-interface/*';
const ingressSubnet = 'arn:aws:ec2:us-east-1:111111111111:subnet/subnet-0123456789abcdef0';

prove('DenyPublicNetworkEdges', {
  deny: [
    { name: 'a developer creating an internet gateway', action: 'ec2:CreateInternetGateway' },
    {
      name: 'a developer launching an instance with a public IP',
      action: 'ec2:RunInstances',
      resource: eni,
      context: { 'ec2:AssociatePublicIpAddress': 'true' },
    },
    { name: 'a developer peering two VPCs', action: 'ec2:CreateVpcPeeringConnection' },
    {
      name: 'a developer making a subnet give public IPs to every instance launched in it',
      action: 'ec2:ModifySubnetAttribute',
    },
    {
      name: 'a developer launching an instance into an ingress subnet (reachable from the internet)',
      action: 'ec2:RunInstances',
      resource: ingressSubnet,
      context: { 'aws:ResourceTag/aws-cdk:subnet-name': 'ingress' },
    },
    {
      name: 'a developer deleting the tag that marks an ingress subnet, to launch there afterwards',
      action: 'ec2:DeleteTags',
      resource: ingressSubnet,
      context: { 'aws:ResourceTag/aws-cdk:subnet-name': 'ingress', 'aws:TagKeys': ['aws-cdk:subnet-name'] },
    },
    {
      name: 'a developer deleting every tag of an ingress subnet (no tag keys named)',
      action: 'ec2:DeleteTags',
      resource: ingressSubnet,
      context: { 'aws:ResourceTag/aws-cdk:subnet-name': 'ingress' },
    },
    {
      name: 'a developer retagging an ingress subnet as a servers subnet',
      action: 'ec2:CreateTags',
      resource: ingressSubnet,
      context: {
        'aws:ResourceTag/aws-cdk:subnet-name': 'ingress',
        'aws:RequestTag/aws-cdk:subnet-name': 'servers',
        'aws:TagKeys': ['aws-cdk:subnet-name'],
      },
    },
    {
      name: 'a developer excluding a subnet from VPC Block Public Access',
      action: 'ec2:CreateVpcBlockPublicAccessExclusion',
    },
  ],
  allow: [
    {
      name: 'a developer launching an instance into a servers subnet',
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:us-east-1:111111111111:subnet/subnet-0fedcba9876543210',
      context: { 'aws:ResourceTag/aws-cdk:subnet-name': 'servers' },
    },
    {
      name: 'a developer tagging a servers subnet with a cost centre',
      action: 'ec2:CreateTags',
      resource: 'arn:aws:ec2:us-east-1:111111111111:subnet/subnet-0fedcba9876543210',
      context: { 'aws:ResourceTag/aws-cdk:subnet-name': 'servers', 'aws:TagKeys': ['cost-centre'] },
    },
    {
      name: 'the network role tagging an ingress subnet',
      action: 'ec2:CreateTags',
      resource: ingressSubnet,
      context: { 'aws:ResourceTag/aws-cdk:subnet-name': 'ingress', 'aws:TagKeys': ['aws-cdk:subnet-name'] },
      principal: NETWORK_ROLE,
    },
    {
      name: 'a developer opening a function URL that requires IAM authentication',
      action: 'lambda:CreateFunctionUrlConfig',
      context: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' },
    },
    {
      name: "the peering topology's accept role accepting the hub's peering",
      action: 'ec2:AcceptVpcPeeringConnection',
      principal: 'arn:aws:iam::111111111111:role/landfall-hub-peering-us-east-1',
    },
    {
      name: 'the network role creating an internet gateway',
      action: 'ec2:CreateInternetGateway',
      principal: NETWORK_ROLE,
    },
    {
      name: 'a developer launching an instance without a public IP',
      action: 'ec2:RunInstances',
      resource: eni,
      context: { 'ec2:AssociatePublicIpAddress': 'false' },
    },
    {
      name: 'the network role peering shared services with a workload VPC',
      action: 'ec2:CreateVpcPeeringConnection',
      principal: NETWORK_ROLE,
    },
  ],
});
