// Gives meaning to the commands of the modals: accept / reject per modal kind, text editing,
// and the rollback menu (select, yank with a typed confirmation, unyank, other actions).
import type { RollbackResult } from '../engine/engine-api.js';
import type { Binding } from './keymap/types.js';
import { loadRollbackActions, type CommandDeps } from './execute-command.js';
import { topModal } from './app-state.js';
import type { Modal, RollbackModal } from './modals/modal-types.js';
import {
  applyResults,
  moveRollback,
  rollbackRows,
  selectAllRollback,
  toggleRollback,
  unyankTargets,
  yankTargets,
} from './modals/rollback-state.js';
import { errorText, guard } from './guard.js';
import { plural } from '../core/plural.js';
import { rollbackCall } from './previous-release.js';
import { loadHistory, moveHistoryCursor, openHistoryRollback } from './history-commands.js';

function updateRollback(d: CommandDeps, fn: (m: RollbackModal) => RollbackModal): void {
  d.send({ type: 'update', kind: 'rollback', fn: (m) => (m.kind === 'rollback' ? fn(m) : m) });
}

/** The engine asks its one confirmation for the batch (the confirm modal), then acts. */
function runYank(d: CommandDeps, top: RollbackModal, verb: 'yank' | 'unyank'): void {
  const names = verb === 'yank' ? yankTargets(top) : unyankTargets(top);
  updateRollback(d, (m) => ({
    ...m,
    busy: `${verb === 'yank' ? 'yanking' : 'unyanking'} ${plural(names.length, 'crate')}`,
  }));
  const call = rollbackCall(
    d.engine,
    d.previous,
    top,
    d.history,
  )((e) => (verb === 'yank' ? e.yank(names) : e.unyank(names)));
  call.then(
    (results) => updateRollback(d, (m) => applyResults(m, results, verb)),
    (e: unknown) =>
      updateRollback(d, (m) => ({
        ...m,
        busy: undefined,
        results: names.map((n): RollbackResult => ({ target: n, ok: false, message: errorText(e) })),
      })),
  );
}

function scroll(d: CommandDeps, kind: 'help' | 'resume' | 'confirm' | 'completion', delta: number): void {
  d.send({
    type: 'update',
    kind,
    fn: (m) => (m.kind === kind ? { ...m, scroll: Math.min(d.maxScroll(m), Math.max(0, (m.scroll ?? 0) + delta)) } : m),
  });
}

function accept(top: Modal, d: CommandDeps): void {
  switch (top.kind) {
    case 'confirm':
      d.send({ type: 'remove', modal: top });
      top.resolve(true);
      return;
    case 'skip-reason': {
      d.send({ type: 'remove', modal: top });
      const reason = top.text.trim();
      const t = top.target;
      guard(d.flash, () => (t.type === 'step' ? d.engine.skip(t.id, reason) : d.engine.skipCrate(t.name, reason)));
      return;
    }
    case 'search':
      d.send({ type: 'remove', modal: top });
      if (top.text !== '' && !d.output.search(top.text)) d.flash(`No line matches "${top.text}".`);
      return;
    case 'quit':
      d.send({ type: 'remove', modal: top });
      d.quit();
      return;
    case 'resume':
      d.send({ type: 'remove', modal: top });
      return;
    case 'rollback': {
      const row = rollbackRows(top)[top.cursor];
      if (row?.type !== 'action') return;
      const id = row.action.id;
      updateRollback(d, (m) => ({ ...m, busy: row.action.title }));
      const call = rollbackCall(d.engine, d.previous, top, d.history);
      call((e) => e.runRollbackAction(id)).then(
        (r) => {
          updateRollback(d, (m) => ({
            ...m,
            busy: undefined,
            results: [{ ...r, label: r.label ?? row.action.title }],
            actionsLoading: true,
          }));
          loadRollbackActions(d, call);
        },
        (e: unknown) =>
          updateRollback(d, (m) => ({
            ...m,
            busy: undefined,
            results: [{ target: id, label: row.action.title, ok: false, message: errorText(e) }],
          })),
      );
      return;
    }
    case 'history':
      openHistoryRollback(d, top);
      return;
    case 'help':
    case 'completion':
      return;
  }
}

export function executeModalCommand(binding: Binding, d: CommandDeps): void {
  const top = topModal(d.ui);
  if (!top) return;
  switch (binding.command) {
    case 'modal.accept':
      accept(top, d);
      return;
    case 'modal.reject':
      d.send({ type: 'remove', modal: top });
      if (top.kind === 'confirm') top.resolve(false);
      // Back on the history view after a yank: its counts are read again.
      if (top.kind === 'rollback' && d.ui.modals.some((m) => m.kind === 'history')) loadHistory(d);
      return;
    case 'input.backspace':
      d.send({ type: 'backspace' });
      return;
    case 'nav.up':
    case 'nav.down':
    case 'nav.pageUp':
    case 'nav.pageDown': {
      const step =
        binding.command === 'nav.up'
          ? -1
          : binding.command === 'nav.down'
            ? 1
            : binding.command === 'nav.pageUp'
              ? -d.pageRows
              : d.pageRows;
      if (top.kind === 'help' || top.kind === 'resume' || top.kind === 'confirm' || top.kind === 'completion')
        scroll(d, top.kind, step);
      else if (top.kind === 'rollback') updateRollback(d, (m) => moveRollback(m, step));
      else if (top.kind === 'history') moveHistoryCursor(d, step);
      return;
    }
    case 'nav.top':
    case 'nav.bottom': {
      // The far end of the list: a move longer than any list, clamped.
      const far = binding.command === 'nav.top' ? -Number.MAX_SAFE_INTEGER : Number.MAX_SAFE_INTEGER;
      if (top.kind === 'rollback') updateRollback(d, (m) => moveRollback(m, far));
      else if (top.kind === 'history') moveHistoryCursor(d, far);
      return;
    }
    case 'rollback.toggle':
      updateRollback(d, toggleRollback);
      return;
    case 'rollback.selectAll':
      updateRollback(d, selectAllRollback);
      return;
    case 'rollback.yank':
    case 'rollback.unyank':
      if (top.kind === 'rollback') runYank(d, top, binding.command === 'rollback.yank' ? 'yank' : 'unyank');
      return;
    default:
      return;
  }
}
