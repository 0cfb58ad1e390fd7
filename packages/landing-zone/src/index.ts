export * from './landing-zone';
export * from './deployment';
export * from './checks';
export * from './stacks/encryption-stack';
export * from './stacks/workload-network-stack';
export * from './stacks/hub-stack';
export * from './synth';
export * from './accounts-app';
