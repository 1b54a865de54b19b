// Gives meaning to the commands of the panes and the global scope: engine calls, cursor moves,
// modals to open. Engine errors never crash the UI: they are flashed in the footer.
import type { EngineApi } from '../engine/engine-api.js';
import type { Plan } from '../core/plan-types.js';
import type { Binding, KeyContext, PaneId } from './keymap/types.js';
import type { UiAction, UiState } from './app-state.js';
import type { ChecklistState } from './panes/checklist/use-checklist-state.js';
import type { QueueState } from './panes/queue/use-queue-state.js';
import type { OutputPaneState } from './panes/output/use-output-state.js';
import type { Modal } from './modals/modal-types.js';
import { openRollback } from './modals/rollback-state.js';
import { executeModalCommand } from './execute-modal.js';
import { errorText, guard } from './guard.js';
import { onPreviousRelease, type PreviousRelease, type RollbackCall } from './previous-release.js';
import type { ReleaseShelf } from './release-shelf.js';
import { openHistoryView } from './history-commands.js';
import { findStep, stepsOfKind } from '../core/plan-lookup.js';
import { isPausedPublish } from '../store/selectors.js';

export interface CommandDeps {
  engine: EngineApi;
  plan: Plan;
  ctx: KeyContext;
  ui: UiState;
  send: (a: UiAction) => void;
  checklist: ChecklistState;
  queue: QueueState;
  output: OutputPaneState;
  flash: (text: string) => void;
  panes: readonly PaneId[];
  quit: () => void;
  /** Rows of a full-body modal (page size for help and resume). */
  pageRows: number;
  /** The largest useful scroll offset of a scrollable modal (its lines minus its rows). */
  maxScroll: (m: Modal) => number;
  /** The last finished release: the rollback menu's when this one published nothing. */
  previous?: PreviousRelease;
  /** The repository's releases: the history view (h) and their rollback menus. */
  history?: ReleaseShelf;
  /** Answers yes to engine confirmations equal to these (already confirmed in one modal); returns the revoker. */
}

function stepTitle(plan: Plan, id: string | undefined): string | undefined {
  return findStep(plan, id)?.title;
}

type RollbackUpdate = (fn: (m: Extract<Modal, { kind: 'rollback' }>) => Extract<Modal, { kind: 'rollback' }>) => void;

function rollbackUpdater(d: Pick<CommandDeps, 'send'>): RollbackUpdate {
  return (fn) => d.send({ type: 'update', kind: 'rollback', fn: (m) => (m.kind === 'rollback' ? fn(m) : m) });
}

function loadResumeRegistry(d: Pick<CommandDeps, 'engine' | 'send'>): void {
  const set = (registry: Extract<Modal, { kind: 'resume' }>['registry']): void =>
    d.send({ type: 'update', kind: 'resume', fn: (m) => (m.kind === 'resume' ? { ...m, registry } : m) });
  d.engine.registryStatus().then(
    (crates) => set({ status: 'ready', crates }),
    (e: unknown) => set({ status: 'error', message: errorText(e) }),
  );
}

/** What the index says of the crates the release published (the engine refuses other versions). */
export async function publishedStatus(engine: EngineApi): Promise<Awaited<ReturnType<EngineApi['registryStatus']>>> {
  return (await engine.registryStatus()).filter((c) => c.publishedByThisRelease);
}

/**
 * The rollback menu's crates: this release's; when it published nothing, the last finished
 * release's (its crates from its journal, confirmed on the index), opened only for the reading.
 */
function loadRollback(d: Pick<CommandDeps, 'engine' | 'send' | 'previous'>): void {
  const update = rollbackUpdater(d);
  const fail = (e: unknown): void =>
    update((m) => ({ ...m, load: { status: 'error', message: errorText(e) }, actionsLoading: false }));
  publishedStatus(d.engine).then((crates) => {
    const previous = d.previous;
    if (crates.length > 0 || !previous) {
      update((m) => ({ ...m, load: { status: 'ready', crates } }));
      loadRollbackActions(d, (fn) => fn(d.engine));
      return;
    }
    update((m) => onPreviousRelease(m, previous, Date.now()));
    previous.withEngine(publishedStatus).then((theirs) => {
      update((m) => ({ ...m, load: { status: 'ready', crates: theirs } }));
      loadRollbackActions(d, (fn) => previous.withEngine(fn));
    }, fail);
  }, fail);
}

