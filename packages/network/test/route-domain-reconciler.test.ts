import { inMemorySdk, loadReconciler, reconcilerSource } from '@landfall/encryption/lib/deploy-time-reconciler';
import { ROUTE_DOMAIN_SOURCE } from '../src/route-domain-reconciler';

// The route domains' function, run against an in-memory transit gateway: what CloudFormation's requests make of
// the gateway's associations and propagations.

const TGW = 'tgw-0123456789abcdef0';
const TABLES = { shared: 'tgw-rtb-shared', dev: 'tgw-rtb-dev', staging: 'tgw-rtb-staging', prod: 'tgw-rtb-prod' };

class AwsError extends Error {
  constructor(public readonly name: string) {
    super(name);
  }
}

interface Attachment {
  State: string;
  Association?: { TransitGatewayRouteTableId: string; State: string };
  /** The account that made it. @default '444444444444' */
  ResourceOwnerId?: string;
}

const OWNER = '444444444444';

/** A gateway with attachments (by ID) and, per table, the attachments propagating into it. */
function gateway(attachments: Record<string, Attachment>, propagating: Record<string, string[]> = {}) {
  const propagations: Record<string, Set<string>> = Object.fromEntries(
    Object.entries(TABLES).map(([name, t]) => [t, new Set<string>(propagating[name] ?? [])]),
  );
  const calls: string[] = [];
  const handlers: Record<string, (input: any) => any> = {
    DescribeTransitGatewayAttachments: ({ Filters }) => {
      expect(Filters).toEqual([{ Name: 'transit-gateway-id', Values: [TGW] }]);
      const out = Object.entries(attachments).map(([id, a]) => ({
        TransitGatewayAttachmentId: id,
        ResourceOwnerId: OWNER,
        ...structuredClone(a),
      }));
      // Transitions finish between two readings: accepted attachments become available, disassociations end.
      for (const a of Object.values(attachments)) {
        if (a.State === 'pending') a.State = 'available';
        if (a.Association?.State === 'disassociating') delete a.Association;
      }
      return { TransitGatewayAttachments: out };
    },
    AssociateTransitGatewayRouteTable: ({ TransitGatewayRouteTableId, TransitGatewayAttachmentId }) => {
      const a = attachments[TransitGatewayAttachmentId];
      if (a.State !== 'available' || a.Association) throw new AwsError('IncorrectState');
      a.Association = { TransitGatewayRouteTableId, State: 'associated' };
    },
    DisassociateTransitGatewayRouteTable: ({ TransitGatewayRouteTableId, TransitGatewayAttachmentId }) => {
      const a = attachments[TransitGatewayAttachmentId];
      if (a.Association?.TransitGatewayRouteTableId !== TransitGatewayRouteTableId) {
        throw new AwsError('InvalidAssociation.NotFound');
      }
      const association = a.Association!;
      if (association.State !== 'associated') throw new AwsError('IncorrectState');
      association.State = 'disassociating';
    },
    GetTransitGatewayRouteTablePropagations: ({ TransitGatewayRouteTableId }) => ({
      TransitGatewayRouteTablePropagations: [...propagations[TransitGatewayRouteTableId]].map((id) => ({
        TransitGatewayAttachmentId: id,
        State: 'enabled',
      })),
    }),
    EnableTransitGatewayRouteTablePropagation: ({ TransitGatewayRouteTableId, TransitGatewayAttachmentId }) => {
      propagations[TransitGatewayRouteTableId].add(TransitGatewayAttachmentId);
    },
    DisableTransitGatewayRouteTablePropagation: ({ TransitGatewayRouteTableId, TransitGatewayAttachmentId }) => {
      propagations[TransitGatewayRouteTableId].delete(TransitGatewayAttachmentId);
    },
  };
  // Every call that changes the gateway, in order.
  const recorded = Object.fromEntries(
    Object.entries(handlers).map(([name, handle]) => [
      name,
      (input: any) => {
        if (!/^(Describe|Get)/.test(name)) calls.push(`${name} ${JSON.stringify(input)}`);
        return handle(input);
      },
    ]),
  );
  const sdk = inMemorySdk(recorded, 'EC2Client');
  const run = loadReconciler(reconcilerSource(ROUTE_DOMAIN_SOURCE), { '@aws-sdk/client-ec2': sdk });
  /** Where each attachment is associated, and which tables each propagates into, by table name. */
  const state = () => {
    const name = (t?: string) => Object.entries(TABLES).find(([, id]) => id === t)?.[0];
    return Object.fromEntries(
      Object.entries(attachments).map(([id, a]) => [
        id,
        {
          associated: name(a.Association?.TransitGatewayRouteTableId),
          propagates: Object.entries(propagations)
            .filter(([, set]) => set.has(id))
            .map(([t]) => name(t))
            .sort(),
        },
      ]),
    );
  };
  return { run, state, calls };
}

