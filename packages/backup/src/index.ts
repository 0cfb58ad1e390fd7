export * from './names';
export * from './vaults';
export * from './service-role';
export * from './settings';
export * from './restore-testing';
export * from './audit';
export * from './reports';
