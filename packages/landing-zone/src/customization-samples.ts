/** What a sample customization says of its account. */
export interface SampleAccount {
  readonly name: string;
  readonly role: string;
  readonly environment?: string;
  readonly ouPath: string;
  /** Whether the account has a public entry (`ingress` in the definition). */
  readonly ingress?: boolean;
  /** The prefix of the StackSets its baselines are, when its OU deploys as StackSets (`ou-workloads-data`). */
  readonly stackSets?: string;
}

/**
 * How a workload attaches its service to the account's public entry: the body of `customize` in
 * `accounts/<name>/index.ts` of an account with `ingress`. docs/access.md shows it, and the example's
 * own accounts (prod, dev) run it, so CI compiles and synthesizes exactly this code.
 */
export const INGRESS_SAMPLE = [
  '  const entry = account.stacks[`ingress/${account.definition.homeRegion}`];',
  "  // The public entry waits for the log archive's key (`landfall synth` says so when it does).",
  '  if (!(entry instanceof IngressStack)) return;',
  "  // Every path goes to the application's servers, over HTTPS. The application registers them in this group",
  "  // from its own stack (an ECS service's or Auto Scaling group's attachToApplicationTargetGroup), and lets the",
  "  // load balancer's security group reach them (`entry.ingress.securityGroup`).",
  "  const app = entry.ingress.addTargetGroup('App', {",
  '    targetType: elbv2.TargetType.IP,',
  '    port: 8443,',
  "    healthCheck: { path: '/health' },",
  '  });',
  "  new CfnOutput(entry, 'AppTargetGroupArn', {",
  '    value: app.targetGroupArn,',
  "    description: 'register the application servers here',",
  '  });',
];

/** The first contents of `accounts/<name>/index.ts`: the user's file from then on. */
export function sampleCustomization(a: SampleAccount): string {
  const what = `${a.role}${a.environment ? `, environment ${a.environment}` : ''}, in ${a.ouPath}`;
  return [
    ...(a.ingress
      ? [
          "import { AccountStacks, IngressStack } from '@landfall/landing-zone';",
          "import { CfnOutput } from 'aws-cdk-lib';",
          "import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';",
        ]
      : ["import { AccountStacks } from '@landfall/landing-zone';"]),
    '',
    '/**',
    ` * Customizations of the \`${a.name}\` account (${what}).`,
    ' * This file is yours: Landfall created it once and never overwrites it.',
    ' *',
    ...(a.stackSets
      ? [
          ` * Its baselines are its OU's StackSets (\`${a.stackSets}-*\`), one template for every account of the OU:`,
          ' * `account.stacks` is empty. Add stacks of your own to `account.app` with `env: account.env()`',
          ' * (or `account.env(region)`); to change a baseline for this account alone, set `deployment: stacks`',
          ' * on its OU.',
        ]
      : [
          ' * Add stacks to `account.app` with `env: account.env()` (or `account.env(region)`), or',
          " * constructs to Landfall's own stacks, e.g. `account.stacks['encryption/us-east-1']`.",
        ]),
    " * Everything added here is checked by cdk-nag and AWS Control Tower's proactive controls with the rest of the landing zone.",
    ' */',
    'export function customize(account: AccountStacks): void {',
    ...(a.ingress ? INGRESS_SAMPLE : ['  void account;']),
    '}',
    '',
  ].join('\n');
}
