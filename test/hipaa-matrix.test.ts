import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { outdir } from './outdir';
import { constructSectionsFromSources as constructSections } from '../packages/cli/src/project';
import { compileGuardrails } from '../packages/guardrails/src';
import {
  HIPAA_GAPS,
  HIPAA_SAFEGUARDS,
  MatrixDeployment,
  renderHipaaMatrix,
} from '../packages/landing-zone/src/hipaa-matrix';
import { hipaaNagRules } from '../packages/landing-zone/src/hipaa-nag-rules';
import { validateOrThrow } from '../packages/model/src';

const REPO = join(__dirname, '..');

/** Where a definition (the example, changed by `change`) attaches and waives its guardrails. */
function deploymentOf(change: (d: any) => void = () => undefined): MatrixDeployment {
  const definition = JSON.parse(readFileSync(join(REPO, 'landing-zone.json'), 'utf8'));
  change(definition);
  const result = compileGuardrails(validateOrThrow(definition));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { attachments: result.compilation.attachments, waivers: result.compilation.waivers };
}
const rowOf = (md: string, section: string) => md.split('\n').find((l) => l.startsWith(`| [${section}]`))!;
const detailOf = (md: string, section: string) => md.split(`### ${section}\n`)[1].split('\n### ')[0];

describe('HipaaMatrix', () => {
  test("reads each construct's sections from its documentation", () => {
    const network = constructSections(join(REPO, 'packages', 'network'), '@landfall/network');
    expect(network.find((c) => c.construct === 'WorkloadVpc')!.sections).toEqual([
      '164.312(a)(1)',
      '164.312(b)',
      '164.312(e)(1)',
    ]);
    expect(network.map((c) => c.construct)).toEqual(
      expect.arrayContaining(['HubVpc', 'TransitGatewayHub', 'PeeringHub', 'AddressPlan']),
    );
  });

  test('fails, naming the class, when a construct does not state its sections', () => {
    const dir = outdir();
    mkdirSync(join(dir, 'src'));
    writeFileSync(
      join(dir, 'src', 'quiet.ts'),
      '/** A construct that says nothing of HIPAA. */\nexport class Quiet extends Construct {}\n',
    );
    expect(() => constructSections(dir, '@landfall/quiet')).toThrow(
      'quiet.ts: class Quiet does not state the HIPAA Security Rule sections it serves',
    );
  });

  test('lists, per section, the guardrails and constructs that serve it', () => {
    const constructs = ['encryption', 'network', 'backup', 'shared-services', 'ingress', 'identity'].flatMap((p) =>
      constructSections(join(REPO, 'packages', p), `@landfall/${p}`),
    );
    const md = renderHipaaMatrix(constructs).content;
    const row = (section: string) => detailOf(md, section);
    expect(row('164.312(a)(2)(iv)')).toContain('`RequireEbsEncryption`');
    expect(row('164.312(a)(2)(iv)')).toContain('`EbsDefaultEncryption` (@landfall/encryption)');
    expect(row('164.312(b)')).toContain('`WorkloadVpc` (@landfall/network)');
    expect(md).not.toContain('@landfall/logging)');
  });

  test("is what landfall synth renders for any definition: the packages' jsii assemblies say what their sources say", () => {
    // The repository's matrix is read from src/; a client's `landfall synth` reads the installed packages' .jsii.
    expect(renderHipaaMatrix(undefined, deploymentOf()).content).toEqual(
      readFileSync(join(REPO, 'docs', 'hipaa-matrix.md'), 'utf8'),
    );
  });

  test('lists every safeguard of 164.308(a)(1), (a)(5), (a)(7) and 164.312, served or not, with what is left to the organization', () => {
    const md = renderHipaaMatrix(undefined, deploymentOf()).content;
    // The Security Rule's own list (45 CFR 164.308(a)(1), (a)(5), (a)(7); 164.312), not the renderer's.
    const required = [
      ...['(1)(i)', '(1)(ii)(A)', '(1)(ii)(B)', '(1)(ii)(C)', '(1)(ii)(D)'],
      ...['(5)(i)', '(5)(ii)(A)', '(5)(ii)(B)', '(5)(ii)(C)', '(5)(ii)(D)'],
      ...['(7)(i)', '(7)(ii)(A)', '(7)(ii)(B)', '(7)(ii)(C)', '(7)(ii)(D)', '(7)(ii)(E)'],
    ]
      .map((x) => `164.308(a)${x}`)
      .concat(
        ['(a)(1)', '(a)(2)(i)', '(a)(2)(ii)', '(a)(2)(iii)', '(a)(2)(iv)', '(b)', '(c)(1)', '(c)(2)', '(d)'].map(
          (x) => `164.312${x}`,
        ),
        ['(e)(1)', '(e)(2)(i)', '(e)(2)(ii)'].map((x) => `164.312${x}`),
      );
    expect(HIPAA_SAFEGUARDS.map((x) => x.section)).toEqual(required);
    for (const section of required) expect([section, rowOf(md, section) !== undefined]).toEqual([section, true]);
    // Every administrative safeguard says what is left to the organization.
    for (const line of md.split('\n').filter((l) => l.startsWith('| [164.308'))) expect(line).not.toMatch(/\| – \|$/);
    // A safeguard no control serves says so, and why.
    expect(rowOf(md, '164.308(a)(1)(ii)(C)')).toMatch(/\| 0 \| 0 \| 0 \| 0 \| \*\*all of it\*\* \|$/);
    expect(detailOf(md, '164.308(a)(1)(ii)(C)')).toContain('**Left to the organization**: An administrative policy');
    // The four kinds of control, where each serves.
    const encryption = detailOf(md, '164.312(a)(2)(iv)');
    expect(encryption).toMatch(
      /\*\*Preventive\*\* \(guardrails\): .*`RequireEbsEncryption` \(Root\/Security, Root\/Infrastructure, Root\/Workloads/,
    );
    expect(encryption).toMatch(/\*\*Proactive\*\* \(cdk-nag HIPAA.Security\): .*`S3DefaultEncryptionKMS`/);
    expect(encryption).toMatch(/\*\*Detective\*\* \(AWS Config rules\): .*`encrypted-volumes`/);
  });

  test('refuses a safeguard that nothing serves and no gap explains', () => {
    const gaps = HIPAA_GAPS as Record<string, string>;
    const kept = gaps['164.308(a)(1)(ii)(C)'];
    delete gaps['164.308(a)(1)(ii)(C)'];
    try {
      expect(() => renderHipaaMatrix(undefined, deploymentOf())).toThrow(
        'HIPAA 164.308(a)(1)(ii)(C) (Sanction policy): no Landfall control serves it and HIPAA_GAPS does not say why',
      );
    } finally {
      gaps['164.308(a)(1)(ii)(C)'] = kept;
    }
  });

  test('a definition that attaches none of a section’s guardrails gets the row, saying it deploys none of its controls', () => {
    const md = renderHipaaMatrix(undefined, { attachments: {}, waivers: [] }).content;
    expect(rowOf(md, '164.310(d)(2)(iv)')).toMatch(
      /\| 0 \| 0 \| 0 \| 0 \| \*\*all of it: this definition deploys none of its controls\*\* \|$/,
    );
    expect(detailOf(md, '164.310(d)(2)(iv)')).toMatch(/`OrganizationBackupPolicy` \(not attached\)/);
  });

  test('changes with the definition: a waived guardrail is marked with its reason', () => {
    const waived = renderHipaaMatrix(
      undefined,
      deploymentOf((d) => {
        d.guardrails.waivers = [
          { id: 'RequireEbsEncryption', reason: 'Legacy appliance image until Q3; owner: security@example.com' },
        ];
      }),
    ).content;
    expect(detailOf(waived, '164.312(a)(2)(iv)')).toContain(
      '`RequireEbsEncryption` (**waived**: Legacy appliance image until Q3; owner: security@example.com)',
    );
    expect(waived).not.toEqual(readFileSync(join(REPO, 'docs', 'hipaa-matrix.md'), 'utf8'));
  });

  test("the proactive column is the installed cdk-nag HIPAA.Security pack's rules, with the sections each cites", () => {
    const rules = hipaaNagRules();
    const pack = readFileSync(
      require.resolve('cdk-nag/lib/packs/hipaa-security.js', { paths: [join(REPO, 'packages', 'landing-zone')] }),
      'utf8',
    );
    const applied = [...pack.matchAll(/rule: [a-z0-9_]+\.([A-Za-z0-9]+)/g)].map((m) => m[1]);
    expect(Object.keys(rules).sort()).toEqual([...new Set(applied)].sort());
    expect(rules.VPCFlowLogsEnabled).toEqual(['164.308(a)(3)(ii)(A)', '164.312(b)']);
    expect(rules.VPCDefaultSecurityGroupClosed).toEqual(['164.312(e)(1)']);
    for (const [rule, sections] of Object.entries(rules)) expect([rule, sections.length > 0]).toEqual([rule, true]);
  });
});
