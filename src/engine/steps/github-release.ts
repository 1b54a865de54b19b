// `github-release` (irreversible): skipped when `gh release view TAG` finds a release; else the
// notes (changelog section + published crates and Python package with links + installation) are
// written to the state dir and `gh release create --verify-tag` runs between journal intent and
// done. Reconciled with `gh release view`. GH_TOKEN reaches gh through the environment only.
import { basename, join, resolve } from 'node:path';
import type { StepConfig } from '../../core/config/step.js';
import { Gh, GhError } from '../../adapters/gh.js';
import { Git } from '../../adapters/git.js';
import { extractSection } from '../../core/changelog.js';
import { parseGithubRepo } from '../../core/commit-groups.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import {
  buildReleaseNotes,
  pypiProjectUrl,
  type NotesArchive,
  type ReleaseNotesInput,
} from '../../core/release-notes.js';
import { expandTemplate, releaseVars } from '../../core/template.js';
import { repoPathProblem } from '../../core/repo-path.js';
import type { ReleaseState } from '../../core/state-types.js';
import type { JournalEntry } from '../../core/journal-types.js';
import { recordChild } from '../orphans.js';
import type { ConfirmRequest, StepContext, StepHandler, StepOutcome } from '../step-types.js';
import { archiveFileName } from './archive.js';
import { allSteps, stepsOfKind } from '../../core/plan-lookup.js';

type ReleaseConfig = Extract<StepConfig, { kind: 'github-release' }>;

export const NOTES_FILE = 'release-notes.md';

function config(step: PlannedStep): ReleaseConfig {
  if (step.config.kind !== 'github-release') throw new Error(`step ${step.id} is not a github-release step`);
  return step.config;
}

function vars(plan: Plan) {
  return releaseVars(plan);
}

export function releaseTitle(cfg: ReleaseConfig, plan: Plan): string {
  return expandTemplate(cfg.releaseTitle ?? '${project} v${version}', vars(plan));
}

function attachments(cfg: ReleaseConfig, plan: Plan, repo: string): string[] {
  return cfg.attach.map((f) => resolve(repo, expandTemplate(f, vars(plan))));
}

/** An attachment whose expanded path leaves the repository (the template's variables come from the config too). */
function attachmentEscape(cfg: ReleaseConfig, plan: Plan): string | undefined {
  for (const f of cfg.attach) {
    const expanded = expandTemplate(f, vars(plan));
    const problem = repoPathProblem(expanded);
    if (problem) return `the attachment \`${expanded}\` ${problem}`;
  }
  return undefined;
}

function gh(ctx: StepContext, cfg: ReleaseConfig): Gh {
  return new Gh(ctx.repo, { env: ctx.env, signal: ctx.signal, repo: cfg.repo });
}

/** Crates the state shows on the registry (published now, or already there). */
function publishedCrates(plan: Plan, state: ReleaseState): ReleaseNotesInput['crates'] {
  return plan.crates
    .filter((c) => ['published', 'already-published'].includes(state.crates[c.name]?.status ?? ''))
    .map((c) => ({ name: c.name, version: state.crates[c.name]?.version ?? c.version }));
}

/** The Python package of the release: the publish-python step (unless it failed) or `pythonPackage`. */
function pythonPackage(cfg: ReleaseConfig, plan: Plan, state: ReleaseState): ReleaseNotesInput['python'] {
  const step = stepsOfKind(plan, 'publish-python')[0];
  const py = step?.config.kind === 'publish-python' ? step.config : undefined;
  const status = step ? state.steps[step.id]?.status : undefined;
  const name = cfg.pythonPackage ?? (py && (status === 'passed' || status === 'skipped') ? py.package : undefined);
  if (!name) return undefined;
  return { name, version: plan.version, url: pypiProjectUrl(py?.index ?? 'https://pypi.org/pypi', name, plan.version) };
}

/** An attached archive made by an archive step that expects plugin.json is a Grafana plugin. */
function notesArchives(files: string[], plan: Plan): NotesArchive[] {
  const plugins = new Set(
    allSteps(plan).flatMap((s) =>
      s.config.kind === 'archive' && s.config.expect.includes('plugin.json') ? [archiveFileName(s.config, plan)] : [],
    ),
  );
  return files.map((f) => ({ file: basename(f), grafanaPlugin: plugins.has(basename(f)) }));
}

class StepFailure extends Error {}

