export * from './names';
export * from './client-vpn';
export * from './session-manager-preferences';
export * from './recorded-bastion';
export * from './bastion-session-role';
