export { program } from './cli';
export { summarize, reportErrors } from './report';
export { writeArtifacts } from './write-artifacts';
export { synthesizeArtifacts } from './synthesize';
export type { Synthesis, SynthesizeOptions } from './synthesize';
export { PROJECT_API_VERSION, constructSectionsFromSources, orphanAccountNotes, projectFiles } from './project';
export type { ProjectFile, ProjectFiles, ProjectFilesOptions } from './project';
