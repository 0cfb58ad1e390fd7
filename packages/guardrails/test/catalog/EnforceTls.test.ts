import { prove } from '../simulation';

const object = 'arn:aws:s3:::records/patient.json';
const queue = 'arn:aws:sqs:us-east-1:111111111111:intake';

prove('EnforceTls', {
  deny: [
    {
      name: 'reading an object over plain HTTP',
      action: 's3:GetObject',
      resource: object,
      context: { 'aws:SecureTransport': 'false' },
    },
    {
      name: 'sending a message over plain HTTP',
      action: 'sqs:SendMessage',
      resource: queue,
      context: { 'aws:SecureTransport': 'false' },
    },
  ],
  allow: [
    { name: 'reading an object over TLS', action: 's3:GetObject', resource: object },
    { name: 'sending a message over TLS', action: 'sqs:SendMessage', resource: queue },
  ],
});
