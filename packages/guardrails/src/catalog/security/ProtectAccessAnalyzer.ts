import { IamGuardrail, denyUnlessExempt } from '../../guardrail';

export const ProtectAccessAnalyzer: IamGuardrail = {
  id: 'ProtectAccessAnalyzer',
  title: 'IAM Access Analyzer cannot be deleted or told to archive findings',
  rationale: 'Access Analyzer reports resources shared outside the organization; archive rules could silence it.',
  hipaa: ['164.308(a)(1)(ii)(A)', '164.312(a)(1)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'exempt-principals',
  statements: denyUnlessExempt([
    'access-analyzer:DeleteAnalyzer',
    'access-analyzer:CreateArchiveRule',
    'access-analyzer:UpdateArchiveRule',
  ]),
};
