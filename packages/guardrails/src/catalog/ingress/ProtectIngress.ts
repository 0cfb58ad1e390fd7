import { IamGuardrail, LANDFALL_TAG, Statement, unlessPrincipal } from '../../guardrail';

/** The role of each account's origin-secret rotation (`@landfall/ingress`): `landfall-ingress-origin-secret-<region>`. */
export const INGRESS_ROTATION_ROLE = 'arn:aws:iam::*:role/landfall-ingress-origin-secret-*';
/** The ingress' log buckets: where the load balancer's and CloudFront's access logs land before the archive. */
const INGRESS_LOG_BUCKETS = ['arn:aws:s3:::*-ingress-logs-*', 'arn:aws:s3:::*-ingress-access-logs-*'];
const tagged = { Null: { [`aws:ResourceTag/${LANDFALL_TAG}`]: 'false' } };

export const ProtectIngress: IamGuardrail = {
  id: 'ProtectIngress',
  title: "The public entry stays behind WAF and logged: no new internet-facing load balancer, no change to Landfall's",
  rationale:
    "The public reaches applications only through CloudFront and the load balancer, both behind AWS WAF, and every request is logged: another internet-facing load balancer, a listener or an inbound rule of one's own, a detached web ACL or logs turned off would each be a way in that nothing filters or records.",
  hipaa: ['164.312(e)(1)', '164.312(a)(1)', '164.312(b)', '164.312(c)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'deploy-principals',
  narrowExemption: {
    principalArn: INGRESS_ROTATION_ROLE,
    what: 'may write the rotated origin secret into the distribution and the web ACL, and nothing else',
  },
  statements: (context): Statement[] => [
    {
      Effect: 'Deny',
      Action: 'elasticloadbalancing:CreateLoadBalancer',
      Resource: '*',
      Condition: {
        StringEquals: { 'elasticloadbalancing:Scheme': 'internet-facing' },
        ...unlessPrincipal(context.deployPrincipalArns),
      },
    },
    {
      Effect: 'Deny',
      Action: [
        'elasticloadbalancing:CreateListener',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:DeleteListener',
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
        'elasticloadbalancing:SetIpAddressType',
        'wafv2:DisassociateWebACL',
        'wafv2:DeleteWebACL',
        'wafv2:PutLoggingConfiguration',
        'wafv2:DeleteLoggingConfiguration',
        'cloudfront:DeleteDistribution',
        'cloudfront:DisassociateDistributionWebACL',
        'ec2:AuthorizeSecurityGroupIngress',
        'ec2:ModifySecurityGroupRules',
      ],
      Resource: '*',
      Condition: { ...tagged, ...unlessPrincipal(context.deployPrincipalArns) },
    },
    {
      Effect: 'Deny',
      Action: [
        's3:PutBucketPolicy',
        's3:DeleteBucketPolicy',
        's3:PutReplicationConfiguration',
        's3:PutLifecycleConfiguration',
        's3:PutBucketLogging',
        's3:PutBucketVersioning',
        's3:PutBucketOwnershipControls',
        's3:DeleteObjectVersion',
        's3:DeleteBucket',
      ],
      Resource: [...INGRESS_LOG_BUCKETS, ...INGRESS_LOG_BUCKETS.map((b) => `${b}/*`)],
      Condition: unlessPrincipal(context.deployPrincipalArns),
    },
    {
      // What the origin secret's rotation writes: the distribution's origin header (and its log delivery's ACL), the web ACL.
      Effect: 'Deny',
      Action: ['cloudfront:UpdateDistribution', 'wafv2:UpdateWebACL'],
      Resource: '*',
      Condition: { ...tagged, ...unlessPrincipal([...context.deployPrincipalArns, INGRESS_ROTATION_ROLE]) },
    },
    {
      Effect: 'Deny',
      Action: 's3:PutBucketAcl',
      Resource: INGRESS_LOG_BUCKETS,
      Condition: unlessPrincipal([...context.deployPrincipalArns, INGRESS_ROTATION_ROLE]),
    },
    {
      Effect: 'Deny',
      NotAction: [
        'cloudfront:ListDistributions',
        'cloudfront:GetDistributionConfig',
        'cloudfront:UpdateDistribution',
        'wafv2:GetWebACL',
        'wafv2:UpdateWebACL',
        's3:GetBucketAcl',
        's3:PutBucketAcl',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:PutSecretValue',
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
      ],
      Resource: '*',
      Condition: { ArnLike: { 'aws:PrincipalArn': INGRESS_ROTATION_ROLE } },
    },
  ],
};
