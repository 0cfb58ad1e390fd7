import { LandingZoneDefinition } from '../src';

/** A small valid definition; every call returns a fresh copy to mutate. */
export function validDefinition(): LandingZoneDefinition {
  return JSON.parse(JSON.stringify(BASE));
}

/** A fresh valid definition as a plain mutable object, for tests that break it. */
export function mutable(): any {
  return validDefinition();
}

const BASE: LandingZoneDefinition = {
  name: 'acme-health',
  homeRegion: 'us-east-1',
  regions: ['us-east-1', 'us-west-2'],
  organization: {
    accounts: [{ name: 'management', email: 'aws-management@example.com', role: 'management' }],
    ous: [
      {
        name: 'Security',
        accounts: [
          { name: 'log-archive', email: 'aws-log-archive@example.com', role: 'log-archive' },
          { name: 'audit', email: 'aws-audit@example.com', role: 'audit' },
          { name: 'backup', email: 'aws-backup@example.com', role: 'backup' },
        ],
      },
      {
        name: 'Infrastructure',
        accounts: [{ name: 'shared-services', email: 'aws-shared@example.com', role: 'shared-services' }],
      },
      {
        name: 'Workloads',
        ous: [
          {
            name: 'Prod',
            accounts: [{ name: 'prod', email: 'aws-prod@example.com', role: 'workload', environment: 'prod' }],
          },
          {
            name: 'Dev',
            accounts: [{ name: 'dev', email: 'aws-dev@example.com', role: 'workload', environment: 'dev' }],
          },
        ],
      },
    ],
  },
  network: {
    environments: {
      prod: { ipamPoolCidr: '10.16.0.0/12' },
      dev: { ipamPoolCidr: '10.32.0.0/12' },
    },
  },
};
