import { EXAMPLE_DEFINITION, validate } from '../src';
import { mutable, validDefinition } from './fixtures';
import { errorAt, errorsOf } from './helpers';

describe('a valid definition', () => {
  test('validates with no errors and comes back with its defaults written out', () => {
    const result = validate(validDefinition());
    expect(result.errors).toEqual([]);
    expect(result.valid && result.definition.network.topology).toBe('transit-gateway');
    expect(result.valid && result.definition.network.environments.prod.production).toBe(true);
    expect(result.valid && result.definition.network.environments.dev.production).toBe(false);
  });
});

describe('structure (schema)', () => {
  test('fails when a top-level key is misspelled, suggesting the right one', () => {
    const def = mutable();
    def.netwrok = def.network;
    delete def.network;
    const error = errorAt(def, 'netwrok');
    expect(error.message).toBe('unknown key');
    expect(error.fix).toContain("did you mean 'network'?");
  });

  test('fails when a nested key is unknown', () => {
    const def = mutable();
    def.organization.ous[0].accounts[0].enviroment = 'prod';
    expect(errorAt(def, 'organization.ous[0].accounts[0].enviroment').fix).toContain("'environment'");
  });

  test('fails when a required field is missing, naming it', () => {
    const def = mutable();
    delete def.homeRegion;
    expect(errorAt(def, 'homeRegion').message).toBe('is required');
  });

  test('fails when a field has the wrong type', () => {
    const def = mutable();
    def.regions = 'us-east-1';
    expect(errorAt(def, 'regions').message).toContain('must be an array');
  });

  test('fails when an email is malformed, with the fix from the schema', () => {
    const def = mutable();
    def.organization.ous[0].accounts[1].email = 'audit-at-example.com';
    expect(errorAt(def, 'organization.ous[0].accounts[1].email').fix).toContain('aws-prod@example.com');
  });

  test('fails when an email is longer than AWS accepts', () => {
    const def = mutable();
    def.organization.ous[0].accounts[1].email = `${'a'.repeat(60)}@example.com`;
    expect(errorAt(def, 'organization.ous[0].accounts[1].email').message).toContain(
      'must NOT have more than 64 characters',
    );
  });

  test('fails when a role is unknown, suggesting the closest', () => {
    const def = mutable();
    def.organization.ous[0].accounts[1].role = 'auditor';
    expect(errorAt(def, 'organization.ous[0].accounts[1].role').fix).toBe("did you mean 'audit'?");
  });

  test('fails when an account name is one AWS or Landfall would reject', () => {
    const def = mutable();
    def.organization.ous[2].ous[0].accounts[0].name = 'Prod Account!';
    expect(errorAt(def, 'organization.ous[2].ous[0].accounts[0].name').fix).toContain('lowercase letters');
  });

  test('fails when an OU name contains a slash (OU paths use it)', () => {
    const def = mutable();
    def.organization.ous[0].name = 'Security/Audit';
    expect(errorAt(def, 'organization.ous[0].name').fix).toContain('no slashes');
  });

  test('fails when the landing-zone name is not kebab-case', () => {
    const def = mutable();
    def.name = 'Acme_Health';
    expect(errorAt(def, 'name').fix).toContain('acme-health');
  });

  test('fails when a region is not shaped like a region code', () => {
    const def = mutable();
    def.regions = ['us-east-1', 'Virginia'];
    expect(errorAt(def, 'regions[1]').fix).toContain('us-east-1');
  });

  test('fails when a number is outside its range', () => {
    const def = mutable();
    def.encryption = { keyRotationPeriodDays: 30 };
    expect(errorAt(def, 'encryption.keyRotationPeriodDays').fix).toBe('use a number >= 90');
  });

  test('fails when regions are listed twice', () => {
    const def = mutable();
    def.regions = ['us-east-1', 'us-east-1'];
    expect(errorAt(def, 'regions').message).toContain('are the same');
  });
});

