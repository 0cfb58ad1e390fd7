import * as crypto from 'crypto';
import { ROTATION_HANDLER } from '../src/rotation-handler';

// The rotation function's inline source, run against in-memory Secrets Manager, WAF and CloudFront.

const ORIGIN = 'origin.example.com';
const SECRET = 'arn:aws:secretsmanager:us-east-1:444444444444:secret:origin-AbCdEf';
const ACL = 'arn:aws:wafv2:us-east-1:444444444444:regional/webacl/landfall-ingress-alb/0a1b2c3d';

interface Version {
  value?: string;
  stages: string[];
}

class AwsError extends Error {
  constructor(public readonly name: string) {
    super(name);
  }
}

/** An account holding the secret (version 'v1', current), the web ACL and two distributions, one of them ours. */
function account() {
  const versions: Record<string, Version> = { v1: { value: 'first-value', stages: ['AWSCURRENT'] } };
  const rule = (values: string[]) => ({
    Name: 'RequireOriginSecret',
    Statement: {
      NotStatement: {
        Statement: { ByteMatchStatement: { SearchString: Buffer.from(values[0]), PositionalConstraint: 'EXACTLY' } },
      },
    },
  });
  const state = {
    versions,
    webAcl: {
      Name: 'landfall-ingress-alb',
      Rules: [rule(['first-value']), { Name: 'RateLimitPerClient' }],
      DefaultAction: { Allow: {} },
    } as any,
    updates: [] as any[],
    distributions: {
      EOURS: {
        Origins: {
          Items: [
            {
              DomainName: ORIGIN,
              CustomHeaders: { Quantity: 1, Items: [{ HeaderName: 'X-Origin-Verify', HeaderValue: 'first-value' }] },
            },
          ],
        },
      },
      ETHEIRS: { Origins: { Items: [{ DomainName: 'other.example.com' }] } },
    } as Record<string, any>,
  };
  const stageOf = (stage: string) => Object.keys(versions).find((v) => versions[v].stages.includes(stage));
  const handlers: Record<string, (input: any) => any> = {
    DescribeSecretCommand: () => ({
      RotationEnabled: true,
      VersionIdsToStages: Object.fromEntries(Object.entries(versions).map(([k, v]) => [k, [...v.stages]])),
    }),
    GetSecretValueCommand: ({ VersionId, VersionStage }) => {
      const id = VersionId ?? stageOf(VersionStage);
      const found = id === undefined ? undefined : versions[id];
      if (!found?.value || !found.stages.includes(VersionStage)) throw new AwsError('ResourceNotFoundException');
      return { SecretString: JSON.stringify({ value: versions[id].value }) };
    },
    PutSecretValueCommand: ({ ClientRequestToken, SecretString, VersionStages }) => {
      versions[ClientRequestToken] = { value: JSON.parse(SecretString).value, stages: VersionStages };
    },
    UpdateSecretVersionStageCommand: ({ VersionStage, MoveToVersionId, RemoveFromVersionId }) => {
      for (const v of Object.values(versions)) v.stages = v.stages.filter((s) => s !== 'AWSPREVIOUS');
      versions[RemoveFromVersionId].stages = ['AWSPREVIOUS'];
      versions[MoveToVersionId].stages = [VersionStage];
    },
    GetWebACLCommand: (key) => {
      expect(key).toEqual({ Name: 'landfall-ingress-alb', Id: '0a1b2c3d', Scope: 'REGIONAL' });
      return { WebACL: structuredClone(state.webAcl), LockToken: 'lock' };
    },
    UpdateWebACLCommand: (input) => {
      state.updates.push(input);
      state.webAcl = { ...state.webAcl, Rules: input.Rules };
    },
    ListDistributionsCommand: () => ({
      DistributionList: {
        IsTruncated: false,
        Items: Object.entries(state.distributions).map(([Id, c]) => ({ Id, Origins: c.Origins })),
      },
    }),
    GetDistributionConfigCommand: ({ Id }) => ({
      DistributionConfig: structuredClone(state.distributions[Id]),
      ETag: 'etag',
    }),
    UpdateDistributionCommand: ({ Id, IfMatch, DistributionConfig }) => {
      expect(IfMatch).toBe('etag');
      state.distributions[Id] = DistributionConfig;
    },
  };
  const sdk = () => {
    const module: Record<string, any> = {};
    for (const name of Object.keys(handlers)) {
      module[name] = {
        [name]: class {
          constructor(public readonly input: any) {}
        },
      }[name];
    }
    const client = class {
      async send(command: any) {
        return handlers[command.constructor.name](command.input);
      }
    };
    return { ...module, SecretsManagerClient: client, WAFV2Client: client, CloudFrontClient: client };
  };
  return { state, sdk };
}

