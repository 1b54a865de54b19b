// What the UI (and the headless reporter) may ask of the engine. The UI never does IO itself:
// it reads the store and the output hub, and calls these commands.
import type { Plan } from '../core/plan-types.js';
import type { ReleaseState } from '../core/state-types.js';
import type { OutputHub } from '../store/output-types.js';
import type { ReadonlyStore } from '../store/read-only-store.js';
import type { ConfirmRequest } from './step-types.js';
import type { CompletionSummary } from '../core/completion.js';
import type { RollbackActionId } from '../core/irreversible.js';

export interface RegistryCrateStatus {
  name: string;
  version: string;
  /** What the index says now. */
  onIndex: 'published' | 'yanked' | 'absent' | 'unknown';
  /** This release uploaded it (journal done entry). */
  publishedByThisRelease: boolean;
}

export interface RollbackAction {
  id: RollbackActionId;
  title: string;
  /** Why it is not available now (e.g. "the tag was never created"). */
  disabledReason?: string;
}

export interface RollbackResult {
  /** What it acted on, as the journal names it ("micromegas-auth@0.15.0", "delete-tag v0.15.0"). */
  target: string;
  /** For people: the action's title when the target is an id ("Delete tag v0.15.0"). */
  label?: string;
  ok: boolean;
  message: string;
}

/** What came back from the maintainer's editor. */
export interface DraftEditResult {
  /** The editor ran and exited 0. */
  ok: boolean;
  /** Why not: no such editor on PATH, a non-zero exit, a file outside the drafts folder. */
  message?: string;
  /** The file as saved when the editor closed (whatever its exit code); absent when unreadable. */
  text?: string;
}

export interface EngineApi {
  readonly plan: Plan;
  /** Read-only: hosts change the release only through these commands. */
  readonly store: ReadonlyStore<ReleaseState>;
  readonly output: OutputHub;
  /** Runs from the first unfinished step until the end, a failure, an interrupted step, a manual step waiting, or a pause. */
  start(): void;
  /** True while a step runs. */
  isRunning(): boolean;
  /** The step the cursor should follow (running, or the first unfinished). */
  currentStepId(): string | undefined;
  retry(stepId: string): void;
  skip(stepId: string, reason: string): void;
  confirmManual(stepId: string, note?: string): void;
  /** Stops after the crate in flight. */
  pauseQueue(): void;
  resumeQueue(): void;
  retryCrate(name: string): void;
  skipCrate(name: string, reason: string): void;
  /**
   * The cockpit selected this step: a manual step's read-only `show` command fills its output
   * before the run reaches it (debounced; reused for a minute; never headless, never other kinds).
   */
  preview(stepId: string): void;
  /** The selection moved off the previewed step, or the cockpit quits: stops its command. */
  cancelPreview(): void;
  /** Cancels the running step (kills its process group); leaves a resumable state. */
  cancel(): Promise<void>;
  /** The crates this release published, with what the index says now (for the rollback menu). */
  registryStatus(): Promise<RegistryCrateStatus[]>;
  yank(crates: string[], opts?: { force?: boolean }): Promise<RollbackResult[]>;
  unyank(crates: string[], opts?: { force?: boolean }): Promise<RollbackResult[]>;
  /** The rollback actions beside yank, as git and GitHub say now (asking them takes a moment). */
  rollbackActions(): Promise<RollbackAction[]>;
  runRollbackAction(id: RollbackAction['id']): Promise<RollbackResult>;
  /**
   * Opens a ConfirmRequest's `editFile` in $VISUAL / $EDITOR / vi and
   * reads it back. The editor runs synchronously, before this returns: it owns the terminal for
   * that time, so the caller wraps the call in the host's suspend (which hands the terminal over).
   * Only files under the state dir's drafts/ folder are opened.
   */
  editInEditor(file: string): Promise<DraftEditResult>;
  /** What the release produced (crates with links, tag, GitHub release, report, unpushed commits, next steps). */
  completion(): Promise<CompletionSummary>;
  /** The host (TUI modal or headless --yes) answers confirmations. */
  setConfirmHandler(fn: (req: ConfirmRequest) => Promise<boolean>): void;
  /** Releases the lock and flushes state. */
  close(): Promise<void>;
}
