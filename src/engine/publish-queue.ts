// The crate publish queue: pre-flight against the index, then workers started by the pure
// schedule (dependencies visible on the index first, plan order preferred, `concurrency` slots).
// Controls (pause, retry, skip) are store mutations: the running queue wakes on store changes.
import type { StoreApi } from 'zustand/vanilla';
import { renderPublishCommand } from '../core/crate-commands.js';
import { IndexError, type SparseIndex } from '../adapters/sparse-index.js';
import { schedule } from '../core/publish-schedule.js';
import { UserError } from '../core/user-error.js';
import { checkIndex, rateLimitWarning } from './publish-preflight.js';
import { newCrateWarnings } from '../core/new-crates.js';
import type { PlannedCrate } from '../core/plan-types.js';
import type { CrateState, CrateStatus, ReleaseState } from '../core/state-types.js';
import { StepPaused } from './step-state.js';
import type { StepContext, StepOutcome } from './step-types.js';
import type { ReleaseStore } from '../store/release-store.js';
import { CrateWorker, defaultPollMs, patchCrate, type WorkerEnv } from './publish-worker.js';
import { publishCommands, verifySet } from './verify-set.js';
import { manifestDrift } from './manifest-drift.js';
import { abortError, isAbortError } from '../core/abort.js';

export interface PublishQueueOptions {
  index: SparseIndex;
  pollMs?: (elapsedMs: number) => number;
  random?: () => number;
}

/** Statuses of a crate the queue was working on when the process died: it starts over from the index. */
const IN_PROGRESS: ReadonlySet<CrateStatus> = new Set([
  'publishing',
  'waiting-index',
  'grace',
  'rate-limited',
  'retrying',
]);
const FINAL: ReadonlySet<CrateStatus> = new Set(['published', 'already-published', 'skipped']);

function setCrates(
  store: StoreApi<ReleaseState>,
  fn: (c: Record<string, CrateState>) => Record<string, CrateState>,
): void {
  store.setState((s) => ({ crates: fn(s.crates) }));
}

/**
 * What EngineApi's queue commands do. They only touch the store (a running queue reacts to it) and
 * write it at once: queue decisions are the maintainer's and must survive a crash right after.
 */
export interface QueueControls {
  pause(): void;
  resume(): void;
  /** failed/skipped -> pending; the engine re-runs the step when it is not running. */
  retryCrate(name: string): void;
  /** pending/failed -> skipped with the reason; dependents wait unless the index has its version. */
  skipCrate(name: string, reason: string): void;
}

export function createQueueControls(store: ReleaseStore): QueueControls {
  const edit = (name: string, allowed: CrateStatus[], patch: Partial<CrateState>, verb: string): void => {
    const cur = store.getState().crates[name];
    if (!cur) throw new UserError(`no crate \`${name}\` in this release.`);
    if (!allowed.includes(cur.status)) throw new UserError(`cannot ${verb} crate ${name}: it is ${cur.status}.`);
    setCrates(store, (c) => ({ ...c, [name]: { ...cur, ...patch } }));
    store.flush();
  };
  const setPaused = (paused: boolean): void => {
    if (store.getState().queuePaused === paused) return;
    store.setState({ queuePaused: paused });
    store.flush();
  };
  return {
    pause: () => setPaused(true),
    resume: () => setPaused(false),
    retryCrate: (name) =>
      edit(name, ['failed', 'skipped'], { status: 'pending', reason: undefined, waitUntil: undefined }, 'retry'),
    skipCrate: (name, reason) => {
      if (!reason.trim()) throw new UserError(`skipping crate ${name} needs a reason.`);
      edit(name, ['pending', 'failed'], { status: 'skipped', reason: reason.trim(), waitUntil: undefined }, 'skip');
    },
  };
}

/** Crates left mid-way by a crash start over (index first); failed ones are retried on a step re-run. */
function prepareStates(ctx: StepContext, crates: PlannedCrate[]): void {
  setCrates(ctx.store, (cur) => {
    const next = { ...cur };
    for (const c of crates) {
      const s = cur[c.name];
      if (!s) next[c.name] = { status: 'pending', version: c.version, attempts: 0 };
      else if (IN_PROGRESS.has(s.status) || s.status === 'failed')
        next[c.name] = { ...s, status: 'pending', waitUntil: undefined, reason: undefined, cargoPhase: undefined };
    }
    return next;
  });
}