describe('organization', () => {
  test('fails when two accounts share an email, in any case', () => {
    const def = mutable();
    def.organization.ous[2].ous[1].accounts[0].email = 'AWS-PROD@example.com';
    const error = errorAt(def, 'organization.ous[2].ous[1].accounts[0].email');
    expect(error.message).toContain('organization.ous[2].ous[0].accounts[0]');
  });

  test('fails when two accounts share a name', () => {
    const def = mutable();
    def.organization.ous[2].ous[1].accounts[0].name = 'prod';
    expect(errorAt(def, 'organization.ous[2].ous[1].accounts[0].name').fix).toBe('each account needs its own name');
  });

  test('fails when there is no audit account', () => {
    const def = mutable();
    def.organization.ous[0].accounts.splice(1, 1);
    expect(errorAt(def, 'organization').message).toBe('no account has role audit');
  });

  test('fails when there are two log-archive accounts', () => {
    const def = mutable();
    def.organization.ous[0].accounts.push({
      name: 'log-archive-2',
      email: 'aws-log2@example.com',
      role: 'log-archive',
    });
    expect(errorAt(def, 'organization.ous[0].accounts[3].role').message).toContain('a second log-archive account');
  });

  test('fails when there are two management accounts', () => {
    const def = mutable();
    def.organization.accounts.push({ name: 'management-2', email: 'aws-mgmt2@example.com', role: 'management' });
    expect(errorAt(def, 'organization.accounts[1].role').fix).toBe('keep exactly one management account');
  });

  test('fails when the management account is not at the root', () => {
    const def = mutable();
    const [management] = def.organization.accounts.splice(0, 1);
    def.organization.ous[0].accounts.push(management);
    expect(errorAt(def, 'organization.ous[0].accounts[3].role').fix).toContain('organization.accounts');
  });

  test('fails when a workload account has no environment', () => {
    const def = mutable();
    delete def.organization.ous[2].ous[1].accounts[0].environment;
    const error = errorAt(def, 'organization.ous[2].ous[1].accounts[0].environment');
    expect(error.message).toBe('a workload account needs an environment');
    expect(error.fix).toBe('add environment: one of prod, dev (network.environments)');
  });

  test('fails when a non-workload account has an environment', () => {
    const def = mutable();
    def.organization.ous[0].accounts[1].environment = 'prod';
    expect(errorAt(def, 'organization.ous[0].accounts[1].environment').fix).toContain('remove environment');
  });

  test('fails when OUs nest deeper than AWS allows', () => {
    const def = mutable();
    def.organization.ous.push({
      name: 'L1',
      ous: [{ name: 'L2', ous: [{ name: 'L3', ous: [{ name: 'L4', ous: [{ name: 'L5', ous: [{ name: 'L6' }] }] }] }] }],
    });
    const error = errorAt(def, 'organization.ous[3].ous[0].ous[0].ous[0].ous[0].ous[0]');
    expect(error.message).toBe('Root/L1/L2/L3/L4/L5/L6 is nested 6 levels deep');
  });

  test('accepts OUs nested exactly as deep as AWS allows', () => {
    const def = mutable();
    def.organization.ous.push({
      name: 'L1',
      ous: [{ name: 'L2', ous: [{ name: 'L3', ous: [{ name: 'L4', ous: [{ name: 'L5' }] }] }] }],
    });
    expect(validate(def).errors).toEqual([]);
  });

  test('fails when two sibling OUs have the same name', () => {
    const def = mutable();
    def.organization.ous.push({ name: 'security' });
    expect(errorAt(def, 'organization.ous[3].name').message).toContain('under the same parent');
  });

  test('accepts the same OU name under different parents', () => {
    const def = mutable();
    def.organization.ous[1].ous = [{ name: 'Prod' }];
    expect(validate(def).errors).toEqual([]);
  });
});

