// Orphans: the command doing an irreversible action leads its own process group, so it
// outlives a kill -9 of the cockpit. Its identity is journaled (`child`) right after the spawn; a
// later session that finds it still running waits for it (a countdown), stops it when it does not
// end, and only then asks whether the action happened: never two `cargo publish` of one crate at
// once, and never a verdict while the old upload may still land.
import { liveness, signalRecorded, type ProcessIdentity } from '../adapters/process-identity.js';
import type { JournalEntry } from '../core/journal-types.js';
import type { Journal, StepContext } from './step-types.js';

/** How long a live orphan is given to finish before it is stopped. */
export const ORPHAN_WAIT_MS = 15_000;
/** Between SIGINT, SIGTERM and SIGKILL when stopping it. */
const STOP_GRACE_MS = 1500;
const COUNTDOWN_EVERY_MS = 5000;

export interface OrphanOptions {
  waitMs?: number;
  stopGraceMs?: number;
  pollMs?: number;
}

/** onSpawn for exec: journals the child of `intent` before it can do anything (fsync'd like every entry). */
export function recordChild(journal: Journal, intent: JournalEntry): (p: ProcessIdentity) => void {
  return (p) => {
    journal.append({
      type: 'child',
      id: intent.id,
      action: intent.action,
      target: intent.target,
      ...(intent.step !== undefined && { step: intent.step }),
      pid: p.pid,
      pgid: p.pgid,
      ...(p.start !== undefined && { start: p.start }),
    });
  };
}

type Ctx = Pick<StepContext, 'journal' | 'log' | 'sleep' | 'now' | 'signal'>;

function childrenOf(ctx: Ctx, intent: JournalEntry): ProcessIdentity[] {
  const out: ProcessIdentity[] = [];
  for (const e of ctx.journal.entries()) {
    if (e.type !== 'child' || e.id !== intent.id) continue;
    out.push({ pid: e.pid, pgid: e.pgid ?? e.pid, ...(e.start !== undefined && { start: e.start }) });
  }
  return out;
}

/** Polls until the process is gone or `ms` passed; true when gone. Logs a countdown to `stopAt` when given. */
async function waitGone(ctx: Ctx, p: ProcessIdentity, ms: number, poll: number, stopAt?: number): Promise<boolean> {
  const end = ctx.now() + ms;
  let nextTick = ctx.now() + COUNTDOWN_EVERY_MS;
  for (;;) {
    if (liveness(p) === 'gone') return true;
    const now = ctx.now();
    if (now >= end) return false;
    if (stopAt !== undefined && now >= nextTick) {
      nextTick += COUNTDOWN_EVERY_MS;
      ctx.log(`pid ${p.pid} is still running: stopping it in ${Math.max(0, Math.ceil((stopAt - now) / 1000))} s`);
    }
    await ctx.sleep(Math.min(poll, end - now));
  }
}

/** SIGINT, SIGTERM, SIGKILL to its group, each only while it is verified to be the recorded process. */
async function stop(ctx: Ctx, p: ProcessIdentity, graceMs: number, poll: number): Promise<boolean> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    if (!signalRecorded(p, signal)) return liveness(p) === 'gone';
    ctx.log(`pid ${p.pid}: sent ${signal} to its process group`);
    if (await waitGone(ctx, p, signal === 'SIGKILL' ? 1000 : graceMs, poll)) return true;
  }
  return false;
}

/**
 * Waits for (or stops) every live child the previous session journaled for `intent`. True when
 * none runs any more; false when one still does (with `wait` false it is left alone: the caller
 * takes no verdict now).
 */
export async function settleOrphans(
  ctx: Ctx,
  intent: JournalEntry,
  wait: boolean,
  o: OrphanOptions = {},
): Promise<boolean> {
  const waitMs = o.waitMs ?? ORPHAN_WAIT_MS;
  const poll = o.pollMs ?? 100;
  for (const p of childrenOf(ctx, intent)) {
    const state = liveness(p);
    if (state === 'gone') continue;
    const what = `${intent.action} ${intent.target}`;
    if (!wait) {
      ctx.log(`${what}: its command from the previous session (pid ${p.pid}) is still running`);
      return false;
    }
    if (state === 'unverifiable') {
      ctx.log(
        `${what}: pid ${p.pid} runs, but nothing tells whether it is the command of the previous session; waiting up to ${Math.ceil(waitMs / 1000)} s, it is never signalled`,
      );
      if (!(await waitGone(ctx, p, waitMs, poll))) return false;
      continue;
    }
    ctx.log(
      `${what}: its command from the previous session (pid ${p.pid}) is still running; waiting up to ${Math.ceil(waitMs / 1000)} s for it to end, then it is stopped; what it did is checked only once it is gone`,
    );
    if (await waitGone(ctx, p, waitMs, poll, ctx.now() + waitMs)) {
      ctx.log(`pid ${p.pid} has ended`);
      continue;
    }
    if (!(await stop(ctx, p, o.stopGraceMs ?? STOP_GRACE_MS, poll))) {
      ctx.log(`${what}: pid ${p.pid} could not be stopped`);
      return false;
    }
    ctx.log(`pid ${p.pid} was stopped`);
  }
  return true;
}
