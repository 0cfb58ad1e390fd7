// The route-domain reconciler's own source (CommonJS, the AWS SDK v3 of the Lambda Node.js runtime, no
// dependencies), run by `DeployTimeReconciler`. Not part of the public API.
//
// One resource is one environment's route domain on one transit gateway. Properties:
//   TransitGatewayId, Tables (every route table of the gateway), RouteTableId (the environment's table),
//   PropagateInto (the tables its spokes propagate into: `shared` and linked environments), Foreign (the tables of
//   the environments of the other production class), Attachments (the environment's spokes: [{ Id, Account }],
//   Account the ID of the account the attachment must belong to).
// On create and update, every listed attachment ends up associated with RouteTableId (moved there from any other
// table) and propagating into exactly PropagateInto of all the Tables; an attachment the update no longer lists, or
// every one on delete, is disassociated from RouteTableId (if still there) and stops propagating into the tables it
// did, unless another domain has taken it. Nothing else is touched: an attachment no domain lists keeps whatever it
// has. The domains of one gateway update one after another (TransitGatewaySpokeRouting chains them), so a move
// between two of them never races. It refuses an attachment of another account than the one listed, and it never
// takes an attachment out of a table of the other production class: that move needs a person. After acting, it
// reads the gateway again until what it sees is what the list says (or the function must stop).

/**
 * How many spokes one environment's route domain places in one region: the attachment IDs travel in the request
 * CloudFormation sends the function (old and new lists, on update), which must stay well under Lambda's limit.
 */
export const MAX_SPOKES_PER_ROUTE_DOMAIN = 2000;