/** The handler, loaded as Lambda loads index.js, with the function's environment. */
function load(sdk: () => any) {
  const env = {
    WEB_ACL_ARN: ACL,
    RULE_NAME: 'RequireOriginSecret',
    HEADER_NAME: 'X-Origin-Verify',
    ORIGIN_DOMAIN_NAME: ORIGIN,
  };
  const module = { exports: {} as any };
  const fakeRequire = (name: string) => (name === 'crypto' ? crypto : sdk());
  const quiet = { log: () => undefined, warn: () => undefined };
  new Function('require', 'module', 'exports', 'process', 'console', ROTATION_HANDLER)(
    fakeRequire,
    module,
    module.exports,
    { env },
    quiet,
  );
  return (Step: string) => module.exports.handler({ SecretId: SECRET, ClientRequestToken: 'v2', Step });
}

/** The values the web ACL's rule accepts. */
function accepted(webAcl: any): string[] {
  const not = webAcl.Rules[0].Statement.NotStatement.Statement;
  const matches = not.OrStatement ? not.OrStatement.Statements : [not];
  return matches.map((m: any) => Buffer.from(m.ByteMatchStatement.SearchString).toString()).sort();
}

test('a rotation accepts the new value in the web ACL, sends it from our distribution only, then makes it current', async () => {
  // GIVEN an account whose origin secret is 'first-value', and the version Secrets Manager stages for the rotation
  const { state, sdk } = account();
  state.versions.v2 = { stages: ['AWSPENDING'] };
  const step = load(sdk);
  // WHEN Secrets Manager runs the four steps
  await step('createSecret');
  await step('setSecret');
  const fresh = state.versions.v2.value!;
  const duringRotation = accepted(state.webAcl);
  await step('testSecret');
  await step('finishSecret');
  // THEN the new value is random, was accepted beside the old one before CloudFront sent it, and is current
  expect(fresh).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(duringRotation).toEqual(['first-value', fresh].sort());
  expect(state.distributions.EOURS.Origins.Items[0].CustomHeaders.Items).toEqual([
    { HeaderName: 'X-Origin-Verify', HeaderValue: fresh },
  ]);
  expect(state.distributions.ETHEIRS.Origins.Items[0].CustomHeaders).toBeUndefined();
  expect(state.versions.v2.stages).toEqual(['AWSCURRENT']);
  expect(state.versions.v1.stages).toEqual(['AWSPREVIOUS']);
  expect(accepted(state.webAcl)).toEqual(['first-value', fresh].sort());
  // and the other rules and settings of the web ACL are sent back unchanged
  expect(state.updates[0]).toMatchObject({ Scope: 'REGIONAL', LockToken: 'lock', DefaultAction: { Allow: {} } });
  expect(state.webAcl.Rules[1]).toEqual({ Name: 'RateLimitPerClient' });
});

test('the next rotation retires the value before last', async () => {
  // GIVEN a secret rotated once ('second' current, 'first' previous) and a third version pending
  const { state, sdk } = account();
  state.versions.v1 = { value: 'first', stages: ['AWSPREVIOUS'] };
  state.versions.v0 = { value: 'second', stages: ['AWSCURRENT'] };
  state.versions.v2 = { value: 'third', stages: ['AWSPENDING'] };
  const step = load(sdk);
  // WHEN the rotation sets and finishes
  await step('setSecret');
  const duringRotation = accepted(state.webAcl);
  await step('finishSecret');
  // THEN all three were accepted while edges updated; afterwards only the current and the previous value are
  expect(duringRotation).toEqual(['first', 'second', 'third']);
  expect(accepted(state.webAcl)).toEqual(['second', 'third']);
});

test('fails the test step when a distribution does not send the pending value', async () => {
  // GIVEN a pending value CloudFront was never given
  const { state, sdk } = account();
  state.versions.v2 = { value: 'pending-value', stages: ['AWSPENDING'] };
  const step = load(sdk);
  // WHEN the web ACL accepts it but the distribution still sends the old value
  state.webAcl.Rules[0].Statement.NotStatement.Statement.ByteMatchStatement.SearchString = Buffer.from('pending-value');
  // THEN the test step fails, so Secrets Manager keeps the current value
  await expect(step('testSecret')).rejects.toThrow(/EOURS does not send the pending value/);
});

test('fails when the web ACL has no origin secret rule', async () => {
  // GIVEN a web ACL whose rule was renamed
  const { state, sdk } = account();
  state.versions.v2 = { value: 'pending-value', stages: ['AWSPENDING'] };
  state.webAcl.Rules[0].Name = 'Renamed';
  // WHEN the rotation sets the secret THEN it fails, naming the rule
  await expect(load(sdk)('setSecret')).rejects.toThrow(/has no rule RequireOriginSecret/);
});
