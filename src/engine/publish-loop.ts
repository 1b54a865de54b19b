// The queue's loop once the set is verified: workers started by the pure schedule (dependencies
// visible on the index first, plan order preferred, `concurrency` slots); it wakes on store
// changes (the maintainer's controls, a crate's progress) and ends when nothing more can start.
import { IndexError } from '../adapters/sparse-index.js';
import { abortError, isAbortError } from '../core/abort.js';
import type { PlannedCrate } from '../core/plan-types.js';
import { schedule, type ScheduleDecision } from '../core/publish-schedule.js';
import type { CrateStatus, ReleaseState } from '../core/state-types.js';
import { patchCrate } from './crate-state.js';
import { CrateWorker, type WorkerEnv } from './publish-worker.js';
import { StepPaused } from './step-state.js';
import type { StepContext, StepOutcome } from './step-types.js';

// Wakes the loop; a wake with nobody waiting is remembered so none is lost between checks.
class Waker {
  private resolve: (() => void) | undefined;
  private pending = false;
  wait(): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((r) => (this.resolve = r));
  }
  wake(): void {
    const r = this.resolve;
    this.resolve = undefined;
    if (r) r();
    else this.pending = true;
  }
}

function summary(ctx: StepContext, crates: PlannedCrate[]): string {
  const count = (s: CrateStatus): number =>
    crates.filter((c) => ctx.store.getState().crates[c.name]?.status === s).length;
  const parts = [`${count('published')} published`, `${count('already-published')} already published`];
  // Which crates were passed by, and why: the reason given to skip is what the release log keeps.
  const skipped = crates.flatMap((c) => {
    const st = ctx.store.getState().crates[c.name];
    return st?.status === 'skipped' ? [`${c.name}: ${st.reason ?? 'no reason recorded'}`] : [];
  });
  if (skipped.length > 0) parts.push(`${skipped.length} skipped (${skipped.join('; ')})`);
  return parts.join(', ');
}

/** The step's outcome when a crate failed: the first one and its reason. */
function firstFailure(ctx: StepContext, failed: PlannedCrate[]): StepOutcome {
  const first = failed[0];
  const reason = ctx.store.getState().crates[first?.name ?? '']?.reason ?? 'failed';
  return { status: 'failed', reason: `${first?.name}: ${reason}` };
}

/** Runs the queue until every crate is final, a crate fails, or the rest cannot start. */
export async function driveQueue(w: WorkerEnv, crates: PlannedCrate[]): Promise<StepOutcome> {
  const { ctx } = w;
  const waker = new Waker();
  const unsubscribe = ctx.store.subscribe((s, prev) => {
    if (s.crates !== prev.crates || s.queuePaused !== prev.queuePaused) waker.wake();
  });
  const onAbort = (): void => waker.wake();
  ctx.signal.addEventListener('abort', onAbort);
  const inFlight = new Map<string, Promise<void>>();
  const visible = new Set<string>();
  const crash: { error?: unknown } = {};
  try {
    for (;;) {
      if (ctx.signal.aborted || crash.error !== undefined) {
        await Promise.allSettled(inFlight.values());
        throw crash.error ?? abortError(ctx.signal);
      }
      const state = ctx.store.getState();
      const failed = crates.filter((c) => state.crates[c.name]?.status === 'failed');
      const d = schedule({
        crates,
        states: state.crates,
        concurrency: w.settings.concurrency,
        inFlight: new Set(inFlight.keys()),
        visible,
        // A failure stops the queue: what is in flight finishes, the rest stays pending.
        paused: state.queuePaused || failed.length > 0,
        now: ctx.now(),
      });
      for (const name of d.start) {
        const c = crates.find((x) => x.name === name);
        if (!c) continue;
        const run = startWorker(w, c, crash).finally(() => {
          inFlight.delete(name);
          waker.wake();
        });
        inFlight.set(name, run);
      }
      if (inFlight.size === 0 && d.start.length === 0) {
        const end = await whenIdle(w, crates, { state, failed, decision: d, visible });
        if (end === 'again') continue;
        if (end !== 'wait') return end;
      }
      await waker.wait();
    }
  } finally {
    unsubscribe();
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

/** A crate's worker; a crate's own failure is its state, anything else stops the whole queue. */
function startWorker(w: WorkerEnv, c: PlannedCrate, crash: { error?: unknown }): Promise<void> {
  return new CrateWorker(w, c).run().catch((e: unknown) => {
    if (isAbortError(e)) return;
    if (e instanceof IndexError || (e as Error)?.name === 'UserError') {
      patchCrate(w.ctx, c.name, c.version, { status: 'failed', reason: (e as Error).message, waitUntil: undefined });
    } else crash.error ??= e;
  });
}

interface Idle {
  state: ReleaseState;
  failed: PlannedCrate[];
  decision: ScheduleDecision;
  visible: Set<string>;
}

/** Nothing runs and nothing can start: the step's outcome, 'wait' for a store change, or 'again' to reschedule. */
async function whenIdle(w: WorkerEnv, crates: PlannedCrate[], idle: Idle): Promise<StepOutcome | 'wait' | 'again'> {
  const { ctx } = w;
  const { state, failed, decision: d, visible } = idle;
  if (d.complete) return { status: 'passed', summary: summary(ctx, crates) };
  if (failed.length > 0) return firstFailure(ctx, failed);
  if (state.queuePaused) {
    // In the cockpit the paused queue waits for p (the step stays running, no new
    // confirmation); headless nobody can resume it: the step stops paused.
    if (!ctx.interactive) throw new StepPaused('the publish queue is paused');
    return 'wait';
  }
  if (d.blocked.length > 0) {
    // A skipped crate lets its dependents go only when the index has its version.
    const skipped = [...new Set(d.blocked.flatMap((b) => b.by))].filter(
      (n) => state.crates[n]?.status === 'skipped' && !visible.has(n),
    );
    let found = false;
    for (const n of skipped) {
      const v = state.crates[n]?.version ?? '';
      if ((await w.index.status(n, v)) !== 'absent') {
        visible.add(n);
        found = true;
      }
    }
    if (found) return 'again';
    const b = d.blocked[0];
    return { status: 'failed', reason: `${b?.name} needs ${b?.by.join(', ')}, which is skipped and not on the index` };
  }
  return {
    status: 'failed',
    reason: `queue stuck: ${d.waiting.join(', ')} wait for crates that are not being published`,
  };
}
