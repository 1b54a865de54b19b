// The runner: phases in order (or only --only PHASE), steps in order. Finished steps are never run
// again; it stops at a failed or interrupted step (resume needs retry or skip; with --yes an
// interrupted step is retried once its open journal intents are settled). One step at a time.
import type { Plan, PlannedStep } from '../core/plan-types.js';
import { isUserError, UserError } from '../core/user-error.js';
import { FAILED_MARK } from '../core/output-marks.js';
import type { ReleaseStore } from '../store/release-store.js';
import type { ReleaseState } from '../core/state-types.js';
import type { JournalEntry } from '../core/journal-types.js';
import {
  finishStep,
  interruptStep,
  NEEDS_YES_MARK,
  retryStep,
  startStep,
  StepPaused,
  StepWaiting,
  unstartStep,
} from './step-state.js';
import type { ConfirmRequest, Journal, StepHandler, StepOutcome } from './step-types.js';
import type { ContextPurpose, ScopedContext } from './step-context.js';
import { runJournalled } from './step-journal.js';
import { confirmationOf, verdictOf } from './runner-asks.js';
import { allSteps, findStep } from '../core/plan-lookup.js';

export type RunResult = 'done' | 'failed' | 'waiting' | 'paused' | 'cancelled';

export const NEEDS_CONFIRMATION = `needs confirmation: ${NEEDS_YES_MARK} or use the cockpit`;

export interface RunnerDeps {
  plan: Plan;
  store: ReleaseStore;
  journal: Journal;
  handler(kind: PlannedStep['kind']): StepHandler | undefined;
  context(step: PlannedStep, signal: AbortSignal, purpose?: ContextPurpose): ScopedContext;
  /** Answers an irreversible step's confirmation (already true under --yes). */
  confirm(req: ConfirmRequest): Promise<boolean>;
  /** A maintainer can answer later (cockpit): a declined confirmation pauses instead of failing. */
  interactive(): boolean;
  dryRun: boolean;
  yes: boolean;
  only?: string;
  nowIso(): string;
  notice(text: string): void;
  /** Secrets out of what handlers say (reasons, summaries, notes) before it becomes state. */
  mask(text: string): string;
  /** Why the tree is not fit for this irreversible step (uncommitted files), checked right before it acts. */
  treeProblem?(step: PlannedStep): Promise<string | undefined>;
  /** A dry run beside a live session: that session's lock (its running step is not ours to judge). */
  liveRun?: { pid: number; host: string };
}

/** An outcome with every text a handler wrote masked: the cockpit, status and the file show it. */
export function maskOutcome(o: StepOutcome, mask: (t: string) => string): StepOutcome {
  switch (o.status) {
    case 'passed':
      return {
        ...o,
        ...(o.summary !== undefined && { summary: mask(o.summary) }),
        ...(o.note !== undefined && { note: mask(o.note) }),
      };
    case 'skipped':
      return { ...o, reason: mask(o.reason), ...(o.summary !== undefined && { summary: mask(o.summary) }) };
    case 'failed':
      return { ...o, reason: mask(o.reason) };
  }
}

export interface Runner {
  runToEnd(): Promise<RunResult>;
  /** Aborts the running step (it ends interrupted) and waits for the loop to stop. */
  cancel(): Promise<void>;
  isRunning(): boolean;
  runningStepId(): string | undefined;
  /** Where the last run stopped and why. */
  lastStop(): { result: RunResult; stepId?: string } | undefined;
  /** Settles open intents (of one step, or all) with the handlers' reconcile; returns those still unknown. */
  reconcile(stepId?: string): Promise<JournalEntry[]>;
  /** The maintainer accepts an unknown outcome for this step (explicit retry or skip). */
  acknowledge(stepId: string): void;
}

export function scopeOf(plan: Plan, only: string | undefined): PlannedStep[] {
  if (only === undefined) return allSteps(plan);
  const phase = plan.phases.find((p) => p.id === only);
  if (!phase) {
    throw new UserError(`--only ${only}: no such phase.`, {
      hint: `Phases: ${plan.phases.map((p) => p.id).join(', ')}.`,
    });
  }
  return phase.steps;
}

/** A handler threw: the environment's fault (UserError, e.g. a failed journal write) is one sentence; anything else is a bug. */
function failedOutcome(e: unknown, aborted: boolean, log: (t: string) => void): StepOutcome {
  if (aborted) return { status: 'failed', reason: 'cancelled' };
  if (isUserError(e)) return { status: 'failed', reason: e.format() };
  log(`internal error: ${(e as Error)?.stack ?? String(e)}`);
  return { status: 'failed', reason: `internal error: ${(e as Error)?.message ?? String(e)}` };
}

