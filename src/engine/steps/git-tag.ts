// `git-tag`: the release tag and its extraTags on HEAD, created one by one after the checks a
// maintainer would make by hand, each failing with one sentence: clean tree, expected branch, not
// behind the remote, tags free locally and on the remote. Tags already on HEAD pass (idempotent on
// resume); a tag at another commit fails naming both commits and is never moved.
import type { StepConfig } from '../../core/config/step.js';
import { Git, GitError } from '../../adapters/git.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import { stepTags } from '../../core/release-tags.js';
import { expandTemplate, releaseVars } from '../../core/template.js';
import type { JournalEntry } from '../../core/journal-types.js';
import { recordChild } from '../orphans.js';
import type { StepContext, StepHandler, StepOutcome } from '../step-types.js';
import { plural } from '../../core/plural.js';

type TagConfig = Extract<StepConfig, { kind: 'git-tag' }>;

export const DEFAULT_TAG_MESSAGE = '${project} ${tag}';

function config(step: PlannedStep): TagConfig {
  if (step.config.kind !== 'git-tag') throw new Error(`step ${step.id} is not a git-tag step`);
  return step.config;
}

const short = (sha: string): string => sha.slice(0, 7);

function vars(plan: Plan) {
  return releaseVars(plan);
}

/** The annotation of `tag`, or undefined for a lightweight tag. */
export function tagMessage(cfg: TagConfig, plan: Plan, tag: string = plan.tag): string | undefined {
  return cfg.annotated ? expandTemplate(cfg.message ?? DEFAULT_TAG_MESSAGE, { ...vars(plan), tag }) : undefined;
}

function list(files: string[]): string {
  return files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
}

/** The first unmet prerequisite as one sentence, or undefined when all hold. */
async function prerequisites(ctx: StepContext, git: Git, cfg: TagConfig, tags: string[]): Promise<string | undefined> {
  const dirty = await git.dirtyFiles();
  if (dirty.length)
    return `the working tree has uncommitted changes (${list(dirty)}): commit or stash them before tagging`;
  const current = await git.currentBranch();
  const branch = cfg.branch && expandTemplate(cfg.branch, vars(ctx.plan));
  if (branch && current !== branch) {
    return `HEAD is ${current ? `on ${current}` : 'detached'} but the release is cut from ${branch}: git checkout ${branch}`;
  }
  if (!(await git.remoteExists(cfg.remote))) {
    ctx.log(`no remote named ${cfg.remote}: the remote checks are skipped`);
    return undefined;
  }
  if (current) {
    const sync = await git.syncStatus(cfg.remote, current);
    if (sync.behind) {
      return `${current} is ${plural(sync.behind, 'commit')} behind ${sync.remoteBranch}: pull first (git pull --ff-only ${cfg.remote} ${current})`;
    }
    if (!sync.exists) ctx.log(`${current} is not on ${cfg.remote} yet`);
    else
      ctx.log(
        `${current} is up to date with ${sync.remoteBranch}${sync.ahead ? ` (${plural(sync.ahead, 'local commit')} to push)` : ''}`,
      );
  }
  for (const tag of tags) {
    const remote = await git.remoteTag(cfg.remote, tag);
    if (remote)
      return `tag ${tag} already exists on ${cfg.remote} (at ${short(remote.commit)}): this version was tagged before; release a new version or delete that tag`;
  }
  return undefined;
}

/** Where each tag points now; a tag at another commit than HEAD is a failure naming both (a tag is never moved). */
async function existingTags(git: Git, tags: string[], head: string): Promise<{ missing: string[]; conflict?: string }> {
  const missing: string[] = [];
  for (const tag of tags) {
    const at = await git.tagTarget(tag);
    if (at === undefined) missing.push(tag);
    else if (at !== head) {
      return {
        missing,
        conflict: `tag ${tag} already exists at ${short(at)}, but the release commit is HEAD (${short(head)}): a tag is never moved; delete it (git tag -d ${tag}) if it is wrong, or check out ${short(at)}`,
      };
    }
  }
  return { missing };
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const tags = stepTags(cfg, ctx.plan);
  const git = new Git(ctx.repo, { env: ctx.env, signal: ctx.signal });
  try {
    const head = await git.headCommit();
    const { missing, conflict } = await existingTags(git, tags, head);
    if (conflict) return { status: 'failed', reason: conflict };
    const names = tags.join(', ');
    if (missing.length === 0)
      return {
        status: 'passed',
        summary: `${names} already ${tags.length > 1 ? 'point' : 'points'} at HEAD (${short(head)})`,
      };
    const problem = await prerequisites(ctx, git, cfg, missing);
    if (problem) return { status: 'failed', reason: problem };
    if (ctx.dryRun) {
      for (const tag of missing)
        ctx.log(`would run: ${Git.createTagArgv(tag, tagMessage(cfg, ctx.plan, tag)).join(' ')}`);
      return { status: 'passed', summary: `dry run: would tag ${short(head)} as ${missing.join(', ')}` };
    }
    // One by one (`git tag A B` would read B as the commit), each checked before the next.
    for (const tag of missing) {
      const message = tagMessage(cfg, ctx.plan, tag);
      await ctx.journal.around('git-tag', tag, ctx.step.id, (intent) =>
        git.createTag(tag, message, { onSpawn: recordChild(ctx.journal, intent) }),
      );
      const target = await git.tagTarget(tag);
      if (target !== head)
        return {
          status: 'failed',
          reason: `tag ${tag} was created but points at ${target ? short(target) : 'nothing'}, not at HEAD (${short(head)})`,
        };
      ctx.log(`created ${message === undefined ? 'lightweight' : 'annotated'} tag ${tag} at ${head}`);
    }
    return { status: 'passed', summary: `${names} at ${short(head)}` };
  } catch (e) {
    if (e instanceof GitError) return { status: 'failed', reason: e.message };
    throw e;
  }
}

async function reconcile(ctx: StepContext, intent: JournalEntry): Promise<'done' | 'not-done' | 'unknown'> {
  try {
    return (await new Git(ctx.repo, { env: ctx.env }).tagExists(intent.target)) ? 'done' : 'not-done';
  } catch {
    return 'unknown';
  }
}

export const gitTagStep: StepHandler = {
  kind: 'git-tag',
  ownJournal: () => true,
  commands: (step, plan) =>
    stepTags(config(step), plan).map((tag) => Git.createTagArgv(tag, tagMessage(config(step), plan, tag))),
  run,
  reconcile,
};
