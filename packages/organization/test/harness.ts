import { readFileSync } from 'fs';
import { join } from 'path';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { compileGuardrails } from '@landfall/guardrails';
import { validateOrThrow } from '@landfall/model';
import { EmulatorOptions, OrganizationsEmulator } from '@landfall/org-emulator';
import {
  ApplyOptions,
  LiveOrganization,
  Plan,
  RecordedIds,
  ServiceAdminClients,
  applyPlan,
  createClient,
  desiredOrganization,
  planChanges,
  readOrganization,
  retryingSend,
  serviceClientOptions,
} from '../src';

// The emulator checks no signature; the SDK still wants credentials to sign with.
process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLEEXAMPLE00';
process.env.AWS_SECRET_ACCESS_KEY = 'example-not-a-secret';

export const EXAMPLE = validateOrThrow(
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'landing-zone.json'), 'utf8')),
);
const compiled = compileGuardrails(EXAMPLE);
if (!compiled.ok) throw new Error('example does not compile');
export const COMPILATION = compiled.compilation;
export const DESIRED = desiredOrganization(EXAMPLE, COMPILATION.policies);

export interface Harness {
  readonly emulator: OrganizationsEmulator;
  readonly client: OrganizationsClient;
  /** The live organization, service administrators read in the example's Regions. */
  read(): Promise<LiveOrganization>;
  /** `recorded`: what the lock file holds, whose absence from the definition is planned for destruction. */
  plan(desired?: typeof DESIRED, recorded?: RecordedIds): Promise<Plan>;
  apply(options?: ApplyOptions, desired?: typeof DESIRED, recorded?: RecordedIds): Promise<Plan>;
  stop(): Promise<void>;
}

export const FAST: ApplyOptions = { pollMs: 5, retry: { baseMs: 5, maxMs: 50 } };

export async function harness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = new OrganizationsEmulator({ createAccountMs: 20, ratePerOperation: 10000, ...options });
  const client = createClient({ endpoint: await emulator.start() });
  const send = retryingSend(client, FAST.retry);
  const serviceAdmins = new ServiceAdminClients(serviceClientOptions(client), FAST.retry);
  const read = () => readOrganization(send, { regions: EXAMPLE.regions, serviceAdmins });
  const plan = async (desired = DESIRED, recorded: RecordedIds = {}) => planChanges(desired, await read(), recorded);
  return {
    emulator,
    client,
    read,
    plan,
    apply: async (applyOptions = {}, desired = DESIRED, recorded = {}) => {
      const p = await plan(desired, recorded);
      await applyPlan(p, client, { ...FAST, ...applyOptions });
      return p;
    },
    stop: () => emulator.stop(),
  };
}

/** The live organization by paths: OU paths, account → OU path, policy → target paths. */
export async function layout(h: Harness) {
  const live = await h.read();
  const pathOf = new Map([...live.ouIds].map(([p, id]) => [id, p]));
  return {
    ous: [...live.ouIds.keys()].sort(),
    accounts: Object.fromEntries(live.accounts.map((a) => [a.name, pathOf.get(a.parentId)])),
    accountCount: live.accounts.length,
    policies: Object.fromEntries(
      [...live.policies].map(([name, p]) => [name, p.targetIds.map((id) => pathOf.get(id)).sort()]),
    ),
    policyTypes: [...live.enabledPolicyTypes].sort(),
    trustedAccess: [...live.trustedAccess].sort(),
    delegatedAdmins: live.delegatedAdmins.length,
  };
}
