import { ResolvedLandingZone, UserError } from '@landfall/model';
import { App, Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Directory } from './deployment';
import { StackOwner, stackHelpers } from './stack-helpers';
import { PipelineStack } from './stacks/pipeline-stack';

/**
 * The delivery pipeline, when the definition has one: a stack in the management account's home region, which the
 * first `landfall deploy` creates with the rest and which then updates itself.
 */
export function buildPipeline(
  app: App,
  lz: ResolvedLandingZone,
  directory: Directory,
  built: ReadonlyArray<StackOwner & { readonly account: { readonly name: string; readonly role: string } }>,
): void {
  if (!lz.pipeline) return;
  const management = built.find((b) => b.account.role === 'management');
  if (!management) return;
  // CodePipeline uses a connection of its own account only.
  const connectionAccount = lz.pipeline.connectionArn.split(':')[4];
  const managementId = directory.accountId(management.account.name);
  if (managementId && connectionAccount !== managementId) {
    throw new UserError(
      'pipeline.connectionArn',
      `is a connection of account ${connectionAccount}, but the pipeline is in the management account, ${managementId}, and uses a connection of its own account only`,
      `create the connection in the management account (${managementId}) and give its ARN`,
    );
  }
  const { common, add } = stackHelpers(lz);
  const home = lz.homeRegion;
  add(
    management,
    `pipeline/${home}`,
    new PipelineStack(app, `${directory.stackPrefix(management.account.name)}-pipeline-${home}`, {
      ...common(management, home),
      description: `Landfall ${lz.name}: the delivery pipeline (synthesize and check, apply, deploy, approve production)`,
      landingZone: lz.name,
      pipeline: lz.pipeline,
      logRetention: lz.logging.cloudWatchRetentionDays as logs.RetentionDays,
      keyRotationPeriod: Duration.days(lz.encryption.keyRotationPeriodDays),
    }),
  );
}