const domain = (environment: 'dev' | 'staging' | 'prod', attachments: string[], into: string[] = ['shared']) => ({
  ServiceToken: 'arn:aws:lambda:us-east-1:111111111111:function:landfall-route-domains',
  TransitGatewayId: TGW,
  RouteTableId: TABLES[environment],
  Tables: Object.values(TABLES),
  PropagateInto: into.map((t) => TABLES[t as keyof typeof TABLES]),
  Foreign: environment === 'prod' ? [TABLES.dev, TABLES.staging] : [TABLES.prod],
  Attachments: attachments.map((Id) => ({ Id, Account: OWNER })),
});

test("places new attachments in their environment's table, propagating into shared only, and leaves others alone", async () => {
  // GIVEN two spokes just attached (pending acceptance) and an attachment no route domain lists
  const tgw = gateway({
    'tgw-attach-prod1': { State: 'pending' },
    'tgw-attach-prod2': { State: 'available' },
    'tgw-attach-other': { State: 'available' },
  });
  // WHEN CloudFormation creates prod's route domain
  const answer = await tgw.run({
    RequestType: 'Create',
    ResourceProperties: domain('prod', ['tgw-attach-prod1', 'tgw-attach-prod2']),
  });
  // THEN both are in prod's table and propagate only into shared; the unlisted attachment reaches nothing
  expect(answer).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: `route-domain/${TABLES.prod}` });
  expect(tgw.state()).toEqual({
    'tgw-attach-prod1': { associated: 'prod', propagates: ['shared'] },
    'tgw-attach-prod2': { associated: 'prod', propagates: ['shared'] },
    'tgw-attach-other': { associated: undefined, propagates: [] },
  });
});

test('a rerun changes nothing (the function brings the gateway to the list, it does not replay calls)', async () => {
  const tgw = gateway({ 'tgw-attach-prod1': { State: 'available' } });
  const props = domain('prod', ['tgw-attach-prod1']);
  await tgw.run({ RequestType: 'Create', ResourceProperties: props });
  const made = tgw.calls.length;
  const answer = await tgw.run({
    RequestType: 'Update',
    PhysicalResourceId: `route-domain/${TABLES.prod}`,
    ResourceProperties: props,
    OldResourceProperties: props,
  });
  expect(answer.Status).toBe('SUCCESS');
  expect(tgw.calls.length).toBe(made);
});

test("an account moved from dev to staging leaves dev's table before it joins staging's, whichever domain updates first", async () => {
  for (const order of [
    ['staging', 'dev'],
    ['dev', 'staging'],
  ]) {
    // GIVEN an attachment placed in dev
    const tgw = gateway({ 'tgw-attach-moved': { State: 'available' }, 'tgw-attach-dev': { State: 'available' } });
    await tgw.run({ RequestType: 'Create', ResourceProperties: domain('dev', ['tgw-attach-moved', 'tgw-attach-dev']) });
    await tgw.run({ RequestType: 'Create', ResourceProperties: domain('staging', []) });
    // WHEN both domains update: staging now lists it, dev no longer does
    const updates = {
      staging: {
        ResourceProperties: domain('staging', ['tgw-attach-moved']),
        OldResourceProperties: domain('staging', []),
      },
      dev: {
        ResourceProperties: domain('dev', ['tgw-attach-dev']),
        OldResourceProperties: domain('dev', ['tgw-attach-moved', 'tgw-attach-dev']),
      },
    };
    for (const environment of order) {
      const answer = await tgw.run({ RequestType: 'Update', ...updates[environment as 'dev' | 'staging'] });
      expect([order, environment, answer.Status]).toEqual([order, environment, 'SUCCESS']);
    }
    // THEN it is in staging's table only, and dev's other spoke is untouched
    expect(tgw.state()).toEqual({
      'tgw-attach-moved': { associated: 'staging', propagates: ['shared'] },
      'tgw-attach-dev': { associated: 'dev', propagates: ['shared'] },
    });
  }
});

