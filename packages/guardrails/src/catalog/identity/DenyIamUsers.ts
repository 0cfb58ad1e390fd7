import { IamGuardrail } from '../../guardrail';

export const DenyIamUsers: IamGuardrail = {
  id: 'DenyIamUsers',
  title:
    'No IAM users, access keys, console passwords or other user credentials, except the users the definition lists',
  rationale:
    'Long-lived keys outlive every session and every offboarding; people sign in through IAM Identity Center, workloads use roles.',
  hipaa: ['164.312(a)(2)(i)', '164.312(d)', '164.308(a)(3)(ii)(C)'],
  type: 'SERVICE_CONTROL_POLICY',
  exemptions: 'none',
  statements: (context) => [
    {
      Effect: 'Deny',
      Action: [
        'iam:CreateUser',
        'iam:CreateAccessKey',
        'iam:UpdateAccessKey',
        'iam:CreateLoginProfile',
        'iam:UpdateLoginProfile',
        'iam:CreateServiceSpecificCredential',
        'iam:UploadSSHPublicKey',
        'iam:UploadSigningCertificate',
      ],
      ...(context.iamUserArns.length > 0 ? { NotResource: [...context.iamUserArns] } : { Resource: '*' }),
    },
  ],
};
