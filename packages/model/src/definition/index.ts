export * from './guardrails';
export * from './landing-zone';
export * from './network';
export * from './sections';
