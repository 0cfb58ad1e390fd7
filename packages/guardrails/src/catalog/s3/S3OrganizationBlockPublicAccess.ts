import { ManagementGuardrail } from '../../guardrail';

export const S3OrganizationBlockPublicAccess: ManagementGuardrail = {
  id: 'S3OrganizationBlockPublicAccess',
  title: 'All four S3 Block Public Access settings are on for every account',
  rationale: 'No bucket in the organization can become public, whatever its policy or ACLs say.',
  hipaa: ['164.312(a)(1)', '164.312(e)(1)'],
  type: 'S3_POLICY',
  document: () => ({ s3_attributes: { public_access_block_configuration: { '@@assign': 'all' } } }),
};
