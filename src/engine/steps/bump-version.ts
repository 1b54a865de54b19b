// `bump-version`: the post-release bump to plan.next (the same prepareBump + applyEdits path as
// `release-cockpit bump`), then the `after` commands (lockfile refreshes), then the commit, then
// the push when asked. Safe to run again after any interruption: files already at the next
// version are not edited, a commit already made is not made twice, a pushed head is not pushed.
import { join } from 'node:path';
import type { StepConfig } from '../../core/config/step.js';
import { applyEdits } from '../../adapters/apply-edits.js';
import { Git, GitError } from '../../adapters/git.js';
import type { Plan, PlannedStep } from '../../core/plan-types.js';
import { bumpBeforePublishSentence, unfinishedPublishStep } from '../../core/phase-order.js';
import { isUserError } from '../../core/user-error.js';
import {
  bumpCommitMessage,
  formatBumpLines,
  lockFilesFor,
  prepareBump,
  unlistedFiles,
  unlistedSentence,
  type BumpInput,
  type PreparedBump,
} from '../../core/version-bump.js';
import { scanDocs } from '../../core/docs-references.js';
import type { JournalEntry } from '../../core/journal-types.js';
import { recordChild } from '../orphans.js';
import type { ConfirmRequest, StepContext, StepHandler, StepOutcome } from '../step-types.js';
import { failureReason } from './run.js';
import { locateVersions, type LocatedVersions } from './verify-versions.js';

type BumpConfig = Extract<StepConfig, { kind: 'bump-version' }>;

function config(step: PlannedStep): BumpConfig {
  if (step.config.kind !== 'bump-version') throw new Error(`step ${step.id} is not a bump-version step`);
  return step.config;
}

/** The remote of the release's git-push step, so the bump goes where the tag went. */
export function pushRemote(plan: Plan): string {
  for (const phase of plan.phases)
    for (const s of phase.steps) if (s.config.kind === 'git-push') return s.config.remote;
  return 'origin';
}

export function pushArgv(remote: string): string[] {
  return ['git', 'push', remote, 'HEAD'];
}

/** Paths touched by this bump, kept in the state dir so a resumed run commits what an earlier run changed. */
function pathsFile(ctx: StepContext): string {
  return join(ctx.stateDir, `${ctx.step.id}.paths.json`);
}

