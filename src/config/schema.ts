// The shape of `.releaserc.json`. Zod is the single source: the TypeScript types, the runtime
// validation and the JSON Schema in schema/ are all derived from this file.
import { z } from 'zod';
import { RepoPath } from './repo-path.js';
import { CRATE_NAME } from '../core/crate-commands.js';
import { Crates } from './crates-schema.js';
import { Argv } from './argv.js';

export { Argv };

const StepId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'a step id is lowercase letters, digits, ".", "_" or "-"')
  .describe('Unique id of the step across the whole file; names its log file and its state.');

/** Every key naming a file or directory of the repository is a RelPath: confined to the repository by the loader. */
const RelPath = RepoPath.describe(
  'A path relative to the repository root; it stays inside the repository (no `..`, not absolute, no symlink leading out).',
);

const stepBase = {
  id: StepId,
  title: z
    .string()
    .min(1)
    .optional()
    .describe(
      'What the checklist shows (${version}, ${next}, ${previousTag}, ${tag} and ${project} are replaced); defaults to a title derived from the kind.',
    ),
  irreversible: z
    .boolean()
    .optional()
    .describe(
      'Ask for confirmation before running, journal intent/done around it and only print it in a dry run (any step kind).',
    ),
};

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

export const PublishCratesStep = z.object({ ...stepBase, kind: z.literal('publish-crates') }).strict();

const IndexUrl = z.string().regex(/^https?:\/\//, 'an index URL starts with http:// or https://');

export const PublishPythonStep = z
  .object({
    ...stepBase,
    kind: z.literal('publish-python'),
    cwd: RelPath,
    package: z.string().min(1).describe('The distribution name on the index, e.g. "micromegas".'),
    build: Argv.default(['poetry', 'build']),
    publish: Argv.default(['poetry', 'publish']),
    index: IndexUrl.default('https://pypi.org/pypi').describe(
      'Base URL of the PyPI JSON API (GET {index}/{package}/{version}/json).',
    ),
    testIndex: z
      .object({ publish: Argv, index: IndexUrl })
      .strict()
      .optional()
      .describe('Publish to a test index (e.g. TestPyPI) first, then to the real one.'),
    check: z
      .array(z.string().min(1))
      .default(['twine', '--no-color', 'check'])
      .describe(
        'Validates the built files before any upload (their paths are appended); skipped with a note when the program is not installed; [] turns it off.',
      ),
  })
  .strict();

export const VerifyPythonInstallStep = z
  .object({
    ...stepBase,
    kind: z.literal('verify-python-install'),
    package: z
      .string()
      .regex(
        /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/,
        'a Python distribution name is letters, digits, ".", "_" or "-"',
      )
      .describe('The distribution to install, e.g. "micromegas".'),
    index: IndexUrl.default('https://pypi.org/simple/').describe(
      'The PEP 503 simple index pip installs from (pip --index-url).',
    ),
    python: Argv.default(['python3']).describe('The interpreter that creates the fresh venv (python -m venv).'),
    importCheck: Argv.optional().describe(
      'Run inside the venv after the install; default: python -c "import <package>; print(<package>.__version__)" with "-" read as "_".',
    ),
    attempts: z
      .number()
      .int()
      .min(1)
      .default(10)
      .describe('pip install attempts while the index does not serve the version yet.'),
    intervalSeconds: z.number().min(0).default(10),
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

export const GitTagStep = z
  .object({
    ...stepBase,
    kind: z.literal('git-tag'),
    annotated: z.boolean().default(true),
    message: z.string().optional().describe('Annotation; ${version} is replaced.'),
    branch: z.string().optional().describe('The branch the release must be cut from.'),
    remote: z.string().default('origin'),
    extraTags: z
      .array(
        z
          .string()
          .regex(
            /^[A-Za-z0-9][A-Za-z0-9._/${}-]*$/,
            'a tag template is letters, digits, ".", "_", "/", "-" and ${version}, starting with a letter or digit',
          )
          .refine((s) => s.includes('${version}'), {
            message: 'an extra tag must contain ${version} (a fixed name would collide with the next release)',
          }),
      )
      .default([])
      .describe(
        'More tags created one by one at the release commit, e.g. ["grafana-v${version}"]; git-push pushes them all.',
      ),
  })
  .strict();

export const GitPushStep = z
  .object({
    ...stepBase,
    kind: z.literal('git-push'),
    remote: z.string().default('origin'),
    tag: z.boolean().default(true),
    branch: z.string().optional().describe('Also push this branch (e.g. "release/v${version}").'),
  })
  .strict();

export const GithubReleaseStep = z
  .object({
    ...stepBase,
    kind: z.literal('github-release'),
    releaseTitle: z
      .string()
      .optional()
      .describe('Release title; ${version} is replaced. Default "<project> v${version}".'),
    changelog: RelPath.default('CHANGELOG.md').describe('Where the release notes are taken from.'),
    attach: z.array(RelPath).default([]).describe('Files to attach; ${version} is replaced.'),
    latest: z.boolean().default(true),
    repo: z.string().optional().describe('owner/name, when gh cannot infer it.'),
    pythonPackage: z.string().optional(),
  })
  .strict();

const RefTemplate = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._/${}-]*$/,
    'a branch name is letters, digits, ".", "_", "/", "-" and ${version}, starting with a letter or digit',
  );

export const GithubPrStep = z
  .object({
    ...stepBase,
    kind: z.literal('github-pr'),
    branch: RefTemplate.describe(
      'The head branch of the pull request (the release branch a git-push step pushes); ${version} is replaced.',
    ),
    base: RefTemplate.default('main').describe('The branch the pull request merges into.'),
    prTitle: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The pull request title; ${version}, ${tag} and ${project} are replaced. Default "Merge ${tag} back into <base>".',
      ),
    body: z.string().optional().describe('The pull request body; ${version}, ${tag} and ${project} are replaced.'),
    repo: z.string().optional().describe('owner/name, when gh cannot infer it.'),
    waitForMerge: z
      .boolean()
      .default(false)
      .describe('Wait (polling gh pr view) until the pull request is merged; a closed one fails the step.'),
    pollSeconds: z.number().positive().default(30).describe('How often waitForMerge asks GitHub.'),
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

export const Step = z.discriminatedUnion('kind', [
  RunStep,
  ManualStep,
  VerifyVersionsStep,
  ChangelogStep,
  PublishCratesStep,
  PublishPythonStep,
  VerifyPythonInstallStep,
  ArchiveStep,
  GitTagStep,
  GitPushStep,
  GithubReleaseStep,
  GithubPrStep,
  BumpVersionStep,
]);

export const Phase = z
  .object({
    id: StepId,
    title: z.string().min(1),
    steps: z.array(Step),
  })
  .strict();

export { CRATE_NAME, Crates };

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
export type StepConfig = z.infer<typeof Step>;
export type StepKind = StepConfig['kind'];
export type PhaseConfig = z.infer<typeof Phase>;
export type CratesConfig = z.infer<typeof Crates>;
export const STEP_KINDS = Step.options.map((o) => o.shape.kind.value) as StepKind[];
