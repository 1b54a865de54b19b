// A manual step's `show` command, run when the step is selected in the cockpit before the run
// reaches it, so its output is there to read ahead. `show` is read-only by contract: no journal,
// no state change, no confirmation, no log file; only its output goes to the step's buffer.
import type { PlannedStep } from '../core/plan-types.js';
import type { exec as realExec } from '../adapters/exec.js';
import type { OutputLine } from '../core/output-line.js';
import type { OutputHub } from '../store/output-types.js';
import type { ReleaseState } from '../core/state-types.js';
import { showFailed } from './steps/manual.js';

/** A selection must stay this long before its command runs (scrolling past spawns nothing). */
export const PREVIEW_DEBOUNCE_MS = 150;
/** A preview this recent is reused when its step is selected again. */
export const PREVIEW_FRESH_MS = 60_000;

export interface PreviewDeps {
  repo: string;
  env: Record<string, string | undefined>;
  exec: typeof realExec;
  mask(text: string): string;
  output: OutputHub;
  listeners: ReadonlySet<(stepId: string, line: OutputLine) => void>;
  now(): number;
  step(id: string): PlannedStep | undefined;
  /** The release state: a step the run reaches drops its preview (its own `show` fills the pane). */
  store: { subscribe(fn: (s: ReleaseState, prev: ReleaseState) => void): () => void };
  /** A maintainer is at the keyboard and the run has not reached this step (nor finished it). */
  mayPreview(stepId: string): boolean;
  debounceMs?: number;
  freshMs?: number;
}

export interface Previewer {
  /** Selects a step: cancels any other preview, and runs this one's `show` (debounced) unless fresh. */
  preview(stepId: string): void;
  /** The selection moved off: stops what is pending or running. */
  cancel(): void;
  /** The engine closes: cancels, and stops watching the run. */
  close(): void;
}

/** The step's `show` argv when it is a manual step that has one. */
export function showArgv(step: PlannedStep | undefined): string[] | undefined {
  return step?.config.kind === 'manual' ? step.config.show : undefined;
}

export function createPreviewer(d: PreviewDeps): Previewer {
  let current: { stepId: string; timer: ReturnType<typeof setTimeout>; controller: AbortController } | undefined;
  const doneAt = new Map<string, number>();
  // Steps whose output holds a preview: the run's own attempt replaces it rather than following it.
  const filled = new Set<string>();

  const cancel = (): void => {
    if (!current) return;
    clearTimeout(current.timer);
    current.controller.abort();
    current = undefined;
  };

  const run = async (step: PlannedStep, argv: string[], signal: AbortSignal): Promise<void> => {
    const emit = (line: OutputLine): void => {
      d.output.push(step.id, line);
      for (const fn of d.listeners) fn(step.id, line);
    };
    const info = (text: string): void => emit({ stream: 'info', text: d.mask(text) });
    // One copy of what the step shows: a stale or cut-short preview is replaced, not appended to.
    d.output.clear(step.id);
    filled.add(step.id);
    if (step.config.kind === 'manual' && step.config.details) info(step.config.details);
    info(`$ ${argv.join(' ')}`);
    const r = await d.exec(argv, {
      cwd: d.repo,
      env: d.env,
      signal,
      mask: d.mask,
      onLine: d.listeners.size > 0 ? (line) => d.listeners.forEach((fn) => fn(step.id, line)) : undefined,
      onNotice: (text) => emit({ stream: 'info', text }),
      onChunk: (stream, text) => d.output.pushText(step.id, stream, text),
    });
    if (r.cancelled || signal.aborted) return;
    if (r.exitCode !== 0) info(showFailed(r));
    doneAt.set(step.id, d.now());
  };

  const preview = (stepId: string): void => {
    cancel();
    const step = d.step(stepId);
    const argv = showArgv(step);
    if (!step || !argv || !d.mayPreview(stepId)) return;
    const at = doneAt.get(stepId);
    if (at !== undefined && d.now() - at < (d.freshMs ?? PREVIEW_FRESH_MS)) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      // The run may have reached the step meanwhile: its own show then fills the pane.
      if (!d.mayPreview(stepId)) return;
      run(step, argv, controller.signal).catch((e: unknown) => {
        if (!controller.signal.aborted) d.output.push(stepId, { stream: 'info', text: d.mask(String(e)) });
      });
    }, d.debounceMs ?? PREVIEW_DEBOUNCE_MS);
    current = { stepId, timer, controller };
  };

  const reached = (stepId: string): void => {
    if (current?.stepId === stepId) cancel();
    doneAt.delete(stepId);
    if (filled.delete(stepId)) d.output.clear(stepId);
  };
  const unsubscribe = d.store.subscribe((s, prev) => {
    if (filled.size === 0 || s.steps === prev.steps) return;
    for (const id of filled) if (s.steps[id]?.status === 'running' && prev.steps[id]?.status !== 'running') reached(id);
  });

  return { preview, cancel, close: () => (cancel(), unsubscribe()) };
}

interface RunPosition {
  runningStepId(): string | undefined;
  lastStop(): { result: string; stepId?: string } | undefined;
}

/** The run has not reached the step: still pending, not running, not waiting for its confirmation. */
export function notReached(state: ReleaseState, run: RunPosition, stepId: string): boolean {
  const stop = run.lastStop();
  return (
    (state.steps[stepId]?.status ?? 'pending') === 'pending' &&
    run.runningStepId() !== stepId &&
    !(stop?.result === 'waiting' && stop.stepId === stepId)
  );
}
