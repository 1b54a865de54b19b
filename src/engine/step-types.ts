// The contract between the runner and the step kinds (one file per kind in steps/).
import type { StoreApi } from 'zustand/vanilla';
import type { ExecOptions, ExecResult } from '../adapters/exec-types.js';
import type { FilesPort } from '../core/files-port.js';
import type { Plan, PlannedStep } from '../core/plan-types.js';
import type { StepKind } from '../core/config/step.js';
import type { ReleaseState, StepNeeds } from '../core/state-types.js';
import type { JournalAction, JournalEntry, NewJournalEntry, Verdict } from '../core/journal-types.js';

/** Asked before every irreversible action: the TUI shows a modal, headless answers --yes or fails. */
export interface ConfirmRequest {
  title: string;
  /** The exact commands that will run, as argv arrays. */
  commands: string[][];
  /** Extra lines to show (what it affects). */
  details?: string[];
  /** When set, the maintainer must type this text (e.g. the version before a yank). */
  typed?: string;
  /**
   * An absolute file under `<stateDir>/drafts/` holding what will be
   * written. The cockpit offers to open it in $EDITOR (EngineApi.editInEditor); the step reads it
   * back after a yes, so what the maintainer saved is what lands.
   */
  editFile?: string;
  /** Replaces "It will run:" (e.g. "It will run (9 remaining):"). */
  heading?: string;
  /** Each command's working directory relative to the repository ("." = its root), aligned with `commands`. */
  cwds?: string[];
  /** Lines to heed before going ahead (a rate-limit estimate), shown apart from `details`. */
  warnings?: string[];
  /** A reversible action says what undoes it instead of "This cannot be undone". */
  undo?: string;
  /** With editFile, the text the draft started from: the preview is the diff against it. */
  editBase?: string;
  /** With editFile, the editor opens as soon as the question is shown. */
  editFirst?: boolean;
  /**
   * Nothing runs from here (a web page, a branch to make by hand): the steps the maintainer
   * takes, one line each; `yes` is what y means ("I yanked it: record it in the journal").
   */
  manual?: { steps: string[]; yes: string };
}

export interface Journal {
  append(entry: NewJournalEntry): JournalEntry;
  entries(): JournalEntry[];
  /** Intents with no done/failed/reconciled after them. */
  openIntents(): JournalEntry[];
  /** Runs fn between an intent and its done/failed entry; fn gets the intent (to journal its child: orphans.ts). */
  around<T>(
    action: JournalAction,
    target: string,
    step: string | undefined,
    fn: (intent: JournalEntry) => Promise<T>,
  ): Promise<T>;
}

export interface StepContext {
  plan: Plan;
  step: PlannedStep;
  /** Absolute repo path. */
  repo: string;
  /** Absolute state dir: <git dir>/release-cockpit/<version>/ */
  stateDir: string;
  store: StoreApi<ReleaseState>;
  journal: Journal;
  /** Runs a command, streaming masked lines into this step's output buffer and log file. cwd is repo-relative. */
  exec(argv: string[], opts?: Partial<Omit<ExecOptions, 'cwd'>> & { cwd?: string }): Promise<ExecResult>;
  /** An informational line in this step's output (and log). */
  log(text: string): void;
  /** The files a step reads and writes (the changelog, drafts, notes): the only file IO a handler does. */
  files: FilesPort;
  confirm(req: ConfirmRequest): Promise<boolean>;
  /** --dry-run: read-only work happens; irreversible work is printed as "would run: <argv>". */
  dryRun: boolean;
  /** --yes: every question answered yes. */
  yes: boolean;
  /** A maintainer is at the keyboard (the cockpit), so a step may wait for them; false in headless runs. */
  interactive?: boolean;
  /** Aborted when the maintainer cancels or quits. */
  signal: AbortSignal;
  /** The environment for child processes (tokens arrive here, never in argv). */
  env: Record<string, string | undefined>;
  /** Wall clock, injectable for tests of countdowns. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export type StepOutcome =
  | {
      status: 'passed';
      summary?: string;
      /** Kept as StepState.note (e.g. "confirmed with --yes"). */ note?: string;
    }
  | { status: 'skipped'; reason: string; summary?: string }
  | {
      status: 'failed';
      reason: string;
      exitCode?: number;
      /** Only the maintainer's yes was missing: --yes retries it. */ needs?: StepNeeds;
    };

export interface StepHandler {
  kind: StepKind;
  /** The commands it will run (for confirmation modals and dry-run), best effort. */
  commands?(step: PlannedStep, plan: Plan): string[][];
  /**
   * The confirmation as it will run now (asks the index what is left, builds the release
   * notes...). Read-only. When absent (or when it throws) the runner shows title + commands().
   */
  confirmation?(ctx: StepContext): Promise<ConfirmRequest>;
  run(ctx: StepContext): Promise<StepOutcome>;
  /**
   * A read-only rehearsal for --dry-run (ctx.dryRun is true). When present
   * the runner calls it instead of printing commands(): the queue asks the index and prints
   * "would run" only for crates the index does not have.
   */
  rehearse?(ctx: StepContext): Promise<StepOutcome>;
  /**
   * Whether this step writes its own journal intent/done around each irreversible action (and
   * settles them in reconcile). Otherwise, when the plan marks the step irreversible, the runner
   * journals the whole step as one action (step-journal.ts).
   */
  ownJournal?(step: PlannedStep): boolean;
  /** Settles an open intent of its own after a crash: did the action happen? */
  /** `wait`: the step is about to run again, so it may wait (with a countdown) for a lagging source of truth. */
  reconcile?(ctx: StepContext, intent: JournalEntry, opts?: { wait: boolean }): Promise<Verdict>;
}
