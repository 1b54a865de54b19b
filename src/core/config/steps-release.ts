// The step kinds that release: the crate and Python publishes, git tags and pushes, GitHub
// releases and pull requests.
import * as z from 'zod';
import { Argv } from './argv.js';
import { RelPath } from './repo-path.js';
import { stepBase } from './step-base.js';

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
