import { CATALOG, isIamGuardrail } from '../src';
import { EXAMPLE_COMPILATION, chainOfOu, decide } from './simulation';

/** Every guardrail on the way from the root to an OU. */
function effective(ouPath: string): string[] {
  const parts = ouPath.split('/');
  return parts.flatMap((_, i) => EXAMPLE_COMPILATION.attachments[parts.slice(0, i + 1).join('/')] ?? []).sort();
}

describe('dev and prod parity', () => {
  test('Dev and Prod carry the same guardrails, so what works in dev works in prod', () => {
    expect(effective('Root/Workloads/Dev')).toEqual(effective('Root/Workloads/Prod'));
    expect(effective('Root/Workloads/Prod')).toEqual(
      expect.arrayContaining(['ProtectCloudTrail', 'RequireEbsEncryption', 'DenyPublicNetworkEdges']),
    );
  });

  test('Dev and Prod get the very same policy files along their paths', () => {
    const files = (ou: string) =>
      ou
        .split('/')
        .flatMap((_, i, parts) => EXAMPLE_COMPILATION.targets[parts.slice(0, i + 1).join('/')] ?? [])
        .map((f) => f.file);
    expect(files('Root/Workloads/Dev')).toEqual(files('Root/Workloads/Prod'));
  });

  test('a request the prod chain denies is denied in dev too', async () => {
    const request = {
      name: 'deleting a KMS key',
      action: 'kms:ScheduleKeyDeletion',
      resource: 'arn:aws:kms:us-east-1:111111111111:key/k',
    };
    expect(await decide(chainOfOu(EXAMPLE_COMPILATION, 'Root/Workloads/Dev'), request)).toBe('ExplicitlyDenied');
    expect(await decide(chainOfOu(EXAMPLE_COMPILATION, 'Root/Workloads/Prod'), request)).toBe('ExplicitlyDenied');
  });

  test('every protective (SCP/RCP) guardrail of the catalog reaches both, but those that guard the security accounts only', () => {
    // The log archive's buckets, the alert bus's policy and the security services' administration live in the
    // security OU's accounts alone.
    const securityOnly = ['ProtectAlertBusPolicy', 'ProtectLogArchive', 'ProtectSecurityAdministration'];
    const iam = [...CATALOG.values()]
      .filter(isIamGuardrail)
      .map((g) => g.id)
      .filter((id) => !securityOnly.includes(id))
      .sort();
    expect(effective('Root/Security')).toEqual(expect.arrayContaining(securityOnly));
    expect(effective('Root/Workloads/Prod').filter((id) => iam.includes(id))).toEqual(iam);
  });
});
