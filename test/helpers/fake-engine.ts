// An in-memory EngineApi for UI tests: a real zustand vanilla store and the real output hub,
// with commands that change the state the way the engine does (retry: pending then running;
// cancel: the running step becomes interrupted). Steps only end when the test says so
// (finishStep), which keeps every UI test deterministic. Not a model of the engine's internals.
import { demoPlan, freshState } from './demo-plan.js';
import { buildCompletion } from '../../src/core/completion.js';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import { yankArgv } from '../../src/core/crate-commands.js';
import { yankConfirmation } from '../../src/engine/crate-rollback.js';
import type {
  DraftEditResult,
  EngineApi,
  RegistryCrateStatus,
  RollbackAction,
  RollbackResult,
} from '../../src/engine/engine-api.js';
import type { ConfirmRequest } from '../../src/engine/step-types.js';
import type { CrateState, ReleaseState, StepState } from '../../src/core/state-types.js';
import { createOutputHub } from '../../src/store/output-buffer.js';
import { currentStepId, isFinished } from '../../src/store/selectors.js';

export interface FakeEngineOptions {
  plan?: Plan;
  /** Applied over the fresh state (steps and crates are merged by id). */
  state?: Partial<Omit<ReleaseState, 'steps' | 'crates'>> & {
    steps?: Record<string, Partial<StepState>>;
    crates?: Record<string, Partial<CrateState>>;
  };
  registry?: RegistryCrateStatus[];
  actions?: RollbackAction[];
  /** Wall clock for startedAt/endedAt. */
  now?: () => number;
  /** false: retry() only makes the step pending, like the real engine (then start() runs it). Default true. */
  retryRuns?: boolean;
  /** What "the editor" does in editInEditor (called synchronously, like the real one); default: nothing saved. */
  editor?: (file: string) => DraftEditResult;
}

export interface FakeEngine extends EngineApi {
  /** Tests write the state the way the engine would. */
  readonly store: StoreApi<ReleaseState>;
  /** Every command the UI sent, in order. */
  readonly calls: { method: string; args: unknown[] }[];
  closed: boolean;
  registry: RegistryCrateStatus[];
  setStep(id: string, patch: Partial<StepState>): void;
  setCrate(name: string, patch: Partial<CrateState>): void;
  /** Ends the running step as the engine would. */
  finishStep(
    id: string,
    outcome: { status: 'passed' | 'failed'; summary?: string; reason?: string; exitCode?: number },
  ): void;
  emit(stepId: string, text: string, stream?: 'stdout' | 'stderr' | 'info'): void;
  /** Asks the registered confirm handler, as a step would before irreversible work. */
  askConfirm(req: ConfirmRequest): Promise<boolean>;
  callsTo(method: string): unknown[][];
}

