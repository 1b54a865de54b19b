// The persisted release state. Output lines are never here (see output-buffer.ts).

export type StepStatus = 'pending' | 'running' | 'passed' | 'failed' | 'skipped' | 'interrupted';

export interface StepState {
  status: StepStatus;
  /** ISO timestamps. */
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  /** e.g. "137 tests passed", extracted by the step's summary regex. */
  summary?: string;
  /** Why it was skipped, or why it failed (one sentence). */
  reason?: string;
  /** A manual step's confirmation note. */
  note?: string;
  exitCode?: number;
  attempts: number;
}

export type CrateStatus =
  | 'pending'
  | 'publishing' // cargo publish running
  | 'waiting-index' // uploaded, polling the index
  | 'grace' // visible, grace countdown before the next crate
  | 'rate-limited' // 429: waiting until the registry's time
  | 'retrying' // network error / 5xx: backoff countdown
  | 'published' // this release uploaded it and the index shows it
  | 'already-published' // the index had it before we ran: skipped, shown distinctly
  | 'failed'
  | 'skipped'; // skipped by the maintainer, with a reason

/** What cargo says it is doing, parsed from its output. */
export type CargoPhase = 'packaging' | 'verifying' | 'compiling' | 'uploading' | 'waiting' | 'published';

export interface CrateState {
  status: CrateStatus;
  version: string;
  cargoPhase?: CargoPhase;
  /** Epoch ms: end of the current countdown (grace, rate limit, retry backoff, index wait deadline). */
  waitUntil?: number;
  attempts: number;
  /** Why it failed or was skipped (one sentence). */
  reason?: string;
  startedAt?: string;
  publishedAt?: string;
  /** Yank state as last confirmed on the index. */
  yanked?: boolean;
}

export interface PhaseState {
  startedAt?: string;
  completedAt?: string;
}

export interface ReleaseState {
  /** Bumped on any incompatible change; see migrate.ts. */
  schemaVersion: number;
  project: string;
  version: string;
  next: string;
  createdAt: string;
  updatedAt: string;
  /** How many times the release was opened (1 = first run). */
  sessions: number;
  phases: Record<string, PhaseState>;
  steps: Record<string, StepState>;
  crates: Record<string, CrateState>;
  /** The queue stops after the crate in flight. */
  queuePaused: boolean;
  /** Messages to show once (stale lock taken over, torn journal line, interrupted steps). */
  notices: string[];
}

export const STATE_SCHEMA_VERSION = 1;
