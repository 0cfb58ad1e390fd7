export * from './names';
export * from './permission-set';
export * from './break-glass';
export * from './assignments';
