export * from './guardrails';
export * from './identity';
export * from './landing-zone';
export * from './network';
export * from './sections';
