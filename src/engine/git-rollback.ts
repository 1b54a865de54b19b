// The rollback actions beside yank: delete the tag (local and remote), turn the GitHub release
// into a draft or delete it, edit its notes, revert the version bump commit, record a PyPI yank
// done by hand, show the steps of a patch release. Facts come from rollback-facts.ts, the menu
// and its questions from rollback-menu.ts; every action that changes something is journaled
// (action 'rollback'; the PyPI yank is a 'confirmed' entry: the maintainer did it, not us).
import { GhError } from '../adapters/gh.js';
import type { CaptureOptions } from '../adapters/capture.js';
import { GitError } from '../adapters/git.js';
import { ROLLBACK_ACTION_IDS, type RollbackActionId } from '../core/irreversible.js';
import type { RollbackResult } from './engine-api.js';
import type { EngineServices, GitRollback } from './engine-services.js';
import { recordChild } from './orphans.js';
import { ROLLBACK_STEP_ID } from '../core/journal-types.js';
import { rollbackActionOf, settleRollback, unsettledMessage } from './rollback-reconcile.js';
import type { StepContext } from './step-types.js';
import { applyNotes, draftNotes, notesConfirmation } from './notes-rollback.js';
import {
  probeGitRollback,
  rollbackClients,
  rollbackDepsOf,
  type GitRollbackDeps,
  type GitRollbackFacts,
} from './rollback-facts.js';
import { gitRollbackActions, patchSteps, rollbackConfirmation } from './rollback-menu.js';

export { probeGitRollback, type GitRollbackDeps, type GitRollbackFacts } from './rollback-facts.js';
export { gitRollbackActions, gitRollbackCommands, rollbackConfirmation } from './rollback-menu.js';

type Spawned = Pick<CaptureOptions, 'onSpawn'>;

/** How long the menu trusts its last look at git and GitHub. */
export const FACTS_MAX_AGE_MS = 10_000;

function targetOf(id: RollbackActionId, f: GitRollbackFacts): string {
  if (id === 'prepare-patch') return `${id} ${f.patch ?? ''}`.trim();
  if (id === 'revert-bump') return `${id} ${f.bump?.hash.slice(0, 7) ?? ''}`.trim();
  if (id === 'yank-python') return f.python ? `${f.python.package}@${f.python.version}` : id;
  return `${id} ${f.tag}`;
}

/** The action itself, once asked (or asked for nothing: tests, a caller that confirmed already). */
async function act(id: RollbackActionId, deps: GitRollbackDeps, f: GitRollbackFacts, target: string): Promise<string> {
  const { git, gh } = rollbackClients(deps);
  const log = deps.log ?? (() => {});
  // Each command that changes something is journaled as the intent's child (orphans.ts).
  const journaled = (fn: (child: Spawned) => Promise<string>) =>
    deps.journal.around('rollback', target, ROLLBACK_STEP_ID, (intent) =>
      fn({ onSpawn: recordChild(deps.journal, intent) }),
    );
  switch (id) {
    case 'delete-tag':
      return journaled(async (child) => {
        for (const t of f.remoteTags ?? []) await git.deleteRemoteTag(f.remote, t, child);
        for (const t of f.localTags) await git.deleteTag(t);
        const gone = [...new Set([...(f.remoteTags ?? []), ...f.localTags])];
        const where = [f.tagRemote && `on ${f.remote}`, f.tagLocal && 'locally'].filter(Boolean).join(' and ');
        log(`deleted ${gone.length > 1 ? 'tags' : 'tag'} ${gone.join(', ')} ${where}`);
        return `deleted ${gone.length > 1 ? 'tags' : 'tag'} ${gone.join(', ')}`;
      });
    case 'draft-github-release':
      return journaled(async (child) => {
        await gh.setDraft(f.tag, child);
        return `the GitHub release ${f.tag} is a draft now`;
      });
    case 'delete-github-release':
      return journaled(async (child) => {
        await gh.deleteRelease(f.tag, child);
        return `deleted the GitHub release ${f.tag} (the tag is kept)`;
      });
    case 'revert-bump':
      return journaled(async () => {
        await git.revertCommit(f.bump?.hash ?? '');
        const head = (await git.headCommit()).slice(0, 7);
        return `reverted "${f.bump?.subject}" as ${head}; push it when ready`;
      });
    case 'yank-python': {
      const url = f.python ? `${f.python.package} ${f.python.version}` : '';
      deps.journal.append({
        type: 'confirmed',
        by: 'maintainer',
        action: 'yank-python',
        target,
        step: ROLLBACK_STEP_ID,
        detail: url,
      });
      log(`recorded: the maintainer yanked ${url} on PyPI by hand`);
      return `recorded in the journal: ${url} yanked on PyPI by you`;
    }
    case 'prepare-patch':
      for (const s of patchSteps(f)) log(`patch release ${f.patch}: ${s}`);
      return `nothing ran: the steps of patch release ${f.patch} are in the rollback output`;
    case 'edit-release-notes':
      return 'the notes are edited through the cockpit (a draft in $EDITOR, then its diff)';
  }
}

