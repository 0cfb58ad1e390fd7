import { accountsOfAssignment, permissionSetsOf, validate } from '../src';
import { mutable } from './fixtures';
import { errorAt, errorsOf } from './helpers';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111111111111111';
const GROUP = (n: number) => `a1b2c3d4-0000-4000-8000-00000000000${n}`;

/** The example's shape: admins in infrastructure and security, developers full in dev and read-only in prod, auditors everywhere. */
function withIdentity(changes: Record<string, unknown> = {}): any {
  const def = mutable();
  def.identity = {
    instanceArn: INSTANCE,
    groups: [
      {
        name: 'platform-admins',
        groupId: GROUP(1),
        assignments: [{ permissionSet: 'Administrator', ous: ['Root/Security', 'Root/Infrastructure'] }],
      },
      {
        name: 'developers',
        groupId: GROUP(2),
        assignments: [
          { permissionSet: 'Developer', environments: ['dev'] },
          { permissionSet: 'ReadOnly', environments: ['prod'] },
        ],
      },
      { name: 'auditors', groupId: GROUP(3), assignments: [{ permissionSet: 'Auditor', ous: ['Root'] }] },
    ],
    breakGlass: { users: ['jane.doe', 'john.roe'] },
    ...changes,
  };
  return def;
}

const groupsWith = (assignment: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  withIdentity({ groups: [{ name: 'developers', groupId: GROUP(2), assignments: [assignment] }], ...extra });

describe('identity', () => {
  test("the example's shape validates, and resolves Landfall's sets with sessions within the limit", () => {
    const result = validate(withIdentity({ maxSessionHours: 4 }));
    if (!result.valid) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    const identity = result.definition.identity!;
    expect(permissionSetsOf(identity).map((p) => [p.name, p.sessionHours, p.writes, p.readsData])).toEqual([
      ['Administrator', 2, true, true],
      ['Developer', 4, true, true],
      ['ReadOnly', 4, false, false],
      ['Auditor', 4, false, false],
      ['SecurityTriage', 4, true, false],
    ]);
    expect(identity.breakGlass).toEqual({ users: ['jane.doe', 'john.roe'], sessionHours: 1 });
  });

  test('without an identity section nothing is resolved', () => {
    const result = validate(mutable());
    expect(result.valid && result.definition.identity).toBeUndefined();
  });

  test('Root reaches every member account but not the management account; named, it does', () => {
    const def = withIdentity();
    expect(accountsOfAssignment(def, { ous: ['Root'] }).map((a) => a.name)).toEqual([
      'log-archive',
      'audit',
      'backup',
      'shared-services',
      'prod',
      'dev',
    ]);
    expect(accountsOfAssignment(def, { accounts: ['management'] }).map((a) => a.name)).toEqual(['management']);
    expect(accountsOfAssignment(def, { environments: ['prod'] })).toEqual([
      { name: 'prod', ouPath: 'Root/Workloads/Prod', environment: 'prod', production: true },
    ]);
  });

  test('a developer group granted write access in prod is refused, naming the assignment and the fix', () => {
    const error = errorAt(
      groupsWith({ permissionSet: 'Developer', environments: ['prod'] }),
      'identity.groups[0].assignments[0]',
    );
    expect(error.message).toContain('gives developers Developer in production (prod)');
    expect(error.fix).toContain('use ReadOnly or Auditor in production');
  });

  test('write access in prod is refused however it is reached: by OU, by account, through a custom set', () => {
    expect(
      errorAt(
        groupsWith({ permissionSet: 'Administrator', ous: ['Root/Workloads'] }),
        'identity.groups[0].assignments[0]',
      ).message,
    ).toContain('Administrator in production (prod)');
    expect(
      errorAt(groupsWith({ permissionSet: 'Developer', accounts: ['prod'] }), 'identity.groups[0].assignments[0]')
        .message,
    ).toContain('production');
    const custom = groupsWith(
      { permissionSet: 'DataReader', environments: ['prod'] },
      { permissionSets: [{ name: 'DataReader', base: 'ReadOnly', customerManagedPolicies: ['data-read'] }] },
    );
    expect(errorAt(custom, 'identity.groups[0].assignments[0]').message).toContain(
      'customer-managed policies Landfall cannot see',
    );
    // A read-only custom set without policies of its own is fine in prod.
    const readOnly = groupsWith(
      { permissionSet: 'ProdViewer', environments: ['prod'] },
      { permissionSets: [{ name: 'ProdViewer', base: 'ReadOnly' }] },
    );
    expect(validate(readOnly).valid).toBe(true);
  });

  test('an unknown permission set, OU, environment or account is named with a suggestion', () => {
    expect(
      errorAt(
        groupsWith({ permissionSet: 'Develper', environments: ['dev'] }),
        'identity.groups[0].assignments[0].permissionSet',
      ).fix,
    ).toContain("did you mean 'Developer'?");
    expect(
      errorAt(
        groupsWith({ permissionSet: 'ReadOnly', ous: ['Root/Workload'] }),
        'identity.groups[0].assignments[0].ous[0]',
      ).fix,
    ).toContain("did you mean 'Root/Workloads'?");
    expect(
      errorAt(
        groupsWith({ permissionSet: 'ReadOnly', environments: ['stage'] }),
        'identity.groups[0].assignments[0].environments[0]',
      ).message,
    ).toContain("'stage' is not an environment");
    expect(
      errorAt(
        groupsWith({ permissionSet: 'ReadOnly', accounts: ['prd'] }),
        'identity.groups[0].assignments[0].accounts[0]',
      ).fix,
    ).toContain("did you mean 'prod'?");
    expect(errorAt(groupsWith({ permissionSet: 'ReadOnly' }), 'identity.groups[0].assignments[0]').message).toContain(
      'reaches no account',
    );
  });

  test('an unknown group in the VPN or the bastion is refused; the VPN takes the group ID from identity', () => {
    const def = withIdentity();
    def.access = {
      vpn: {
        serverCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-4000-8000-000000000001',
        authentication: { type: 'saml', samlProviderArn: 'arn:aws:iam::111111111111:saml-provider/landfall-vpn' },
        groups: [{ name: 'platform-admins' }, { name: 'developers', environments: ['dev'] }],
      },
      bastion: { groups: ['platform-admins'] },
    };
    const result = validate(def);
    if (!result.valid) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
    expect(result.definition.access.vpn.groups.map((g) => g.groupId)).toEqual([GROUP(1), GROUP(2)]);

    def.access.vpn.groups[1].name = 'developer';
    def.access.bastion.groups = ['platform-admin'];
    expect(errorAt(def, 'access.vpn.groups[1].name').fix).toBe("did you mean 'developers'?");
    expect(errorAt(def, 'access.bastion.groups[0]').fix).toBe("did you mean 'platform-admins'?");
  });

  test('a VPN group ID that differs from the identity group is refused', () => {
    const def = withIdentity();
    def.access = { vpn: { groups: [{ name: 'developers', groupId: GROUP(9) }] } };
    expect(errorAt(def, 'access.vpn.groups[0].groupId').fix).toContain('the VPN takes the identity group ID');
  });

  test('an empty break-glass group is refused', () => {
    const error = errorAt(withIdentity({ breakGlass: { users: [] } }), 'identity.breakGlass.users');
    expect(error.message).toContain('nobody could reach an account');
  });

  test('a missing break-glass section is refused by the schema', () => {
    const def = withIdentity();
    delete def.identity.breakGlass;
    expect(errorsOf(def).map((e) => e.path)).toContain('identity.breakGlass');
  });

  test('a session longer than the policy allows is refused, for sets and break-glass', () => {
    const def = withIdentity({
      maxSessionHours: 4,
      permissionSets: [{ name: 'LongDev', base: 'Developer', sessionHours: 10 }],
      breakGlass: { users: ['jane.doe'], sessionHours: 6 },
    });
    expect(errorAt(def, 'identity.permissionSets[0].sessionHours').message).toBe(
      '10 hours is longer than the 4 identity.maxSessionHours allows',
    );
    expect(errorAt(def, 'identity.breakGlass.sessionHours').fix).toContain('use at most 4');
  });

  test("a set may not take the name of one of Landfall's own, nor be defined twice", () => {
    const def = withIdentity({
      permissionSets: [
        { name: 'Developer', base: 'Developer' },
        { name: 'Extra', base: 'ReadOnly' },
        { name: 'Extra', base: 'ReadOnly' },
      ],
    });
    expect(errorAt(def, 'identity.permissionSets[0].name').message).toContain("one of Landfall's own");
    expect(errorAt(def, 'identity.permissionSets[2].name').message).toContain('duplicate');
  });

  test('an instance ARN or group ID of the wrong shape is refused with the fix', () => {
    const def = withIdentity({ instanceArn: 'ssoins-1111' });
    def.identity.groups[0].groupId = 'admins';
    const errors = errorsOf(def);
    expect(errors.find((e) => e.path === 'identity.instanceArn')?.fix).toContain('arn:aws:sso:::instance/ssoins-');
    expect(errors.find((e) => e.path === 'identity.groups[0].groupId')?.fix).toContain('copy the group ID');
  });
});
