import { ManagementGuardrail } from '../../guardrail';

export const Ec2VpcBlockPublicAccess: ManagementGuardrail = {
  id: 'Ec2VpcBlockPublicAccess',
  title: 'VPC Block Public Access blocks inbound internet traffic, except subnets the network role excludes',
  rationale:
    "No server is reachable from the internet. The ingress pattern's load-balancer subnets are the only exclusions, and only the network role can create them (DenyPublicNetworkEdges).",
  hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
  type: 'DECLARATIVE_POLICY_EC2',
  document: () => ({
    ec2_attributes: {
      vpc_block_public_access: {
        internet_gateway_block: {
          mode: { '@@assign': 'block_ingress' },
          exclusions_allowed: { '@@assign': 'enabled' },
        },
      },
    },
  }),
};
