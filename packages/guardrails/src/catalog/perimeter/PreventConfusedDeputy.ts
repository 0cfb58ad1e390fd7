import { PERIMETER_ACTIONS } from './services';
import { IamGuardrail } from '../../guardrail';

export const PreventConfusedDeputy: IamGuardrail = {
  id: 'PreventConfusedDeputy',
  title: "AWS services reach this organization's resources only on behalf of this organization",
  rationale:
    'A service acting for another customer (the confused deputy) must not be able to read or write PHI stores.',
  hipaa: ['164.312(a)(1)', '164.312(c)(1)'],
  type: 'RESOURCE_CONTROL_POLICY',
  exemptions: 'none',
  statements: () => [
    {
      Effect: 'Deny',
      Principal: '*',
      Action: [...PERIMETER_ACTIONS, 'sts:*'],
      Resource: '*',
      Condition: {
        StringNotEqualsIfExists: { 'aws:SourceOrgID': '${aws:ResourceOrgID}' },
        Null: { 'aws:SourceAccount': 'false' },
        Bool: { 'aws:PrincipalIsAWSService': 'true' },
      },
    },
  ],
};
