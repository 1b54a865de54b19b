// `changelog`: drafts the release section from the commits since the previous tag (grouped, PR
// links), shows it, asks for a review unless --yes, writes the file atomically and commits it
// alone. Idempotent: a file that already has the section passes (and is committed if it was
// written but not committed when the run was cut off).
// The draft is also written to `<stateDir>/drafts/<step-id>.md` (0600): the review offers it in
// $EDITOR, and after a yes the file as saved is what goes into the changelog.
import { join } from 'node:path';
import type { StepConfig } from '../../core/config/step.js';
import { draftPath } from '../../adapters/editor.js';
import { Git } from '../../adapters/git.js';
import { draftChangelog, hasReleasedSection, type CalendarDate } from '../../core/changelog.js';
import { groupCommits, parseGithubRepo } from '../../core/commit-groups.js';
import type { FilesPort } from '../../core/files-port.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import { expandTemplate, releaseVars } from '../../core/template.js';
import { NEEDS_YES_MARK, StepPaused } from '../step-state.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';
import { plural } from '../../core/plural.js';

type ChangelogConfig = Extract<StepConfig, { kind: 'changelog' }>;

function config(step: PlannedStep): ChangelogConfig {
  if (step.config.kind !== 'changelog') throw new Error(`step ${step.id} is not a changelog step`);
  return step.config;
}

/** The version label of the section: the step's `heading` (e.g. the plugin's "1.0.0") or the release version. */
export function changelogLabel(cfg: ChangelogConfig, plan: Plan): string {
  return cfg.heading ? expandTemplate(cfg.heading, releaseVars(plan)) : plan.version;
}

/** The maintainer's calendar day: a release cut at 23:30 is dated that day, not tomorrow in UTC. */
function localDate(ms: number): CalendarDate {
  const d = new Date(ms);
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
}

export function changelogCommitMessage(label: string, file: string): string {
  return `Update ${file} for ${label}`;
}

async function commitIfChanged(ctx: StepContext, git: Git, cfg: ChangelogConfig, label: string): Promise<boolean> {
  if (cfg.commit === false) return false;
  if ((await git.changedPaths([cfg.file])).length === 0) return false;
  const message = changelogCommitMessage(label, cfg.file);
  await git.commitFiles([cfg.file], message);
  ctx.log(`committed ${cfg.file}: "${message}"`);
  return true;
}

/** Lines without the blank ones around them (an editor's trailing newline is not content). */
function trimBlankLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from]!.trim() === '') from++;
  while (to > from && lines[to - 1]!.trim() === '') to--;
  return lines.slice(from, to);
}

/**
 * Writes the draft for the maintainer. An earlier draft that differs (edited in a review that was
 * then declined, or drafted before new commits) is kept as `<step-id>.md.bak`, not lost.
 */
function writeDraft(ctx: StepContext, section: string): string {
  const file = draftPath(ctx.stateDir, ctx.step.id);
  const text = `${section}\n`;
  const old = ctx.files.read(file);
  const keep = old !== undefined && old !== text && old.trim() !== '';
  ctx.files.write(file, text, { mode: 0o600, ...(keep ? { backup: `${file}.bak` } : {}) });
  if (keep) ctx.log(`the previous draft differed: kept as ${file}.bak`);
  return file;
}

/** The drafted file with the edited section in place of the computed one (same spot, same line ends). */
function withEditedSection(text: string, section: string, edited: string[]): string | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const computed = section.split('\n').join(eol);
  const at = text.indexOf(computed);
  if (at < 0) return undefined;
  return text.slice(0, at) + edited.join(eol) + text.slice(at + computed.length);
}

type Reviewed = { ok: true; text: string; edited: boolean } | { ok: false; reason: string };

