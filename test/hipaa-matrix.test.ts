import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { outdir } from './outdir';
import { renderHipaaMatrix } from '../packages/landing-zone/src/hipaa-matrix';
import { constructSections } from '../projenrc/hipaa-matrix';

const REPO = join(__dirname, '..');

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
    const constructs = ['encryption', 'network'].flatMap((p) =>
      constructSections(join(REPO, 'packages', p), `@landfall/${p}`),
    );
    const md = renderHipaaMatrix(constructs).content;
    const row = (section: string) => md.split('\n').find((l) => l.startsWith(`| ${section} |`))!;
    expect(row('164.312(a)(2)(iv)')).toContain('`RequireEbsEncryption`');
    expect(row('164.312(a)(2)(iv)')).toContain('`EbsDefaultEncryption` (@landfall/encryption)');
    expect(row('164.312(b)')).toContain('`WorkloadVpc` (@landfall/network)');
    expect(md).not.toContain('@landfall/logging)');
  });

  test("is what landfall synth renders for any definition: the packages' jsii assemblies say what their sources say", () => {
    // The repository's matrix is read from src/; a client's `landfall synth` reads the installed packages' .jsii.
    expect(renderHipaaMatrix().content).toEqual(readFileSync(join(REPO, 'docs', 'hipaa-matrix.md'), 'utf8'));
  });
});
