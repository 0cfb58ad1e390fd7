/** The preventive layer: which guardrails attach, who is exempt, and the exceptions the organization names. */
export interface GuardrailsDefinition {
  /**
   * The guardrail baseline to attach.
   * @default 'hipaa'
   */
  readonly baseline?: 'hipaa';

  /**
   * The qualifier of Landfall's own CDK bootstrap (`cdk bootstrap --qualifier`). Landfall's
   * stacks deploy only through the `cdk-<qualifier>-*` roles, which no principal of a member
   * account may create, change, assume or pass; workload teams keep the stock bootstrap
   * (`hnb659fds`), which is never exempt.
   * @pattern ^[a-z0-9]{1,10}$
   * @fix use up to 10 lowercase letters and digits, e.g. landfall
   * @default 'landfall'
   */
  readonly cdkQualifier?: string;

  /**
   * IAM role names (wildcards allowed) exempt from protective guardrails in every
   * account: the roles that deploy and operate the landing zone itself. No other
   * principal of a member account may create, change, delete, assume or pass a role
   * that matches one of these names.
   * @minItems 1
   * @default ['LandfallAdmin', 'cdk-<cdkQualifier>-cfn-exec-role-*', 'stacksets-exec-*', 'landfall-deploy-time-*']
   */
  readonly exemptRoleNames?: string[];

  /**
   * IAM role names (wildcards allowed) that, with the exempt roles, alone may create
   * network edges: internet, egress-only, NAT, VPN and transit gateways, peerings, RAM
   * shares of network resources, VPC Lattice associations, Direct Connect, endpoint
   * services, unauthenticated function URLs and public IPs (default VPCs: nobody).
   * Protected like the exempt roles.
   * @minItems 1
   * @default ['LandfallNetworkDeploy', 'landfall-hub-peering-*']
   */
  readonly networkRoleNames?: string[];

  /**
   * AWS Organizations quotas the compiled policies must fit. AWS changes them now
   * and then; raise them here when it does, or lower them for a safety margin.
   * @default - AWS's documented quotas: SCPs 10,240 characters and 10 per target, RCPs 5,120 and 5 per target; 2 SCP slots per target left free for AWS Control Tower
   */
  readonly limits?: PolicyLimitsDefinition;

  /**
   * Baseline guardrails this organization does not attach, each with the reason.
   * Review these: each one is a control an auditor will ask about.
   * @default - none: every baseline guardrail is attached
   */
  readonly waivers?: GuardrailWaiver[];

  /**
   * What the guardrails let through by name, each with a reason: outside accounts,
   * IAM users, identity providers.
   * @default - none: no outside account, IAM user or identity provider is allowed
   */
  readonly exceptions?: GuardrailExceptions;
}

/** A baseline guardrail left out, and why. */
export interface GuardrailWaiver {
  /** Id of the guardrail, as in docs/guardrails.md. */
  readonly id: string;
  /**
   * Why, in words an auditor accepts (who decided, what compensates).
   * @minLength 20
   * @fix write at least a sentence: who decided and what control compensates
   */
  readonly reason: string;
}

/** Named exceptions to the data perimeter and the persistence guardrails. */
export interface GuardrailExceptions {
  /**
   * Accounts outside the organization whose resources principals may write to, share
   * with or connect to through a VPC endpoint (a vendor's bucket, a partner's endpoint
   * service).
   * @default - none
   */
  readonly outsideAccounts?: OutsideAccountException[];
  /**
   * IAM users that may exist, with access keys (e.g. an SMTP user for SES). Every other
   * IAM user and access key is denied: people sign in through IAM Identity Center.
   * @default - none
   */
  readonly iamUsers?: IamUserException[];
  /**
   * OpenID Connect identity providers that may be created in member accounts, and whose
   * tokens may assume roles, by host (e.g. `token.actions.githubusercontent.com` for CI).
   * Any other identity provider, and web identity federation from any other issuer
   * (Google, Cognito, ...), is a way in that outlives every session, and is denied.
   * @default - none
   */
  readonly oidcProviders?: OidcProviderException[];
}

/** An account outside the organization that the data perimeter lets through. */
export interface OutsideAccountException {
  /**
   * The 12-digit account ID.
   * @pattern ^[0-9]{12}$
   * @fix write the 12-digit account ID, e.g. 111111111111
   */
  readonly accountId: string;
  /**
   * Why PHI may flow to it (contract, BAA, what it receives).
   * @minLength 20
   * @fix write at least a sentence: the agreement and what data flows
   */
  readonly reason: string;
}

/** An IAM user allowed to exist. */
export interface IamUserException {
  /**
   * The user name.
   * @pattern ^[A-Za-z0-9_+=,.@-]{1,64}$
   * @fix use the IAM user name: letters, digits and +=,.@_- (at most 64)
   */
  readonly name: string;
  /**
   * Why no role can do the job, and who rotates its keys.
   * @minLength 20
   * @fix write at least a sentence: why a role cannot do it and who rotates the keys
   */
  readonly reason: string;
}

/** An OpenID Connect identity provider allowed to exist. */
export interface OidcProviderException {
  /**
   * The provider's host and path as IAM names it, without `https://`.
   * @pattern ^[a-z0-9.-]+(/[A-Za-z0-9_./-]*)?$
   * @fix write the host without https://, e.g. token.actions.githubusercontent.com
   */
  readonly host: string;
  /**
   * What signs in through it, and which roles trust it.
   * @minLength 20
   * @fix write at least a sentence: what signs in through it and which roles trust it
   */
  readonly reason: string;
}

/** Size and count quotas per policy type. */
export interface PolicyLimitsDefinition {
  /**
   * Characters in one SCP.
   * @minimum 1000
   * @default 10240
   */
  readonly scpMaxCharacters?: number;
  /**
   * SCPs attached to one target, FullAWSAccess included.
   * @minimum 2
   * @default 10
   */
  readonly scpMaxPerTarget?: number;
  /**
   * SCP slots per target that Landfall leaves free for others (AWS Control Tower's
   * own guardrails, an emergency deny).
   * @minimum 0
   * @default 2
   */
  readonly scpFreePerTarget?: number;
  /**
   * Characters in one RCP.
   * @minimum 1000
   * @default 5120
   */
  readonly rcpMaxCharacters?: number;
  /**
   * RCPs attached to one target, RCPFullAWSAccess included.
   * @minimum 2
   * @default 5
   */
  readonly rcpMaxPerTarget?: number;
}
