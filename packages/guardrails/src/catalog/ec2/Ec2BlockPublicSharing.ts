import { ManagementGuardrail } from '../../guardrail';

export const Ec2BlockPublicSharing: ManagementGuardrail = {
  id: 'Ec2BlockPublicSharing',
  title: 'EBS snapshots and AMIs cannot be shared publicly',
  rationale: 'A public snapshot or image publishes a disk, and every record of PHI on it.',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
  type: 'DECLARATIVE_POLICY_EC2',
  document: () => ({
    ec2_attributes: {
      snapshot_block_public_access: { state: { '@@assign': 'block_all_sharing' } },
      image_block_public_access: { state: { '@@assign': 'block_new_sharing' } },
    },
  }),
};
