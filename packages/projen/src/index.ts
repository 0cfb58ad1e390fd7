export * from './landing-zone-artifacts';
export * from './landfall-project';
