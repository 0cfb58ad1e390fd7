import { prove } from '../simulation';

const instance = 'arn:aws:ec2:us-east-1:111111111111:instance/*';

prove('RequireImdsV2', {
  deny: [
    {
      name: 'launching with IMDSv1 allowed',
      action: 'ec2:RunInstances',
      resource: instance,
      context: { 'ec2:MetadataHttpTokens': 'optional', 'ec2:MetadataHttpPutResponseHopLimit': '2' },
    },
    {
      name: 'launching with a hop limit of 5',
      action: 'ec2:RunInstances',
      resource: instance,
      context: { 'ec2:MetadataHttpTokens': 'required', 'ec2:MetadataHttpPutResponseHopLimit': '5' },
    },
    {
      name: 'switching an instance back to IMDSv1',
      action: 'ec2:ModifyInstanceMetadataOptions',
      resource: instance,
      context: { 'ec2:MetadataHttpTokens': 'optional' },
    },
    {
      name: 'using role credentials delivered by IMDSv1',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::records/x',
      context: { 'ec2:RoleDelivery': '1.0' },
    },
  ],
  allow: [
    {
      name: 'launching with no metadata options (the account default, pinned to required by Ec2ImdsV2Defaults)',
      action: 'ec2:RunInstances',
      resource: instance,
    },
    {
      name: 'changing only the hop limit of an instance',
      action: 'ec2:ModifyInstanceMetadataOptions',
      resource: instance,
      context: { 'ec2:MetadataHttpPutResponseHopLimit': '1' },
    },
    {
      name: 'launching with IMDSv2 required and a hop limit of 2',
      action: 'ec2:RunInstances',
      resource: instance,
      context: { 'ec2:MetadataHttpTokens': 'required', 'ec2:MetadataHttpPutResponseHopLimit': '2' },
    },
    {
      name: 'using role credentials delivered by IMDSv2',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::records/x',
      context: { 'ec2:RoleDelivery': '2.0' },
    },
  ],
});