/** Fills the rollback menu's other actions in when the engine has asked git and GitHub. */
export function loadRollbackActions(d: Pick<CommandDeps, 'send'>, call: RollbackCall): void {
  const set = rollbackUpdater(d);
  call((e) => e.rollbackActions()).then(
    (actions) => set((m) => ({ ...m, actions, actionsLoading: false })),
    (e: unknown) =>
      set((m) => ({
        ...m,
        actionsLoading: false,
        results: [...m.results, { target: 'rollback actions', ok: false, message: errorText(e) }],
      })),
  );
}

/** The completion panel: opens at once, fills in when the engine has asked git. */
export function openCompletion(d: Pick<CommandDeps, 'engine' | 'send'>): void {
  d.send({ type: 'push', modal: { kind: 'completion', scroll: 0 } });
  d.engine.completion().then(
    (summary) =>
      d.send({ type: 'update', kind: 'completion', fn: (m) => (m.kind === 'completion' ? { ...m, summary } : m) }),
    (e: unknown) =>
      d.send({
        type: 'update',
        kind: 'completion',
        fn: (m) => (m.kind === 'completion' ? { ...m, error: errorText(e) } : m),
      }),
  );
}

export function openResume(d: Pick<CommandDeps, 'engine' | 'send'>): void {
  d.send({ type: 'push', modal: { kind: 'resume', scroll: 0, registry: { status: 'loading' } } });
  loadResumeRegistry(d);
}

function navigate(binding: Binding, d: CommandDeps): void {
  const c = binding.command;
  if (binding.scope === 'checklist') {
    ({
      'nav.up': d.checklist.up,
      'nav.down': d.checklist.down,
      'nav.top': d.checklist.top,
      'nav.bottom': d.checklist.bottom,
    })[c as 'nav.up']?.();
  } else if (binding.scope === 'queue') {
    ({ 'nav.up': d.queue.up, 'nav.down': d.queue.down, 'nav.top': d.queue.top, 'nav.bottom': d.queue.bottom })[
      c as 'nav.up'
    ]?.();
  } else if (binding.scope === 'output') {
    ({
      'nav.up': d.output.lineUp,
      'nav.down': d.output.lineDown,
      'nav.top': d.output.top,
      'nav.bottom': d.output.bottom,
    })[c as 'nav.up']?.();
  } else {
    executeModalCommand(binding, d);
  }
}

function runOrConfirm(d: CommandDeps): void {
  const s = d.ctx.step;
  if (s && s.kind === 'manual' && s.status !== 'passed' && s.status !== 'skipped') {
    guard(d.flash, () => d.engine.confirmManual(s.id));
    return;
  }
  guard(d.flash, () => d.engine.start());
  if (!d.engine.isRunning()) {
    const cur = d.engine.currentStepId();
    const step = findStep(d.plan, cur);
    if (step?.kind === 'manual') {
      d.flash(`Waiting for you: confirm "${step.title}" (enter on it).`);
      d.checklist.jumpToStep(step.id);
    }
  }
}

/** The engine's retry makes the step pending again; starting the run is what runs it. */
function retryStep(d: CommandDeps, id: string): void {
  d.engine.retry(id);
  if (!d.engine.isRunning()) d.engine.start();
}

/**
 * A crate made pending again is only picked up by a running queue: when its publish step already
 * stopped (failed or interrupted), that step is retried and the run started.
 */
function retryCrate(d: CommandDeps, name: string): void {
  d.engine.retryCrate(name);
  if (d.engine.isRunning()) return;
  const st = d.engine.store.getState();
  const step = stepsOfKind(d.plan, 'publish-crates')[0];
  const status = step ? st.steps[step.id]?.status : undefined;
  if (step && (status === 'failed' || status === 'interrupted')) d.engine.retry(step.id);
  d.engine.start();
}

