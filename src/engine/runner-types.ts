// The runner's contract with the engine: what it is given, what it answers, where a run stops.
import type { Plan, PlannedStep } from '../core/plan-types.js';
import type { ReleaseStore } from '../store/release-store.js';
import type { JournalEntry } from '../core/journal-types.js';
import type { ContextPurpose, ScopedContext } from './step-context.js';
import type { ConfirmRequest, Journal, StepHandler } from './step-types.js';

export type RunResult = 'done' | 'failed' | 'waiting' | 'paused' | 'cancelled';

/** Where a run stopped, and at which step. */
export interface RunStop {
  result: RunResult;
  stepId?: string;
}

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

export interface Runner {
  runToEnd(): Promise<RunResult>;
  /** Aborts the running step (it ends interrupted) and waits for the loop to stop. */
  cancel(): Promise<void>;
  isRunning(): boolean;
  runningStepId(): string | undefined;
  /** Where the last run stopped and why. */
  lastStop(): RunStop | undefined;
  /** Settles open intents (of one step, or all) with the handlers' reconcile; returns those still unknown. */
  reconcile(stepId?: string): Promise<JournalEntry[]>;
  /** The maintainer accepts an unknown outcome for this step (explicit retry or skip). */
  acknowledge(stepId: string): void;
}