describe('regions', () => {
  test('fails when a region is unknown, suggesting the closest', () => {
    const def = mutable();
    def.regions = ['us-east-1', 'eu-wset-1'];
    expect(errorAt(def, 'regions[1]').fix).toContain("did you mean 'eu-west-1'?");
  });

  test('fails when the home region is not governed', () => {
    const def = mutable();
    def.homeRegion = 'eu-west-1';
    expect(errorAt(def, 'homeRegion').fix).toContain('add eu-west-1 to regions');
  });

  test('fails when backups would be copied into the home region', () => {
    const def = mutable();
    def.backup = { copyRegion: 'us-east-1' };
    expect(errorAt(def, 'backup.copyRegion').fix).toContain('us-west-2');
  });

  test('fails when backups would be copied to an ungoverned region', () => {
    const def = mutable();
    def.backup = { copyRegion: 'eu-west-1' };
    expect(errorAt(def, 'backup.copyRegion').message).toContain('not a governed region');
  });

  test("fails when the pipeline's connection is not in the home region, where the pipeline is", () => {
    const def = mutable();
    def.pipeline = { ...EXAMPLE_DEFINITION.pipeline };
    def.pipeline.connectionArn = def.pipeline.connectionArn.replace(':us-east-1:', ':us-west-2:');
    const error = errorAt(def, 'pipeline.connectionArn');
    expect(error.message).toContain('a connection in us-west-2, but the pipeline is in the home region, us-east-1');
    expect(error.fix).toContain('create the connection in us-east-1');
  });
});

describe('pipeline', () => {
  test("writes out its defaults: the main branch, landing-zone.json, npm ci; the app stays cdk.json's", () => {
    const def = mutable();
    def.pipeline = { ...EXAMPLE_DEFINITION.pipeline };
    const result = validate(def);
    expect(result.valid && result.definition.pipeline).toEqual({
      repository: 'acme-health/landing-zone',
      branch: 'main',
      connectionArn: EXAMPLE_DEFINITION.pipeline!.connectionArn,
      definitionFile: 'landing-zone.json',
      installCommands: ['npm ci'],
    });
    const resolved = validate(mutable());
    expect(resolved.valid && 'pipeline' in resolved.definition).toBe(false);
  });

  test('a connection ARN, a repository or a definition file of the wrong shape is named with its fix', () => {
    const def = mutable();
    def.pipeline = {
      repository: 'landing-zone',
      connectionArn: 'arn:aws:codeconnections:us-east-1:111111111111:repository/x',
      definitionFile: '/etc/landing-zone.json',
    };
    expect(errorAt(def, 'pipeline.repository').fix).toContain('owner/name');
    expect(errorAt(def, 'pipeline.connectionArn').fix).toContain('copy the connection');
    expect(errorAt(def, 'pipeline.definitionFile').fix).toContain('relative path');
  });
});

