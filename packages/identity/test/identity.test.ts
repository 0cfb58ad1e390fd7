import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks, HIPAASecurityChecks, NIST80053R5Checks } from 'cdk-nag';
import {
  BreakGlassRole,
  BreakGlassUsers,
  IdentityCenterAssignments,
  IdentityCenterPermissionSet,
  IdentityNames,
} from '../src';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111111111111111';
const GROUP = 'a1b2c3d4-0000-4000-8000-000000000001';
const OTHER_GROUP = 'a1b2c3d4-0000-4000-8000-000000000002';
const MANAGEMENT = '111111111111';
const ORG = 'o-exampleorg1';

function everything() {
  const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'landfall-identity-')) });
  Validations.of(app).addPlugins(new HIPAASecurityChecks(app), new AwsSolutionsChecks(app), new NIST80053R5Checks(app));
  const management = new Stack(app, 'Management', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  const readOnly = new IdentityCenterPermissionSet(management, 'ReadOnly', {
    instanceArn: INSTANCE,
    permissionSetName: 'ReadOnly',
    description: 'Sees configuration, reads no data',
    sessionDuration: Duration.hours(8),
    maxSessionDuration: Duration.hours(8),
    managedPolicyNames: ['job-function/ViewOnlyAccess'],
    inlinePolicy: new iam.PolicyDocument({
      statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:GetObject'], resources: ['*'] })],
    }),
  });
  readOnly.assignToGroup(GROUP, '444444444444');
  readOnly.assignToGroup(GROUP, '555555555555');
  const logKey = new kms.Key(management, 'Logs', { enableKeyRotation: true });
  new IdentityCenterAssignments(management, 'Assignments', { instanceArn: INSTANCE, logKey }).assign(
    readOnly,
    OTHER_GROUP,
    ['444444444444', '555555555555', '666666666666'],
  );
  const users = new BreakGlassUsers(management, 'BreakGlass', {
    userNames: ['jane.doe', 'john.roe'],
    organizationId: ORG,
  });
  const member = new Stack(app, 'Member', { env: { account: '444444444444', region: 'us-east-1' } });
  const role = new BreakGlassRole(member, 'BreakGlass', {
    managementAccountId: MANAGEMENT,
    regions: ['us-east-1', 'us-west-2'],
  });
  return { app, management, member, readOnly, users, role };
}

