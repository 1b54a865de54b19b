// The shape of `.releaserc.json`. Zod is the single source: the TypeScript types, the runtime
// validation and the JSON Schema in schema/ are all derived from the files of src/core/config/.
import * as z from 'zod';
import { Crates } from './crates.js';
import { Phase } from './phase.js';
import { RelPath } from './repo-path.js';

export const Config = z
  .object({
    $schema: z.string().optional(),
    project: z.string().min(1).describe('The name shown in the header, the tag message and the default release title.'),
    version: z.string().optional().describe('The release version; defaults to the version of the first version file.'),
    nextLevel: z
      .enum(['major', 'minor', 'patch'])
      .default('minor')
      .describe('How the next development version is computed.'),
    tagFormat: z
      .string()
      .default('v${version}')
      .refine((s) => s.includes('${version}'), { message: 'tagFormat must contain ${version}' }),
    previousTag: z
      .string()
      .optional()
      .describe('The last release tag; defaults to the highest tag matching tagFormat.'),
    secrets: z
      .array(z.string())
      .default([])
      .describe('Names of extra environment variables whose values are masked everywhere.'),
    crates: Crates.prefault({}),
    versionFiles: z.array(RelPath).default([]),
    docsFiles: z
      .array(RelPath)
      .default(['README.md'])
      .describe(
        "Docs scanned for hardcoded versions (repo-relative globs): install lines of the project's packages with an older version (moved by the bump) and mentions of the previous release. Changelogs and lockfiles are never scanned.",
      ),
    phases: z.array(Phase).min(1, 'a release needs at least one phase'),
  })
  .strict();

export type Config = z.infer<typeof Config>;
