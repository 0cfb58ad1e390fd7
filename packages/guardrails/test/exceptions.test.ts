import { validateOrThrow } from '@landfall/model';
import { compileGuardrails } from '../src';
import { Case, EXAMPLE, OUTSIDE_ACCOUNT, chainOfOu, decide } from './simulation';

const VENDOR = '444444444444';
const withExceptions = () => {
  const def = JSON.parse(JSON.stringify(EXAMPLE));
  def.guardrails.exceptions = {
    outsideAccounts: [{ accountId: VENDOR, reason: 'the claims clearinghouse receives batches under a BAA' }],
    iamUsers: [
      { name: 'smtp-relay', reason: 'SES SMTP needs user keys; the platform team rotates them every 90 days' },
    ],
    oidcProviders: [
      { host: 'token.actions.githubusercontent.com', reason: 'CI deploys the application stacks from GitHub' },
    ],
  };
  const compiled = compileGuardrails(validateOrThrow(def));
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return chainOfOu(compiled.compilation, 'Root/Workloads/Prod');
};
const open = (resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: resource }],
});
const role = 'arn:aws:iam::111111111111:role/Deploy';
const github = 'token.actions.githubusercontent.com';

describe("the definition's named exceptions, and only them, get through", () => {
  const cases: Array<[string, Case, 'Allowed' | 'ExplicitlyDenied']> = [
    [
      'writing to the listed vendor',
      {
        name: 'v',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::vendor-in/x',
        resourceAccount: VENDOR,
        resourcePolicy: open('arn:aws:s3:::vendor-in/*'),
      },
      'Allowed',
    ],
    [
      'writing to any other outside account',
      {
        name: 'o',
        action: 's3:PutObject',
        resource: 'arn:aws:s3:::other/x',
        resourceAccount: OUTSIDE_ACCOUNT,
        resourcePolicy: open('arn:aws:s3:::other/*'),
      },
      'ExplicitlyDenied',
    ],
    [
      "connecting to the vendor's endpoint service",
      {
        name: 'e',
        action: 'ec2:CreateVpcEndpoint',
        resource: 'arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/*',
        context: { 'ec2:VpceServiceOwner': VENDOR },
      },
      'Allowed',
    ],
    [
      'creating the listed IAM user',
      { name: 'u', action: 'iam:CreateUser', resource: 'arn:aws:iam::111111111111:user/smtp-relay' },
      'Allowed',
    ],
    [
      'creating another IAM user',
      { name: 'u2', action: 'iam:CreateUser', resource: 'arn:aws:iam::111111111111:user/backdoor' },
      'ExplicitlyDenied',
    ],
    [
      'creating the listed OIDC provider',
      {
        name: 'p',
        action: 'iam:CreateOpenIDConnectProvider',
        resource: `arn:aws:iam::111111111111:oidc-provider/${github}`,
      },
      'Allowed',
    ],
    [
      'creating another OIDC provider',
      {
        name: 'p2',
        action: 'iam:CreateOpenIDConnectProvider',
        resource: 'arn:aws:iam::111111111111:oidc-provider/evil.example.com',
      },
      'ExplicitlyDenied',
    ],
    [
      'a token of the listed provider assuming a role that trusts it',
      {
        name: 'w',
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: role,
        federatedProvider: github,
        principal: `arn:aws:iam::111111111111:oidc-provider/${github}`,
        resourcePolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: `arn:aws:iam::111111111111:oidc-provider/${github}` },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Resource: role,
            },
          ],
        },
      },
      'Allowed',
    ],
    [
      'a Google token assuming a role',
      {
        name: 'g',
        action: 'sts:AssumeRoleWithWebIdentity',
        resource: role,
        federatedProvider: 'accounts.google.com',
        principal: 'accounts.google.com',
        resourcePolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Federated: 'accounts.google.com' },
              Action: 'sts:AssumeRoleWithWebIdentity',
              Resource: role,
            },
          ],
        },
      },
      'ExplicitlyDenied',
    ],
  ];
  test.each(cases)('%s', async (_name, c, expected) => {
    expect(await decide(withExceptions(), c)).toBe(expected);
  });
});