function recordedPaths(ctx: StepContext): string[] {
  try {
    const data = JSON.parse(ctx.files.read(pathsFile(ctx)) ?? '[]') as unknown;
    return Array.isArray(data) ? data.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

function record(ctx: StepContext, paths: Iterable<string>): void {
  const all = [...new Set([...recordedPaths(ctx), ...paths])].sort();
  ctx.files.write(pathsFile(ctx), JSON.stringify(all));
}

/** What the bump moves: the version locations and lockfiles to plan.next, the docs' install lines to the release. */
function bumpInput(found: LocatedVersions, plan: Plan): BumpInput {
  return {
    files: found.view,
    locations: found.locations,
    crates: found.crates,
    versionFiles: plan.config.versionFiles,
    lockFiles: lockFilesFor(plan.config.crates.workspace, plan.config.crates.extraManifests),
    next: plan.next,
    docs: scanDocs(found.view, plan.config, { release: plan.version }),
  };
}

/** A git failure is the maintainer's to fix (no remote, detached HEAD...): one sentence, not a stack. */
async function run(ctx: StepContext): Promise<StepOutcome> {
  try {
    return await bump(ctx);
  } catch (e) {
    if (e instanceof GitError) return { status: 'failed', reason: e.message };
    throw e;
  }
}

/** The `after` commands (lockfile refreshes); what they change is recorded for the bump commit. */
async function refreshLockfiles(
  ctx: StepContext,
  git: Git,
  after: ReturnType<typeof config>['after'],
  next: string,
): Promise<StepOutcome | undefined> {
  if (after.length === 0) return undefined;
  const before = new Set(await git.dirtyFiles());
  for (const a of after) {
    const r = await ctx.exec(a.run, { cwd: a.cwd });
    // What the command changed belongs to the bump commit, even when it failed half-way.
    record(
      ctx,
      (await git.dirtyFiles()).filter((p) => !before.has(p)),
    );
    if (r.cancelled) return { status: 'failed', reason: 'cancelled' };
    if (r.exitCode !== 0) {
      return {
        status: 'failed',
        reason: `${failureReason(r)} (after the bump to ${next}; the edits are written, a retry resumes from here)`,
      };
    }
  }
  return undefined;
}

async function bump(ctx: StepContext): Promise<StepOutcome> {
  const cfg = config(ctx.step);
  const { plan } = ctx;
  // `--only` can reach this step before the publish step finished: never bump under the queue.
  const publish = unfinishedPublishStep(plan, ctx.store.getState().steps);
  if (publish) return { status: 'failed', reason: bumpBeforePublishSentence(plan, publish, false) };
  const next = plan.next;
  const message = bumpCommitMessage(next);
  const git = new Git(ctx.repo, { env: ctx.env, signal: ctx.signal });
  let prepared: PreparedBump;
  let candidates: string[];
  try {
    const input = bumpInput(locateVersions(ctx.repo, plan.config), plan);
    prepared = prepareBump(input);
    candidates = [...input.locations.map((l) => l.path), ...input.lockFiles];
  } catch (e) {
    if (isUserError(e)) return { status: 'failed', reason: e.format() };
    throw e;
  }
  const edited = prepared.lines.length > 0;
  // Files that still need editing need a commit too, even if an older bump commit exists (it was
  // reverted); files already at `next` with the commit in history mean a finished earlier run.
  const committed = !edited && cfg.commit && (await git.findCommits(message)).length > 0;
  const lines = formatBumpLines(prepared.lines);

  if (ctx.dryRun) {
    for (const l of lines) ctx.log(`would change ${l}`);
    const unlisted = unlistedSentence(unlistedFiles(prepared, plan.config.versionFiles));
    if (unlisted) ctx.log(`would have ${unlisted}`.replace('would have also moved', 'would also move'));
    if (!edited) ctx.log(`the files already carry ${next}`);
    for (const a of cfg.after) ctx.log(`would run: ${a.run.join(' ')}${a.cwd ? ` (in ${a.cwd})` : ''}`);
    if (cfg.commit && !committed) ctx.log(`would run: git commit -m "${message}"`);
    if (cfg.push) ctx.log(`would run: ${pushArgv(pushRemote(plan)).join(' ')}`);
    return { status: 'passed', summary: `dry run: ${prepared.lines.length} values would move to ${next}` };
  }

  if (edited) {
    try {
      applyEdits(ctx.repo, prepared.changes);
    } catch (e) {
      if (isUserError(e)) return { status: 'failed', reason: e.format() };
      throw e;
    }
    for (const l of lines) ctx.log(l);
    const unlisted = unlistedSentence(unlistedFiles(prepared, plan.config.versionFiles));
    if (unlisted) ctx.log(unlisted);
    record(
      ctx,
      prepared.changes.map((c) => c.path),
    );
  } else {
    ctx.log(`the files already carry ${next}${committed ? ' and the bump commit exists' : ''}`);
  }

  // A complete earlier run (edited and committed) needs no lockfile refresh again.
  if (!committed) {
    const failed = await refreshLockfiles(ctx, git, cfg.after, next);
    if (failed) return failed;
  }

  let commitNote = '';
  if (cfg.commit && !committed) {
    const dirty = new Set(await git.dirtyFiles());
    const paths = [...new Set([...recordedPaths(ctx), ...candidates])].filter((p) => dirty.has(p)).sort();
    if (paths.length === 0) {
      commitNote = ', nothing to commit';
    } else {
      for (const argv of [
        ['git', 'add', '--', ...paths],
        ['git', 'commit', '--quiet', '-m', message, '--', ...paths],
      ]) {
        const r = await ctx.exec(argv);
        if (r.exitCode !== 0) return { status: 'failed', reason: failureReason(r) };
      }
      commitNote = `, committed ${paths.length} files`;
    }
  } else if (committed) {
    commitNote = ', already committed';
  }

  if (cfg.push) {
    const outcome = await push(ctx, git);
    if (outcome) return outcome;
  }
  const moved = edited
    ? `${prepared.lines.length} values in ${prepared.changes.length} files moved to ${next}`
    : `already at ${next}`;
  return { status: 'passed', summary: `${moved}${commitNote}${cfg.push ? ', pushed' : ''}` };
}

/** Pushes HEAD to the same branch on the remote, unless the remote already has it. */
async function push(ctx: StepContext, git: Git): Promise<StepOutcome | undefined> {
  const remote = pushRemote(ctx.plan);
  const branch = await git.currentBranch();
  if (!branch)
    return { status: 'failed', reason: 'HEAD is detached; check out the release branch before pushing the bump.' };
  const head = await git.headCommit();
  const there = await git.remoteRef(remote, `refs/heads/${branch}`);
  if (there?.commit === head) {
    ctx.log(`${remote}/${branch} already has ${head.slice(0, 12)}`);
    return undefined;
  }
  const argv = pushArgv(remote);
  try {
    await ctx.journal.around('git-push', `${remote} ${branch}`, ctx.step.id, async (intent) => {
      const r = await ctx.exec(argv, { onSpawn: recordChild(ctx.journal, intent) });
      if (r.exitCode !== 0) throw new Error(failureReason(r));
    });
  } catch (e) {
    return { status: 'failed', reason: (e as Error).message };
  }
  return undefined;
}

/** After a crash during the push: the remote branch holding our HEAD (or a descendant) means it happened. */
async function reconcile(ctx: StepContext, intent: JournalEntry): Promise<'done' | 'not-done' | 'unknown'> {
  const [remote = 'origin', branch] = intent.target.split(' ');
  if (intent.action !== 'git-push' || !branch) return 'unknown';
  const git = new Git(ctx.repo, { env: ctx.env, signal: ctx.signal });
  try {
    const there = await git.remoteRef(remote, `refs/heads/${branch}`);
    if (!there) return 'not-done';
    const head = await git.headCommit();
    if (there.commit === head) return 'done';
    const r = await git.raw(['merge-base', '--is-ancestor', head, there.commit]);
    return r.exitCode === 0 ? 'done' : r.exitCode === 1 ? 'not-done' : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The values that move (file:line old → new), each command with its directory, where the push goes. */
async function confirmation(ctx: StepContext): Promise<ConfirmRequest> {
  const cfg = config(ctx.step);
  const { plan } = ctx;
  const prepared = prepareBump(bumpInput(locateVersions(ctx.repo, plan.config), plan));
  const branch = await new Git(ctx.repo, { env: ctx.env, signal: ctx.signal }).currentBranch();
  const remote = pushRemote(plan);
  const commands = bumpVersionStep.commands!(ctx.step, plan);
  const changes = formatBumpLines(prepared.lines).map((l) => `  ${l.replace(' -> ', ' → ')}`);
  return {
    title: ctx.step.title,
    heading: `It will edit the files below, then run:`,
    commands,
    cwds: [...cfg.after.map((a) => a.cwd ?? '.'), ...commands.slice(cfg.after.length).map(() => '.')],
    details: [
      ...(changes.length
        ? [`Version values moving to ${plan.next} (${changes.length}):`, ...changes]
        : [`The files already carry ${plan.next}.`]),
      ...(cfg.push
        ? [
            branch
              ? `The push sends ${branch} to ${remote}/${branch}.`
              : `HEAD is detached: the push will fail; check out the release branch first.`,
          ]
        : []),
    ],
  };
}

export const bumpVersionStep: StepHandler = {
  kind: 'bump-version',
  // Only the push is journalled (and reconciled); the local edit and commit are undone with git.
  ownJournal: (step) => config(step).push,
  commands(step, plan) {
    const cfg = config(step);
    return [
      ...cfg.after.map((a) => a.run),
      ...(cfg.commit ? [['git', 'commit', '-m', bumpCommitMessage(plan.next)]] : []),
      ...(cfg.push ? [pushArgv(pushRemote(plan))] : []),
    ];
  },
  confirmation,
  run,
  reconcile,
};