interface Preflight {
  /** Crates whose version another hand already put on the index. */
  alreadyThere: string[];
  toPublish: PlannedCrate[];
}

async function preflight(ctx: StepContext, w: WorkerEnv, crates: PlannedCrate[]): Promise<Preflight> {
  const check = await checkIndex(ctx, w.index, crates);
  ctx.log(
    `pre-flight: ${check.toPublish.length} to publish (${check.newCrates} new crates, ${check.newVersions} new versions), ${check.alreadyThere.length} already on the index`,
  );
  const warning = rateLimitWarning(ctx.plan, check);
  if (warning) ctx.log(`warning: ${warning}`);
  return { alreadyThere: check.alreadyThere, toPublish: check.toPublish };
}

/** The index stayed down through every retry: nothing was sent, and a rerun picks up here. */
function preflightFailure(ctx: StepContext, e: IndexError): string {
  const retries = ctx.plan.config.crates.maxRetries;
  return `pre-flight: ${e.message}, still after ${retries} ${retries === 1 ? 'retry' : 'retries'}; nothing was uploaded: run again once the index answers`;
}

async function preflightOrRehearsal(
  ctx: StepContext,
  w: WorkerEnv,
  crates: PlannedCrate[],
): Promise<Preflight | StepOutcome> {
  // Exactly the planned versions, or nothing: a manifest changed since the plan stops the queue here.
  const drifted = manifestDrift(ctx);
  if (drifted) return drifted;
  // Before anything is uploaded (and whatever the index says): a library crate the list forgot.
  for (const w of newCrateWarnings(ctx.plan)) ctx.log(`warning: ${w}`);
  try {
    return await preflight(ctx, w, crates);
  } catch (e) {
    if (!(e instanceof IndexError)) throw e;
    if (!ctx.dryRun) return { status: 'failed', reason: preflightFailure(ctx, e) };
    // A rehearsal still shows the commands when the index cannot say what it has.
    ctx.log(`pre-flight: ${e.message}; listing every crate`);
    return {
      alreadyThere: [],
      toPublish: crates.filter((c) => !FINAL.has(ctx.store.getState().crates[c.name]?.status ?? 'pending')),
    };
  }
}

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
  if (count('skipped') > 0) parts.push(`${count('skipped')} skipped`);
  return parts.join(', ');
}

/** The step's outcome when a crate failed: the first one and its reason. */
function firstFailure(ctx: StepContext, failed: PlannedCrate[]): StepOutcome {
  const first = failed[0];
  const reason = ctx.store.getState().crates[first?.name ?? '']?.reason ?? 'failed';
  return { status: 'failed', reason: `${first?.name}: ${reason}` };
}

