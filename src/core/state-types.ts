// The persisted release state. Output lines are never here (see output-buffer.ts).

export const STEP_STATUSES = ['pending', 'running', 'passed', 'failed', 'skipped', 'interrupted'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** What a failed step waits for: a confirmation (a run with --yes, or the cockpit) retries it. */
export const STEP_NEEDS = ['confirmation'] as const;
export type StepNeeds = (typeof STEP_NEEDS)[number];

export interface StepState {
  status: StepStatus;
  /** ISO timestamps. */
  startedAt?: string;
  endedAt?: string;
  /** The time it ran awake: endedAt - startedAt without sleptMs. */
  durationMs?: number;
  /** How long the machine slept (suspended) while it ran, as the sleep watch detected it. */
  sleptMs?: number;
  /** e.g. "137 tests passed", extracted by the step's summary regex. */
  summary?: string;
  /** Why it was skipped, or why it failed (one sentence). */
  reason?: string;
  /** A manual step's confirmation note. */
  note?: string;
  exitCode?: number;
  /** Set on a failure that only lacked the maintainer's yes. */
  needs?: StepNeeds;
  attempts: number;
}

export const CRATE_STATUSES = [
  'pending',
  'publishing', // cargo publish running
  'waiting-index', // uploaded, polling the index
  'grace', // visible, grace countdown before the next crate
  'rate-limited', // 429: waiting until the registry's time
  'retrying', // network error / 5xx: backoff countdown
  'published', // this release uploaded it and the index shows it
  'already-published', // the index had it before we ran: skipped, shown distinctly
  'failed',
  'skipped', // skipped by the maintainer, with a reason
] as const;
export type CrateStatus = (typeof CRATE_STATUSES)[number];

/** What cargo says it is doing, parsed from its output. */
export const CARGO_PHASES = ['packaging', 'verifying', 'compiling', 'uploading', 'waiting', 'published'] as const;
export type CargoPhase = (typeof CARGO_PHASES)[number];

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

/** 2: StepState.needs replaces the "rerun with --yes" sentence as the mark of a step that only lacked a yes. */
export const STATE_SCHEMA_VERSION = 2;
