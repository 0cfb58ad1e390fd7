export * from './guardrail';
export * from './baseline';
export * from './placements';
export * from './compile';
export * from './actions';
export * from './artifacts';
export * from './backup-names';
export * from './session-names';
export { CATALOG } from './catalog';
