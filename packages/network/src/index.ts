export * from './workload-vpc';
