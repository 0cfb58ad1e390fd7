export { program } from './cli';
export { summarize, reportErrors } from './report';
export { writeArtifacts } from './write-artifacts';
export { synthesizeArtifacts } from './synthesize';
export type { Synthesis, SynthesizeOptions } from './synthesize';
