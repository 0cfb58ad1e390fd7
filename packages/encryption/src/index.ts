export * from './encryption-keys';
export * from './ebs-default-encryption';
export * from './account-public-access-block';
export * from './deploy-time-logs';
export { DeployTimeReconciler } from './deploy-time-reconciler';
export type { DeployTimeReconcilerProps } from './deploy-time-reconciler';
