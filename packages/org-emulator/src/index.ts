export * from './server';
export * from './organization';
export * from './errors';
export * from './limits';
export * from './service-admins';
export * from './rest';
