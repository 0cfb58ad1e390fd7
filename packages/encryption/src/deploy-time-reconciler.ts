import * as url from 'url';
import { Aws, CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  DEPLOY_TIME_ROLE_PREFIX,
  MANAGED_POLICY_PATH,
  WILDCARD_REASON,
  acknowledgeUpkeepFunction,
} from './account-settings-call';
import { DeployTimeLogsProps } from './deploy-time-logs';
import { acknowledgeWildcards } from './nag-wildcards';

/**
 * The CloudFormation side of every reconciler function (CommonJS, Node's own modules only): `exports.handler` runs
 * the `reconcile(event, deadline)` the reconciler's source defines, and answers CloudFormation at the request's
 * pre-signed URL. A reconciliation that would outlive the function fails with a message saying so, never with a
 * silent timeout.
 */
const RESPONSE = `
const https = require('https');
const url = require('url');
let DEADLINE = Infinity;

exports.handler = async (event, context) => {
  const deadline = Date.now() + context.getRemainingTimeInMillis() - 30000;
  DEADLINE = deadline;
  let status = 'SUCCESS';
  let reason;
  let result = {};
  try {
    console.log(event.RequestType + ' ' + event.LogicalResourceId);
    result = (await reconcile(event, deadline)) || {};
  } catch (e) {
    status = 'FAILED';
    reason = String((e && e.message) || e).slice(0, 2000);
    console.log('FAILED: ' + reason);
  }
  await respond(event, {
    Status: status,
    Reason: reason || 'see ' + context.logStreamName,
    PhysicalResourceId: result.physicalId || event.PhysicalResourceId || event.LogicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: result.data || {},
  });
};

function respond(event, answer) {
  const body = JSON.stringify(answer);
  const target = url.parse(event.ResponseURL);
  return new Promise((resolve, reject) => {
    const request = https.request(
      { hostname: target.hostname, path: target.path, method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } },
      (response) => { response.resume(); response.on('end', resolve); },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** Runs fn on every item, a few at a time; throws once, naming the first failures, after trying them all. */
async function each(items, fn, width) {
  const failures = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (Date.now() > DEADLINE) throw new Error('the function had to stop after ' + next + ' of ' + items.length + ': the list is longer than one run of the function can make');
      const item = items[next++];
      try { await fn(item); } catch (e) { failures.push(item + ': ' + ((e && (e.name + ' ' + e.message)) || e)); }
    }
  };
  await Promise.all(Array.from({ length: Math.min(width || 5, items.length) }, worker));
  if (failures.length > 0) {
    throw new Error(failures.length + ' of ' + items.length + ' failed: ' + failures.slice(0, 5).join('; '));
  }
}

/** Waits until check() is true, polling; past the deadline, fails with what it waited for. */
async function until(deadline, what, check) {
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error('still waiting for ' + what + ' when the function had to stop: deploy again (what is already as listed is left as it is)');
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
}
`;

/** A reconciler's full source: its own part (which defines `reconcile(event, deadline)`) and the CloudFormation side. */
export function reconcilerSource(own: string): string {
  return `'use strict';\n${own}\n${RESPONSE}`;
}

/** Props of `DeployTimeReconciler`. */
export interface DeployTimeReconcilerProps extends DeployTimeLogsProps {
  /** The function's name (`landfall-...`), unique in its account and region. */
  readonly functionName: string;
  /** What the function does, for its description. */
  readonly description: string;
  /** The reconciler's own part of the source (see `reconcilerSource`). */
  readonly source: string;
  /** What the function may do besides writing its logs. */
  readonly statements: iam.PolicyStatement[];
}

/**
 * A deploy-time function that makes many like things in one CloudFormation resource (spoke attachments placed in
 * route domains, Identity Center assignments, Macie members): the list is the resource's property, and the function
 * brings AWS to the list on every create and update, and undoes its own part on delete. So a stack stays the same
 * size whatever the number of accounts, where one resource per thing would grow it by thousands.
 *
 * The function's role is a deploy-time role (`landfall-deploy-time-*`): exempt from the guardrails whose changes it
 * makes, and so protected like every exempt role; the function itself can be invoked only by Landfall's deploy roles
 * (ProtectLandfallFunctions). It has its own log group (kept on deletion, encrypted with the logs key) and a managed
 * policy under the path the guardrails protect.
 *
 * HIPAA: 164.312(a)(1) access control; 164.312(b) audit controls (through what it keeps as the definition says:
 * route domains, Identity Center assignments, Macie's members; each call is in its own kept log group and CloudTrail).
 */