/** After a yes: the draft file as the maintainer left it, checked, spliced into the changelog. */
function reviewedText(
  files: FilesPort,
  file: string,
  cfgFile: string,
  label: string,
  draft: { text: string; section: string },
): Reviewed {
  let saved: string | undefined;
  let code = 'ENOENT';
  try {
    saved = files.read(file);
  } catch (e) {
    saved = undefined;
    code = (e as NodeJS.ErrnoException).code ?? 'error';
  }
  if (saved === undefined) {
    return {
      ok: false,
      reason: `the draft ${file} cannot be read (${code}); retry drafts it again`,
    };
  }
  const lines = trimBlankLines(saved);
  // Emptying the file is the editor's way of saying no (like an empty commit message).
  if (lines.length === 0)
    return {
      ok: false,
      reason: `the draft ${file} was emptied: nothing written to ${cfgFile} (retry drafts it again)`,
    };
  if (lines.join('\n') === draft.section) return { ok: true, text: draft.text, edited: false };
  const text = withEditedSection(draft.text, draft.section, lines);
  if (text === undefined)
    return { ok: false, reason: `internal: the drafted section is not in the drafted ${cfgFile}` };
  // Without its heading the section would be drafted again on resume (and written twice).
  if (!hasReleasedSection(text, label)) {
    return {
      ok: false,
      reason: `the edited draft ${file} has no heading for ${label}: keep its first line (e.g. "${draft.section.split('\n')[0]}")`,
    };
  }
  return { ok: true, text, edited: true };
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const label = changelogLabel(cfg, ctx.plan);
  const path = join(ctx.repo, cfg.file);
  const git = new Git(ctx.repo, { env: ctx.env, signal: ctx.signal });
  const text = ctx.files.read(path) ?? '';

  if (hasReleasedSection(text, label)) {
    const committed = !ctx.dryRun && (await commitIfChanged(ctx, git, cfg, label));
    return { status: 'passed', summary: `already has ${label}${committed ? ' (now committed)' : ''}` };
  }

  // The plan carries the previous tag when the CLI found it; else the highest older tag is it.
  const since = ctx.plan.previousTag ?? (await git.latestTag(ctx.plan.config.tagFormat, ctx.plan.version));
  const commits = await git.log(since, cfg.paths ?? []);
  const repo = parseGithubRepo(await git.remoteUrl('origin'));
  const draft = draftChangelog({
    text,
    label,
    date: localDate(ctx.now()),
    groups: groupCommits(commits),
    repo,
    ...(cfg.keepUnreleased !== undefined ? { keepUnreleased: cfg.keepUnreleased } : {}),
  });
  if (draft.kind === 'present') return { status: 'passed', summary: `already has ${label}` };

  const scope = cfg.paths?.length ? ` touching ${cfg.paths.join(', ')}` : '';
  ctx.log(
    `${commits.length} commit(s) since ${since ?? 'the first commit'}${scope}; ${draft.added} new line(s) for ${cfg.file}:`,
  );
  const preview = draft.section.split('\n');
  for (const line of preview) ctx.log(`  ${line}`);

  if (ctx.dryRun) return { status: 'passed', summary: `dry run: would add ${label} to ${cfg.file}` };

  // Written even when nobody reviews (--yes, review: false): the record of what was drafted.
  const draftFile = writeDraft(ctx, draft.section);
  let final = draft.text;
  let edited = false;
  if (cfg.review && !ctx.yes) {
    const ok = await ctx.confirm({
      title: `Write the ${label} section to ${cfg.file}?`,
      commands: [],
      details: preview,
      editFile: draftFile,
    });
    if (!ok) {
      // In the cockpit the maintainer comes back to it; headless, --yes is the review.
      if (ctx.interactive) throw new StepPaused(`the ${label} section of ${cfg.file} was not approved`);
      return {
        status: 'failed',
        reason: `the ${label} section of ${cfg.file} needs a review: ${NEEDS_YES_MARK} or use the cockpit`,
        needs: 'confirmation',
      };
    }
    const reviewed = reviewedText(ctx.files, draftFile, cfg.file, label, draft);
    if (!reviewed.ok) {
      // Also in the output: the checklist row that carries the reason is often cut short.
      ctx.log(reviewed.reason);
      return { status: 'failed', reason: reviewed.reason };
    }
    ({ text: final, edited } = reviewed);
    if (edited) ctx.log(`using the draft as edited in review (${draftFile})`);
  }

  // Keep the file's mode (the atomic writer defaults to 0600, right for state, wrong for docs).
  const mode = ctx.files.mode(path) ?? 0o644;
  ctx.files.write(path, final, { mode });
  const what = draft.kind === 'dated-unreleased' ? `dated the Unreleased section as ${label}` : `added ${label}`;
  ctx.log(`${cfg.file}: ${what}`);
  await commitIfChanged(ctx, git, cfg, label);
  const source = edited ? 'edited in review' : `${plural(draft.added, 'entry', 'entries')} from commits`;
  return { status: 'passed', summary: `${what} in ${cfg.file} (${source})` };
}

export const changelogStep: StepHandler = {
  kind: 'changelog',
  commands: (step, plan) => {
    const cfg = config(step);
    return cfg.commit === false
      ? []
      : [['git', 'commit', '-m', changelogCommitMessage(changelogLabel(cfg, plan), cfg.file), '--', cfg.file]];
  },
  run,
};
