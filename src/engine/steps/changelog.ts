// `changelog`: drafts the release section from the commits since the previous tag (grouped, PR
// links), shows it, asks for a review unless --yes, writes the file atomically and commits it
// alone. Idempotent: a file that already has the section passes (and is committed if it was
// written but not committed when the run was cut off).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { StepConfig } from '../../config/schema.js';
import { writeFileAtomicSync } from '../../adapters/atomic-write.js';
import { Git } from '../../adapters/git.js';
import { draftChangelog, hasReleasedSection, type CalendarDate } from '../../core/changelog.js';
import { groupCommits, parseGithubRepo } from '../../core/commit-groups.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import { expandTemplate } from '../../core/template.js';
import { registerStep } from '../step-registry.js';
import { NEEDS_YES_MARK, StepPaused } from '../step-state.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';

type ChangelogConfig = Extract<StepConfig, { kind: 'changelog' }>;

function config(step: PlannedStep): ChangelogConfig {
  if (step.config.kind !== 'changelog') throw new Error(`step ${step.id} is not a changelog step`);
  return step.config;
}

/** The version label of the section: the step's `heading` (e.g. the plugin's "1.0.0") or the release version. */
export function changelogLabel(cfg: ChangelogConfig, plan: Plan): string {
  return cfg.heading ? expandTemplate(cfg.heading, { version: plan.version, tag: plan.tag, project: plan.project }) : plan.version;
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

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const label = changelogLabel(cfg, ctx.plan);
  const path = join(ctx.repo, cfg.file);
  const git = new Git(ctx.repo, { env: ctx.env, signal: ctx.signal });
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';

  if (hasReleasedSection(text, label)) {
    const committed = !ctx.dryRun && (await commitIfChanged(ctx, git, cfg, label));
    return { status: 'passed', summary: `already has ${label}${committed ? ' (now committed)' : ''}` };
  }

  // The plan carries the previous tag when the CLI found it; else the highest older tag is it.
  const since = ctx.plan.previousTag ?? (await git.latestTag(ctx.plan.config.tagFormat, ctx.plan.version));
  const commits = await git.log(since, cfg.paths ?? []);
  const repo = parseGithubRepo(await git.remoteUrl('origin'));
  const draft = draftChangelog({ text, label, date: localDate(ctx.now()), groups: groupCommits(commits), repo });
  if (draft.kind === 'present') return { status: 'passed', summary: `already has ${label}` };

  const scope = cfg.paths?.length ? ` touching ${cfg.paths.join(', ')}` : '';
  ctx.log(`${commits.length} commit(s) since ${since ?? 'the first commit'}${scope}; ${draft.added} new line(s) for ${cfg.file}:`);
  const preview = draft.section.split('\n');
  for (const line of preview) ctx.log(`  ${line}`);

  if (ctx.dryRun) return { status: 'passed', summary: `dry run: would add ${label} to ${cfg.file}` };

  if (cfg.review && !ctx.yes) {
    const ok = await ctx.confirm({
      title: `Write the ${label} section to ${cfg.file}?`,
      commands: [],
      details: preview,
    });
    if (!ok) {
      // In the cockpit the maintainer comes back to it; headless, --yes is the review.
      if (ctx.interactive) throw new StepPaused(`the ${label} section of ${cfg.file} was not approved`);
      return { status: 'failed', reason: `the ${label} section of ${cfg.file} needs a review: ${NEEDS_YES_MARK} or use the cockpit` };
    }
  }

  // Keep the file's mode (the atomic writer defaults to 0600, right for state, wrong for docs).
  const mode = existsSync(path) ? statSync(path).mode & 0o777 : 0o644;
  writeFileAtomicSync(path, draft.text, { mode });
  const what = draft.kind === 'dated-unreleased' ? `dated the Unreleased section as ${label}` : `added ${label}`;
  ctx.log(`${cfg.file}: ${what}`);
  await commitIfChanged(ctx, git, cfg, label);
  return { status: 'passed', summary: `${what} in ${cfg.file} (${draft.added} entr${draft.added === 1 ? 'y' : 'ies'} from commits)` };
}

export const changelogStep: StepHandler = {
  kind: 'changelog',
  // A file edit and a local commit: both undone with git, nothing leaves the machine.
  irreversible: () => false,
  commands: (step, plan) => {
    const cfg = config(step);
    return cfg.commit === false ? [] : [['git', 'commit', '-m', changelogCommitMessage(changelogLabel(cfg, plan), cfg.file), '--', cfg.file]];
  },
  run,
};

registerStep(changelogStep);
