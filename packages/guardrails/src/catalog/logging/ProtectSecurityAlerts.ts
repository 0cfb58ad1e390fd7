import { IamGuardrail, unlessPrincipal } from '../../guardrail';

/** The EventBridge rules, bus and SNS topic of Landfall's security alerts (@landfall/logging), by name. */
const RULES = ['arn:aws:events:*:*:rule/landfall-*', 'arn:aws:events:*:*:rule/landfall-security-alerts/*'];
const BUS = 'arn:aws:events:*:*:event-bus/landfall-security-alerts';
const TOPIC = 'arn:aws:sns:*:*:landfall-security-alerts';

/**
 * Who may put events on the audit account's bus is its resource policy, changed by `events:PutPermission` and
 * `events:RemovePermission`, which name no resource: those are denied in the security OU (`ProtectAlertBusPolicy`).
 */
export const ProtectSecurityAlerts: IamGuardrail = {
  id: 'ProtectSecurityAlerts',
  title: "The security alerts cannot be silenced: their forwarding rules, the audit account's bus, rules and topic",
  rationale:
    "An intruder who deletes or disables the rule that forwards an account's sign-ins and changes, or unsubscribes the alert topic, acts unseen; only the deploy roles may change them.",
  hipaa: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.312(b)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: [
        'events:DeleteRule',
        'events:DisableRule',
        'events:PutRule',
        'events:PutTargets',
        'events:RemoveTargets',
      ],
      Resource: RULES,
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
    {
      Effect: 'Deny',
      Action: ['events:DeleteEventBus', 'events:UpdateEventBus'],
      Resource: BUS,
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
    {
      Effect: 'Deny',
      Action: [
        'sns:DeleteTopic',
        'sns:SetTopicAttributes',
        'sns:AddPermission',
        'sns:RemovePermission',
        'sns:Subscribe',
        'sns:Unsubscribe',
        'sns:SetSubscriptionAttributes',
        'sns:PutDataProtectionPolicy',
      ],
      Resource: TOPIC,
      Condition: unlessPrincipal(context.exemptPrincipalArns),
    },
  ],
};
