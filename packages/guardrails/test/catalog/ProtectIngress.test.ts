import { ADMIN, PROD_ACCOUNT, prove } from '../simulation';

const tagged = { 'aws:ResourceTag/landfall:landing-zone': 'acme-health' };
const ALB = `arn:aws:elasticloadbalancing:us-east-1:${PROD_ACCOUNT}:loadbalancer/app/landfall-ingress/0123456789abcdef`;
const DISTRIBUTION = `arn:aws:cloudfront::${PROD_ACCOUNT}:distribution/E1ABCDEFGHIJKL`;
const WEB_ACL = `arn:aws:wafv2:us-east-1:${PROD_ACCOUNT}:regional/webacl/landfall-ingress-alb/0123`;
const LOGS = 'arn:aws:s3:::acme-health-ingress-logs-111111111111';
const ROTATION = `arn:aws:iam::${PROD_ACCOUNT}:role/landfall-ingress-origin-secret-us-east-1`;

prove('ProtectIngress', {
  deny: [
    {
      name: 'a developer creating an internet-facing load balancer of their own',
      action: 'elasticloadbalancing:CreateLoadBalancer',
      context: { 'elasticloadbalancing:Scheme': 'internet-facing' },
    },
    {
      name: "a developer adding a plain-HTTP listener to Landfall's load balancer",
      action: 'elasticloadbalancing:CreateListener',
      resource: ALB,
      context: tagged,
    },
    {
      name: "a developer turning the load balancer's access logs off",
      action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
      resource: ALB,
      context: tagged,
    },
    {
      name: 'a developer removing the web ACL from the load balancer',
      action: 'wafv2:DisassociateWebACL',
      resource: ALB,
      context: tagged,
    },
    {
      name: 'a developer rewriting the distribution (no WAF, no logs)',
      action: 'cloudfront:UpdateDistribution',
      resource: DISTRIBUTION,
      context: tagged,
    },
    {
      name: "a developer stopping the ingress logs' replication into the archive",
      action: 's3:PutReplicationConfiguration',
      resource: LOGS,
    },
    {
      name: 'the rotation role doing anything but rotating (reading data)',
      action: 's3:GetObject',
      resource: `${LOGS}/AWSLogs/x`,
      principal: ROTATION,
    },
  ],
  allow: [
    {
      name: 'the rotation role writing the new origin secret into the distribution',
      action: 'cloudfront:UpdateDistribution',
      resource: DISTRIBUTION,
      principal: ROTATION,
      context: tagged,
    },
    {
      name: 'the rotation role updating the web ACL',
      action: 'wafv2:UpdateWebACL',
      resource: WEB_ACL,
      principal: ROTATION,
      context: tagged,
    },
    {
      name: 'a developer creating an internal load balancer',
      action: 'elasticloadbalancing:CreateLoadBalancer',
      context: { 'elasticloadbalancing:Scheme': 'internal' },
    },
    {
      name: "a developer adding a listener rule for their service on Landfall's listener",
      action: 'elasticloadbalancing:CreateRule',
      resource: `arn:aws:elasticloadbalancing:us-east-1:${PROD_ACCOUNT}:listener/app/landfall-ingress/0123456789abcdef/0123`,
      context: tagged,
    },
    {
      name: "the exempt admin changing the load balancer's attributes",
      action: 'elasticloadbalancing:ModifyLoadBalancerAttributes',
      resource: ALB,
      principal: ADMIN,
      context: tagged,
    },
  ],
});
