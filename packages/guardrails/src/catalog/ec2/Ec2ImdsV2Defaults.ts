import { ManagementGuardrail } from '../../guardrail';

export const Ec2ImdsV2Defaults: ManagementGuardrail = {
  id: 'Ec2ImdsV2Defaults',
  title: 'New instances default to IMDSv2 with a hop limit of 2',
  rationale: 'Defaults make the secure launch the easy one; RequireImdsV2 denies any launch that overrides them.',
  hipaa: ['164.312(a)(1)', '164.312(d)'],
  type: 'DECLARATIVE_POLICY_EC2',
  document: () => ({
    ec2_attributes: {
      instance_metadata_defaults: {
        http_tokens: { '@@assign': 'required' },
        http_put_response_hop_limit: { '@@assign': '2' },
      },
    },
  }),
};
