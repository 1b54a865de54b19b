// The history view's commands: open it (the list is read from the state dir in the background),
// and open the rollback menu of the release under its cursor, acting through that release's own
// engine (opened per action) or, for the cockpit's own release, the cockpit's.
import type { CommandDeps } from './execute-command.js';
import { loadRollbackActions, publishedStatus } from './execute-command.js';
import type { HistoryModal, Modal, RollbackModal } from './modals/modal-types.js';
import { moveHistory, openHistory, selectedRelease } from './modals/history-state.js';
import { openRollback } from './modals/rollback-state.js';
import { errorText } from './guard.js';
import type { RollbackCall } from './previous-release.js';

type Deps = Pick<CommandDeps, 'engine' | 'plan' | 'send' | 'flash' | 'history'>;

function updateHistory(d: Pick<CommandDeps, 'send'>, fn: (m: HistoryModal) => HistoryModal): void {
  d.send({ type: 'update', kind: 'history', fn: (m: Modal) => (m.kind === 'history' ? fn(m) : m) });
}

/** (Re)reads the list; the cursor stays on the same row where it can. */
export function loadHistory(d: Pick<Deps, 'send' | 'history'>): void {
  const shelf = d.history;
  if (!shelf) {
    updateHistory(d, (m) => ({ ...m, load: { status: 'ready', releases: [] } }));
    return;
  }
  shelf.list().then(
    (releases) => updateHistory(d, (m) => moveHistory({ ...m, load: { status: 'ready', releases } }, 0)),
    (e: unknown) => updateHistory(d, (m) => ({ ...m, load: { status: 'error', message: errorText(e) } })),
  );
}

export function openHistoryView(d: Deps): void {
  d.send({ type: 'push', modal: openHistory() });
  loadHistory(d);
}

export function moveHistoryCursor(d: Deps, delta: number): void {
  updateHistory(d, (m) => moveHistory(m, delta));
}

/** The engine a history release's rollback menu acts through. */
function callFor(d: Deps, version: string): RollbackCall {
  const shelf = d.history;
  if (version === d.plan.version || !shelf) return (fn) => fn(d.engine);
  return (fn) => shelf.withEngine(version, fn);
}

/** enter on a release: its rollback menu, with its crates as the index shows them now. */
export function openHistoryRollback(d: Deps, top: HistoryModal): void {
  const r = selectedRelease(top);
  if (!r) return;
  const own = r.version === d.plan.version;
  if (own && d.engine.isRunning()) {
    d.flash('Wait for the running step to finish (or quit with q) before rolling back this release.');
    return;
  }
  const menu: RollbackModal = {
    ...openRollback(),
    ...(own ? {} : { release: { version: r.version, label: r.label } }),
  };
  d.send({ type: 'push', modal: menu });
  const update = (fn: (m: RollbackModal) => RollbackModal): void =>
    d.send({ type: 'update', kind: 'rollback', fn: (m) => (m.kind === 'rollback' ? fn(m) : m) });
  const call = callFor(d, r.version);
  call(publishedStatus).then(
    (crates) => {
      update((m) => ({ ...m, load: { status: 'ready', crates } }));
      loadRollbackActions(d, call);
    },
    (e: unknown) => update((m) => ({ ...m, load: { status: 'error', message: errorText(e) }, actionsLoading: false })),
  );
}
