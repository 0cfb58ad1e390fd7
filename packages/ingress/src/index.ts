export * from './log-bucket';
export * from './origin-secret';
export * from './web-acl';
export * from './viewer-tls';
export * from './secure-ingress';
