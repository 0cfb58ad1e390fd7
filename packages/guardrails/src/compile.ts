import {
  ResolvedLandingZone,
  ValidationError,
  backupRules,
  didYouMean,
  joinPath,
  walkOrganization,
} from '@landfall/model';
import { BACKUP_ROLE_NAME } from './backup-names';
import { BASELINES } from './baseline';
import { CATALOG } from './catalog';
import { ELB_LOG_ACCOUNTS } from './elb-log-accounts';
import {
  Guardrail,
  GuardrailContext,
  IamGuardrail,
  ManagementGuardrail,
  PolicyType,
  STACKSET_BUCKET_PREFIX,
  Statement,
} from './guardrail';
import { BREAK_GLASS_ROLE_NAME } from './identity-names';
import { mergeStatements, minifyStatement, splitActions } from './minify';
import { resolvePlacements } from './placements';

/** A size and count quota of one policy type. */
export interface PolicyLimit {
  readonly maxCharacters: number;
  /** Policies of this type attached to one target, including AWS's own full-access policy. */
  readonly maxPerTarget: number;
  /** Slots AWS's own policy takes (FullAWSAccess, RCPFullAWSAccess). */
  readonly reservedPerTarget: number;
  /** Slots Landfall leaves free for others (AWS Control Tower, an emergency deny). */
  readonly freePerTarget: number;
}

/** One policy file, byte-exact as it is sent to the Organizations API. */
export interface CompiledPolicy {
  /** File name under `scp/`. */
  readonly file: string;
  readonly type: PolicyType;
  readonly content: string;
  /** Guardrails it holds. */
  readonly guardrails: string[];
  /** Targets it attaches to (identical policies are shared). */
  readonly targets: string[];
}

/** Everything compiled from a definition. */
export interface Compilation {
  readonly policies: CompiledPolicy[];
  /** Attachment target (OU path from the root, e.g. `Root/Workloads/Prod`) → its policies. */
  readonly targets: Record<string, Array<{ file: string; type: PolicyType }>>;
  /** Attachment target → guardrail ids attached there directly. */
  readonly attachments: Record<string, string[]>;
  readonly context: GuardrailContext;
  readonly limits: Readonly<Record<PolicyType, PolicyLimit>>;
  /** Outside accounts, IAM users and identity providers the definition lets through, with the reasons. */
  readonly exceptions: ResolvedLandingZone['guardrails']['exceptions'];
  /** Guardrails left out by the definition, with the reason. */
  readonly waivers: ReadonlyArray<{ id: string; reason: string }>;
  /** Every guardrail of the baseline, attached or waived, from the catalog the compilation used. */
  readonly guardrails: readonly Guardrail[];
  /**
   * What the policies leave out until something exists (the backup account's central copy
   * before the account has an ID), one sentence each naming what to do; empty otherwise.
   */
  readonly pending: string[];
}

export type CompileResult =
  { readonly ok: true; readonly compilation: Compilation } | { readonly ok: false; readonly errors: ValidationError[] };

const ABBREVIATION: Record<PolicyType, string> = {
  SERVICE_CONTROL_POLICY: 'scp',
  RESOURCE_CONTROL_POLICY: 'rcp',
  DECLARATIVE_POLICY_EC2: 'ec2',
  S3_POLICY: 's3',
  BACKUP_POLICY: 'backup',
};
const TYPE_ORDER: PolicyType[] = [
  'SERVICE_CONTROL_POLICY',
  'RESOURCE_CONTROL_POLICY',
  'DECLARATIVE_POLICY_EC2',
  'S3_POLICY',
  'BACKUP_POLICY',
];
/** Management policy quotas (declarative, S3 and backup policies): 10,000 characters, 10 per target. */
const MANAGEMENT_LIMIT: PolicyLimit = {
  maxCharacters: 10000,
  maxPerTarget: 10,
  reservedPerTarget: 0,
  freePerTarget: 0,
};

/** The policies Landfall may attach to one target: the quota less AWS's own and the slots left free. */
export function policySlots(limit: PolicyLimit): number {
  return limit.maxPerTarget - limit.reservedPerTarget - limit.freePerTarget;
}

/** Characters Landfall may use at one target: its slots times the size of a policy. */
export function policyBudget(limit: PolicyLimit): number {
  return policySlots(limit) * limit.maxCharacters;
}

/** An AWS account ID. */
const ACCOUNT_ID = /^\d{12}$/;

/** The backup account of the definition (role `backup`), by name. */
function backupAccountName(lz: ResolvedLandingZone): string | undefined {
  return walkOrganization(lz.organization).accounts.find((a) => a.account.role === 'backup')?.account.name;
}