export function createFakeEngine(opts: FakeEngineOptions = {}): FakeEngine {
  const plan = opts.plan ?? demoPlan();
  const now = opts.now ?? (() => Date.parse('2025-11-01T10:00:00.000Z'));
  const iso = (): string => new Date(now()).toISOString();
  const base = freshState(plan);
  const { steps: stepPatches, crates: cratePatches, ...rest } = opts.state ?? {};
  const initial: ReleaseState = { ...base, ...rest, steps: { ...base.steps }, crates: { ...base.crates } };
  for (const [id, p] of Object.entries(stepPatches ?? {}))
    initial.steps[id] = { ...(initial.steps[id] ?? { status: 'pending', attempts: 0 }), ...p };
  for (const [n, p] of Object.entries(cratePatches ?? {}))
    initial.crates[n] = { ...(initial.crates[n] ?? { status: 'pending', version: plan.version, attempts: 0 }), ...p };
  const store = createStore<ReleaseState>()(() => initial);
  const output = createOutputHub(500, now);
  const calls: { method: string; args: unknown[] }[] = [];
  let confirmHandler: (req: ConfirmRequest) => Promise<boolean> = async () => false;
  const allSteps = plan.phases.flatMap((p) => p.steps);
  const record = (method: string, ...args: unknown[]): void => {
    calls.push({ method, args });
  };
  const setStep = (id: string, patch: Partial<StepState>): void =>
    store.setState((s) => ({
      steps: { ...s.steps, [id]: { ...(s.steps[id] ?? { status: 'pending', attempts: 0 }), ...patch } },
      updatedAt: iso(),
    }));
  const setCrate = (name: string, patch: Partial<CrateState>): void =>
    store.setState((s) => ({
      crates: {
        ...s.crates,
        [name]: { ...(s.crates[name] ?? { status: 'pending', version: plan.version, attempts: 0 }), ...patch },
      },
    }));
  const running = (): string | undefined =>
    allSteps.find((s) => store.getState().steps[s.id]?.status === 'running')?.id;

  const run = (step: PlannedStep): void => {
    const prev = store.getState().steps[step.id];
    setStep(step.id, {
      status: 'running',
      startedAt: iso(),
      endedAt: undefined,
      durationMs: undefined,
      reason: undefined,
      attempts: (prev?.attempts ?? 0) + 1,
    });
    output.push(step.id, {
      stream: 'info',
      text: `$ ${step.config.kind === 'run' ? step.config.run.join(' ') : step.kind}`,
    });
    if (step.kind === 'publish-crates') {
      const next = plan.crates.find((c) => store.getState().crates[c.name]?.status === 'pending');
      if (next) setCrate(next.name, { status: 'publishing', cargoPhase: 'packaging', startedAt: iso() });
    }
  };

  const registry: RegistryCrateStatus[] =
    opts.registry ??
    Object.entries(initial.crates)
      .filter(([, c]) => c.status === 'published')
      .map(([name, c]) => ({
        name,
        version: c.version,
        onIndex: c.yanked ? 'yanked' : 'published',
        publishedByThisRelease: true,
      }));

  // Like the engine: one confirmation for the batch (the real builder), then the change per crate.
  const flipYank = async (names: string[], yanked: boolean, verb: string): Promise<RollbackResult[]> => {
    const entries = names.map((name) => ({ name, entry: engine.registry.find((r) => r.name === name) }));
    const ready = entries.flatMap(({ name, entry }) =>
      entry
        ? [
            {
              name,
              entry,
              target: `${name}@${entry.version}`,
              argv: yankArgv(plan.config.crates, name, entry.version, !yanked) ?? [],
            },
          ]
        : [],
    );
    const ok = ready.length > 0 && (await confirmHandler(yankConfirmation(plan, ready, !yanked)));
    return entries.map(({ name, entry }): RollbackResult => {
      if (!entry) return { target: name, ok: false, message: 'not published by this release' };
      const target = `${name}@${entry.version}`;
      if (!ok) return { target, ok: false, message: 'not confirmed; nothing was done' };
      entry.onIndex = yanked ? 'yanked' : 'published';
      setCrate(name, { yanked });
      return { target, ok: true, message: `${verb} ${target}` };
    });
  };

  const engine: FakeEngine = {
    plan,
    store,
    output,
    calls,
    closed: false,
    registry,
    start() {
      record('start');
      if (running()) return;
      const next = allSteps.find((s) => !isFinished(store.getState().steps[s.id]?.status ?? 'pending'));
      if (!next || next.kind === 'manual') return;
      if (!next.irreversible) return run(next);
      void confirmHandler({
        title: `${next.title} (v${plan.version})`,
        commands: [['cargo', 'publish', '-p', plan.crates[0]?.name ?? 'x']],
        details: ['Publishing cannot be undone.'],
      }).then((ok) => {
        if (ok) run(next);
      });
    },
    isRunning: () => running() !== undefined,
    currentStepId: () => currentStepId(store.getState(), plan),
    retry(stepId) {
      record('retry', stepId);
      const step = allSteps.find((s) => s.id === stepId);
      if (!step) throw new Error(`no step ${stepId}`);
      setStep(stepId, { status: 'pending', reason: undefined });
      if (opts.retryRuns !== false) run(step);
    },
    skip(stepId, reason) {
      record('skip', stepId, reason);
      setStep(stepId, { status: 'skipped', reason, endedAt: iso() });
    },
    confirmManual(stepId, note) {
      record('confirmManual', stepId, note);
      setStep(stepId, { status: 'passed', note, endedAt: iso() });
    },
    pauseQueue() {
      record('pauseQueue');
      store.setState({ queuePaused: true });
    },
    resumeQueue() {
      record('resumeQueue');
      store.setState({ queuePaused: false });
    },
    retryCrate(name) {
      record('retryCrate', name);
      const attempts = store.getState().crates[name]?.attempts ?? 0;
      setCrate(name, { status: 'pending', reason: undefined });
      setCrate(name, { status: 'publishing', cargoPhase: 'packaging', attempts: attempts + 1 });
    },
    skipCrate(name, reason) {
      record('skipCrate', name, reason);
      setCrate(name, { status: 'skipped', reason });
    },
    async cancel() {
      record('cancel');
      const id = running();
      if (id) setStep(id, { status: 'interrupted', reason: 'cancelled by the maintainer', endedAt: iso() });
      for (const [name, c] of Object.entries(store.getState().crates))
        if (c.status === 'publishing') setCrate(name, { status: 'pending', cargoPhase: undefined });
    },
    preview: (stepId) => record('preview', stepId),
    cancelPreview: () => record('cancelPreview'),
    async registryStatus() {
      record('registryStatus');
      return engine.registry.map((r) => ({ ...r }));
    },
    async yank(crates, o) {
      record('yank', crates, o);
      return flipYank(crates, true, 'yanked');
    },
    async unyank(crates) {
      record('unyank', crates);
      return flipYank(crates, false, 'unyanked');
    },
    rollbackActions: async () =>
      opts.actions ?? [
        { id: 'delete-tag', title: `Delete tag v${plan.version}`, disabledReason: 'the tag was never created' },
        { id: 'prepare-patch', title: `Prepare a patch release` },
      ],
    async runRollbackAction(id) {
      record('runRollbackAction', id);
      return { target: id, ok: true, message: 'done' };
    },
    async completion() {
      record('completion');
      return buildCompletion(plan, store.getState(), { reportPath: '/state/report.md', unpushed: 1, branch: 'main' });
    },
    editInEditor(file) {
      record('editInEditor', file);
      // Synchronous like the engine's: the editor has run by the time this returns.
      const r = opts.editor ? opts.editor(file) : { ok: true };
      return Promise.resolve(r);
    },
    setConfirmHandler: (fn) => void (confirmHandler = fn),
    async close() {
      record('close');
      engine.closed = true;
    },
    setStep,
    setCrate,
    finishStep(id, outcome) {
      const st = store.getState().steps[id];
      const started = st?.startedAt ? Date.parse(st.startedAt) : now();
      setStep(id, { ...outcome, endedAt: iso(), durationMs: now() - started });
    },
    emit(stepId, text, stream = 'stdout') {
      output.push(stepId, { stream, text });
    },
    askConfirm: (req) => confirmHandler(req),
    callsTo: (method) => calls.filter((c) => c.method === method).map((c) => c.args),
  };
  return engine;
}
