export * from './guardrail-policies';
