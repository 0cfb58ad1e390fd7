export * from './log-archive';
export * from './organization-trail';
export * from './config-recorder';
export * from './hipaa-conformance-pack';
export * from './hipaa-config-rules';
export * from './organization-aggregator';
export * from './security-alerts';
export * from './threat-detection';
