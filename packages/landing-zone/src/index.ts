export * from './landing-zone';
export {
  ACCOUNT_NAME_MARK,
  RECORD_OUTPUT_METADATA,
  STACK_SET_METADATA,
  landfallSynthesizer,
  recordOutput,
} from './stack-helpers';
export * from './stacks/stackset-assets-stack';
export { trailName } from './logging-baseline';
export { BACKUP_REPORTS_PREFIX, BACKUP_REPORTS_REPLICATION_ROLE } from './backup-baseline';
export * from './deployment';
export * from './checks';
export * from './stacks/encryption-stack';
export * from './stacks/workload-network-stack';
export * from './stacks/hub-stack';
export * from './synth';
export * from './accounts-app';
export * from './stacks/hub-spokes-stack';
export * from './logging-docs';
export * from './backup-docs';
export * from './stacks/logging-stacks';
export * from './stacks/access-stacks';
export * from './stacks/ingress-stack';
export { INGRESS_LOGS_PREFIX, INGRESS_LOGS_REPLICATION_ROLE } from './ingress-baseline';
export { environmentCidrs, vpnAuthorizations } from './access-baseline';
export * from './customization-samples';
export * from './access-docs';
export * from './architecture';
export * from './hipaa-matrix';
export * from './hipaa-nag-rules';
export * from './stacks-docs';
export * from './pipeline-docs';
export { PipelineStack, PIPELINE_STEPS, STATE_KEY, pipelineCommands, stateBucketName } from './stacks/pipeline-stack';
export * from './production';
export { CACHE_DIR_ENV, CachedGuardValidator, defaultCacheDir } from './guard-cache';
