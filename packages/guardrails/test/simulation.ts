import { readFileSync } from 'fs';
import { join } from 'path';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { validateOrThrow } from '@landfall/model';
import { CATALOG, Compilation, Guardrail, compileGuardrails, contextOf, isIamGuardrail } from '../src';

// Example identifiers only (see the project's rules): the organization and three accounts.
export const ORG_ID = 'o-exampleorg1';
export const PROD_ACCOUNT = '111111111111';
export const OTHER_ORG_ACCOUNT = '333333333333';
export const OUTSIDE_ACCOUNT = '222222222222';
export const DEVELOPER = `arn:aws:iam::${PROD_ACCOUNT}:role/Developer`;
export const ADMIN = `arn:aws:iam::${PROD_ACCOUNT}:role/LandfallAdmin`;
export const NETWORK_ROLE = `arn:aws:iam::${PROD_ACCOUNT}:role/LandfallNetworkDeploy`;
export const OUTSIDER = `arn:aws:iam::${OUTSIDE_ACCOUNT}:role/Outsider`;
export const ROOT_USER = `arn:aws:iam::${PROD_ACCOUNT}:root`;

/** The embedded example, compiled: what `npx projen` writes to scp/. */
export const EXAMPLE = validateOrThrow(
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'landing-zone.json'), 'utf8')),
);
const compiled = compileGuardrails(EXAMPLE);
if (!compiled.ok) throw new Error(`the example does not compile: ${JSON.stringify(compiled.errors)}`);
export const EXAMPLE_COMPILATION: Compilation = compiled.compilation;

/** A request to decide, with what AWS would put in its context. */
export interface Case {
  readonly name: string;
  readonly action: string;
  /** @default '*' */
  readonly resource?: string;
  /** @default DEVELOPER */
  readonly principal?: string;
  /** @default 'us-east-1' */
  readonly region?: string;
  /** Extra or overriding context keys. */
  readonly context?: Record<string, string | string[]>;
  /** Resource-based policy, for cross-account requests. */
  readonly resourcePolicy?: object;
  /** @default PROD_ACCOUNT */
  readonly resourceAccount?: string;
  /**
   * A federated caller (AssumeRoleWithWebIdentity or AssumeRoleWithSAML; `principal` is then
   * the identity provider as the trust policy names it): no IAM identity, so no identity
   * policy and no SCP. AWS sends this value as aws:FederatedProvider.
   */
  readonly federatedProvider?: string;
  /**
   * The principal's identity policies (its role's managed and inline policies), as JSON documents.
   * @default one policy allowing everything
   */
  readonly identityPolicies?: object[];
}

/** Policies per level, root first: each level's SCPs and RCPs as JSON documents. */
export interface PolicyChain {
  readonly scps: object[][];
  readonly rcps: object[][];
}

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** One guardrail alone at the root, FullAWSAccess at every level. */
export function chainOfGuardrail(guardrail: Guardrail): PolicyChain {
  if (!isIamGuardrail(guardrail)) throw new Error(`${guardrail.id} is not an IAM guardrail`);
  const doc = { Version: '2012-10-17', Statement: guardrail.statements(contextOf(EXAMPLE)) };
  const mine = guardrail.type === 'SERVICE_CONTROL_POLICY';
  return { scps: [mine ? [doc] : [], [], [], []], rcps: [mine ? [] : [doc], [], [], []] };
}

/** The packed files along Root → ... → the OU, then the account, exactly as attached. */
export function chainOfOu(compilation: Compilation, ouPath: string): PolicyChain {
  const parts = ouPath.split('/');
  const levels = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  const filesOf = (target: string, type: string) =>
    (compilation.targets[target] ?? [])
      .filter((f) => f.type === type)
      .map((f) => JSON.parse(compilation.policies.find((p) => p.file === f.file)!.content));
  return {
    scps: [...levels.map((l) => filesOf(l, 'SERVICE_CONTROL_POLICY')), []],
    rcps: [...levels.map((l) => filesOf(l, 'RESOURCE_CONTROL_POLICY')), []],
  };
}

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

const accountOf = (arn: string) => /^arn:aws:iam::(\d{12}):/.exec(arn)?.[1];
const inOrg = (account: string | undefined) => account === PROD_ACCOUNT || account === OTHER_ORG_ACCOUNT;

/**
 * Decides a request through the whole chain, as AWS would: SCPs of the principal's
 * account (when it is in the organization), RCPs of the resource's account,
 * FullAWSAccess at every SCP level, the case's identity policies (by default one allowing everything).
 * Always passes aws:PrincipalArn and aws:RequestedRegion (the engine fills neither).
 */
