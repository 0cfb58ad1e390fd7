import { IamGuardrail, unlessPrincipal } from '../../guardrail';

/**
 * Services that are global, or have global endpoints in us-east-1, and must work
 * from any region (AWS's documented region-deny exemptions, trimmed to what a
 * landing zone uses).
 */
export const GLOBAL_SERVICE_ACTIONS = [
  'a4b:*',
  'account:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'chime:*',
  'cloudfront:*',
  'config:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'fms:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'kms:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  'route53-recovery-cluster:*',
  'route53-recovery-control-config:*',
  'route53-recovery-readiness:*',
  's3:CreateMultiRegionAccessPoint',
  's3:DeleteMultiRegionAccessPoint',
  's3:DescribeMultiRegionAccessPointOperation',
  's3:GetAccountPublicAccessBlock',
  's3:GetMultiRegionAccessPoint',
  's3:GetMultiRegionAccessPointPolicy',
  's3:GetMultiRegionAccessPointPolicyStatus',
  's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints',
  's3:PutAccountPublicAccessBlock',
  'shield:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'waf-regional:*',
  'waf:*',
  'wafv2:*',
  'wellarchitected:*',
];

export const DenyUngovernedRegions: IamGuardrail = {
  id: 'DenyUngovernedRegions',
  title: 'Nothing runs outside the governed regions, except global services',
  rationale:
    'PHI stays where logging, Config rules, backups and guardrails are deployed; an ungoverned region is an unmonitored one.',
  hipaa: ['164.308(a)(1)(ii)(B)', '164.312(a)(1)', '164.312(b)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      NotAction: GLOBAL_SERVICE_ACTIONS,
      Resource: '*',
      Condition: {
        StringNotEquals: { 'aws:RequestedRegion': [...context.regions] },
        ...unlessPrincipal(context.exemptPrincipalArns),
      },
    },
  ],
};