/** Runs one action (probing first unless facts are given); never throws for an expected failure. */
export async function runGitRollback(
  id: RollbackActionId,
  deps: GitRollbackDeps,
  known?: GitRollbackFacts,
): Promise<RollbackResult> {
  const f = known ?? (await probeGitRollback(deps));
  const entry = gitRollbackActions(f).find((a) => a.id === id);
  const target = targetOf(id, f);
  const label = entry?.title ?? id;
  if (!entry || entry.disabledReason)
    return { target, label, ok: false, message: entry?.disabledReason ?? `unknown rollback action ${id}` };
  if (id === 'edit-release-notes') return { target, label, ok: false, message: await act(id, deps, f, target) };
  try {
    return { target, label, ok: true, message: await act(id, deps, f, target) };
  } catch (e) {
    if (e instanceof GitError || e instanceof GhError) return { target, label, ok: false, message: e.message };
    throw e;
  }
}

/** An attempt of this action a killed session left open is settled first: what it did is not done again. */
async function settledFirst(
  ctx: StepContext,
  id: RollbackActionId,
): Promise<{ ok: boolean; message: string } | undefined> {
  const settled = await settleRollback(ctx, (i) => rollbackActionOf(i) === id);
  if (!settled) return undefined;
  const unsettled = unsettledMessage(settled);
  if (unsettled) return { ok: false, message: unsettled };
  if ('verdict' in settled && settled.verdict === 'done')
    return { ok: true, message: 'already done: the interrupted attempt had done it before it was stopped' };
  return undefined;
}

/** Asks the action's question (the notes: drafted first), then acts. */
async function askThenRun(
  services: EngineServices,
  id: RollbackActionId,
  d: GitRollbackDeps,
  ctx: StepContext,
): Promise<RollbackResult> {
  const earlier = await settledFirst(ctx, id);
  const f = await probeGitRollback(d);
  const entry = gitRollbackActions(f).find((a) => a.id === id);
  const title = entry?.title ?? id;
  const refused = (message: string): RollbackResult => ({ target: targetOf(id, f), label: title, ok: false, message });
  if (earlier) return { target: targetOf(id, f), label: title, ...earlier };
  if (entry?.disabledReason) return refused(entry.disabledReason);
  if (id === 'edit-release-notes') {
    let draft;
    try {
      draft = await draftNotes(d, f);
    } catch (e) {
      return refused((e as Error).message);
    }
    if (!(await services.confirm(notesConfirmation(f, d, draft)))) return refused('not confirmed; nothing was applied');
    return applyNotes(d, f, draft);
  }
  const req = rollbackConfirmation(id, f, services.plan);
  if (!(await services.confirm(req))) return refused(req.manual ? 'nothing recorded' : 'not confirmed');
  return runGitRollback(id, d, f);
}

/**
 * The tag and GitHub release actions: actions() answers from the last probe of git and
 * GitHub, probing first when there is none or it is stale (an engine that never shows the menu
 * never asks GitHub); every action refreshes it, and run() probes again, so a stale menu never acts
 * on a stale fact.
 */
export function createGitRollback(services: EngineServices): GitRollback {
  /** Runs fn with deps over a "rollback" step context: its env, its output buffer and log. */
  const withDeps = async <T>(fn: (d: GitRollbackDeps, ctx: StepContext) => Promise<T>): Promise<T> => {
    const ctx = services.context(ROLLBACK_STEP_ID);
    try {
      return await fn(rollbackDepsOf(ctx), ctx);
    } finally {
      await ctx.dispose();
    }
  };
  let facts: GitRollbackFacts | undefined;
  let probedAt = 0;
  let pending: Promise<void> | undefined;
  let generation = 0;
  // The newest probe wins: one started before an action must not overwrite what follows it.
  const refresh = (): Promise<void> => {
    const mine = ++generation;
    const p: Promise<void> = withDeps(probeGitRollback)
      .then(
        (f) => {
          if (mine !== generation) return;
          facts = f;
          probedAt = services.now();
        },
        (e: unknown) =>
          services.notice(
            `Could not check the tag and the GitHub release for the rollback menu: ${(e as Error).message}`,
          ),
      )
      .finally(() => void (pending === p && (pending = undefined)));
    pending = p;
    return p;
  };
  return {
    async actions() {
      // Steps run while the menu is closed: facts older than FACTS_MAX_AGE_MS are asked again.
      if (pending) await pending;
      else if (!facts || services.now() - probedAt > FACTS_MAX_AGE_MS) await refresh();
      if (facts) return gitRollbackActions(facts);
      return ROLLBACK_ACTION_IDS.map((id) => ({
        id,
        title: id,
        disabledReason: 'git and GitHub could not be checked (see the notice)',
      }));
    },
    async run(id) {
      try {
        return await withDeps((d, ctx) => askThenRun(services, id, d, ctx));
      } finally {
        services.store.flush();
        await refresh();
      }
    },
  };
}
