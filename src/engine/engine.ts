// The engine behind EngineApi: opens the state dir, takes the lock, loads the store, settles the
// journal, then runs steps through the runner. Dry runs touch nothing on disk: no lock, no state
// dir created, the saved state read into a store that never writes, the journal read-only.
import { resolve } from 'node:path';
import type { StepKind } from '../core/config/step.js';
import type { Plan, PlannedStep } from '../core/plan-types.js';
import { UserError } from '../core/user-error.js';
import { createMasker } from '../core/mask.js';
import { exec as realExec } from '../adapters/exec.js';
import type { OutputLine } from '../core/output-line.js';
import { acquireLock, liveLock, type LockHandle } from '../adapters/lock.js';
import { discardStateDir, isDirectory, openStateDir, releaseDirPresence, stateDirPath } from '../adapters/state-dir.js';
import { draftsDir, editDraft } from '../adapters/editor.js';
import { createOutputHub } from '../store/output-buffer.js';
import { watchSleep } from '../adapters/sleep-watch.js';
import { createReleaseStore } from '../store/release-store.js';
import { createFileStorage } from '../adapters/file-storage.js';
import type { ReleaseStore } from '../store/release-store.js';
import { currentStepId } from '../store/selectors.js';
import type { ReleaseState } from '../core/state-types.js';
import type { EngineApi } from './engine-api.js';
import type { EngineServices } from './engine-services.js';
import { createCrateRollback } from './crate-rollback.js';
import { createGitRollback } from './git-rollback.js';
import { createQueueControls } from './publish-queue.js';
import { activateWhenStarted, startingJournal } from './release-start.js';
import { openJournal, type FileJournal } from './journal.js';
import { createRunner, scopeOf, type RunResult } from './runner.js';
import { treeProblem } from './clean-tree-check.js';
import { withPreviousOutput } from './previous-output.js';
import { contextFactory, type ContextDeps, type OutputChunkListener } from './step-context.js';
import { getStepHandler } from './step-registry.js';
import { abortableSleep } from './abortable-sleep.js';
import { createPreviewer, notReached } from './step-preview.js';
import { neededConfirmations, type NeededConfirmation } from './confirmations.js';
import { tryWriteReleaseReport } from './report-writer.js';
import { releaseCompletion } from './completion-info.js';
import { confirmStep, openSession, retryStep, skipStep } from './step-state.js';
import type { ConfirmRequest, StepHandler } from './step-types.js';
import { allSteps, findStep } from '../core/plan-lookup.js';

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
}

