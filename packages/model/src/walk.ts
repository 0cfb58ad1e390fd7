import { AccountDefinition, OrganizationalUnitDefinition } from './definition';
import { joinPath } from './validate/errors';

// The walkers read untrusted input (a YAML file may hold anything), so they skip
// what is malformed instead of assuming the schema held.

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** An account found in the tree, with where it was found. */
export interface AccountEntry {
  /** Field path, e.g. `organization.ous[0].accounts[1]`. */
  readonly path: string;
  /** OU path from the root, e.g. `Root/Workloads/Prod`. */
  readonly ouPath: string;
  readonly account: Partial<AccountDefinition>;
}

/** An OU found in the tree. */
export interface OuEntry {
  readonly path: string;
  /** OU path from the root including this OU. */
  readonly ouPath: string;
  /** 1 for an OU directly under the root. */
  readonly depth: number;
  readonly ou: Partial<OrganizationalUnitDefinition>;
  /** Field path of the list this OU sits in, e.g. `organization.ous`. */
  readonly siblingsPath: string;
}

/** Every account and OU under `organization`, depth first, in document order. */
export function walkOrganization(organization: unknown): { accounts: AccountEntry[]; ous: OuEntry[] } {
  const accounts: AccountEntry[] = [];
  const ous: OuEntry[] = [];
  const visit = (node: unknown, path: string, ouPath: string, depth: number) => {
    if (!isRecord(node)) return;
    list(node.accounts).forEach((account, i) => {
      if (isRecord(account)) accounts.push({ path: joinPath(joinPath(path, 'accounts'), i), ouPath, account });
    });
    const siblingsPath = joinPath(path, 'ous');
    list(node.ous).forEach((ou, i) => {
      if (!isRecord(ou)) return;
      const ouFieldPath = joinPath(siblingsPath, i);
      const childOuPath = `${ouPath}/${text(ou.name) ?? `?${i}`}`;
      ous.push({ path: ouFieldPath, ouPath: childOuPath, depth: depth + 1, ou, siblingsPath });
      visit(ou, ouFieldPath, childOuPath, depth + 1);
    });
  };
  visit(organization, 'organization', 'Root', 0);
  return { accounts, ous };
}
