// The context every step runs with: exec streaming masked lines into the step's ring buffer, its
// log file and the listeners; confirmations that a cancel answers with no; the shared services.
import { isAbsolute, join } from 'node:path';
import type { Plan, PlannedStep } from '../core/plan-types.js';
import type { exec as realExec } from '../adapters/exec.js';
import type { OutputLine } from '../core/output-line.js';
import { openLogFile, type LogFile } from '../adapters/log-file.js';
import type { PersistenceError } from '../adapters/persist-error.js';
import { diskFiles } from '../adapters/step-files.js';
import type { FilesPort } from '../core/files-port.js';
import { sleepNote } from '../core/long-steps.js';
import type { OutputHub } from '../store/output-types.js';
import type { ReleaseStore } from '../store/release-store.js';
import type { ConfirmRequest, Journal, StepContext } from './step-types.js';
import type { ReleaseState } from '../core/state-types.js';
import { ATTEMPT_HEADER_PREFIX } from '../core/step-log.js';
import { noteStepSleep } from './step-state.js';

/** A step context plus what the runner must release after the step (its log file). */
export type ScopedContext = StepContext & {
  dispose(): Promise<void>;
  /** Writes the log's pending text, then why it could not be opened or written (its output shown, not kept); undefined while whole. */
  logFailure(): PersistenceError | undefined;
};

export interface ContextDeps {
  plan: Plan;
  repo: string;
  stateDir: string;
  store: ReleaseStore;
  journal: Journal;
  output: OutputHub;
  dryRun: boolean;
  yes: boolean;
  env: Record<string, string | undefined>;
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  confirm(req: ConfirmRequest): Promise<boolean>;
  exec: typeof realExec;
  mask(text: string): string;
  interactive(): boolean;
  listeners: ReadonlySet<(stepId: string, line: OutputLine) => void>;
  chunkListeners?: ReadonlySet<OutputChunkListener>;
  /** Starts watching for a suspended machine while a step runs (adapters/sleep-watch.ts); returns the stop. */
  watchSleep?: (onSleep: (sleptMs: number, wokeAt: number) => void) => () => void;
  notice?(text: string): void;
  /** The disk unless a test hands steps another file system. */
  files?: FilesPort;
}

/** An attempt of the step (its log gets a section header) or a look around it (a confirmation, a reconcile). */
export type ContextPurpose = 'attempt' | 'ask';

/** The log line that opens an attempt's section: `-- phase/step: attempt N`. */
export function attemptHeader(step: Pick<PlannedStep, 'id' | 'phaseId'>, state: ReleaseState): string {
  return `${ATTEMPT_HEADER_PREFIX}${step.phaseId}/${step.id}: attempt ${state.steps[step.id]?.attempts ?? 1}`;
}

/** Output of a step, whole lines (each ending with \n), masked: command output a chunk at a time, the engine's own lines ('info') one by one. */
export type OutputChunkListener = (stepId: string, stream: OutputLine['stream'], text: string) => void;

/**
 * A step cancelled (quit, SIGINT, SIGTERM) while it waits for the maintainer's answer does not
 * wait any longer: the question counts as a no, so the step winds down and the state is saved.
 */