describe('address plan', () => {
  test('fails when a CIDR is malformed', () => {
    const def = mutable();
    def.network.hubCidr = '10.0.0/20';
    expect(errorAt(def, 'network.hubCidr').message).toContain('is not an IPv4 CIDR block');
  });

  test('fails when a CIDR has host bits set, suggesting the network address', () => {
    const def = mutable();
    def.network.environments.dev.ipamPoolCidr = '10.33.0.0/12';
    expect(errorAt(def, 'network.environments.dev.ipamPoolCidr').fix).toBe('did you mean 10.32.0.0/12?');
  });

  test('fails when an explicit VPC CIDR is too small', () => {
    const def = mutable();
    def.network.environments.dev = { accountCidrs: { dev: '10.64.0.0/26' } };
    expect(errorAt(def, 'network.environments.dev.accountCidrs.dev').fix).toBe('use /24 or larger');
  });

  test('fails when two environments overlap', () => {
    const def = mutable();
    def.network.environments.dev.ipamPoolCidr = '10.16.0.0/13';
    const error = errorAt(def, 'network.environments.dev.ipamPoolCidr');
    expect(error.message).toContain('overlaps 10.16.0.0/12 (the prod IPAM pool');
  });

  test('fails when two accounts of one environment overlap', () => {
    const def = mutable();
    def.organization.ous[2].ous[1].accounts.push({
      name: 'dev-2',
      email: 'aws-dev2@example.com',
      role: 'workload',
      environment: 'dev',
    });
    def.network.environments.dev = { accountCidrs: { dev: '10.64.0.0/20', 'dev-2': '10.64.8.0/21' } };
    expect(errorAt(def, 'network.environments.dev.accountCidrs.dev-2').message).toContain('the VPC of dev,');
  });

  test('fails when the VPN client range overlaps a VPC pool', () => {
    const def = mutable();
    def.access = { vpn: { clientCidr: '10.16.0.0/22' } };
    expect(errorAt(def, 'access.vpn.clientCidr').message).toContain('(the VPN client range) overlaps 10.16.0.0/12');
  });

  test('fails when the VPN client range is smaller than Client VPN accepts', () => {
    const def = mutable();
    def.access = { vpn: { clientCidr: '172.16.0.0/24' } };
    expect(errorAt(def, 'access.vpn.clientCidr').fix).toBe('use a block between /12 and /22');
  });

  test('fails when a workload environment has no address plan', () => {
    const def = mutable();
    delete def.network.environments.dev;
    expect(errorAt(def, 'network.environments.dev').message).toContain('has no address plan');
  });

  test('fails when an environment gives both a pool and explicit CIDRs', () => {
    const def = mutable();
    def.network.environments.dev.accountCidrs = { dev: '10.64.0.0/20' };
    expect(errorAt(def, 'network.environments.dev').message).toBe('has both ipamPoolCidr and accountCidrs');
  });

  test('fails when a pool cannot hold a VPC per account and region', () => {
    const def = mutable();
    def.network.environments.dev = { ipamPoolCidr: '10.32.0.0/20', vpcNetmask: 20 };
    expect(errorAt(def, 'network.environments.dev.ipamPoolCidr').message).toContain('1 accounts in 2 regions need 2');
  });

  test('fails when an explicit CIDR names an account of another environment', () => {
    const def = mutable();
    def.network.environments.dev = { accountCidrs: { dev: '10.64.0.0/20', prod: '10.65.0.0/20' } };
    expect(errorAt(def, 'network.environments.dev.accountCidrs.prod').message).toBe(
      'prod is not a workload account of environment dev',
    );
  });

  test('fails when dev and prod are connected', () => {
    const def = mutable();
    def.network.connections = [{ from: 'dev', to: 'prod' }];
    expect(errorAt(def, 'network.connections[0]').fix).toContain('dev can never reach prod');
  });

  test('fails when an environment marked production is connected to a non-production one', () => {
    const def = mutable();
    def.network.environments.live = { ipamPoolCidr: '10.48.0.0/12', production: true };
    def.network.connections = [{ from: 'live', to: 'dev' }];
    expect(errorAt(def, 'network.connections[0]').message).toContain('production environment live');
  });

  test('accepts a connection between two non-production environments', () => {
    const def = mutable();
    def.network.environments.staging = { ipamPoolCidr: '10.48.0.0/12' };
    def.network.connections = [{ from: 'staging', to: 'dev' }];
    expect(validate(def).errors).toEqual([]);
  });

  test('fails when the peering topology is asked to connect two environments', () => {
    const def = mutable();
    def.network.topology = 'peering';
    def.network.environments.staging = { ipamPoolCidr: '10.48.0.0/12' };
    def.network.connections = [{ from: 'staging', to: 'dev' }];
    expect(errorAt(def, 'network.connections[0]').fix).toContain('use topology: transit-gateway');
  });

  test('fails when an interface endpoint is not written as a service short name', () => {
    const def = mutable();
    def.network.interfaceEndpoints = ['com.amazonaws.us-east-1.ssm', 'SSM'];
    expect(errorAt(def, 'network.interfaceEndpoints[1]').message).toContain('pattern');
  });

  test('fails when availability zones are not zones of their region, or fewer than two', () => {
    const def = mutable();
    def.network.availabilityZones = {
      'us-east-1': ['us-east-1a', 'us-west-2b'],
      'us-west-2': ['us-west-2c', 'us-west-2c'],
    };
    expect(errorAt(def, 'network.availabilityZones.us-east-1[1]').fix).toBe(
      'use us-east-1 followed by a letter, e.g. us-east-1a',
    );
    expect(errorAt(def, 'network.availabilityZones.us-west-2').message).toBe('needs two different zones');
  });

  test('fails when availability zones are given for a region that is not governed', () => {
    const def = mutable();
    def.network.availabilityZones = { 'eu-west-1': ['eu-west-1a', 'eu-west-1b'] };
    expect(errorAt(def, 'network.availabilityZones.eu-west-1').fix).toBe('remove it, or add eu-west-1 to regions');
  });

  test('uses the a and b zones of each region unless told otherwise', () => {
    const def = mutable();
    def.network.availabilityZones = { 'us-west-2': ['us-west-2b', 'us-west-2c', 'us-west-2d'] };
    const result = validate(def);
    expect(result.valid && result.definition.network.availabilityZones).toEqual({
      'us-east-1': ['us-east-1a', 'us-east-1b'],
      'us-west-2': ['us-west-2b', 'us-west-2c', 'us-west-2d'],
    });
  });

  test('fails when a connection names an unknown environment', () => {
    const def = mutable();
    def.network.connections = [{ from: 'dev', to: 'stagign' }];
    expect(errorAt(def, 'network.connections[0].to').message).toContain('stagign is not an environment');
  });
});