/** The IDs of the accounts holding the log archive's buckets, when all are known. */
function logArchiveAccounts(
  lz: ResolvedLandingZone,
  accounts: Readonly<Record<string, string>>,
): { logArchiveAccountIds?: string[] } {
  const names = walkOrganization(lz.organization)
    .accounts.filter((a) => a.account.role === 'log-archive' || a.account.role === 'backup')
    .map((a) => a.account.name!);
  const ids = names.map((n) => accounts[n]).filter((id): id is string => id !== undefined && ACCOUNT_ID.test(id));
  return names.length > 0 && ids.length === names.length ? { logArchiveAccountIds: ids } : {};
}

/**
 * The context guardrails are rendered in: role names become ARN patterns valid in every account.
 * `accounts` gives account IDs by account name (accounts.lock.json or the live organization):
 * the backup account's lets the backup policy copy to its central vault.
 */
export function contextOf(lz: ResolvedLandingZone, accounts: Readonly<Record<string, string>> = {}): GuardrailContext {
  const g = lz.guardrails;
  const backupName = backupAccountName(lz);
  const backupAccountId = backupName !== undefined ? accounts[backupName] : undefined;
  const roles = (names: readonly string[]) => [...new Set(names)].map((name) => `arn:aws:iam::*:role/${name}`);
  const bootstrap = `cdk-${g.cdkQualifier}`;
  return {
    exemptPrincipalArns: roles(g.exemptRoleNames),
    networkPrincipalArns: roles([...g.networkRoleNames, ...g.exemptRoleNames]),
    // Only AWS Backup assumes the backup role; no member principal may use or reshape it, nor the backup account's
    // `landfall-backup-*` roles (the reports' replication into the log archive). What the role does is still subject
    // to the SCPs (DenyExternalSharing lets it share what AWS Backup made, with the backup account).
    protectedRoleArns: roles([
      ...g.exemptRoleNames,
      ...g.networkRoleNames,
      `${bootstrap}-*`,
      BACKUP_ROLE_NAME,
      `${BACKUP_ROLE_NAME}-*`,
      // The ingress' log replication and origin-secret rotation: only Landfall's stacks make roles of these names.
      'landfall-ingress-*',
      // The break-glass users (management account, which SCPs do not bind) assume it; nobody of a member account may
      // reshape, assume or pass it.
      BREAK_GLASS_ROLE_NAME,
    ]),
    // The file-publishing role uploads the templates and assets the execution role deploys.
    deployPrincipalArns: roles([
      ...g.exemptRoleNames,
      `${bootstrap}-deploy-role-*`,
      `${bootstrap}-file-publishing-role-*`,
    ]),
    // ...and the names of the management account's StackSet assets buckets (`landfall-stackset-assets-<id>-<region>`
    // and its access logs'), so no member account takes one first and stops the rollout.
    stagingBucketArns: [
      `arn:aws:s3:::${bootstrap}-assets-*`,
      `arn:aws:s3:::${bootstrap}-assets-*/*`,
      `arn:aws:s3:::${STACKSET_BUCKET_PREFIX}*`,
      `arn:aws:s3:::${STACKSET_BUCKET_PREFIX}*/*`,
    ],
    bootstrapReservedArns: [
      `arn:aws:ssm:*:*:parameter/cdk-bootstrap/${g.cdkQualifier}/*`,
      `arn:aws:ecr:*:*:repository/${bootstrap}-container-assets-*`,
    ],
    regions: lz.regions,
    outsideAccounts: g.exceptions.outsideAccounts.map((a) => a.accountId),
    iamUserArns: g.exceptions.iamUsers.map((u) => `arn:aws:iam::*:user/${u.name}`),
    oidcProviderArns: g.exceptions.oidcProviders.map((o) => `arn:aws:iam::*:oidc-provider/${o.host}`),
    oidcProviderHosts: g.exceptions.oidcProviders.map((o) => o.host),
    elbLogAccounts: lz.regions.flatMap((r) => (ELB_LOG_ACCOUNTS[r] ? [ELB_LOG_ACCOUNTS[r]] : [])),
    // The log archive's buckets are named after the landing zone and the log-archive account (@landfall/landing-zone).
    // The backup account's reports bucket, replicated into the archive, and its access logs, are log buckets too.
    ...logArchiveAccounts(lz, accounts),
    logBucketArns: ['log-archive', 'log-delivery', 's3-access-logs', 'backup-reports', 'backup-access-logs'].map(
      (b) => `arn:aws:s3:::${lz.name}-${b}-*`,
    ),
    backup: {
      regions: lz.regions,
      homeRegion: lz.homeRegion,
      ...(lz.backup.copyRegion !== undefined ? { copyRegion: lz.backup.copyRegion } : {}),
      rules: backupRules(lz.backup),
      selectionTag: { key: lz.backup.selectionTag.key, value: lz.backup.selectionTag.value },
      ...(backupAccountId !== undefined && ACCOUNT_ID.test(backupAccountId) ? { backupAccountId } : {}),
    },
  };
}

