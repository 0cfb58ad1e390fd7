// The origin secret's rotation function, inline (CommonJS, the AWS SDK v3 of the Lambda Node.js runtime, no
// dependencies). Secrets Manager calls it four times per rotation. Not part of the public API.
//
// Environment: WEB_ACL_ARN (the web ACL whose rule RULE_NAME requires the header), RULE_NAME, HEADER_NAME,
// ORIGIN_DOMAIN_NAME (every distribution with an origin of that name sends the header).
// Values are never logged.

export const ROTATION_HANDLER = `'use strict';
const crypto = require('crypto');
const sm = require('@aws-sdk/client-secrets-manager');
const waf = require('@aws-sdk/client-wafv2');
const cf = require('@aws-sdk/client-cloudfront');

const env = process.env;
const secrets = new sm.SecretsManagerClient({});
const cloudfront = new cf.CloudFrontClient({});
// UpdateWebACL takes the whole web ACL: everything GetWebACL returns that it accepts, besides the rules.
const KEPT = ['Description', 'DataProtectionConfig', 'CustomResponseBodies', 'CaptchaConfig', 'ChallengeConfig',
  'TokenDomains', 'AssociationConfig', 'OnSourceDDoSProtectionConfig', 'ApplicationConfig'];

exports.handler = async (event) => {
  const { SecretId: id, ClientRequestToken: token, Step: step } = event;
  const meta = await secrets.send(new sm.DescribeSecretCommand({ SecretId: id }));
  if (!meta.RotationEnabled) throw new Error(id + ': rotation is not enabled');
  const stages = (meta.VersionIdsToStages || {})[token];
  if (!stages) throw new Error(id + ': version ' + token + ' is not a version of the secret');
  if (stages.includes('AWSCURRENT')) return;
  if (!stages.includes('AWSPENDING')) throw new Error(id + ': version ' + token + ' is not AWSPENDING');
  const steps = { createSecret, setSecret, testSecret, finishSecret };
  if (!steps[step]) throw new Error('unknown rotation step ' + step);
  console.log(step + ' of ' + id);
  await steps[step](id, token, meta);
};

async function value(id, version, optional) {
  try {
    const got = await secrets.send(new sm.GetSecretValueCommand({ SecretId: id, ...version }));
    return JSON.parse(got.SecretString).value;
  } catch (e) {
    if (optional && e.name === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

async function createSecret(id, token) {
  await value(id, { VersionStage: 'AWSCURRENT' });
  if (await value(id, { VersionId: token, VersionStage: 'AWSPENDING' }, true)) return;
  const fresh = crypto.randomBytes(32).toString('base64url');
  await secrets.send(new sm.PutSecretValueCommand({
    SecretId: id, ClientRequestToken: token, SecretString: JSON.stringify({ value: fresh }), VersionStages: ['AWSPENDING'],
  }));
}

async function setSecret(id, token) {
  const current = await value(id, { VersionStage: 'AWSCURRENT' });
  const pending = await value(id, { VersionId: token, VersionStage: 'AWSPENDING' });
  const previous = await value(id, { VersionStage: 'AWSPREVIOUS' }, true);
  // The web ACL accepts every value an edge may still send before any edge sends the new one.
  await accept([previous, current, pending]);
  const sent = await send(pending);
  if (sent.length === 0) console.warn('no distribution has an origin named ' + env.ORIGIN_DOMAIN_NAME);
}

async function testSecret(id, token) {
  const pending = await value(id, { VersionId: token, VersionStage: 'AWSPENDING' });
  if (!(await accepted()).includes(pending)) throw new Error(env.RULE_NAME + ' does not accept the pending value');
  for (const distribution of await ours()) {
    const { DistributionConfig: config } = await cloudfront.send(new cf.GetDistributionConfigCommand({ Id: distribution }));
    for (const origin of config.Origins.Items.filter(isOurs)) {
      if (header(origin).HeaderValue !== pending) throw new Error(distribution + ' does not send the pending value');
    }
  }
}

async function finishSecret(id, token, meta) {
  const stages = meta.VersionIdsToStages;
  const current = Object.keys(stages).find((v) => stages[v].includes('AWSCURRENT'));
  await secrets.send(new sm.UpdateSecretVersionStageCommand({
    SecretId: id, VersionStage: 'AWSCURRENT', MoveToVersionId: token, RemoveFromVersionId: current,
  }));
  // The value before last is retired; the last one stays accepted until the next rotation.
  await accept([await value(id, { VersionStage: 'AWSPREVIOUS' }, true), await value(id, { VersionStage: 'AWSCURRENT' })]);
}

function webAcl() {
  const [, , , region, , resource] = env.WEB_ACL_ARN.split(':');
  const [scope, , Name, Id] = resource.split('/');
  return { client: new waf.WAFV2Client({ region }), key: { Name, Id, Scope: scope === 'global' ? 'CLOUDFRONT' : 'REGIONAL' } };
}

async function rule() {
  const { client, key } = webAcl();
  const got = await client.send(new waf.GetWebACLCommand(key));
  const found = got.WebACL.Rules.find((r) => r.Name === env.RULE_NAME);
  if (!found) throw new Error(env.WEB_ACL_ARN + ' has no rule ' + env.RULE_NAME);
  return { client, key, got, found };
}

function matches(v) {
  return { ByteMatchStatement: {
    SearchString: Buffer.from(v), FieldToMatch: { SingleHeader: { Name: env.HEADER_NAME.toLowerCase() } },
    TextTransformations: [{ Priority: 0, Type: 'NONE' }], PositionalConstraint: 'EXACTLY',
  } };
}

async function accept(values) {
  const unique = [...new Set(values.filter(Boolean))].map(matches);
  for (let attempt = 1; ; attempt++) {
    const { client, key, got, found } = await rule();
    found.Statement = { NotStatement: { Statement: unique.length === 1 ? unique[0] : { OrStatement: { Statements: unique } } } };
    const acl = got.WebACL;
    const input = { ...key, LockToken: got.LockToken, DefaultAction: acl.DefaultAction, Rules: acl.Rules, VisibilityConfig: acl.VisibilityConfig };
    for (const k of KEPT) if (acl[k] !== undefined) input[k] = acl[k];
    try {
      await client.send(new waf.UpdateWebACLCommand(input));
      return;
    } catch (e) {
      if (e.name !== 'WAFOptimisticLockException' || attempt >= 3) throw e;
    }
  }
}

async function accepted() {
  const { found } = await rule();
  const values = [];
  const visit = (s) => {
    if (!s) return;
    if (s.ByteMatchStatement) values.push(Buffer.from(s.ByteMatchStatement.SearchString).toString());
    visit(s.NotStatement && s.NotStatement.Statement);
    for (const inner of (s.OrStatement && s.OrStatement.Statements) || []) visit(inner);
  };
  visit(found.Statement);
  return values;
}

function isOurs(origin) {
  return origin.DomainName.toLowerCase() === env.ORIGIN_DOMAIN_NAME.toLowerCase();
}

function header(origin) {
  const items = (origin.CustomHeaders && origin.CustomHeaders.Items) || [];
  let found = items.find((h) => h.HeaderName.toLowerCase() === env.HEADER_NAME.toLowerCase());
  if (!found) items.push((found = { HeaderName: env.HEADER_NAME, HeaderValue: '' }));
  origin.CustomHeaders = { Quantity: items.length, Items: items };
  return found;
}

async function ours() {
  const ids = [];
  let Marker;
  do {
    const { DistributionList: list } = await cloudfront.send(new cf.ListDistributionsCommand({ Marker }));
    for (const d of list.Items || []) if (((d.Origins && d.Origins.Items) || []).some(isOurs)) ids.push(d.Id);
    Marker = list.IsTruncated ? list.NextMarker : undefined;
  } while (Marker);
  return ids;
}

async function send(v) {
  const ids = await ours();
  for (const Id of ids) {
    for (let attempt = 1; ; attempt++) {
      const { DistributionConfig: config, ETag } = await cloudfront.send(new cf.GetDistributionConfigCommand({ Id }));
      for (const origin of config.Origins.Items.filter(isOurs)) header(origin).HeaderValue = v;
      try {
        await cloudfront.send(new cf.UpdateDistributionCommand({ Id, IfMatch: ETag, DistributionConfig: config }));
        break;
      } catch (e) {
        if (e.name !== 'PreconditionFailed' || attempt >= 3) throw e;
      }
    }
  }
  return ids;
}
`;
