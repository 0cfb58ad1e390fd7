import { Component, Project, TextFile } from 'projen';
import { LandingZoneDefinition, ResolvedLandingZone, renderArtifacts, validateOrThrow } from '../packages/model/src';

export interface LandingZoneArtifactsOptions {
  /** The landing-zone definition, as typed in `.projenrc.ts`. */
  readonly definition: LandingZoneDefinition;
}

/**
 * Validates the definition and writes what derives from it (landing-zone.json,
 * docs/accounts.md). Validation runs in the constructor, before projen deletes or
 * writes anything, so an invalid definition fails `npx projen` with every error
 * and leaves the previous artifacts as they were.
 */
export class LandingZoneArtifacts extends Component {
  public readonly definition: ResolvedLandingZone;

  constructor(project: Project, options: LandingZoneArtifactsOptions) {
    super(project);
    this.definition = validateOrThrow(options.definition, '.projenrc.ts (the landing-zone definition)');
    for (const artifact of renderArtifacts(this.definition)) {
      // split keeps the final empty line, so the file ends in a newline exactly as `landfall synth` writes it.
      new TextFile(project, artifact.path, { lines: artifact.content.split('\n'), marker: false });
    }
  }
}
