import { EnableAWSServiceAccessCommand, RegisterDelegatedAdministratorCommand } from '@aws-sdk/client-organizations';
import { Step, StepKind } from './plan';
import { pool } from './pool';
import { Send, isError } from './sdk';
import { ServiceAdminApi, ServiceAdminError } from './service-admins';

/** What a phase of `applyPlan` works with. */
export interface PhaseContext {
  readonly send: Send;
  readonly concurrency: number;
  /** Account name → ID, as far as the run knows them. */
  readonly accountIds: ReadonlyMap<string, string>;
  stepsOf<K extends StepKind>(kind: K): Array<Extract<Step, { kind: K }>>;
  /** Runs one step, with its events; skips it once the run is stopping. */
  run(step: Step, work: () => Promise<void>): Promise<void>;
  /** Throws `Interrupted` at a step boundary when the run is to stop. */
  checkpoint(): void;
}

/**
 * Trusted access, then delegated administrators registered with Organizations,
 * then the administrators GuardDuty, Security Hub and Macie designate through
 * their own API. Each service's Regions go one at a time (each designation also
 * registers the account with Organizations); the services go in parallel.
 */
export async function applyServices(ctx: PhaseContext, services: ServiceAdminApi): Promise<void> {
  const idOf = (name: string) => {
    const id = ctx.accountIds.get(name);
    if (!id) throw new Error(`account ${name} is not in the organization yet — apply again once it exists`);
    return id;
  };
  await pool(ctx.stepsOf('enable-trusted-access'), ctx.concurrency, (step) =>
    ctx.run(step, async () => {
      await ctx.send(new EnableAWSServiceAccessCommand({ ServicePrincipal: step.servicePrincipal }));
    }),
  );
  ctx.checkpoint();
  await pool(ctx.stepsOf('register-delegated-admin'), ctx.concurrency, (step) =>
    ctx.run(step, async () => {
      try {
        await ctx.send(
          new RegisterDelegatedAdministratorCommand({
            AccountId: idOf(step.accountName),
            ServicePrincipal: step.servicePrincipal,
          }),
        );
      } catch (e) {
        if (!isError(e, 'AccountAlreadyRegisteredException')) throw e;
      }
    }),
  );
  ctx.checkpoint();
  const designations = ctx.stepsOf('enable-service-admin');
  const byService = [...new Set(designations.map((s) => s.service))];
  await pool(byService, ctx.concurrency, async (service) => {
    for (const step of designations.filter((s) => s.service === service)) {
      await ctx.run(step, async () => {
        try {
          await services.enable(step.service, step.region, idOf(step.accountName));
        } catch (e) {
          throw new ServiceAdminError(step.service, step.region, e, step.accountName);
        }
      });
    }
  });
  ctx.checkpoint();
}
