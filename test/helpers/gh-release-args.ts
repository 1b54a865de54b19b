// gh's arguments for the default GitHub release step of the Micromegas test plans: the release,
// its notes file, the plugin archive attached. The engine test checks run() and its confirmation
// give exactly these; the UI test draws a confirmation that carries them.
import { join } from 'node:path';

export const ghReleaseCreateArgs = (notesFile: string, repo: string): string[] => [
  'release',
  'create',
  'v0.15.0',
  '--verify-tag',
  '--title',
  'Micromegas v0.15.0',
  '--notes-file',
  notesFile,
  '--latest',
  '--repo',
  'madesroches/micromegas',
  join(repo, 'micromegas-datasource-0.15.0.tar.gz'),
];
