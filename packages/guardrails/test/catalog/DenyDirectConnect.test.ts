import { NETWORK_ROLE, prove } from '../simulation';

prove('DenyDirectConnect', {
  deny: [
    { name: 'a developer ordering a Direct Connect connection', action: 'directconnect:CreateConnection' },
    { name: 'a developer creating a private virtual interface', action: 'directconnect:CreatePrivateVirtualInterface' },
    {
      name: 'a developer accepting a Direct Connect gateway association',
      action: 'directconnect:AcceptDirectConnectGatewayAssociationProposal',
    },
  ],
  allow: [
    {
      name: 'the network role creating a connection',
      action: 'directconnect:CreateConnection',
      principal: NETWORK_ROLE,
    },
    { name: 'a developer describing connections', action: 'directconnect:DescribeConnections' },
  ],
});