test('never takes an attachment out of the other production class: a move between dev and prod needs a person', async () => {
  const tgw = gateway({ 'tgw-attach-moved': { State: 'available' } });
  await tgw.run({ RequestType: 'Create', ResourceProperties: domain('dev', ['tgw-attach-moved']) });
  const made = tgw.calls.length;
  const answer = await tgw.run({ RequestType: 'Create', ResourceProperties: domain('prod', ['tgw-attach-moved']) });
  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain('tgw-attach-moved: in a route domain of the other production class (tgw-rtb-dev)');
  expect(answer.Reason).toContain('take it out of that table by hand');
  expect(tgw.calls.length).toBe(made);
  expect(tgw.state()['tgw-attach-moved'].associated).toBe('dev');
});

test("refuses an attachment of another account than the spoke's: a wrong record never moves someone else's VPC", async () => {
  const tgw = gateway({ 'tgw-attach-theirs': { State: 'available', ResourceOwnerId: '555555555555' } });
  const answer = await tgw.run({ RequestType: 'Create', ResourceProperties: domain('dev', ['tgw-attach-theirs']) });
  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain("tgw-attach-theirs is 555555555555's, not 444444444444");
  expect(tgw.calls).toEqual([]);
});

test('an attachment its account deleted is skipped, and the rest of the domain is still placed', async () => {
  const tgw = gateway({ 'tgw-attach-gone': { State: 'deleted' }, 'tgw-attach-dev': { State: 'available' } });
  const answer = await tgw.run({
    RequestType: 'Create',
    ResourceProperties: domain('dev', ['tgw-attach-gone', 'tgw-attach-dev']),
  });
  expect(answer).toMatchObject({ Status: 'SUCCESS', Data: { Attachments: '1' } });
  expect(tgw.state()['tgw-attach-dev']).toEqual({ associated: 'dev', propagates: ['shared'] });
});

test('a link withdrawn stops the propagation into the other environment; delete undoes only its own spokes', async () => {
  const tgw = gateway({ 'tgw-attach-dev': { State: 'available' }, 'tgw-attach-prod': { State: 'available' } });
  await tgw.run({ RequestType: 'Create', ResourceProperties: domain('prod', ['tgw-attach-prod']) });
  const linked = domain('dev', ['tgw-attach-dev'], ['shared', 'dev']);
  await tgw.run({ RequestType: 'Create', ResourceProperties: linked });
  expect(tgw.state()['tgw-attach-dev'].propagates).toEqual(['dev', 'shared']);
  await tgw.run({
    RequestType: 'Update',
    ResourceProperties: domain('dev', ['tgw-attach-dev']),
    OldResourceProperties: linked,
  });
  expect(tgw.state()['tgw-attach-dev'].propagates).toEqual(['shared']);
  // Deleting dev's domain (the stack, or the environment, removed) leaves prod's spoke as it was.
  const answer = await tgw.run({ RequestType: 'Delete', ResourceProperties: domain('dev', ['tgw-attach-dev']) });
  expect(answer.Status).toBe('SUCCESS');
  expect(tgw.state()).toEqual({
    'tgw-attach-dev': { associated: undefined, propagates: [] },
    'tgw-attach-prod': { associated: 'prod', propagates: ['shared'] },
  });
});

test('an attachment the gateway does not have fails the deploy, naming it and the fix, and places nothing', async () => {
  const tgw = gateway({ 'tgw-attach-prod1': { State: 'available' } });
  const answer = await tgw.run({
    RequestType: 'Create',
    ResourceProperties: domain('prod', ['tgw-attach-prod1', 'tgw-attach-typo']),
  });
  expect(answer.Status).toBe('FAILED');
  expect(answer.Reason).toContain(`not attachments of ${TGW}: tgw-attach-typo`);
  expect(answer.Reason).toContain("record each account's attachment from its own network stack's output");
  expect(tgw.calls).toEqual([]);
});

test("a spoke placed in prod propagates into no other environment's table, whatever it propagated into before", async () => {
  // GIVEN an attachment that propagates into dev's table (enabled by hand, or by a link since withdrawn)
  const tgw = gateway({ 'tgw-attach-prod': { State: 'available' } }, { dev: ['tgw-attach-prod'] });
  // WHEN prod's domain places it
  await tgw.run({ RequestType: 'Create', ResourceProperties: domain('prod', ['tgw-attach-prod']) });
  // THEN dev's table no longer learns its routes
  expect(tgw.state()['tgw-attach-prod']).toEqual({ associated: 'prod', propagates: ['shared'] });
});
