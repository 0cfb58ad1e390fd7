import type { LandingZoneDefinition } from './definition';

/**
 * The embedded example, acme-health: a small healthcare organization with production and development workloads.
 * `.projenrc.ts` generates this repository's artifacts from it (the main job), and `landfall init` writes it,
 * commented from the schema, as the starter definition of a new client. IDs and addresses are placeholders
 * (example.com, 111111111111).
 */
export const EXAMPLE_DEFINITION: LandingZoneDefinition = {
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
        accounts: [{ name: 'shared-services', email: 'aws-shared-services@example.com', role: 'shared-services' }],
      },
      {
        name: 'Workloads',
        ous: [
          {
            name: 'Prod',
            accounts: [
              {
                name: 'prod',
                email: 'aws-prod@example.com',
                role: 'workload',
                environment: 'prod',
                ingress: {
                  originDomainName: 'origin.prod.acme-health.example.com',
                  originCertificateArn:
                    'arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-0000-4000-8000-000000000011',
                  domainNames: ['app.acme-health.example.com'],
                  viewerCertificateArn:
                    'arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-0000-4000-8000-000000000012',
                },
              },
            ],
          },
          {
            name: 'Dev',
            accounts: [
              {
                name: 'dev',
                email: 'aws-dev@example.com',
                role: 'workload',
                environment: 'dev',
                ingress: {
                  originDomainName: 'origin.dev.acme-health.example.com',
                  originCertificateArn:
                    'arn:aws:acm:us-east-1:222222222222:certificate/0f1e2d3c-0000-4000-8000-000000000021',
                  domainNames: ['app.dev.acme-health.example.com'],
                  viewerCertificateArn:
                    'arn:aws:acm:us-east-1:222222222222:certificate/0f1e2d3c-0000-4000-8000-000000000022',
                },
              },
            ],
          },
        ],
      },
      { name: 'Sandbox' },
    ],
  },
  network: {
    topology: 'transit-gateway',
    hubCidr: '10.0.0.0/20',
    environments: {
      prod: { ipamPoolCidr: '10.16.0.0/12' },
      dev: { ipamPoolCidr: '10.32.0.0/12' },
    },
  },
  access: {
    // Placeholder ARNs (account 111111111111): the certificates and the SAML provider are imported by hand.
    vpn: {
      clientCidr: '172.16.0.0/22',
      serverCertificateArn: 'arn:aws:acm:us-east-1:111111111111:certificate/0f1e2d3c-0000-4000-8000-000000000001',
      authentication: {
        type: 'saml',
        samlProviderArn: 'arn:aws:iam::111111111111:saml-provider/landfall-vpn',
        selfServiceSamlProviderArn: 'arn:aws:iam::111111111111:saml-provider/landfall-vpn-portal',
      },
      // The identity groups of the same names (their IDs come from identity.groups).
      groups: [{ name: 'platform-admins' }, { name: 'developers', environments: ['dev'] }],
    },
    bastion: {
      groups: ['platform-admins'],
      portForwarding: [
        { environment: 'prod', port: 5432 },
        { environment: 'dev', port: 5432 },
      ],
    },
  },
  identity: {
    // Placeholder instance and group IDs: the groups are made in (or synchronized into) IAM Identity Center.
    instanceArn: 'arn:aws:sso:::instance/ssoins-1111111111111111',
    maxSessionHours: 8,
    groups: [
      {
        name: 'platform-admins',
        groupId: 'a1b2c3d4-0000-4000-8000-00000000ad01',
        assignments: [
          { permissionSet: 'Administrator', ous: ['Root/Security', 'Root/Infrastructure'] },
          { permissionSet: 'Developer', environments: ['dev'] },
          { permissionSet: 'ReadOnly', environments: ['prod'] },
        ],
      },
      {
        name: 'developers',
        groupId: 'a1b2c3d4-0000-4000-8000-00000000de01',
        assignments: [
          { permissionSet: 'Developer', environments: ['dev'] },
          { permissionSet: 'ReadOnly', environments: ['prod'] },
        ],
      },
      {
        name: 'auditors',
        groupId: 'a1b2c3d4-0000-4000-8000-00000000a0d1',
        assignments: [{ permissionSet: 'Auditor', ous: ['Root'] }],
      },
      {
        name: 'security-team',
        groupId: 'a1b2c3d4-0000-4000-8000-000000005ec1',
        assignments: [
          { permissionSet: 'SecurityTriage', accounts: ['audit'] },
          { permissionSet: 'Auditor', ous: ['Root'] },
        ],
      },
    ],
    breakGlass: { users: ['oncall-primary', 'oncall-secondary'] },
  },
  alerts: { emails: ['security@example.com'] },
  pipeline: {
    repository: 'acme-health/landing-zone',
    connectionArn: 'arn:aws:codeconnections:us-east-1:111111111111:connection/0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
  },
};
