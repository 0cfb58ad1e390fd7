import { IamGuardrail, Statement, unlessPrincipal } from '../../guardrail';

/**
 * Services that are global (their one endpoint answers for every region) and must work
 * from any region: AWS's documented region-deny exemptions, trimmed to truly global
 * services. Regional services (KMS, Config, regional WAF) are not here.
 */
export const GLOBAL_SERVICE_ACTIONS = [
  'account:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'budgets:*',
  'ce:*',
  'cloudfront:*',
  'cur:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
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
  'waf:*',
  'wellarchitected:*',
  'ec2:DescribeRegions',
  'directconnect:*',
];

/**
 * Regional services that CloudFront's global resources live in: its certificates,
 * web ACLs and their keys are created in us-east-1 whatever the governed regions.
 */
export const EDGE_SERVICE_ACTIONS = ['acm:*', 'wafv2:*', 'kms:*'];
const EDGE_REGION = 'us-east-1';

export const DenyUngovernedRegions: IamGuardrail = {
  id: 'DenyUngovernedRegions',
  title:
    "Nothing runs outside the governed regions, except global services (and CloudFront's certificates, web ACLs and keys in us-east-1)",
  rationale:
    'PHI stays where logging, Config rules, backups and guardrails are deployed; an ungoverned region is an unmonitored one.',
  hipaa: ['164.308(a)(1)(ii)(B)', '164.312(a)(1)', '164.312(b)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context): Statement[] => {
    const unless = unlessPrincipal(context.exemptPrincipalArns);
    const statements: Statement[] = [
      {
        Effect: 'Deny',
        NotAction: [...GLOBAL_SERVICE_ACTIONS, ...(context.regions.includes(EDGE_REGION) ? [] : EDGE_SERVICE_ACTIONS)],
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...context.regions] }, ...unless },
      },
    ];
    if (!context.regions.includes(EDGE_REGION)) {
      statements.push({
        Effect: 'Deny',
        Action: EDGE_SERVICE_ACTIONS,
        Resource: '*',
        Condition: { StringNotEquals: { 'aws:RequestedRegion': [...context.regions, EDGE_REGION] }, ...unless },
      });
    }
    return statements;
  },
};