describe('other sections', () => {
  test('fails when backups leave cold storage before AWS allows', () => {
    const def = mutable();
    def.backup = { retentionDays: 100, coldStorageAfterDays: 30 };
    expect(errorAt(def, 'backup.retentionDays').fix).toContain('at least 120');
  });

  test('fails when a weekly or monthly rule leaves cold storage before AWS allows, naming the rule', () => {
    const def = mutable();
    def.backup = { monthly: { retentionDays: 120, coldStorageAfterDays: 60 } };
    const error = errorAt(def, 'backup.monthly.retentionDays');
    expect(error.message).toContain('monthly recovery points move to cold storage after 60');
    expect(error.fix).toContain('at least 150');
  });

  test('writes out the backup defaults: three rules, the workload OUs, the selection tag, the lock, restore tests', () => {
    const result = validate(validDefinition());
    expect(result.valid).toBe(true);
    const backup = result.valid ? result.definition.backup : undefined;
    expect(backup).toMatchObject({
      schedule: 'cron(0 5 * * ? *)',
      retentionDays: 35,
      weekly: { schedule: 'cron(0 6 ? * SUN *)', retentionDays: 91 },
      monthly: { schedule: 'cron(0 7 1 * ? *)', retentionDays: 365, coldStorageAfterDays: 90 },
      copyRegion: 'us-west-2',
      ous: ['Root/Workloads'],
      selectionTag: { key: 'backup', value: 'true' },
      centralVault: { minRetentionDays: 35, changeableForDays: 3, airGapped: false },
      restoreTesting: {
        resourceTypes: ['EBS', 'S3', 'DynamoDB', 'EFS'],
        selectionWindowDays: 7,
        validationWindowHours: 4,
      },
    });
    expect(backup?.centralVault.maxRetentionDays).toBeUndefined();
  });

  test("a monthly rule with its own retention keeps no default cold storage; an air-gapped vault's maximum is the longest rule's", () => {
    const def = mutable();
    def.backup = { monthly: { retentionDays: 60 }, centralVault: { airGapped: true } };
    const result = validate(def);
    expect(result.errors).toEqual([]);
    const backup = result.valid ? result.definition.backup : undefined;
    expect(backup?.monthly).toEqual({ schedule: 'cron(0 7 1 * ? *)', retentionDays: 60 });
    expect(backup?.centralVault).toMatchObject({ airGapped: true, maxRetentionDays: 91 });
  });

  test("fails when the central vault's lock would refuse the copies, naming the rule", () => {
    const def = mutable();
    def.backup = { centralVault: { minRetentionDays: 60, maxRetentionDays: 200 } };
    expect(errorAt(def, 'backup.centralVault.minRetentionDays').message).toContain('daily copies are kept 35');
    expect(errorAt(def, 'backup.centralVault.maxRetentionDays').message).toContain('monthly copies are kept 365');
  });

  test('fails when the lock can be changed for less than the 3 days AWS requires', () => {
    const def = mutable();
    def.backup = { centralVault: { changeableForDays: 1 } };
    expect(errorsOf(def).some((e) => e.path === 'backup.centralVault.changeableForDays')).toBe(true);
  });

  test("fails when backup.ous names an OU that does not exist, Root, or the backup account's OU", () => {
    const def = mutable();
    def.backup = { ous: ['Root/Workload', 'Root', 'Root/Security', 'Workloads/Prod'] };
    expect(errorAt(def, 'backup.ous[0]').fix).toContain('Root/Workloads');
    expect(errorAt(def, 'backup.ous[1]').message).toContain('management and backup accounts');
    expect(errorAt(def, 'backup.ous[2]').message).toContain('holds the backup account (backup)');
    expect(errorAt(def, 'backup.ous[3]').fix).toBe('write it as a path from the root, e.g. Root/Workloads/Prod');
  });

  test('an OU name with a slash is one error, at the name, not a second one on the backup OUs derived from it', () => {
    const def = mutable();
    delete def.backup;
    def.organization.ous[2].name = 'Work/loads';
    expect(errorsOf(def).map((e) => e.path)).toEqual(['organization.ous[2].name']);
  });

  test('fails when the backup key is left out, since every vault is encrypted with it', () => {
    const def = mutable();
    def.encryption = { keyPurposes: ['data', 'logs'] };
    expect(errorAt(def, 'encryption.keyPurposes').fix).toBe("add 'backup' to keyPurposes");
  });

  test('fails without a backup account, saying what it is for', () => {
    const def = mutable();
    def.organization.ous[0].accounts = def.organization.ous[0].accounts.filter((a: any) => a.role !== 'backup');
    expect(
      errorsOf(def)
        .map((e) => e.fix)
        .join(),
    ).toContain('role: backup');
  });

  test('fails when restore tests ask for a type they cannot restore', () => {
    const def = mutable();
    def.backup = { restoreTesting: { resourceTypes: ['RDS'] } };
    expect(errorsOf(def).some((e) => e.path.startsWith('backup.restoreTesting.resourceTypes'))).toBe(true);
  });

  test('fails when CloudWatch would reject the retention, suggesting the next value', () => {
    const def = mutable();
    def.logging = { cloudWatchRetentionDays: 100 };
    expect(errorAt(def, 'logging.cloudWatchRetentionDays').fix).toMatch(/^use 120,/);
  });
});

