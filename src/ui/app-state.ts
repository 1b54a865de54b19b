// The app's own UI state (pure reducer): focused pane, the modal stack, quitting.
import type { ModalKind, PaneId } from './keymap/types.js';
import type { Modal } from './modals/modal-types.js';

export interface UiState {
  focus: PaneId;
  /** Last = top: it receives the keys. */
  modals: Modal[];
  quitting: boolean;
}

export type UiAction =
  | { type: 'focus'; pane: PaneId }
  | { type: 'cycle-focus'; dir: 1 | -1; panes: readonly PaneId[] }
  | { type: 'push'; modal: Modal }
  | { type: 'pop' }
  | { type: 'remove'; modal: Modal }
  | { type: 'update'; kind: ModalKind; fn: (m: Modal) => Modal }
  | { type: 'type-text'; text: string }
  | { type: 'backspace' }
  | { type: 'quitting' };

export const INITIAL_UI: UiState = { focus: 'checklist', modals: [], quitting: false };

export function topModal(ui: UiState): Modal | undefined {
  return ui.modals[ui.modals.length - 1];
}

function editTop(ui: UiState, edit: (text: string) => string): UiState {
  const top = topModal(ui);
  if (!top || (top.kind !== 'skip-reason' && top.kind !== 'search' && top.kind !== 'confirm')) return ui;
  return { ...ui, modals: [...ui.modals.slice(0, -1), { ...top, text: edit(top.text) }] };
}

export function uiReducer(ui: UiState, a: UiAction): UiState {
  switch (a.type) {
    case 'focus':
      return { ...ui, focus: a.pane };
    case 'cycle-focus': {
      const i = a.panes.indexOf(ui.focus);
      const n = a.panes.length;
      const next = a.panes[(((i < 0 ? 0 : i + a.dir) % n) + n) % n];
      return next ? { ...ui, focus: next } : ui;
    }
    case 'push':
      return { ...ui, modals: [...ui.modals, a.modal] };
    case 'pop':
      return { ...ui, modals: ui.modals.slice(0, -1) };
    case 'remove':
      return { ...ui, modals: ui.modals.filter((m) => m !== a.modal) };
    case 'update': {
      let at = -1;
      ui.modals.forEach((m, i) => {
        if (m.kind === a.kind) at = i;
      });
      if (at < 0) return ui;
      return { ...ui, modals: ui.modals.map((m, i) => (i === at ? a.fn(m) : m)) };
    }
    case 'type-text':
      // Pasted text may carry newlines: a reason or a search term is one line.
      return editTop(ui, (t) => t + a.text.replace(/[\r\n]+/g, ' '));
    case 'backspace':
      return editTop(ui, (t) => Array.from(t).slice(0, -1).join(''));
    case 'quitting':
      return { ...ui, quitting: true };
  }
}
