export * from './workload-vpc';
export * from './hub-vpc';
export * from './environment';
export * from './transit-gateway-hub';
export * from './transit-gateway-spoke';
export * from './peering-hub';
export * from './peering-spoke';
export * from './address-plan';