describe('collecting errors', () => {
  test('reports every error at once, not only the first', () => {
    const def = mutable();
    def.netwrok = {};
    def.homeRegion = 'eu-west-1';
    def.organization.ous[2].ous[1].accounts[0].email = 'aws-prod@example.com';
    const paths = errorsOf(def).map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['netwrok', 'homeRegion', 'organization.ous[2].ous[1].accounts[0].email']),
    );
  });

  test('reports a non-object document at the document level', () => {
    expect(errorsOf(['not', 'a', 'definition'])).toEqual([
      { path: '', message: 'must be an object, not a list', fix: 'write an object here' },
    ]);
  });
});

describe('logging and alerts', () => {
  test('writes out the defaults: S3 data events for every bucket (no prefixes), findings from HIGH', () => {
    const result = validate(validDefinition());
    expect(result.valid && result.definition.logging.phiBucketPrefixes).toBeUndefined();
    expect(result.valid && result.definition.alerts.findingSeverity).toBe('HIGH');
  });

  test('keeps the PHI bucket prefixes and the finding severity it is given', () => {
    const def = mutable();
    def.logging = { phiBucketPrefixes: ['acme-phi-'] };
    def.alerts = { findingSeverity: 'MEDIUM' };
    const result = validate(def);
    expect(result.valid && result.definition.logging.phiBucketPrefixes).toEqual(['acme-phi-']);
    expect(result.valid && result.definition.alerts.findingSeverity).toBe('MEDIUM');
  });

  test('fails when a PHI bucket prefix could not start an S3 bucket name, with the fix', () => {
    const def = mutable();
    def.logging = { phiBucketPrefixes: ['Acme_PHI'] };
    expect(errorAt(def, 'logging.phiBucketPrefixes[0]').fix).toContain('lowercase letters, digits, dots and hyphens');
  });

  test('fails when the finding severity is not one GuardDuty and Security Hub share, suggesting the closest', () => {
    const def = mutable();
    def.alerts = { findingSeverity: 'HIHG' };
    expect(errorAt(def, 'alerts.findingSeverity').fix).toContain("'HIGH'");
  });
});
