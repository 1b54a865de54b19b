// The step kinds that work in the repository: commands, manual items, version and changelog
// edits, archives.
import * as z from 'zod';
import { Argv } from './argv.js';
import { RelPath } from './repo-path.js';
import { stepBase } from './step-base.js';

export const RunStep = z
  .object({
    ...stepBase,
    kind: z.literal('run'),
    run: Argv.describe(
      'The command as an argv array (never a shell string); ${version}, ${next}, ${previousTag}, ${tag} and ${project} are replaced in each element.',
    ),
    cwd: RelPath.optional(),
    env: z
      .record(z.string(), z.string())
      .optional()
      .describe('Extra environment (tokens belong in your shell env, not here).'),
    timeoutSeconds: z.number().positive().optional(),
    summary: z
      .string()
      .optional()
      .describe(
        'A regex matched against each output line; the last match (group 1 if any) is shown beside the step, e.g. "(\\\\d+ passed)".',
      ),
    summaryMode: z
      .enum(['last', 'sum'])
      .default('last')
      .describe('"sum" adds up the first number of every match (cargo prints one "test result" line per crate).'),
    verify: Argv.optional().describe(
      'A command run after `run` succeeded, in the same cwd, that checks its result (e.g. docker manifest inspect); its failure fails the step. Placeholders are replaced as in `run`.',
    ),
    idempotent: z
      .boolean()
      .default(false)
      .describe(
        'Running it again is safe (e.g. image builds): a resumed release reruns it after an interruption without asking.',
      ),
    produces: z
      .array(RelPath)
      .optional()
      .describe(
        'Files the command must leave behind (repo-relative globs), checked after it passes, e.g. ["grafana/dist/plugin.json"].',
      ),
  })
  .strict();

export const ManualStep = z
  .object({
    ...stepBase,
    kind: z.literal('manual'),
    title: z.string().min(1).describe('The item the maintainer confirms; placeholders are replaced as in every title.'),
    details: z
      .string()
      .optional()
      .describe('Longer instructions shown when the item is selected; placeholders are replaced as in the title.'),
    show: Argv.optional().describe(
      'A read-only command whose output fills the output pane when the item is selected in the cockpit or reached, e.g. ["git", "log", "--oneline", "${previousTag}..HEAD"]; placeholders are replaced.',
    ),
  })
  .strict();

export const VerifyVersionsStep = z.object({ ...stepBase, kind: z.literal('verify-versions') }).strict();

export const ChangelogStep = z
  .object({
    ...stepBase,
    kind: z.literal('changelog'),
    file: RelPath.default('CHANGELOG.md'),
    heading: z
      .string()
      .optional()
      .describe(
        'The version label of the new section when it differs from the release version (e.g. the plugin\'s "1.0.0").',
      ),
    paths: z.array(RelPath).optional().describe('Only commits touching these paths (git log -- PATHS).'),
    review: z.boolean().default(true).describe('Open $EDITOR (TUI) or require --yes (headless) before writing.'),
    commit: z
      .boolean()
      .optional()
      .describe('Commit the changelog file alone after writing it, so the release tag includes it (default true).'),
    keepUnreleased: z
      .boolean()
      .optional()
      .describe(
        "Leave a fresh empty Unreleased section above the dated one, in the file's own spelling (and move an [Unreleased] compare link); default true when the file had an Unreleased section naming no version.",
      ),
  })
  .strict();

export const ArchiveStep = z
  .object({
    ...stepBase,
    kind: z.literal('archive'),
    source: RelPath.describe('Directory to archive, e.g. "grafana/dist".'),
    output: RelPath.describe(
      'Archive file name; ${version} is replaced, e.g. "micromegas-datasource-${version}.tar.gz".',
    ),
    into: RelPath.default('.').describe('Directory (relative to the repo) receiving the archive.'),
    expect: z
      .array(z.string().min(1))
      .default([])
      .describe('Files that must be inside the archive, relative to the source.'),
  })
  .strict();

export const BumpVersionStep = z
  .object({
    ...stepBase,
    kind: z.literal('bump-version'),
    commit: z.boolean().default(true),
    push: z.boolean().default(false),
    after: z
      .array(z.object({ run: Argv, cwd: RelPath.optional() }).strict())
      .default([])
      .describe('Lockfile refreshes run after the edit, e.g. yarn install in grafana/.'),
  })
  .strict();
