// Build step: fails the guardrails build when any catalog action is not a real IAM action.
import { checkActions, formatActionProblem } from '../actions';
import { CATALOG } from '../catalog';

const context = {
  exemptPrincipalArns: ['arn:aws:iam::*:role/LandfallAdmin'],
  networkPrincipalArns: ['arn:aws:iam::*:role/LandfallNetworkDeploy'],
  regions: ['us-east-1'],
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