/** The clean-tree check before an irreversible step: a dry run reports it; a real run fails the step (a rerun with --yes retries it). */
async function treeBlocks(deps: RunnerDeps, step: PlannedStep, label: string): Promise<string | undefined> {
  const problem = step.irreversible ? await deps.treeProblem?.(step) : undefined;
  if (problem && deps.dryRun) deps.notice(`problem: ${label}: ${problem}.`);
  return deps.dryRun ? undefined : problem;
}

export function createRunner(deps: RunnerDeps): Runner {
  const { plan, store, journal } = deps;
  const steps = scopeOf(plan, deps.only);
  const acknowledged = new Set<string>();
  let inFlight: Promise<RunResult> | undefined;
  let controller: AbortController | undefined;
  let running: string | undefined;
  let stop: { result: RunResult; stepId?: string } | undefined;

  const set = (f: (s: ReleaseState) => ReleaseState): void =>
    store.setState((s) => ({ ...f(s), updatedAt: deps.nowIso() }), true);
  const status = (id: string) => store.getState().steps[id]?.status ?? 'pending';

  async function reconcile(stepId?: string, wait = false): Promise<JournalEntry[]> {
    const unknown: JournalEntry[] = [];
    const open = journal.openIntents().filter((i) => stepId === undefined || i.step === stepId);
    if (open.length === 0) return unknown;
    for (const intent of open) {
      const verdict = await verdictOf(deps, findStep(plan, intent.step), intent, wait);
      if (verdict === 'unknown') unknown.push(intent);
      else {
        const detail = verdict === 'done' ? 'it happened before the interruption' : 'it did not happen; safe to retry';
        journal.append({
          type: 'reconciled',
          id: intent.id,
          action: intent.action,
          target: intent.target,
          step: intent.step,
          verdict,
          detail,
        });
      }
    }
    store.flush();
    return unknown;
  }

  /** Open intents of a step must be settled before it runs again: never publish twice. */
  async function settle(step: PlannedStep): Promise<boolean> {
    const unknown = await reconcile(step.id, true);
    if (unknown.length === 0) return true;
    if (acknowledged.has(step.id)) {
      for (const i of unknown) {
        journal.append({
          type: 'reconciled',
          id: i.id,
          action: i.action,
          target: i.target,
          step: i.step,
          verdict: 'unknown',
          detail: 'outcome unknown; the maintainer chose to go on',
        });
      }
      return true;
    }
    const what = unknown.map((i) => `${i.action} ${i.target}`).join(', ');
    deps.notice(
      `${step.phaseId}/${step.id}: cannot tell whether ${what} happened before the interruption; check by hand, then retry or skip it in the cockpit.`,
    );
    return false;
  }

  async function execute(step: PlannedStep, handler: StepHandler, signal: AbortSignal): Promise<RunResult | 'next'> {
    set((s) => startStep(s, plan, step.id, deps.nowIso()));
    running = step.id;
    const ctx = deps.context(step, signal, 'attempt');
    let outcome: StepOutcome;
    try {
      outcome = await runJournalled(step, handler, ctx, journal);
    } catch (e) {
      if (e instanceof StepPaused || e instanceof StepWaiting) {
        set((s) => unstartStep(s, step.id));
        deps.notice(`${step.phaseId}/${step.id}: ${e.message}`);
        return e instanceof StepPaused ? 'paused' : 'waiting';
      }
      outcome = failedOutcome(e, signal.aborted, ctx.log);
    } finally {
      running = undefined;
    }
    // The reason is the failed step's last output line (the cockpit draws it red): a failure
    // without output is never an empty pane.
    if (outcome.status === 'failed' && !signal.aborted) ctx.log(`${FAILED_MARK}${outcome.reason}`);
    await ctx.dispose();
    if (signal.aborted && outcome.status === 'failed') {
      set((s) => interruptStep(s, step.id, deps.nowIso(), 'cancelled by the maintainer'));
      store.flush();
      return 'cancelled';
    }
    const shown = maskOutcome(outcome, deps.mask);
    set((s) => finishStep(s, plan, step.id, shown, deps.nowIso()));
    return outcome.status === 'failed' ? 'failed' : 'next';
  }

  async function dryRunIrreversible(step: PlannedStep, handler: StepHandler, signal: AbortSignal): Promise<void> {
    const ctx = deps.context(step, signal);
    try {
      if (handler.rehearse) {
        // Read-only look at reality (e.g. the index): "would run" only for what is not done yet.
        await handler.rehearse(ctx);
      } else {
        const commands = handler.commands?.(step, plan) ?? [];
        for (const argv of commands) ctx.log(`would run: ${argv.join(' ')}`);
        if (commands.length === 0) ctx.log(`would run: ${step.title}`);
      }
    } finally {
      await ctx.dispose();
    }
    // Dry runs use an in-memory store: this verdict is never saved.
    set((s) =>
      finishStep(
        startStep(s, plan, step.id, deps.nowIso()),
        plan,
        step.id,
        { status: 'skipped', reason: 'dry run: not run' },
        deps.nowIso(),
      ),
    );
  }

  async function loop(signal: AbortSignal): Promise<{ result: RunResult; stepId?: string }> {
    for (const step of steps) {
      if (signal.aborted) return { result: 'cancelled', stepId: step.id };
      let st = status(step.id);
      if (st === 'passed' || st === 'skipped') continue;
      if (st === 'running' && deps.liveRun) {
        deps.notice(
          `${step.phaseId}/${step.id} is running in the live session (pid ${deps.liveRun.pid} on ${deps.liveRun.host}): the dry run stops here.`,
        );
        return { result: 'waiting', stepId: step.id };
      }
      if (st === 'running') {
        // Only possible if a previous loop died on a bug: treat like a crash.
        set((s) => interruptStep(s, step.id, deps.nowIso(), 'found running'));
        st = 'interrupted';
      }
      const label = `${step.phaseId}/${step.id}`;
      const { reason = '', needs } = store.getState().steps[step.id] ?? {};
      if (st === 'failed') {
        // A rerun with --yes is the retry (CI resumes by running again), once open intents are settled.
        if (!deps.yes) {
          deps.notice(
            `${label} failed earlier (${reason || 'no reason recorded'}): ${deps.interactive() ? 'retry or skip it to go on' : `rerun with --yes to retry it, or with --retry ${step.id} or --skip ${step.id} --reason TEXT`}.`,
          );
          return { result: 'failed', stepId: step.id };
        }
        if (!deps.dryRun && !(await settle(step))) return { result: 'failed', stepId: step.id };
        if (needs !== 'confirmation')
          deps.notice(`${label} failed earlier (${reason || 'no reason recorded'}): retrying it (--yes).`);
        set((s) => retryStep(s, step.id));
        st = 'pending';
      }
      if (st === 'interrupted') {
        const idempotent = step.config.kind === 'run' && step.config.idempotent;
        if (idempotent) deps.notice(`${label} was interrupted; it is idempotent, so it runs again.`);
        else if (!deps.yes && !acknowledged.has(step.id)) {
          deps.notice(`${label} was interrupted: retry or skip it in the cockpit, or rerun with --yes to retry it.`);
          return { result: 'failed', stepId: step.id };
        }
        if (!(await settle(step))) return { result: 'failed', stepId: step.id };
        set((s) => retryStep(s, step.id));
      } else if (!deps.dryRun && !(await settle(step))) {
        return { result: 'failed', stepId: step.id };
      }
      const handler = deps.handler(step.kind);
      if (!handler) {
        set((s) =>
          finishStep(
            startStep(s, plan, step.id, deps.nowIso()),
            plan,
            step.id,
            { status: 'failed', reason: `step kind ${step.kind} is not available in this build` },
            deps.nowIso(),
          ),
        );
        return { result: 'failed', stepId: step.id };
      }
      const treeProblem = await treeBlocks(deps, step, label);
      if (step.irreversible && deps.dryRun) {
        await dryRunIrreversible(step, handler, signal);
        continue;
      }
      if (treeProblem) {
        set((s) =>
          finishStep(
            startStep(s, plan, step.id, deps.nowIso()),
            plan,
            step.id,
            { status: 'failed', reason: treeProblem },
            deps.nowIso(),
          ),
        );
        return { result: 'failed', stepId: step.id };
      }
      if (step.irreversible) {
        const ok = await deps.confirm(await confirmationOf(deps, step, handler, signal));
        if (signal.aborted) return { result: 'cancelled', stepId: step.id };
        if (!ok && deps.interactive()) return { result: 'paused', stepId: step.id };
        if (!ok) {
          set((s) =>
            finishStep(
              startStep(s, plan, step.id, deps.nowIso()),
              plan,
              step.id,
              { status: 'failed', reason: NEEDS_CONFIRMATION, needs: 'confirmation' },
              deps.nowIso(),
            ),
          );
          return { result: 'failed', stepId: step.id };
        }
      }
      const r = await execute(step, handler, signal);
      if (step.irreversible) store.flush();
      if (r !== 'next') return { result: r, stepId: step.id };
    }
    return { result: 'done' };
  }

  return {
    runToEnd() {
      if (inFlight) return inFlight;
      controller = new AbortController();
      const c = controller;
      inFlight = loop(c.signal)
        .then((s) => {
          stop = s;
          return s.result;
        })
        .finally(() => {
          store.flush();
          inFlight = undefined;
        });
      return inFlight;
    },
    async cancel() {
      controller?.abort();
      if (inFlight) await inFlight.catch(() => undefined);
      store.flush();
    },
    isRunning: () => inFlight !== undefined,
    runningStepId: () => running,
    lastStop: () => stop,
    reconcile,
    acknowledge: (id) => void acknowledged.add(id),
  };
}
