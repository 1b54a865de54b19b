// Rollback actions belong to no step, yet a kill leaves their intents open like a step's: the
// delete of a remote tag, `gh release delete` / `gh release edit`, a yank or an unyank. They are
// settled like a step's: on the next open (the runner's reconcile, through verdictOf) and again
// right before the same action runs, the recorded child is waited for (orphans.ts), then reality
// gives the typed verdict: the index for a yank, git and GitHub for the rest. Never run twice blindly.
import { join } from 'node:path';
import { draftsDir, readDraftFile } from '../adapters/editor.js';
import { IndexError, type IndexStatus, type SparseIndex } from '../adapters/sparse-index.js';
import { ROLLBACK_ACTION_IDS, type RollbackActionId } from '../core/irreversible.js';
import type { PlannedStep } from '../core/plan-types.js';
import { ROLLBACK_STEP_ID, type JournalEntry, type Verdict } from '../core/journal-types.js';
import { patchCrate } from './crate-state.js';
import { reconciledEntry } from './journal.js';
import { notesDraftNames } from './notes-rollback.js';
import { settleOrphans } from './orphans.js';
import { probeGitRollback, rollbackClients, rollbackDepsOf, type GitRollbackDeps } from './rollback-facts.js';
import { indexFor } from './steps/publish-crates.js';
import type { StepContext } from './step-types.js';

/** The rollback output's pseudo step: what the contexts of rollback actions log under. */
export const ROLLBACK_STEP: PlannedStep = {
  id: ROLLBACK_STEP_ID,
  phaseId: ROLLBACK_STEP_ID,
  kind: 'manual',
  title: 'Rollback',
  irreversible: false,
  config: { id: ROLLBACK_STEP_ID, kind: 'manual', title: 'Rollback' },
};

/** The actions the rollback menu journals: they belong to no step of the plan. */
export function isRollbackIntent(i: JournalEntry): boolean {
  return i.action === 'rollback' || i.action === 'yank-crate' || i.action === 'unyank-crate';
}

/** A `rollback` intent's target is "ACTION-ID WHAT" (e.g. "delete-tag v1.2.0"). */
export function rollbackActionOf(i: JournalEntry): RollbackActionId | undefined {
  if (i.action !== 'rollback') return undefined;
  const id = i.target.split(' ')[0];
  return ROLLBACK_ACTION_IDS.find((a) => a === id);
}

/** A yank's verdict from what the index says now (absent: nothing can tell). */
export function yankVerdict(action: JournalEntry['action'], status: IndexStatus | 'unknown'): Verdict {
  if (status === 'unknown' || status === 'absent') return 'unknown';
  return (action === 'yank-crate') === (status === 'yanked') ? 'done' : 'not-done';
}

/** What the index says now about NAME@VERSION (its cache dropped first); unknown when it cannot be asked. */
export async function freshIndexStatus(
  index: SparseIndex,
  name: string,
  version: string,
): Promise<IndexStatus | 'unknown'> {
  try {
    index.invalidate(name);
    return await index.status(name, version);
  } catch (e) {
    if (e instanceof IndexError) return 'unknown';
    throw e;
  }
}

async function indexVerdict(ctx: StepContext, intent: JournalEntry): Promise<Verdict> {
  const at = intent.target.lastIndexOf('@');
  const [name, version] = [intent.target.slice(0, at), intent.target.slice(at + 1)];
  const status = await freshIndexStatus(indexFor(ctx.plan, ctx.env), name, version);
  // The crate's yanked flag follows the index, whoever did it.
  if ((status === 'yanked' || status === 'published') && ctx.store.getState().crates[name])
    patchCrate(ctx, name, version, { yanked: status === 'yanked' });
  return yankVerdict(intent.action, status);
}

/** Applied when GitHub has the draft; a fresh retry drafts from GitHub again and shows the diff, so anything else is "not done". */
async function notesVerdict(deps: GitRollbackDeps, tag: string): Promise<Verdict> {
  const draft = deps.stateDir ? readDraftFile(join(draftsDir(deps.stateDir), notesDraftNames(tag).draft)) : undefined;
  if (draft === undefined) return 'unknown';
  return (await rollbackClients(deps).gh.releaseNotes(tag)) === draft ? 'done' : 'not-done';
}

/** Did the interrupted rollback action happen? Throws when git, gh or the index cannot be asked. */
export async function rollbackVerdict(ctx: StepContext, intent: JournalEntry): Promise<Verdict> {
  if (intent.action === 'yank-crate' || intent.action === 'unyank-crate') return indexVerdict(ctx, intent);
  const id = rollbackActionOf(intent);
  const deps = rollbackDepsOf(ctx);
  if (id === 'edit-release-notes') return notesVerdict(deps, ctx.plan.tag);
  if (id !== 'delete-tag' && id !== 'draft-github-release' && id !== 'delete-github-release' && id !== 'revert-bump')
    return 'unknown';
  const f = await probeGitRollback(deps);
  switch (id) {
    case 'delete-tag':
      // What is left of it is what a retry deletes (the menu probes first).
      if (f.remoteTags === undefined) return 'unknown';
      return f.localTags.length + f.remoteTags.length === 0 ? 'done' : 'not-done';
    case 'draft-github-release':
      return f.release ? (f.release.isDraft ? 'done' : 'not-done') : 'unknown';
    case 'delete-github-release':
      return f.release === null ? 'done' : f.release ? 'not-done' : 'unknown';
    case 'revert-bump':
      return f.bumpReverted ? 'done' : 'not-done';
  }
}

export type Settled = { verdict: Verdict; intent: JournalEntry } | { running: JournalEntry } | undefined;

/**
 * Right before a rollback action runs: the open intents `which` picks (a killed session's) are
 * settled, their children waited for first. `running`: one still runs and could not be stopped
 * (act on nothing); else the worst verdict (unknown over done over not-done), undefined when
 * nothing was open. Done and not-done are journaled; unknown stays open.
 */
export async function settleRollback(
  ctx: StepContext,
  which: (i: JournalEntry) => boolean,
  verdictFn: (i: JournalEntry) => Promise<Verdict> = (i) => rollbackVerdict(ctx, i),
): Promise<Settled> {
  let worst: Settled;
  const rank = { 'not-done': 0, done: 1, unknown: 2 } as const;
  for (const intent of ctx.journal.openIntents().filter((i) => isRollbackIntent(i) && which(i))) {
    if (!(await settleOrphans(ctx, intent, true))) return { running: intent };
    let verdict: Verdict;
    try {
      verdict = await verdictFn(intent);
    } catch (e) {
      ctx.log(`Could not check whether ${intent.action} ${intent.target} happened: ${(e as Error).message}`);
      verdict = 'unknown';
    }
    if (verdict !== 'unknown') ctx.journal.append(reconciledEntry(intent, verdict));
    if (!worst || !('verdict' in worst) || rank[verdict] > rank[worst.verdict]) worst = { verdict, intent };
  }
  return worst;
}

/** The sentence for an action that was not run because an interrupted attempt is not settled. */
export function unsettledMessage(s: Exclude<Settled, undefined>): string | undefined {
  if ('running' in s)
    return `its command from an interrupted session still runs and could not be stopped; nothing was run (${s.running.action} ${s.running.target})`;
  if (s.verdict === 'unknown')
    return `whether the interrupted ${s.intent.target} happened cannot be checked now (see the rollback output); nothing was run: try again once git, GitHub and the index answer`;
  return undefined;
}
