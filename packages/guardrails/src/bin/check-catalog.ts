// Build step: fails the guardrails build when any catalog action is not a real IAM action.
import { checkActions, formatActionProblem } from '../actions';
import { CATALOG } from '../catalog';
import { GuardrailContext } from '../guardrail';

// Every optional list filled, so every statement a guardrail can render is checked.
const context: GuardrailContext = {
  exemptPrincipalArns: ['arn:aws:iam::*:role/LandfallAdmin'],
  networkPrincipalArns: ['arn:aws:iam::*:role/LandfallNetworkDeploy'],
  protectedRoleArns: ['arn:aws:iam::*:role/Landfall*'],
  deployPrincipalArns: ['arn:aws:iam::*:role/cdk-landfall-deploy-role-*'],
  stagingBucketArns: ['arn:aws:s3:::cdk-landfall-assets-*'],
  bootstrapReservedArns: ['arn:aws:ssm:*:*:parameter/cdk-bootstrap/landfall/*'],
  regions: ['eu-west-1'],
  outsideAccounts: ['111111111111'],
  iamUserArns: ['arn:aws:iam::*:user/smtp'],
  oidcProviderArns: ['arn:aws:iam::*:oidc-provider/token.actions.githubusercontent.com'],
  oidcProviderHosts: ['token.actions.githubusercontent.com'],
  elbLogAccounts: ['156460612806'],
  logBucketArns: ['arn:aws:s3:::acme-log-archive-*'],
  backup: {
    regions: ['eu-west-1', 'eu-central-1'],
    homeRegion: 'eu-west-1',
    copyRegion: 'eu-central-1',
    rules: [{ name: 'daily', schedule: 'cron(0 5 * * ? *)', retentionDays: 35 }],
    selectionTag: { key: 'backup', value: 'true' },
    backupAccountId: '111111111111',
  },
};

void checkActions(CATALOG.values(), context).then((problems) => {
  for (const problem of problems) process.stderr.write(`${formatActionProblem(problem)}\n`);
  if (problems.length > 0) {
    process.stderr.write(
      `${problems.length} unknown action${problems.length === 1 ? '' : 's'} in the guardrail catalog\n`,
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`guardrail catalog: every action of ${CATALOG.size} guardrails is a real IAM action\n`);
  }
});
