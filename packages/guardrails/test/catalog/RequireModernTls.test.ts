import { OTHER_ORG_ACCOUNT, prove } from '../simulation';

const object = 'arn:aws:s3:::records/a.json';

prove('RequireModernTls', {
  deny: [
    {
      name: 'a developer reading an object over TLS 1.0',
      action: 's3:GetObject',
      resource: object,
      context: { 's3:TlsVersion': '1.0' },
    },
    {
      name: 'a developer writing an object over TLS 1.1',
      action: 's3:PutObject',
      resource: object,
      context: { 's3:TlsVersion': '1.1' },
    },
  ],
  allow: [
    {
      name: 'a developer reading an object over TLS 1.2',
      action: 's3:GetObject',
      resource: object,
      context: { 's3:TlsVersion': '1.2' },
    },
    {
      name: 'a developer writing an object over TLS 1.3',
      action: 's3:PutObject',
      resource: object,
      context: { 's3:TlsVersion': '1.3' },
    },
    {
      name: 'another account of the organization reading over TLS 1.3',
      action: 's3:GetObject',
      resource: object,
      principal: `arn:aws:iam::${OTHER_ORG_ACCOUNT}:role/Analytics`,
      context: { 's3:TlsVersion': '1.3' },
      resourcePolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${OTHER_ORG_ACCOUNT}:role/Analytics` },
            Action: 's3:GetObject',
            Resource: object,
          },
        ],
      },
    },
  ],
});
