// `git-push` (irreversible): pushes the release tags (and a release branch when configured), each
// journaled; what the remote already has at the same commit is not pushed again. A branch is
// judged from `git ls-remote --heads`, never a stale tracking ref (pruned with a notice); a real
// divergence fails before anything is pushed. Reconciled with `git ls-remote`.
import type { StepConfig } from '../../core/config/step.js';
import { Git, GitError } from '../../adapters/git.js';
import { branchVerdict, describeVerdict } from '../../adapters/git-branch.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import { releaseTags } from '../../core/release-tags.js';
import { expandTemplate, releaseVars } from '../../core/template.js';
import type { JournalEntry } from '../../core/journal-types.js';
import { recordChild } from '../orphans.js';
import type { ConfirmRequest, StepContext, StepHandler, StepOutcome } from '../step-types.js';

type PushConfig = Extract<StepConfig, { kind: 'git-push' }>;

function config(step: PlannedStep): PushConfig {
  if (step.config.kind !== 'git-push') throw new Error(`step ${step.id} is not a git-push step`);
  return step.config;
}

const short = (sha: string): string => sha.slice(0, 7);

/** The refs this step pushes, full names: refs/tags/v0.15.0 (and every extra tag), refs/heads/release/v0.15.0. */
export function pushRefs(cfg: PushConfig, plan: Plan): string[] {
  const refs = cfg.tag ? releaseTags(plan).map((t) => `refs/tags/${t}`) : [];
  if (cfg.branch) refs.push(`refs/heads/${expandTemplate(cfg.branch, releaseVars(plan))}`);
  return refs;
}

/** The local commit of a full ref name. */
async function localCommit(git: Git, ref: string): Promise<string | undefined> {
  return ref.startsWith('refs/tags/')
    ? git.tagTarget(ref.slice('refs/tags/'.length))
    : git.branchCommit(ref.slice('refs/heads/'.length));
}

const nameOf = (ref: string): string => ref.replace(/^refs\/(tags|heads)\//, '');

class StepFailure extends Error {}

/** Pushes one ref unless the remote has it at the same commit; returns what happened. */
async function pushRef(ctx: StepContext, git: Git, remote: string, ref: string): Promise<'pushed' | 'already'> {
  const name = nameOf(ref);
  const local = await localCommit(git, ref);
  if (!local) {
    throw new StepFailure(
      ref.startsWith('refs/tags/')
        ? `tag ${name} does not exist locally: run the git-tag step first`
        : `branch ${name} does not exist locally`,
    );
  }
  const there = await git.remoteRef(remote, ref);
  if (there?.commit === local) {
    ctx.log(`${name} is already on ${remote} at ${short(local)}`);
    return 'already';
  }
  if (there && ref.startsWith('refs/tags/')) {
    throw new StepFailure(
      `tag ${name} on ${remote} points at ${short(there.commit)}, the local one at ${short(local)}: find out which is right before releasing`,
    );
  }
  await ctx.journal.around('git-push', `${remote} ${ref}`, ctx.step.id, (intent) =>
    git.pushRef(remote, ref, { onSpawn: recordChild(ctx.journal, intent) }),
  );
  const after = await git.remoteRef(remote, ref);
  if (after?.commit !== local)
    throw new StepFailure(`git push reported success but ${remote} does not show ${name} at ${short(local)}`);
  ctx.log(`pushed ${name} (${short(local)}) to ${remote}`);
  return 'pushed';
}

/** Judges every branch to push from ls-remote before anything is pushed: a divergence fails the step. */
async function checkBranches(ctx: StepContext, git: Git, remote: string, refs: string[]): Promise<string[]> {
  const pruned: string[] = [];
  for (const ref of refs.filter((r) => r.startsWith('refs/heads/'))) {
    const name = nameOf(ref);
    const local = await localCommit(git, ref);
    if (!local) throw new StepFailure(`branch ${name} does not exist locally`);
    const verdict = await branchVerdict(git, remote, name, local);
    const said = describeVerdict(verdict, remote, name);
    if (verdict.state === 'diverged') throw new StepFailure(said!);
    if (said) ctx.log(said);
    if (verdict.state === 'absent' && verdict.pruned) pruned.push(verdict.pruned);
  }
  return pruned;
}

async function run(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const refs = pushRefs(cfg, ctx.plan);
  if (!refs.length) return { status: 'skipped', reason: 'nothing to push (tag is off and no branch is configured)' };
  const git = new Git(ctx.repo, { env: ctx.env, signal: ctx.signal });
  try {
    if (!(await git.remoteExists(cfg.remote)))
      return {
        status: 'failed',
        reason: `there is no git remote named ${cfg.remote}: add it (git remote add ${cfg.remote} URL) or set \`remote\``,
      };
    const pruned = await checkBranches(ctx, git, cfg.remote, refs);
    const note = pruned.length ? ` (pruned the stale tracking ref ${pruned.join(', ')})` : '';
    const done: string[] = [];
    for (const ref of refs) if ((await pushRef(ctx, git, cfg.remote, ref)) === 'pushed') done.push(nameOf(ref));
    return {
      status: 'passed',
      summary: `${done.length ? `pushed ${done.join(' and ')} to ${cfg.remote}` : 'already pushed'}${note}`,
    };
  } catch (e) {
    if (e instanceof StepFailure || e instanceof GitError) return { status: 'failed', reason: e.message };
    throw e;
  }
}

/** Done when the remote has the ref at the local commit (`git ls-remote`). */
async function reconcile(ctx: StepContext, intent: JournalEntry): Promise<'done' | 'not-done' | 'unknown'> {
  const [remote, ref] = intent.target.split(' ');
  if (!remote || !ref) return 'unknown';
  const git = new Git(ctx.repo, { env: ctx.env, signal: ctx.signal });
  try {
    const [local, there] = await Promise.all([localCommit(git, ref), git.remoteRef(remote, ref)]);
    if (!there) return 'not-done';
    return local !== undefined && there.commit === local ? 'done' : 'not-done';
  } catch {
    return 'unknown';
  }
}

async function confirmation(ctx: StepContext): Promise<ConfirmRequest> {
  const cfg = config(ctx.step);
  const refs = pushRefs(cfg, ctx.plan);
  return {
    title: ctx.step.title,
    commands: refs.map((ref) => Git.pushArgv(cfg.remote, ref)),
    details: refs.map(
      (ref) =>
        `${ref.startsWith('refs/tags/') ? 'tag' : 'branch'} ${nameOf(ref)} goes to the remote ${cfg.remote} (skipped if it is already there at the same commit)`,
    ),
  };
}

export const gitPushStep: StepHandler = {
  kind: 'git-push',
  ownJournal: () => true,
  commands: (step, plan) => {
    const cfg = config(step);
    return pushRefs(cfg, plan).map((ref) => Git.pushArgv(cfg.remote, ref));
  },
  confirmation,
  run,
  reconcile,
};