async function notes(ctx: StepContext, cfg: ReleaseConfig, files: string[]): Promise<string> {
  const { plan } = ctx;
  const path = join(ctx.repo, cfg.changelog);
  let changelog: string | undefined;
  const text = ctx.files.read(path);
  if (text !== undefined) {
    changelog = extractSection(text, plan.version);
    if (changelog === undefined)
      throw new StepFailure(`${cfg.changelog} has no section for ${plan.version}: run the changelog step first`);
  } else {
    ctx.log(`${cfg.changelog} does not exist: the notes list the packages only`);
  }
  const git = new Git(ctx.repo, { env: ctx.env });
  const repo = cfg.repo ?? parseGithubRepo(await git.remoteUrl('origin'));
  const state = ctx.store.getState();
  return buildReleaseNotes({
    project: plan.project,
    version: plan.version,
    tag: plan.tag,
    previousTag: plan.previousTag ?? (await git.latestTag(plan.config.tagFormat, plan.version)),
    repo,
    changelog,
    crates: publishedCrates(plan, state),
    cratesWeb: plan.config.crates.registry.web,
    python: pythonPackage(cfg, plan, state),
    archives: notesArchives(files, plan),
  });
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const { tag } = ctx.plan;
  const client = gh(ctx, cfg);
  try {
    const existing = await client.viewRelease(tag);
    if (existing) {
      return {
        status: 'skipped',
        reason: `the GitHub release ${tag} already exists${existing.isDraft ? ' (as a draft)' : ''}: ${existing.url}`,
      };
    }
    const escape = attachmentEscape(cfg, ctx.plan);
    if (escape) return { status: 'failed', reason: escape };
    const files = attachments(cfg, ctx.plan, ctx.repo);
    const missing = files.filter((f) => !ctx.files.exists(f));
    if (missing.length)
      throw new StepFailure(
        `${missing.map((f) => basename(f)).join(', ')} to attach not found (expected ${missing.join(', ')}): run the archive step first`,
      );
    const body = await notes(ctx, cfg, files);
    const notesFile = join(ctx.stateDir, NOTES_FILE);
    ctx.files.write(notesFile, body, { mode: 0o644 });
    ctx.log(`release notes (${body.split('\n').length} lines) written to ${notesFile}`);
    const args = { tag, title: releaseTitle(cfg, ctx.plan), notesFile, latest: cfg.latest, files };
    const url = await ctx.journal.around('github-release', tag, ctx.step.id, (intent) =>
      client.createRelease(args, { onSpawn: recordChild(ctx.journal, intent) }),
    );
    if (!(await client.viewRelease(tag)))
      throw new StepFailure(`gh created ${tag} but \`gh release view ${tag}\` does not find it`);
    ctx.log(`created ${url}`);
    return { status: 'passed', summary: `created ${url}` };
  } catch (e) {
    if (e instanceof StepFailure || e instanceof GhError) return { status: 'failed', reason: e.message };
    throw e;
  }
}

async function reconcile(ctx: StepContext, intent: JournalEntry): Promise<'done' | 'not-done' | 'unknown'> {
  try {
    return (await gh(ctx, config(ctx.step)).viewRelease(intent.target)) ? 'done' : 'not-done';
  } catch (e) {
    if (e instanceof GhError) return 'unknown';
    throw e;
  }
}

/** The exact gh command and the notes it will publish (built now, as run() builds them). */
async function confirmation(ctx: StepContext): Promise<ConfirmRequest> {
  const cfg = config(ctx.step);
  const files = attachments(cfg, ctx.plan, ctx.repo);
  const notesFile = join(ctx.stateDir, NOTES_FILE);
  const argv = Gh.createArgv({
    tag: ctx.plan.tag,
    title: releaseTitle(cfg, ctx.plan),
    notesFile,
    latest: cfg.latest,
    files,
    repo: cfg.repo,
  });
  const base: ConfirmRequest = { title: ctx.step.title, commands: [argv] };
  let body: string;
  try {
    body = await notes(ctx, cfg, files);
  } catch (e) {
    if (e instanceof StepFailure) return { ...base, warnings: [`The notes cannot be built yet: ${e.message}.`] };
    throw e;
  }
  const lines = body.replace(/\n+$/, '').split('\n');
  return {
    ...base,
    details: [
      `Release notes (${lines.length} lines, written to ${notesFile} before gh runs):`,
      ...lines.map((l) => `  ${l}`),
    ],
  };
}

export const githubReleaseStep: StepHandler = {
  kind: 'github-release',
  ownJournal: () => true,
  commands: (step, plan) => {
    const cfg = config(step);
    const notesFile = join('<state dir>', NOTES_FILE);
    return [
      Gh.createArgv({
        tag: plan.tag,
        title: releaseTitle(cfg, plan),
        notesFile,
        latest: cfg.latest,
        files: attachments(cfg, plan, plan.repo),
        repo: cfg.repo,
      }),
    ];
  },
  confirmation,
  run,
  reconcile,
};