export async function openEngine(opts: OpenEngineOptions): Promise<Engine> {
  const { plan } = opts;
  const repo = resolve(opts.repo);
  const dryRun = opts.dryRun ?? false;
  const yes = opts.yes ?? false;
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now;
  const nowIso = (): string => new Date(now()).toISOString();
  const sleep = opts.sleep ?? abortableSleep;
  const runExec = opts.exec ?? realExec;
  const stepEnvs = allSteps(plan).map((s) => (s.config as { env?: Record<string, string> }).env ?? {}); // their secrets too
  const masker = createMasker({ env, extraEnvs: stepEnvs, extraNames: plan.config.secrets });

  scopeOf(plan, opts.only); // an unknown --only phase is refused before anything is locked
  const presence = releaseDirPresence(repo, plan.version);
  const stateDir = dryRun ? stateDirPath(repo, plan.version) : openStateDir(repo, plan.version);
  const lock: LockHandle | undefined = dryRun ? undefined : acquireLock(stateDir, { now });
  // A dry run beside a live session reads what it last saved: its running step is running, not interrupted.
  const live = dryRun ? liveLock(stateDir) : undefined;
  let store: ReleaseStore | undefined;
  let journal: FileJournal;
  try {
    // A release without a saved state is written only once it starts (see release-start.ts).
    const storage = createFileStorage<ReleaseState>(stateDir, {
      readOnly: dryRun,
      now,
      minIntervalMs: opts.persistIntervalMs,
      mask: masker.mask,
    });
    store = createReleaseStore(storage, plan, { deferred: !dryRun && !presence.hasState, nowIso });
    journal = openJournal(dryRun && !isDirectory(stateDir) ? null : stateDir, {
      mask: masker.mask,
      now,
      readOnly: dryRun,
    });
  } catch (e) {
    store?.close();
    lock?.release();
    throw e;
  }

  const output = withPreviousOutput(createOutputHub(opts.outputCapacity, now), stateDir, plan, store.getState());
  const listeners = new Set<(stepId: string, line: OutputLine) => void>();
  const chunkListeners = new Set<OutputChunkListener>();
  let interactive = opts.interactive ?? false;
  let confirmHandler: ((req: ConfirmRequest) => Promise<boolean>) | undefined;
  const confirm = async (req: ConfirmRequest): Promise<boolean> =>
    yes ? true : confirmHandler ? confirmHandler(req) : false;
  const set = (f: (s: ReleaseState) => ReleaseState): void =>
    store.setState((s) => ({ ...f(s), updatedAt: nowIso() }), true);
  const notice = (text: string): void => set((s) => ({ ...s, notices: [...s.notices, masker.mask(text)] }));
  const handler = (kind: StepKind): StepHandler | undefined => opts.handlers?.[kind] ?? getStepHandler(kind);

  const stopActivation = activateWhenStarted(store);
  // The context's journal flushes the state after each irreversible action settles.
  const ctxJournal = startingJournal(journal, store);

  const context = contextFactory({
    plan,
    repo,
    stateDir,
    store,
    journal: ctxJournal,
    output,
    dryRun,
    yes,
    env,
    now,
    sleep,
    confirm,
    exec: runExec,
    mask: masker.mask,
    interactive: () => interactive,
    listeners,
    chunkListeners,
    notice,
    watchSleep: opts.watchSleep ?? ((onSleep) => watchSleep({ onSleep })),
  });

  const runner = createRunner({
    plan,
    store,
    journal: ctxJournal,
    handler,
    context,
    confirm,
    dryRun,
    yes,
    only: opts.only,
    nowIso,
    notice,
    interactive: () => interactive,
    liveRun: live,
    mask: masker.mask,
    treeProblem: (step) => treeProblem(repo, env, step),
  });

  const services: EngineServices = {
    plan,
    store,
    journal: ctxJournal,
    output,
    repo,
    stateDir,
    dryRun,
    yes,
    confirm,
    notice,
    context: (id, signal) => context(stepFor(plan, id), signal ?? new AbortController().signal),
  };
  const previewer = createPreviewer({
    ...{ repo, env, exec: runExec, mask: masker.mask, output, listeners, now, store },
    step: (id) => stepFor(plan, id),
    mayPreview: (id) => interactive && notReached(store.getState(), runner, id),
  });
  const queue = createQueueControls(store);
  const [crates, gitRollback] = [createCrateRollback(services), createGitRollback(services)];

  set((s) =>
    openSession(s, {
      nowIso: nowIso(),
      dryRun,
      live,
      notices: [...(lock?.notice ? [lock.notice] : []), ...journal.notices],
    }),
  );
  if (!dryRun) {
    try {
      await runner.reconcile(); // before anything else may act
    } catch (e) {
      store.close();
      journal.close();
      lock?.release();
      throw e;
    }
  }
  store.flush();

  let closed = false;
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
  const knownStep = (id: string): void => {
    if (!plan.phases.some((p) => p.steps.some((s) => s.id === id)))
      throw new UserError(`no step \`${id}\` in this release.`);
  };

  const engine: Engine = {
    plan,
    store,
    output,
    stateDir,
    journal,
    runToEnd,
    start,
    isRunning: () => runner.isRunning(),
    currentStepId: () => runner.runningStepId() ?? currentStepId(store.getState(), plan),
    lastStop: () => runner.lastStop(),
    neededConfirmations: () => neededConfirmations(plan, scopeOf(plan, opts.only), store.getState(), handler),
    started: () => store.active,
    retry(stepId) {
      knownStep(stepId);
      set((s) => retryStep(s, stepId));
      runner.acknowledge(stepId);
    },
    skip(stepId, reason) {
      knownStep(stepId);
      set((s) => skipStep(s, plan, stepId, reason, nowIso()));
      // The maintainer owns what an unsettled intent of a skipped step did.
      for (const i of journal.openIntents().filter((x) => x.step === stepId)) {
        journal.append({
          type: 'reconciled',
          id: i.id,
          action: i.action,
          target: i.target,
          step: stepId,
          verdict: 'unknown',
          detail: `step skipped by the maintainer: ${reason}`,
        });
      }
      store.flush();
    },
    confirmManual(stepId, note) {
      knownStep(stepId);
      set((s) => confirmStep(s, plan, stepId, note, nowIso()));
      store.flush();
      // The runner waited for exactly this confirmation: go on.
      const stop = runner.lastStop();
      if (!runner.isRunning() && stop?.result === 'waiting' && stop.stepId === stepId) start();
    },
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
    setConfirmHandler(fn) {
      confirmHandler = fn;
      interactive = true;
    },
    onOutput: (fn) => (listeners.add(fn), () => void listeners.delete(fn)),
    onOutputChunk: (fn) => (chunkListeners.add(fn), () => void chunkListeners.delete(fn)),
    async close() {
      if (closed) return;
      closed = true;
      previewer.close();
      await runner.cancel();
      stopActivation();
      try {
        store.close();
      } finally {
        journal.close();
        lock?.release();
        // Opened, looked at, closed: the release never started, so it leaves nothing behind.
        if (!dryRun && !presence.existed && !store.active) discardStateDir(stateDir);
      }
    },
  };
  return engine;
}

/** A planned step, or a stand-in whose output goes to that id's buffer (e.g. "rollback"). */
function stepFor(plan: Plan, id: string): PlannedStep {
  return (
    findStep(plan, id) ?? {
      id,
      phaseId: id,
      kind: 'manual',
      title: id,
      irreversible: false,
      config: { id, kind: 'manual', title: id },
    }
  );
}
