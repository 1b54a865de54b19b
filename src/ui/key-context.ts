// Builds the KeyContext the bindings are evaluated against, from the app's pieces (pure).
import type { ReleaseState } from '../core/state-types.js';
import type { KeyContext } from './keymap/types.js';
import type { UiState } from './app-state.js';
import { topModal } from './app-state.js';
import type { ChecklistRow } from './panes/checklist/checklist-rows.js';
import type { QueueRow } from './panes/queue/use-queue-state.js';
import { isCrateDone } from './panes/queue/use-queue-state.js';
import type { OutputState } from './panes/output/use-output-state.js';
import { isTextModal, modalText } from './modals/modal-types.js';
import { rollbackKeyContext } from './modals/rollback-state.js';
import { selectedRelease } from './modals/history-state.js';

export interface KeyContextInput {
  ui: UiState;
  state: ReleaseState;
  running: boolean;
  /** Every step of the plan passed or skipped. */
  finished: boolean;
  checklistRow?: ChecklistRow;
  queueRows: readonly QueueRow[];
  queueRow?: QueueRow;
  output: OutputState;
  /** The publish-crates step is the one running. */
  queueStepRunning?: boolean;
}

export function buildKeyContext(i: KeyContextInput): KeyContext {
  const top = topModal(i.ui);
  const row = i.checklistRow;
  return {
    focus: i.ui.focus,
    modal: top?.kind,
    textInput: isTextModal(top),
    running: i.running,
    finished: i.finished,
    row: row?.type,
    step: row?.type === 'step' ? { id: row.step.id, kind: row.step.kind, status: row.state.status } : undefined,
    crate: i.queueRow ? { name: i.queueRow.name, status: i.queueRow.state.status } : undefined,
    hasCrates: i.queueRows.length > 0,
    queuePaused: i.state.queuePaused,
    queueRunning: i.running && i.queueStepRunning === true,
    queueDone: i.queueRows.length > 0 && i.queueRows.every((r) => isCrateDone(r.state.status)),
    follow: i.output.follow,
    hasSearch: i.output.term !== undefined && i.output.term !== '',
    inputText: modalText(top),
    typedRequired: top?.kind === 'confirm' ? top.request.typed : undefined,
    editFile: top?.kind === 'confirm' ? top.request.editFile : undefined,
    confirmYes: top?.kind === 'confirm' ? top.request.manual?.yes : undefined,
    rollback: top?.kind === 'rollback' ? rollbackKeyContext(top) : undefined,
    history: top?.kind === 'history' ? { version: selectedRelease(top)?.version } : undefined,
  };
}
