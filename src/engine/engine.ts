// The engine behind EngineApi: opens the state dir, takes the lock, loads the store, settles the
// journal, then runs steps through the runner. Dry runs touch nothing on disk: no lock, no state
// dir created, the saved state read into a store that never writes, the journal read-only.
import type { StepKind } from '../core/config/step.js';
import type { Plan } from '../core/plan-types.js';
import type { exec as realExec } from '../adapters/exec.js';
import type { OutputLine } from '../core/output-line.js';
import { draftsDir, editDraft } from '../adapters/editor.js';
import { currentStepId } from '../store/selectors.js';
import type { EngineApi } from './engine-api.js';
import { closeReleaseFiles, openReleaseFiles, type ReleaseFiles } from './engine-files.js';
import { engineSettings, wireEngine, stepFor, type EngineParts, type EngineSettings } from './engine-wiring.js';
import { stepCommands } from './engine-commands.js';
import { createCrateRollback } from './crate-rollback.js';
import { createGitRollback } from './git-rollback.js';
import { createQueueControls } from './queue-controls.js';
import type { FileJournal } from './journal.js';
import { scopeOf } from './runner.js';
import type { RunResult } from './runner-types.js';
import type { ContextDeps, OutputChunkListener } from './step-context.js';
import { createPreviewer, notReached } from './step-preview.js';
import { neededConfirmations, type NeededConfirmation } from './confirmations.js';
import { tryWriteReleaseReport } from './report-writer.js';
import { releaseCompletion } from './completion-info.js';
import { countSession, openSession } from './step-state.js';
import type { StepHandler } from './step-types.js';

export interface OpenEngineOptions {
  /** The repository (absolute, or relative to cwd). */
  repo: string;
  /** Informational: the plan already carries its config path. */
  configPath?: string;
  plan: Plan;
  dryRun?: boolean;
  yes?: boolean;
  /** Run only this phase. */
  only?: string;
  /** Environment for child processes (default process.env). */
  env?: Record<string, string | undefined>;
  /** Override handlers by kind (tests, demo); the registry supplies the rest. */
  handlers?: Partial<Record<StepKind, StepHandler>>;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A maintainer is at the keyboard; setConfirmHandler() also turns this on. */
  interactive?: boolean;
  exec?: typeof realExec;
  /** Lines kept per step in memory. */
  outputCapacity?: number;
  /** Watches for a suspended machine while a step runs; default adapters/sleep-watch.ts on the real clocks. */
  watchSleep?: ContextDeps['watchSleep'];
  /** State writes at most every this many ms (default 50 = 20/s). */
  persistIntervalMs?: number;
  /** The session counts only at beginSession(): a run that may still refuse before it acts. */
  deferSession?: boolean;
}

export interface Engine extends EngineApi {
  runToEnd(): Promise<RunResult>;
  readonly stateDir: string;
  readonly journal: FileJournal;
  /** Every output line of every step as it arrives. */
  onOutput(fn: (stepId: string, line: OutputLine) => void): () => void;
  /** Command output a chunk of whole lines at a time, masked (the headless reporter: no per-line work). */
  onOutputChunk(fn: OutputChunkListener): () => void;
  lastStop(): { result: RunResult; stepId?: string } | undefined;
  /** What the run (of --only's phase, or all) will ask the maintainer, from where it stands now. */
  neededConfirmations(): NeededConfirmation[];
  /** True once the release exists on disk (something ran or was confirmed). */
  started(): boolean;
  /** Counts this session (once; never in a dry run): opened with deferSession, it is about to act. */
  beginSession(): void;
}

export async function openEngine(opts: OpenEngineOptions): Promise<Engine> {
  const s = engineSettings(opts);
  scopeOf(s.plan, opts.only); // an unknown --only phase is refused before anything is locked
  const files = openReleaseFiles(s.repo, s.plan, { ...s, persistIntervalMs: opts.persistIntervalMs });
  const parts = wireEngine(opts, s, files);
  const notices = [...(files.lock?.notice ? [files.lock.notice] : []), ...files.journal.notices];
  const session = { nowIso: s.nowIso(), live: files.live, notices };
  files.store.setState((st) => openSession(st, session), true);
  const beginSession = sessionCounter(files, s);
  if (opts.deferSession !== true) beginSession();
  if (!s.dryRun) {
    try {
      await parts.runner.reconcile(); // before anything else may act
    } catch (e) {
      parts.stopActivation();
      closeReleaseFiles(files, { dryRun: s.dryRun, discardUnstarted: false });
      throw e;
    }
  }
  files.store.flush();
  return { ...assembleEngine(opts, s, files, parts), beginSession };
}