export async function decide(chain: PolicyChain, c: Case): Promise<Decision> {
  const principal = c.principal ?? DEVELOPER;
  const principalAccount = accountOf(principal);
  const isService = principal.endsWith('.amazonaws.com') && !c.federatedProvider;
  const resourceAccount = c.resourceAccount ?? PROD_ACCOUNT;
  const context: Record<string, string | string[]> = {
    'aws:RequestedRegion': c.region ?? 'us-east-1',
    'aws:SecureTransport': 'true',
    'aws:ResourceAccount': resourceAccount,
    ...(inOrg(resourceAccount) ? { 'aws:ResourceOrgID': ORG_ID } : {}),
    ...(c.federatedProvider
      ? { 'aws:FederatedProvider': c.federatedProvider, 'aws:PrincipalIsAWSService': 'false' }
      : isService
        ? { 'aws:PrincipalIsAWSService': 'true' }
        : {
            'aws:PrincipalArn': principal,
            'aws:PrincipalAccount': principalAccount!,
            'aws:PrincipalIsAWSService': 'false',
            ...(inOrg(principalAccount) ? { 'aws:PrincipalOrgID': ORG_ID } : {}),
          }),
    ...c.context,
  };
  const level = (docs: object[][], withFullAccess: boolean) =>
    docs.map((policies, i) => ({
      orgIdentifier:
        ['r-root', 'ou-1', 'ou-2', 'ou-3', 'ou-4', 'ou-5', 'account'][i] + (i === docs.length - 1 ? `-${i}` : ''),
      policies: [...(withFullAccess ? [FULL_ACCESS] : []), ...policies].map((policy, n) => ({ name: `p${n}`, policy })),
    }));
  const response = await runSimulation(
    {
      identityPolicies:
        isService || c.federatedProvider
          ? []
          : c.identityPolicies === undefined
            ? [{ name: 'everything', policy: FULL_ACCESS }]
            : c.identityPolicies.map((policy, n) => ({ name: `identity${n}`, policy })),
      serviceControlPolicies: !isService && inOrg(principalAccount) ? level(chain.scps, true) : [],
      resourceControlPolicies: inOrg(resourceAccount) ? level(chain.rcps, false) : [],
      resourcePolicy: c.resourcePolicy as any,
      request: {
        action: c.action,
        principal,
        resource: { resource: c.resource ?? '*', accountId: resourceAccount },
        contextVariables: context,
      },
    } as any,
    {},
  );
  if (response.resultType === 'error') {
    throw new Error(`simulation of "${c.name}" failed: ${JSON.stringify(response.errors)}`);
  }
  return response.overallResult as Decision;
}

/**
 * The proof of one guardrail: each request it must deny is denied, and each
 * closely related one it must allow is allowed, first with the guardrail alone,
 * then through the packed policies of the example's prod account (or the OU given), so packing
 * can never change a decision.
 */
export function prove(
  id: string,
  cases: { deny: Case[]; allow: Case[] },
  /** The OU whose packed policies are tried: one the guardrail is attached to. */
  ou = 'Root/Workloads/Prod',
): void {
  const guardrail = CATALOG.get(id);
  describe(id, () => {
    test('is in the catalog with at least two requests to deny and two to allow', () => {
      expect(guardrail).toBeDefined();
      expect(cases.deny.length).toBeGreaterThanOrEqual(2);
      expect(cases.allow.length).toBeGreaterThanOrEqual(2);
    });
    const alone = () => chainOfGuardrail(guardrail!);
    const packed = () => chainOfOu(EXAMPLE_COMPILATION, ou);
    const where = ou === 'Root/Workloads/Prod' ? 'prod account' : ou;
    test.each(cases.deny.map((c) => [c.name, c]))('denies %s (guardrail alone)', async (_n, c) => {
      expect(await decide(alone(), c)).toBe('ExplicitlyDenied');
    });
    test.each(cases.deny.map((c) => [c.name, c]))(`denies %s (packed, ${where})`, async (_n, c) => {
      expect(await decide(packed(), c)).toBe('ExplicitlyDenied');
    });
    test.each(cases.allow.map((c) => [c.name, c]))('allows %s (guardrail alone)', async (_n, c) => {
      expect(await decide(alone(), c)).toBe('Allowed');
    });
    test.each(cases.allow.map((c) => [c.name, c]))(`allows %s (packed, ${where})`, async (_n, c) => {
      expect(await decide(packed(), c)).toBe('Allowed');
    });
  });
}

/**
 * What policies deny, one line per action and statement shape, sorted: equal for two
 * sets of policies exactly when they deny the same actions under the same conditions,
 * however the statements are merged, split or spread over files.
 */
export function denialsOf(contents: string[]): string[] {
  return contents
    .flatMap((c) => JSON.parse(c).Statement)
    .flatMap((s: any) => {
      const { Action, ...rest } = s;
      const shape = JSON.stringify(rest);
      return Action === undefined ? [shape] : [Action].flat().map((a: string) => `${a} ${shape}`);
    })
    .sort();
}