export async function runPublishQueue(ctx: StepContext, opts: PublishQueueOptions): Promise<StepOutcome> {
  const settings = ctx.plan.config.crates;
  const crates = ctx.plan.crates;
  // Validate every name and version before anything reaches argv (or the index).
  for (const c of crates) renderPublishCommand(settings.command, c.name, c.version);
  if (crates.length === 0) return { status: 'skipped', reason: 'no crates to publish' };
  const upload = new Map<string, string[]>();
  const argvFor = (c: PlannedCrate): string[] =>
    upload.get(c.name) ?? renderPublishCommand(settings.command, c.name, c.version);
  const w: WorkerEnv = {
    ctx,
    index: opts.index,
    settings,
    pollMs: opts.pollMs ?? defaultPollMs,
    random: opts.random ?? Math.random,
    argvFor,
  };

  if (!ctx.dryRun) prepareStates(ctx, crates);
  const pre = await preflightOrRehearsal(ctx, w, crates);
  if ('status' in pre) return pre;
  const skipped = new Set(
    crates.filter((c) => ctx.store.getState().crates[c.name]?.status === 'skipped').map((c) => c.name),
  );
  const commands = publishCommands(ctx.plan, pre.toPublish, skipped);
  for (const [name, argv] of commands.upload) upload.set(name, argv);
  if (ctx.dryRun) {
    for (const name of pre.alreadyThere) ctx.log(`already on the index: ${name}`);
    for (const argv of [...commands.verify.map((g) => g.argv), ...pre.toPublish.map(argvFor)])
      ctx.log(`would run: ${argv.join(' ')}`);
    return {
      status: 'passed',
      summary: `dry run: ${pre.toPublish.length} to publish, ${pre.alreadyThere.length} already on the index`,
    };
  }
  for (const name of pre.alreadyThere) {
    ctx.log(`${name}@${ctx.store.getState().crates[name]?.version ?? ''} is already on the index: skipped`);
    patchCrate(ctx, name, crates.find((c) => c.name === name)?.version ?? '', {
      status: 'already-published',
      publishedAt: new Date(ctx.now()).toISOString(),
    });
  }

  // Nothing is uploaded before the whole set compiles.
  const unverified = await verifySet(ctx, commands.verify);
  if (unverified) return unverified;

  const waker = new Waker();
  const unsubscribe = ctx.store.subscribe((s, prev) => {
    if (s.crates !== prev.crates || s.queuePaused !== prev.queuePaused) waker.wake();
  });
  const onAbort = (): void => waker.wake();
  ctx.signal.addEventListener('abort', onAbort);
  const inFlight = new Map<string, Promise<void>>();
  const visible = new Set<string>();
  let crashed: unknown;
  try {
    for (;;) {
      if (ctx.signal.aborted || crashed !== undefined) {
        await Promise.allSettled(inFlight.values());
        throw crashed ?? abortError(ctx.signal);
      }
      const state = ctx.store.getState();
      const failed = crates.filter((c) => state.crates[c.name]?.status === 'failed');
      const d = schedule({
        crates,
        states: state.crates,
        concurrency: settings.concurrency,
        inFlight: new Set(inFlight.keys()),
        visible,
        // A failure stops the queue: what is in flight finishes, the rest stays pending.
        paused: state.queuePaused || failed.length > 0,
        now: ctx.now(),
      });
      for (const name of d.start) {
        const c = crates.find((x) => x.name === name);
        if (!c) continue;
        const run = new CrateWorker(w, c).run().catch((e: unknown) => {
          if (isAbortError(e)) return;
          if (e instanceof IndexError || (e as Error)?.name === 'UserError') {
            patchCrate(ctx, c.name, c.version, {
              status: 'failed',
              reason: (e as Error).message,
              waitUntil: undefined,
            });
          } else crashed ??= e;
        });
        inFlight.set(
          name,
          run.finally(() => {
            inFlight.delete(name);
            waker.wake();
          }),
        );
      }
      if (inFlight.size === 0 && d.start.length === 0) {
        if (d.complete) return { status: 'passed', summary: summary(ctx, crates) };
        if (failed.length > 0) return firstFailure(ctx, failed);
        if (state.queuePaused) {
          // In the cockpit the paused queue waits for p (the step stays running, no new
          // confirmation); headless nobody can resume it: the step stops paused.
          if (!ctx.interactive) throw new StepPaused('the publish queue is paused');
          await waker.wait();
          continue;
        }
        if (d.blocked.length > 0) {
          // A skipped crate lets its dependents go only when the index has its version.
          const skipped = [...new Set(d.blocked.flatMap((b) => b.by))].filter(
            (n) => state.crates[n]?.status === 'skipped' && !visible.has(n),
          );
          let found = false;
          for (const n of skipped) {
            const v = state.crates[n]?.version ?? '';
            if ((await opts.index.status(n, v)) !== 'absent') {
              visible.add(n);
              found = true;
            }
          }
          if (found) continue;
          const b = d.blocked[0];
          return {
            status: 'failed',
            reason: `${b?.name} needs ${b?.by.join(', ')}, which is skipped and not on the index`,
          };
        }
        return {
          status: 'failed',
          reason: `queue stuck: ${d.waiting.join(', ')} wait for crates that are not being published`,
        };
      }
      await waker.wait();
    }
  } finally {
    unsubscribe();
    ctx.signal.removeEventListener('abort', onAbort);
  }
}