export function unlessCancelled(answer: Promise<boolean>, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => resolve(false);
    signal.addEventListener('abort', onAbort, { once: true });
    answer.then(
      (yes) => {
        signal.removeEventListener('abort', onAbort);
        resolve(yes);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Step contexts: every line (masked by exec) goes to the step's ring buffer, its log file (not in dry runs) and the listeners. */
export function contextFactory(
  d: ContextDeps,
): (step: PlannedStep, signal: AbortSignal, purpose?: ContextPurpose) => ScopedContext {
  return (step, signal, purpose = 'ask') => {
    const { log, emit } = stepOutput(d, step);
    // A suspend is noted in the step's output and log, and flashed; its state keeps the sleep
    // apart from its duration (a build does not "take 30,000 s" because the laptop was closed).
    const stopWatch = d.watchSleep?.((sleptMs, wokeAt) => {
      d.store.setState((s) => noteStepSleep(s, step.id, sleptMs));
      const note = sleepNote(sleptMs, wokeAt);
      emit({ stream: 'info', text: note });
      d.notice?.(`${step.phaseId}/${step.id}: ${note}`);
    });
    // Only an attempt opens a section of the log (what the cockpit reloads on resume); building a
    // confirmation or reconciling an intent logs under the section in progress.
    if (purpose === 'attempt') log?.write({ stream: 'info', text: attemptHeader(step, d.store.getState()) });
    const { plan, repo, stateDir, store, dryRun, yes, env, now, sleep } = d;
    const journal = log ? loggedJournal(d.journal, log) : d.journal;
    return {
      plan,
      step,
      repo,
      stateDir,
      store,
      journal,
      dryRun,
      yes,
      env,
      now,
      sleep,
      signal,
      confirm: (req) => unlessCancelled(d.confirm(req), signal),
      interactive: d.interactive(),
      exec: (argv, o = {}) => {
        const cwd = o.cwd === undefined ? repo : isAbsolute(o.cwd) ? o.cwd : join(repo, o.cwd);
        // Command output comes a chunk of whole lines at a time, into the ring, the log and the
        // chunk listeners; single lines are cut out only for a line listener or the step's own onLine.
        const lineWanted = o.onLine !== undefined || d.listeners.size > 0;
        return d.exec(argv, {
          ...o,
          cwd,
          env: { ...env, ...o.env },
          signal: o.signal ? AbortSignal.any([signal, o.signal]) : signal,
          mask: d.mask,
          onLine: lineWanted
            ? (line) => {
                for (const fn of d.listeners) fn(step.id, line);
                o.onLine?.(line);
              }
            : undefined,
          onNotice: (text) => {
            const line: OutputLine = { stream: 'info', text };
            emit(line);
            o.onLine?.(line);
          },
          onChunk: (stream, text) => {
            d.output.pushText(step.id, stream, text);
            log?.writeLines(stream, text);
            if (d.chunkListeners) for (const fn of d.chunkListeners) fn(step.id, stream, text);
            o.onChunk?.(stream, text);
          },
        });
      },
      log: (text) => emit({ stream: 'info', text: d.mask(text) }),
      files: d.files ?? diskFiles,
      dispose: async () => {
        stopWatch?.();
        await log?.close();
      },
      logFailure: () => log && failureAfterFlush(log),
    };
  };
}

/**
 * Where a step's own lines go: `emit` to the ring, the listeners and the log. A log that fails is
 * said in the output at once, which goes on flowing without it; the step's verdict
 * (runner-step.ts) carries the whole sentence with the fix.
 */
function stepOutput(d: ContextDeps, step: PlannedStep): { log?: LogFile; emit: (line: OutputLine) => void } {
  // The engine's own lines (notes, exec's notices): one at a time everywhere.
  const show = (line: OutputLine): void => {
    d.output.push(step.id, line);
    for (const fn of d.listeners) fn(step.id, line);
    if (d.chunkListeners) for (const fn of d.chunkListeners) fn(step.id, line.stream, `${line.text}\n`);
  };
  const log = d.dryRun
    ? undefined
    : openLogFile(join(d.stateDir, 'logs', `${step.id}.log`), {
        onFailure: (e) => show({ stream: 'info', text: logLostLine(e) }),
      });
  const emit = (line: OutputLine): void => {
    show(line);
    log?.write(line);
  };
  return { log, emit };
}

/** What is pending is written first: the verdict must know whether the whole output was kept. */
function failureAfterFlush(log: LogFile): PersistenceError | undefined {
  try {
    log.flush();
  } catch {
    // failure() below is that error
  }
  return log.failure();
}

/** Said in the step's output when its log fails. */
function logLostLine(e: PersistenceError): string {
  return `the step log ${e.file} cannot be written (${e.code}): the output goes on here but is not kept.`;
}

/**
 * The journal a step acts through: before each intent (an irreversible action about to start) its
 * log is written out, and a log that could not be written stops the action with its sentence.
 */
function loggedJournal(journal: Journal, log: LogFile): Journal {
  return {
    append: (e) => {
      if (e.type === 'intent') log.flush();
      return journal.append(e);
    },
    entries: () => journal.entries(),
    openIntents: () => journal.openIntents(),
    around: (action, target, step, fn) => {
      log.flush();
      return journal.around(action, target, step, fn);
    },
  };
}