describe('IdentityCenterPermissionSet', () => {
  test('a set with its session, managed and inline policies, assigned to a group in two accounts', () => {
    const { management } = everything();
    const template = Template.fromStack(management);
    template.hasResourceProperties('AWS::SSO::PermissionSet', {
      InstanceArn: INSTANCE,
      Name: 'ReadOnly',
      SessionDuration: 'PT8H',
      ManagedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
      InlinePolicy: { Statement: [{ Effect: 'Deny', Action: 's3:GetObject', Resource: '*' }] },
    });
    const assignments = template.findResources('AWS::SSO::Assignment');
    expect(
      Object.values(assignments).map((a) => [
        a.Properties.PrincipalType,
        a.Properties.PrincipalId,
        a.Properties.TargetId,
      ]),
    ).toEqual([
      ['GROUP', GROUP, '444444444444'],
      ['GROUP', GROUP, '555555555555'],
    ]);
  });

  test("assignments keep their logical IDs when another is added before them (IAM Identity Center refuses a replacement's duplicate)", () => {
    const ids = (accounts: string[]) => {
      const stack = new Stack();
      const set = new IdentityCenterPermissionSet(stack, 'Set', {
        instanceArn: INSTANCE,
        permissionSetName: 'Auditor',
        description: 'd',
        sessionDuration: Duration.hours(1),
      });
      accounts.forEach((a) => set.assignToGroup(GROUP, a));
      return Object.keys(Template.fromStack(stack).findResources('AWS::SSO::Assignment'));
    };
    const [only] = ids(['555555555555']);
    expect(ids(['444444444444', '555555555555'])).toContain(only);
  });

  test('a session longer than the access policy, or outside 1 to 12 hours, is refused with the fix', () => {
    const make = (hours: number, max?: number) => () =>
      new IdentityCenterPermissionSet(new Stack(), 'Set', {
        instanceArn: INSTANCE,
        permissionSetName: 'Developer',
        description: 'd',
        sessionDuration: Duration.hours(hours),
        maxSessionDuration: max !== undefined ? Duration.hours(max) : undefined,
      });
    expect(make(10, 8)).toThrow(
      /10 hours is longer than the 8 hours the access policy allows — shorten sessionDuration/,
    );
    expect(make(13)).toThrow(/outside IAM Identity Center's 1 to 12 hours/);
    expect(make(8, 8)).not.toThrow();
  });

  test('the same group twice in one account is refused', () => {
    const set = new IdentityCenterPermissionSet(new Stack(), 'Set', {
      instanceArn: INSTANCE,
      permissionSetName: 'Auditor',
      description: 'd',
      sessionDuration: Duration.hours(1),
    });
    set.assignToGroup(GROUP, '444444444444');
    expect(() => set.assignToGroup(GROUP, '444444444444')).toThrow(/already has this set/);
  });
});

describe('IdentityCenterAssignments', () => {
  const setIn = (stack: Stack, name: string) =>
    new IdentityCenterPermissionSet(stack, name, {
      instanceArn: INSTANCE,
      permissionSetName: name,
      description: 'd',
      sessionDuration: Duration.hours(1),
    });

  test('each account once, in one of at most 16 resources per group and set, made by a function of its own', () => {
    const template = Template.fromStack(everything().management);
    const made = Object.values(template.findResources('Custom::LandfallIdentityCenterAssignments'));
    expect(new Set(made.map((r) => r.Properties.GroupId))).toEqual(new Set([OTHER_GROUP]));
    expect(made.flatMap((r) => r.Properties.Accounts).sort()).toEqual(['444444444444', '555555555555', '666666666666']);
    expect(made[0].Properties.InstanceArn).toBe(INSTANCE);
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: 'landfall-identity-assignments' });
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: { 'Fn::Join': ['', ['landfall-deploy-time-identity-assignments-', { Ref: 'AWS::Region' }]] },
    });
    const log = Object.values(template.findResources('AWS::Logs::LogGroup'));
    expect(log.map((l) => [l.Properties.LogGroupName, l.DeletionPolicy])).toEqual([
      ['/aws/lambda/landfall-identity-assignments', 'Retain'],
    ]);
  });

  test('spreads many accounts over at most 16 resources, and an account stays in its own as others come and go', () => {
    const shares = (n: number) => {
      const stack = new Stack();
      const assignments = new IdentityCenterAssignments(stack, 'Assignments', { instanceArn: INSTANCE });
      const ids = Array.from({ length: n }, (_, i) => String(100_000_000_000 + i * 7919));
      assignments.assign(setIn(stack, 'Auditor'), GROUP, ids);
      const where = new Map<string, string>();
      for (const [id, r] of Object.entries(
        Template.fromStack(stack).findResources('Custom::LandfallIdentityCenterAssignments'),
      )) {
        for (const a of r.Properties.Accounts) where.set(a, id);
      }
      return where;
    };
    const before = shares(300);
    const after = shares(320);
    expect(new Set(after.values()).size).toBe(16);
    for (const [account, resource] of before) expect([account, after.get(account)]).toEqual([account, resource]);
  });

  test("a group's resources keep their logical IDs when another group's are added before them", () => {
    const ids = (groups: string[]) => {
      const stack = new Stack();
      const set = setIn(stack, 'Auditor');
      const assignments = new IdentityCenterAssignments(stack, 'Assignments', { instanceArn: INSTANCE });
      for (const g of groups) assignments.assign(set, g, ['444444444444']);
      return Object.entries(Template.fromStack(stack).findResources('Custom::LandfallIdentityCenterAssignments')).map(
        ([id, r]) => [r.Properties.GroupId, id],
      );
    };
    const [alone] = ids([OTHER_GROUP]);
    expect(ids([GROUP, OTHER_GROUP])).toContainEqual(alone);
  });

  test('a group given the same set twice, an account listed twice, are refused', () => {
    const stack = new Stack();
    const set = setIn(stack, 'Auditor');
    const assignments = new IdentityCenterAssignments(stack, 'Assignments', { instanceArn: INSTANCE });
    expect(() => assignments.assign(set, GROUP, ['444444444444', '444444444444'])).toThrow(
      'account 444444444444 is listed twice',
    );
    assignments.assign(set, GROUP, ['444444444444']);
    expect(() => assignments.assign(set, GROUP, ['555555555555'])).toThrow('give all its accounts in one call');
  });
});