export class DeployTimeReconciler extends Construct {
  public readonly function: lambda.Function;
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: DeployTimeReconcilerProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/lambda/${props.functionName}`,
      encryptionKey: props.logKey,
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const logGroupArn = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:/aws/lambda/${props.functionName}`;
    const role = new iam.Role(this, 'Role', {
      roleName: `${DEPLOY_TIME_ROLE_PREFIX}${props.functionName.replace(/^landfall-/, '')}-${Aws.REGION}`,
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Landfall deploy-time reconciler (${props.functionName})`,
    });
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      path: MANAGED_POLICY_PATH,
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [`${logGroupArn}:log-stream:*`],
        }),
        ...props.statements,
      ],
    });
    // Each wildcard, by name, with Landfall's one reason for them.
    const wildcards = [`${logGroupArn}:log-stream:*`, ...props.statements.flatMap((s) => s.resources)];
    acknowledgeWildcards(this.policy, [...new Set(wildcards.filter((r) => r.includes('*')))], WILDCARD_REASON);
    this.function = new lambda.Function(this, 'Function', {
      functionName: props.functionName,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromInline(reconcilerSource(props.source)),
      role,
      logGroup,
      timeout: Duration.minutes(15),
      memorySize: 256,
    });
    this.function.node.addDependency(this.policy);
    acknowledgeUpkeepFunction(this.function);
  }

  /** One resource of the reconciler: CloudFormation hands it `properties` (and the previous ones on update). */
  public resource(
    scope: Construct,
    id: string,
    resourceType: string,
    properties: Record<string, unknown>,
  ): CustomResource {
    return new CustomResource(scope, id, {
      serviceToken: this.function.functionArn,
      // A function that stops without answering (it answers before its own 15 minutes run out) fails the resource
      // soon after, rather than after CloudFormation's default hour.
      serviceTimeout: Duration.minutes(16),
      resourceType,
      properties,
    });
  }
}

/** What a reconciler answered CloudFormation (see `loadReconciler`). */
export interface ReconcilerAnswer {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly Reason: string;
  readonly PhysicalResourceId: string;
  readonly Data: Record<string, string>;
}

/**
 * Loads a reconciler's full source as Lambda loads `index.js`, with `modules` standing in for the AWS SDK's
 * (`require('@aws-sdk/client-ec2')` gets `modules['@aws-sdk/client-ec2']`), and returns a function that hands it a
 * CloudFormation request and resolves with its answer. Waits do not sleep. For tests of a reconciler against
 * in-memory AWS; `console` output is dropped.
 */
export function loadReconciler(
  source: string,
  modules: Record<string, unknown>,
): (event: Record<string, unknown>) => Promise<ReconcilerAnswer> {
  let answer: ReconcilerAnswer | undefined;
  const https = {
    request: (_options: unknown, callback: (response: unknown) => void) => ({
      on: () => undefined,
      end: (body: string) => {
        answer = JSON.parse(body);
        callback({ resume: () => undefined, on: (_event: string, done: () => void) => done() });
      },
    }),
  };
  const required: Record<string, unknown> = { ...modules, https, url };
  const module = { exports: {} as { handler: (event: unknown, context: unknown) => Promise<void> } };
  const quiet = { log: () => undefined };
  const immediately = (resolve: () => void) => resolve();
  new Function('require', 'module', 'exports', 'console', 'setTimeout', source)(
    (name: string) => {
      if (!(name in required)) throw new Error(`the reconciler requires ${name}, which the test does not provide`);
      return required[name];
    },
    module,
    module.exports,
    quiet,
    immediately,
  );
  return async (event) => {
    answer = undefined;
    const request = {
      StackId: 'arn:aws:cloudformation:us-east-1:111111111111:stack/test/1',
      RequestId: 'request',
      LogicalResourceId: 'Resource',
      ResponseURL: 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/response',
      ...event,
    };
    await module.exports.handler(request, { getRemainingTimeInMillis: () => 900_000, logStreamName: 'stream' });
    if (!answer) throw new Error('the reconciler did not answer CloudFormation');
    return answer;
  };
}

/**
 * An AWS SDK v3 client module for `loadReconciler`: a `<Name>Command` class for each handler, and clients (by name)
 * whose `send` runs the command's handler with its input (a handler may throw an error whose `name` is AWS's code).
 */
export function inMemorySdk(
  handlers: Record<string, (input: any) => unknown>,
  ...clients: string[]
): Record<string, unknown> {
  const sdk: Record<string, unknown> = {};
  for (const name of Object.keys(handlers)) {
    sdk[`${name}Command`] = {
      [name]: class {
        constructor(public readonly input: unknown) {}
      },
    }[name];
  }
  for (const client of clients) {
    sdk[client] = class {
      async send(command: { constructor: { name: string }; input: unknown }) {
        return handlers[command.constructor.name](command.input);
      }
    };
  }
  return sdk;
}
