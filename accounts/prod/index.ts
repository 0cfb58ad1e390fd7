import { AccountStacks, IngressStack } from '@landfall/landing-zone';
import { CfnOutput } from 'aws-cdk-lib';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';

/**
 * Customizations of the `prod` account (workload, environment prod, in Root/Workloads/Prod).
 * This file is yours: Landfall created it once and never overwrites it.
 *
 * Add stacks to `account.app` with `env: account.env()` (or `account.env(region)`), or
 * constructs to Landfall's own stacks, e.g. `account.stacks['encryption/us-east-1']`.
 * Everything added here is checked by cdk-nag and AWS Control Tower's proactive controls with the rest of the landing zone.
 */
export function customize(account: AccountStacks): void {
  const entry = account.stacks[`ingress/${account.definition.homeRegion}`];
  // The public entry waits for the log archive's key (`landfall synth` says so when it does).
  if (!(entry instanceof IngressStack)) return;
  // Every path goes to the application's servers, over HTTPS. The application registers them in this group
  // from its own stack (an ECS service's or Auto Scaling group's attachToApplicationTargetGroup), and lets the
  // load balancer's security group reach them (`entry.ingress.securityGroup`).
  const app = entry.ingress.addTargetGroup('App', {
    targetType: elbv2.TargetType.IP,
    port: 8443,
    healthCheck: { path: '/health' },
  });
  new CfnOutput(entry, 'AppTargetGroupArn', {
    value: app.targetGroupArn,
    description: 'register the application servers here',
  });
}