describe('break-glass', () => {
  test('users in one group, under the break-glass path, with no keys and no console password', () => {
    const { management } = everything();
    const template = Template.fromStack(management);
    template.resourceCountIs('AWS::IAM::User', 2);
    template.hasResourceProperties('AWS::IAM::User', {
      UserName: 'break-glass-jane.doe',
      Path: IdentityNames.BREAK_GLASS_PATH,
      LoginProfile: Match.absent(),
    });
    template.resourceCountIs('AWS::IAM::AccessKey', 0);
  });

  test('without MFA a user can do nothing but set up MFA; with it, only assume break-glass roles of the organization', () => {
    const { management } = everything();
    const [policy] = Object.values(Template.fromStack(management).findResources('AWS::IAM::ManagedPolicy')).filter(
      (p) =>
        p.Properties.Path === IdentityNames.BREAK_GLASS_PATH || JSON.stringify(p).includes('NothingElseWithoutMfa'),
    );
    const statements = policy.Properties.PolicyDocument.Statement;
    const deny = statements.find((s: any) => s.Sid === 'NothingElseWithoutMfa');
    expect(deny).toMatchObject({
      Effect: 'Deny',
      Resource: '*',
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    });
    expect(deny.NotAction).not.toContain('sts:AssumeRole');
    const assume = statements.find((s: any) => s.Sid === 'BreakTheGlassWithMfa');
    expect(assume.Condition).toEqual({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' },
      StringEquals: { 'aws:ResourceOrgID': ORG },
    });
    const allowed = statements.filter((s: any) => s.Effect === 'Allow').flatMap((s: any) => [s.Action].flat());
    expect(allowed.filter((a: string) => !a.startsWith('iam:'))).toEqual(['sts:AssumeRole']);
  });

  test('the role trusts only the break-glass users of the management account, with recent MFA, their own user name as the session name, in a governed region', () => {
    const { member } = everything();
    const template = Template.fromStack(member);
    const [role] = Object.values(template.findResources('AWS::IAM::Role'));
    expect(role.Properties.RoleName).toBe(IdentityNames.BREAK_GLASS_ROLE);
    expect(role.Properties.MaxSessionDuration).toBe(3600);
    const trust = role.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust.map((s: any) => s.Action)).toEqual(['sts:AssumeRole']);
    for (const s of trust) {
      expect(JSON.stringify(s.Principal)).toContain(`:iam::${MANAGEMENT}:root`);
      const { ArnLike, ...rest } = s.Condition;
      expect(JSON.stringify(ArnLike['aws:PrincipalArn'])).toContain(
        `:iam::${MANAGEMENT}:user/landfall/break-glass/break-glass-*"`,
      );
      expect(rest).toEqual({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' },
        StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'], 'sts:RoleSessionName': '${aws:username}' },
      });
    }
  });

  test('an empty list of users is refused', () => {
    expect(() => new BreakGlassUsers(new Stack(), 'B', { userNames: [], organizationId: ORG })).toThrow(
      /name at least one person/,
    );
  });
});

describe('cdk-nag (HIPAA.Security, AwsSolutions, NIST.800-53.R5)', () => {
  test('finds nothing unacknowledged, and every acknowledgement has its reason', () => {
    const { app } = everything();
    const report = JSON.parse(readFileSync(join(app.synth().directory, 'validation-report.json'), 'utf8'));
    const suppressed = new Set<string>();
    for (const plugin of report.pluginReports) {
      expect(
        plugin.violations.map((v: any) => `${v.ruleName} ${v.violatingConstructs.map((c: any) => c.constructPath)}`),
      ).toEqual([]);
      for (const v of plugin.suppressedViolations ?? []) {
        expect(v.reason.length).toBeGreaterThan(60);
        suppressed.add(v.ruleName);
      }
    }
    expect([...suppressed].sort()).toEqual([
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]',
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::*:role/landfall-break-glass]',
      // The assignments' function: Identity Center's reserved IAM paths, its accounts and sets, its own log streams.
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/aws-reserved/sso.amazonaws.com/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:saml-provider/AWSSSO_*_DO_NOT_DELETE]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/landfall-identity-assignments:log-stream:*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sso:::account/*]',
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sso:::permissionSet/*/*]',
      // An upkeep function: outside a VPC, no reserved concurrency, no dead-letter queue (one reason).
      'HIPAA.Security-LambdaConcurrency',
      'HIPAA.Security-LambdaDLQ',
      'HIPAA.Security-LambdaInsideVPC',
      'NIST.800.53.R5-LambdaConcurrency',
      'NIST.800.53.R5-LambdaDLQ',
      'NIST.800.53.R5-LambdaInsideVPC',
    ]);
  });
});
