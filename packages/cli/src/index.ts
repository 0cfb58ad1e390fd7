export { program } from './cli';
export { summarize, reportErrors } from './report';
export { writeArtifacts } from './write-artifacts';