/** Counts the session once, when it acts; a dry run acts on nothing. */
function sessionCounter(files: ReleaseFiles, s: EngineSettings): () => void {
  let counted = s.dryRun;
  return () => {
    if (counted) return;
    counted = true;
    files.store.setState((st) => countSession(st, s.nowIso()));
  };
}

/** The engine's commands over its parts. */
function assembleEngine(
  opts: OpenEngineOptions,
  s: EngineSettings,
  files: ReleaseFiles,
  parts: EngineParts,
): Omit<Engine, 'beginSession'> {
  const { plan, repo, env, dryRun, nowIso } = s;
  const { store, stateDir, journal } = files;
  const { runner, host, services, notice } = parts;
  const previewer = createPreviewer({
    ...{ repo, env, exec: s.exec, mask: s.mask, output: parts.output, listeners: host.listeners, now: s.now, store },
    step: (id) => stepFor(plan, id),
    mayPreview: (id) => host.interactive() && notReached(store.getState(), runner, id),
  });
  const queue = createQueueControls(store, s.now);
  const [crates, gitRollback] = [createCrateRollback(services), createGitRollback(services)];
  // Every run ends with report.md (progress so far, whatever the result); dry runs write nothing.
  const runToEnd = (): Promise<RunResult> =>
    runner.runToEnd().finally(() => {
      const failed =
        dryRun || !store.active
          ? undefined
          : tryWriteReleaseReport(stateDir, plan, store.getState(), journal.entries(), nowIso());
      if (failed) notice(failed);
    });
  const start = (): void => {
    runToEnd().catch((e: unknown) => notice(`The run stopped on an error: ${(e as Error)?.message ?? String(e)}`));
  };
  let closed = false;
  return {
    ...{ plan, store, output: parts.output, stateDir, journal, runToEnd, start },
    ...stepCommands({ plan, store, journal, runner, nowIso, start }),
    isRunning: () => runner.isRunning(),
    currentStepId: () => runner.runningStepId() ?? currentStepId(store.getState(), plan),
    lastStop: () => runner.lastStop(),
    neededConfirmations: () => neededConfirmations(plan, scopeOf(plan, opts.only), store.getState(), parts.handler),
    started: () => store.active,
    pauseQueue: () => queue.pause(),
    resumeQueue: () => queue.resume(),
    retryCrate: (name) => queue.retryCrate(name),
    skipCrate: (name, reason) => queue.skipCrate(name, reason),
    cancel: () => runner.cancel(),
    preview: (id) => previewer.preview(id),
    cancelPreview: () => previewer.cancel(),
    registryStatus: () => crates.registryStatus(),
    yank: (names, o) => crates.yank(names, o),
    unyank: (names, o) => crates.unyank(names, o),
    rollbackActions: () => gitRollback.actions(),
    runRollbackAction: (id) => gitRollback.run(id),
    // Synchronous inside (the editor owns the terminal until it returns): see EngineApi.
    editInEditor: async (file) => editDraft(file, env, draftsDir(stateDir)),
    completion: () => releaseCompletion({ plan, repo, stateDir, state: store.getState(), env }),
    setConfirmHandler: (fn) => host.setConfirmHandler(fn),
    onOutput: (fn) => host.onOutput(fn),
    onOutputChunk: (fn) => host.onOutputChunk(fn),
    async close() {
      if (closed) return;
      closed = true;
      previewer.close();
      try {
        await runner.cancel(); // its save may fail (a removed state dir): the files are closed anyway
      } finally {
        parts.stopActivation();
        closeReleaseFiles(files, { dryRun, discardUnstarted: true });
      }
    },
  };
}
