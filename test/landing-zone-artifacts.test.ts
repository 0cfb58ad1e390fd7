import { readFileSync } from 'fs';
import { join } from 'path';
import { Project, Testing } from 'projen';
import { outdir } from './outdir';
import { LandingZoneArtifacts } from '../projenrc/landing-zone-artifacts';

const example = JSON.parse(readFileSync(join(__dirname, '..', 'landing-zone.json'), 'utf8'));

describe('LandingZoneArtifacts', () => {
  test('writes landing-zone.json and docs/accounts.md from a valid definition', () => {
    const project = new Project({ name: 'lz', outdir: outdir() });
    new LandingZoneArtifacts(project, { definition: example });
    const out = Testing.synth(project);
    expect(out['landing-zone.json']).toEqual(example);
    expect(out['docs/accounts.md']).toContain('# Account inventory: acme-health');
  });

  test('fails before writing anything when the definition is invalid, listing every error', () => {
    const project = new Project({ name: 'lz', outdir: outdir() });
    const broken = { ...example, homeRegion: 'eu-west-1', netwrok: {} };
    expect(() => new LandingZoneArtifacts(project, { definition: broken })).toThrow(
      /^\.projenrc\.ts \(the landing-zone definition\) has 2 errors:\n {2}netwrok: unknown key.*\n {2}homeRegion: eu-west-1 is not one of the governed regions/,
    );
    expect(project.files.map((f) => f.path)).not.toContain('landing-zone.json');
  });
});