export function limitsOf(lz: ResolvedLandingZone): Record<PolicyType, PolicyLimit> {
  const l = lz.guardrails.limits;
  return {
    SERVICE_CONTROL_POLICY: {
      maxCharacters: l.scpMaxCharacters,
      maxPerTarget: l.scpMaxPerTarget,
      reservedPerTarget: 1,
      freePerTarget: l.scpFreePerTarget,
    },
    RESOURCE_CONTROL_POLICY: {
      maxCharacters: l.rcpMaxCharacters,
      maxPerTarget: l.rcpMaxPerTarget,
      reservedPerTarget: 1,
      freePerTarget: 0,
    },
    DECLARATIVE_POLICY_EC2: MANAGEMENT_LIMIT,
    S3_POLICY: MANAGEMENT_LIMIT,
    BACKUP_POLICY: MANAGEMENT_LIMIT,
  };
}

/**
 * Compiles the definition's baseline into the fewest policies per target that
 * hold it within AWS's limits. Pure and deterministic: the same definition (and
 * account IDs) gives the same bytes. `accounts` gives account IDs by account name
 * (accounts.lock.json or the live organization); without the backup account's,
 * the backup policy leaves out the copy to its central vault and `pending` says so.
 */
export function compileGuardrails(
  lz: ResolvedLandingZone,
  catalog: ReadonlyMap<string, Guardrail> = CATALOG,
  accounts: Readonly<Record<string, string>> = {},
): CompileResult {
  const errors: ValidationError[] = [];
  const baseline = BASELINES[lz.guardrails.baseline];
  const waived = new Set<string>();
  lz.guardrails.waivers.forEach((waiver, i) => {
    if (!baseline.some(([id]) => id === waiver.id)) {
      errors.push({
        path: joinPath(joinPath('guardrails.waivers', i), 'id'),
        message: `${waiver.id} is not a guardrail of the ${lz.guardrails.baseline} baseline`,
        fix: didYouMean(
          waiver.id,
          baseline.map(([id]) => id),
        ),
      });
    }
    const unwaivable = catalog.get(waiver.id)?.unwaivable;
    if (unwaivable !== undefined) {
      errors.push({
        path: joinPath(joinPath('guardrails.waivers', i), 'id'),
        message: `${waiver.id} cannot be waived: ${unwaivable.reason}`,
        fix: unwaivable.fix,
      });
    }
    waived.add(waiver.id);
  });
  const backupName = backupAccountName(lz);
  const backupId = backupName !== undefined ? accounts[backupName] : undefined;
  if (backupId !== undefined && !ACCOUNT_ID.test(backupId)) {
    errors.push({
      path: 'organization',
      message: `the backup account ${backupName} has the ID "${backupId}", which is not a 12-digit AWS account ID`,
      fix: 'correct the account ID in accounts.lock.json, or delete the entry and run `landfall apply` to record it again',
    });
  }

  const placements = resolvePlacements(lz);
  const attachments: Record<string, string[]> = {};
  for (const target of targetOrder(lz)) attachments[target] = [];
  for (const [id, where] of baseline) {
    if (!catalog.has(id)) {
      throw new Error(`baseline ${lz.guardrails.baseline} names ${id}, which the catalog does not have`);
    }
    if (waived.has(id)) continue;
    for (const placement of where) {
      for (const target of placements[placement]) {
        if (!attachments[target].includes(id)) attachments[target].push(id);
      }
    }
  }

  const context = contextOf(lz, accounts);
  const limits = limitsOf(lz);
  const byContent = new Map<string, CompiledPolicy>();
  const policies: CompiledPolicy[] = [];
  const targets: Compilation['targets'] = {};
  for (const [target, ids] of Object.entries(attachments)) {
    if (ids.length === 0) continue;
    targets[target] = [];
    for (const type of TYPE_ORDER) {
      const guardrails = ids.map((id) => catalog.get(id)!).filter((g) => g.type === type);
      if (guardrails.length === 0) continue;
      const documents = isIamType(type)
        ? packIam(target, type, guardrails as IamGuardrail[], context, limits[type], errors)
        : type === 'BACKUP_POLICY'
          ? splitPlans(
              target,
              mergeDocuments(target, guardrails as ManagementGuardrail[], context, errors),
              limits[type],
              errors,
            )
          : [mergeDocuments(target, guardrails as ManagementGuardrail[], context, errors)];
      documents.forEach((doc, i) => {
        const content = JSON.stringify(doc.document);
        if (content.length > limits[type].maxCharacters) {
          errors.push(
            overLimit(
              target,
              type,
              `${content.length} characters, over the ${limits[type].maxCharacters} limit`,
              doc.guardrails,
            ),
          );
        }
        let policy = byContent.get(`${type}\u0000${content}`);
        if (!policy) {
          const suffix = documents.length > 1 ? `.${i + 1}` : '';
          policy = {
            file: `${slug(target)}.${ABBREVIATION[type]}${suffix}.json`,
            type,
            content,
            guardrails: doc.guardrails,
            targets: [],
          };
          byContent.set(`${type}\u0000${content}`, policy);
          policies.push(policy);
        }
        policy.targets.push(target);
        targets[target].push({ file: policy.file, type });
      });
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const guardrails = baseline.map(([id]) => catalog.get(id)!);
  const pending: string[] = [];
  const backs = Object.values(attachments).some((ids) => ids.some((id) => catalog.get(id)!.type === 'BACKUP_POLICY'));
  if (backs && context.backup.backupAccountId === undefined && backupName !== undefined) {
    pending.push(
      `The backup policy does not yet copy recovery points to the backup account's central vault, because the backup account (${backupName}) has no account ID yet: \`landfall apply\` creates the account and adds the copy in the same run; \`npx projen\` and \`landfall synth\` show it once accounts.lock.json records the ID.`,
    );
  }
  return {
    ok: true,
    compilation: {
      policies: nameShared(policies, targets),
      targets,
      attachments,
      context,
      limits,
      waivers: lz.guardrails.waivers,
      exceptions: lz.guardrails.exceptions,
      guardrails,
      pending,
    },
  };
}

/**
 * A policy attached to several targets is named `shared.<type>[.n].json`, not after
 * whichever target came first; the manifest lists its targets.
 */
function nameShared(policies: CompiledPolicy[], targets: Compilation['targets']): CompiledPolicy[] {
  const counts = new Map<PolicyType, number>();
  const shared = policies.filter((p) => p.targets.length > 1);
  const renamed = new Map<string, string>();
  for (const p of shared) {
    const n = (counts.get(p.type) ?? 0) + 1;
    counts.set(p.type, n);
    renamed.set(
      p.file,
      `shared.${ABBREVIATION[p.type]}${shared.filter((s) => s.type === p.type).length > 1 ? `.${n}` : ''}.json`,
    );
  }
  for (const files of Object.values(targets)) {
    for (const f of files) f.file = renamed.get(f.file) ?? f.file;
  }
  return policies.map((p) => ({ ...p, file: renamed.get(p.file) ?? p.file }));
}

/** Root first, then every OU depth first in document order. */
function targetOrder(lz: ResolvedLandingZone): string[] {
  return ['Root', ...walkOrganization(lz.organization).ous.map((o) => o.ouPath)];
}

function isIamType(type: PolicyType): type is IamGuardrail['type'] {
  return type === 'SERVICE_CONTROL_POLICY' || type === 'RESOURCE_CONTROL_POLICY';
}

interface PackedDocument {
  readonly document: Record<string, unknown>;
  readonly guardrails: string[];
}

const POLICY_VERSION = '2012-10-17';

/** First-fit decreasing: few bins, and the same input always gives the same files. */
function packIam(
  target: string,
  type: PolicyType,
  guardrails: IamGuardrail[],
  context: GuardrailContext,
  limit: PolicyLimit,
  errors: ValidationError[],
): PackedDocument[] {
  const empty = JSON.stringify({ Version: POLICY_VERSION, Statement: [] }).length;
  const items = mergeStatements(
    guardrails.flatMap((g) => g.statements(context).map((s) => ({ statement: minifyStatement(s), owners: [g.id] }))),
  )
    // A merged statement too large for one policy is split by its actions: the same denials, in parts that fit.
    .flatMap((item) =>
      splitActions(item.statement, limit.maxCharacters - empty).map((statement) => ({ ...item, statement })),
    )
    .map((item, index) => ({ ...item, index, size: JSON.stringify(item.statement).length }));
  const bins: Array<{ items: typeof items; size: number }> = [];
  for (const item of [...items].sort((a, b) => b.size - a.size || a.index - b.index)) {
    if (empty + item.size > limit.maxCharacters) {
      errors.push(overLimit(target, type, `one statement alone is ${item.size} characters`, item.owners));
      continue;
    }
    const bin = bins.find((b) => b.size + 1 + item.size <= limit.maxCharacters);
    if (bin) {
      bin.items.push(item);
      bin.size += 1 + item.size;
    } else {
      bins.push({ items: [item], size: empty + item.size });
    }
  }
  const available = policySlots(limit);
  if (bins.length > available) {
    errors.push(
      overLimit(
        target,
        type,
        `needs ${bins.length} policies but only ${available} fit beside AWS's own${limit.freePerTarget ? ` and the ${limit.freePerTarget} left free` : ''}`,
        guardrails.map((g) => g.id),
      ),
    );
  }
  return bins.map((bin) => {
    const ordered = [...bin.items].sort((a, b) => a.index - b.index);
    return {
      document: { Version: POLICY_VERSION, Statement: ordered.map((i) => i.statement as Statement) },
      guardrails: [...new Set(ordered.flatMap((i) => i.owners))],
    };
  });
}

/** Declarative and S3 policies of one target become one document; a setting given two values is an error. */
function mergeDocuments(
  target: string,
  guardrails: ManagementGuardrail[],
  context: GuardrailContext,
  errors: ValidationError[],
): PackedDocument {
  const merged: Record<string, unknown> = {};
  const merge = (into: Record<string, unknown>, from: Record<string, unknown>, path: string, owner: string) => {
    for (const [key, value] of Object.entries(from)) {
      const existing = into[key];
      if (isObject(existing) && isObject(value)) {
        merge(existing, value, `${path}.${key}`, owner);
      } else if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(value)) {
        errors.push({
          path: 'guardrails',
          message: `${owner} sets ${path}.${key} at ${target} to a value another guardrail also sets`,
          fix: 'give each setting one guardrail',
        });
      } else {
        into[key] = structuredClone(value);
      }
    }
  };
  for (const g of guardrails) merge(merged, g.document(context), g.type, g.id);
  return { document: merged, guardrails: guardrails.map((g) => g.id) };
}

/**
 * A backup policy over the size limit becomes several, split between whole plans (one per
 * governed region): plans of the same name merge, so each policy stands alone.
 */
function splitPlans(
  target: string,
  packed: PackedDocument,
  limit: PolicyLimit,
  errors: ValidationError[],
): PackedDocument[] {
  const { plans, ...rest } = packed.document;
  if (JSON.stringify(packed.document).length <= limit.maxCharacters || !isObject(plans)) return [packed];
  const empty = JSON.stringify({ ...rest, plans: {} }).length;
  const bins: Array<{ plans: Record<string, unknown>; size: number }> = [];
  for (const [name, plan] of Object.entries(plans)) {
    // `"name":{...}`, as it appears inside `plans`.
    const size = JSON.stringify({ [name]: plan }).length - 2;
    if (empty + size > limit.maxCharacters) {
      errors.push({
        path: 'backup',
        message: `${target}: the backup plan ${name} alone is ${size} characters, over the ${limit.maxCharacters} limit of a BACKUP_POLICY (guardrails ${packed.guardrails.join(', ')})`,
        fix: 'shorten the backup selection tag (backup.selectionTag)',
      });
      continue;
    }
    const last = bins[bins.length - 1];
    if (last && last.size + 1 + size <= limit.maxCharacters) {
      last.plans[name] = plan;
      last.size += 1 + size;
    } else {
      bins.push({ plans: { [name]: plan }, size: empty + size });
    }
  }
  const available = policySlots(limit);
  if (bins.length > available) {
    errors.push({
      path: 'regions',
      message: `${target}: the backup plans of the governed regions need ${bins.length} BACKUP_POLICY policies but only ${available} may be attached (guardrails ${packed.guardrails.join(', ')})`,
      fix: 'govern fewer regions: each governed region is one backup plan',
    });
  }
  return bins.map((bin) => ({ document: { ...rest, plans: bin.plans }, guardrails: packed.guardrails }));
}

function overLimit(target: string, type: PolicyType, what: string, guardrails: readonly string[]): ValidationError {
  return {
    path: 'guardrails',
    message: `${target}: the ${type} policies ${what} (guardrails ${guardrails.join(', ')})`,
    fix: 'attach some of these guardrails to child OUs instead, waive one with a reason in guardrails.waivers, or raise guardrails.limits if AWS raised its quota',
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Root/Workloads/Prod` → `root-workloads-prod`. */
function slug(target: string): string {
  return target
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