export const ROUTE_DOMAIN_SOURCE = `
const sdk = require('@aws-sdk/client-ec2');
const ec2 = new sdk.EC2Client({ maxAttempts: 10, retryMode: 'adaptive' });
const call = (name, input) => ec2.send(new sdk[name + 'Command'](input));

async function pages(name, input, key) {
  const out = [];
  let token;
  do {
    const page = await call(name, { ...input, NextToken: token });
    out.push(...(page[key] || []));
    token = page.NextToken;
  } while (token);
  return out;
}

// What another domain of the gateway (or an earlier, interrupted run) may already have done: the final reading
// of the gateway decides whether the domain is as listed.
const GONE = ['IncorrectState', 'InvalidAssociation.NotFound', 'InvalidTransitGatewayAttachmentID.NotFound', 'InvalidRouteTableID.NotFound'];
const settled = (promise) => promise.catch((e) => { if (!GONE.includes(e.name)) throw e; });
const DEAD = ['deleting', 'deleted', 'failed', 'failing', 'rejected', 'rejecting'];

async function reconcile(event, deadline) {
  const p = event.ResourceProperties;
  const deleting = event.RequestType === 'Delete';
  const old = event.RequestType === 'Update' ? event.OldResourceProperties : deleting ? p : { Attachments: [], PropagateInto: [] };
  const table = p.RouteTableId;
  const oldTable = old.RouteTableId || table;
  const foreign = p.Foreign || [];
  const listed = deleting ? [] : p.Attachments;
  const into = deleting ? [] : p.PropagateInto;
  const describe = async () => new Map((await pages('DescribeTransitGatewayAttachments', {
    Filters: [{ Name: 'transit-gateway-id', Values: [p.TransitGatewayId] }],
  }, 'TransitGatewayAttachments')).map((a) => [a.TransitGatewayAttachmentId, a]));
  let attachments = await describe();
  const association = (a) => {
    const found = attachments.get(a) && attachments.get(a).Association;
    return found && found.State !== 'disassociated' ? found : undefined;
  };
  const tableOf = (a) => association(a) && association(a).TransitGatewayRouteTableId;

  const unknown = listed.filter((s) => !attachments.has(s.Id));
  if (unknown.length > 0) {
    throw new Error('not attachments of ' + p.TransitGatewayId + ': ' + unknown.slice(0, 10).map((s) => s.Id).join(', ') +
      ': record each account\\'s attachment from its own network stack\\'s output, then deploy again');
  }
  const stranger = listed.filter((s) => s.Account && attachments.get(s.Id).ResourceOwnerId !== s.Account);
  if (stranger.length > 0) {
    throw new Error('attachments of other accounts than recorded: ' + stranger.slice(0, 10)
      .map((s) => s.Id + ' is ' + attachments.get(s.Id).ResourceOwnerId + '\\'s, not ' + s.Account).join('; ') +
      ': record each account\\'s own attachment, then deploy again');
  }
  // An attachment its account deleted is skipped, so that one account cannot hold up its region's routing.
  const dead = listed.filter((s) => DEAD.includes(attachments.get(s.Id).State)).map((s) => s.Id);
  if (dead.length > 0) console.log('skipped, deleted or failed: ' + dead.join(', '));
  const keep = listed.map((s) => s.Id).filter((a) => !dead.includes(a));
  const leaving = old.Attachments.map((s) => s.Id).filter((a) => !listed.some((s) => s.Id === a));

  // New attachments are accepted automatically; wait until they can be placed.
  await until(deadline, 'attachments to become available', async () => {
    if (keep.every((a) => attachments.get(a).State === 'available')) return true;
    attachments = await describe();
    return false;
  });
  const crossing = keep.filter((a) => foreign.includes(tableOf(a)));
  if (crossing.length > 0) {
    throw new Error(crossing.join(', ') + ': in a route domain of the other production class (' + crossing.map(tableOf).join(', ') +
      '); Landfall does not move an account between production and non-production: take it out of that table by hand (a network role), then deploy again');
  }
  // Moves: an attachment in another table of its class leaves it first (an attachment has one association).
  const moving = keep.filter((a) => tableOf(a) && tableOf(a) !== table);
  await each(moving, (a) => settled(call('DisassociateTransitGatewayRouteTable', { TransitGatewayRouteTableId: tableOf(a), TransitGatewayAttachmentId: a })));
  if (moving.length > 0) {
    await until(deadline, 'attachments to leave their previous route tables', async () => {
      attachments = await describe();
      return moving.every((a) => !tableOf(a) || tableOf(a) === table);
    });
  }
  await each(keep.filter((a) => !tableOf(a)), (a) => settled(call('AssociateTransitGatewayRouteTable', { TransitGatewayRouteTableId: table, TransitGatewayAttachmentId: a })));
  // Leaving: listed before, not now; only from this domain's table, and only if it is still there.
  const inOldTable = leaving.filter((a) => tableOf(a) === oldTable);
  await each(inOldTable, (a) => settled(call('DisassociateTransitGatewayRouteTable', { TransitGatewayRouteTableId: oldTable, TransitGatewayAttachmentId: a })));
  // Propagations: a listed attachment propagates into exactly the tables listed now, of all the gateway's tables; one
  // listed before and no longer stops propagating where this domain had it do so, unless another domain has taken
  // it (associated it with its own table) and so decides its propagations.
  const released = leaving.filter((a) => !tableOf(a) || tableOf(a) === oldTable);
  const tables = [...new Set([...(p.Tables || []), ...into, ...old.PropagateInto])];
  const wantedIn = (t) => (into.includes(t) ? keep : []);
  const unwantedIn = (t) => [...keep.filter(() => !into.includes(t)), ...(old.PropagateInto.includes(t) ? released : [])];
  // Act, then read again until the gateway is as listed: a transition (associating, enabling, disabling) in flight
  // is waited out, and anything another run undid is done again.
  await until(deadline, 'the route domain to settle as listed', async () => {
    let done = true;
    attachments = await describe();
    const unplaced = keep.filter((a) => !tableOf(a));
    await each(unplaced, (a) => settled(call('AssociateTransitGatewayRouteTable', { TransitGatewayRouteTableId: table, TransitGatewayAttachmentId: a })));
    if (unplaced.length > 0 || keep.some((a) => tableOf(a) !== table || association(a).State !== 'associated')) done = false;
    if (inOldTable.some((a) => tableOf(a) === oldTable)) done = false;
    for (const t of tables) {
      const states = new Map((await pages('GetTransitGatewayRouteTablePropagations', { TransitGatewayRouteTableId: t }, 'TransitGatewayRouteTablePropagations')
        .catch((e) => { if (deleting && GONE.includes(e.name)) return []; throw e; }))
        .map((x) => [x.TransitGatewayAttachmentId, x.State]));
      const enable = wantedIn(t).filter((a) => !['enabled', 'enabling', 'disabling'].includes(states.get(a)));
      const disable = unwantedIn(t).filter((a) => states.get(a) === 'enabled');
      const moving = [...wantedIn(t), ...unwantedIn(t)].some((a) => ['enabling', 'disabling'].includes(states.get(a)));
      await each(enable, (a) => settled(call('EnableTransitGatewayRouteTablePropagation', { TransitGatewayRouteTableId: t, TransitGatewayAttachmentId: a })));
      await each(disable, (a) => settled(call('DisableTransitGatewayRouteTablePropagation', { TransitGatewayRouteTableId: t, TransitGatewayAttachmentId: a })));
      if (enable.length > 0 || disable.length > 0 || moving) done = false;
    }
    return done;
  });
  return { physicalId: 'route-domain/' + table, data: { Attachments: String(keep.length) } };
}
`;
