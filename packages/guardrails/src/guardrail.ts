/** Organizations policy types that Landfall compiles. */
export type PolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY' | 'DECLARATIVE_POLICY_EC2' | 'S3_POLICY';

/**
 * Where a baseline attaches a guardrail. Each placement resolves to OUs of the
 * definition by the accounts they hold (see `resolvePlacements`), so a baseline
 * works for any OU naming.
 */
export type Placement = 'root' | 'workloads' | 'prod' | 'dev' | 'sandbox' | 'security' | 'infrastructure';

/** What guardrail statements are rendered from: configuration, never account IDs. */
export interface GuardrailContext {
  /** Principals exempt from protective guardrails (deploy and admin roles), as ARN patterns. */
  readonly exemptPrincipalArns: readonly string[];
  /** Principals that may create internet-facing network edges, as ARN patterns. */
  readonly networkPrincipalArns: readonly string[];
  /** Governed regions. */
  readonly regions: readonly string[];
}

/** An IAM policy statement (SCP or RCP). */
export interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: string | Record<string, string | string[]>;
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: string | string[];
  readonly NotResource?: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

interface GuardrailBase {
  /** PascalCase id, also the catalog file's name. */
  readonly id: string;
  /** One line: what it prevents. */
  readonly title: string;
  /** Why a HIPAA landing zone needs it. */
  readonly rationale: string;
  /** HIPAA Security Rule sections it serves, e.g. `164.312(b)`. */
  readonly hipaa: readonly string[];
}

/** A guardrail made of IAM statements: an SCP or an RCP. */
export interface IamGuardrail extends GuardrailBase {
  readonly type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  /** Whether exempt principals may still act (protective guardrails) or nobody may. */
  readonly exemptions: 'exempt-principals' | 'network-principals' | 'none';
  readonly statements: (context: GuardrailContext) => Statement[];
}

/** A guardrail that sets service attributes: a declarative EC2 policy or an S3 policy. */
export interface ManagementGuardrail extends GuardrailBase {
  readonly type: 'DECLARATIVE_POLICY_EC2' | 'S3_POLICY';
  /** The policy document; documents of one type attached to one target are merged. */
  readonly document: (context: GuardrailContext) => Record<string, unknown>;
}

export type Guardrail = IamGuardrail | ManagementGuardrail;

export function isIamGuardrail(guardrail: Guardrail): guardrail is IamGuardrail {
  return guardrail.type === 'SERVICE_CONTROL_POLICY' || guardrail.type === 'RESOURCE_CONTROL_POLICY';
}

/** `ArnNotLike aws:PrincipalArn` for the principals a guardrail lets through. */
export function unlessPrincipal(arns: readonly string[]): Statement['Condition'] {
  return { ArnNotLike: { 'aws:PrincipalArn': [...arns] } };
}

/**
 * The statements of a protective guardrail: deny these actions to everyone but
 * the exempt principals (the deploy and admin roles).
 */
export function denyUnlessExempt(actions: string | string[], resource = '*'): IamGuardrail['statements'] {
  return (context) => [{ Effect: 'Deny', Action: actions, Resource: resource, Condition: unlessPrincipal(context.exemptPrincipalArns) }];
}