/** p: pause, or resume. A queue paused in an earlier session is not running: starting it asks again. */
function toggleQueue(d: CommandDeps): void {
  if (!d.ctx.queuePaused) return d.engine.pauseQueue();
  const step = stepsOfKind(d.plan, 'publish-crates')[0];
  // Paused when its session ended: nothing was cut off, so it resumes without a retry.
  const pausedEarlier = step && isPausedPublish(d.engine.store.getState(), step);
  d.engine.resumeQueue();
  if (pausedEarlier && d.engine.store.getState().steps[step.id]?.status === 'interrupted') d.engine.retry(step.id);
  if (!d.engine.isRunning()) d.engine.start();
}

/** x: the running step stops (its process group is killed) and is marked interrupted. */
function cancelStep(d: CommandDeps): void {
  const title = stepTitle(d.plan, d.engine.currentStepId()) ?? 'the running step';
  d.flash(`Cancelling ${title}…`);
  d.engine.cancel().then(
    () => d.flash(`${title} was cancelled: it is interrupted (r retries it, s skips it).`),
    (e: unknown) => d.flash(errorText(e)),
  );
}

/** A quit while a step runs asks first (the quit modal names the step). */
function quitOrAsk(d: CommandDeps): void {
  if (!d.ctx.running) return d.quit();
  if (d.ctx.modal !== 'quit')
    d.send({ type: 'push', modal: { kind: 'quit', stepTitle: stepTitle(d.plan, d.engine.currentStepId()) } });
}

/** A skip needs a reason: the modal that asks for it, for the selected step or crate. */
function askSkipReason(d: CommandDeps, what: 'step' | 'crate'): void {
  const { step, crate } = d.ctx;
  if (what === 'step' && step) {
    const title = stepTitle(d.plan, step.id) ?? step.id;
    d.send({ type: 'push', modal: { kind: 'skip-reason', target: { type: 'step', id: step.id, title }, text: '' } });
  } else if (what === 'crate' && crate) {
    d.send({ type: 'push', modal: { kind: 'skip-reason', target: { type: 'crate', name: crate.name }, text: '' } });
  }
}

export function executeCommand(binding: Binding, d: CommandDeps): void {
  const { ctx } = d;
  switch (binding.command) {
    case 'app.quit':
      return quitOrAsk(d);
    case 'help.open':
      d.send({ type: 'push', modal: { kind: 'help', scroll: 0 } });
      return;
    case 'focus.next':
    case 'focus.prev':
      d.send({ type: 'cycle-focus', dir: binding.command === 'focus.next' ? 1 : -1, panes: d.panes });
      return;
    case 'nav.up':
    case 'nav.down':
    case 'nav.top':
    case 'nav.bottom':
    case 'nav.pageUp':
    case 'nav.pageDown':
      navigate(binding, d);
      return;
    case 'step.run':
      runOrConfirm(d);
      return;
    case 'step.skip':
      return askSkipReason(d, 'step');
    case 'step.retry':
      if (ctx.step) guard(d.flash, () => retryStep(d, ctx.step!.id));
      return;
    case 'phase.toggle': {
      const row = d.checklist.selected;
      if (row?.type === 'phase') d.checklist.toggle(row.phaseId);
      return;
    }
    case 'queue.pause':
      guard(d.flash, () => toggleQueue(d));
      return;
    case 'step.cancel':
      cancelStep(d);
      return;
    case 'queue.retry':
      if (ctx.crate) guard(d.flash, () => retryCrate(d, ctx.crate!.name));
      return;
    case 'queue.skip':
      return askSkipReason(d, 'crate');
    case 'completion.open':
      if (ctx.modal !== 'completion') openCompletion(d);
      return;
    case 'rollback.open':
      d.send({ type: 'push', modal: openRollback() });
      return loadRollback(d);
    case 'history.open':
      return openHistoryView(d);
    case 'output.follow':
      d.output.toggleFollow();
      return;
    case 'output.search':
      d.send({ type: 'push', modal: { kind: 'search', text: '' } });
      return;
    case 'output.next':
    case 'output.prev':
      if (!d.output.next(binding.command === 'output.next' ? 1 : -1))
        d.flash(`No line matches "${d.output.state.term ?? ''}".`);
      return;
    case 'output.pageUp':
      d.output.pageUp();
      return;
    case 'output.pageDown':
      d.output.pageDown();
      return;
    default:
      executeModalCommand(binding, d);
  }
}
