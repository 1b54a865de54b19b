// How many rows a full-body modal wants (each sizes to its content where it can, so the checklist
// and the queue stay visible above it where they fit) and how far each scrollable one scrolls.
import type { Plan } from '../../core/plan-types.js';
import type { ReleaseState } from '../../core/state-types.js';
import type { Binding, KeyContext } from '../keymap/types.js';
import type { Modal } from './modal-types.js';
import { modalBodyRows } from './modal-frame.js';
import { confirmBody, confirmHeight, modalTextWidth } from './confirm-view.js';
import { helpLineCount, helpLines } from './help-lines.js';
import { rollbackLines } from './rollback-view.js';
import { completionBody } from './completion-view.js';
import { resumeBody } from './resume-summary.js';

/** Below this many rows the panes above a modal would say nothing: the modal takes the body. */
export const MIN_PANES_ROWS = 8;

/** What a modal sized by its content reads (the resume screen: the plan and the state; help: the bindings). */
export interface ModalContent {
  plan: Plan;
  state: ReleaseState;
  bindings?: readonly Binding[];
}

/** Rows of the frame around a modal's lines (border 2, title 1). */
const FRAME_ROWS = 3;

/** Rows a modal wants: its lines, its last row (a footer line, if any), the frame; the others take the body. */
function wantedRows(m: Modal, width: number, height: number, content?: ModalContent): number {
  switch (m.kind) {
    case 'confirm':
      return confirmHeight(m.request, width);
    case 'quit':
      return 8;
    case 'resume':
      return content ? resumeBody(content.plan, content.state, m.registry, width).length + 1 + FRAME_ROWS : height;
    case 'help':
      return content?.bindings ? helpLineCount(content.bindings, modalTextWidth(width)) + FRAME_ROWS : height;
    case 'rollback':
      return rollbackLines(m).length + FRAME_ROWS;
    case 'completion':
      return completionBody(m, width).length + 1 + FRAME_ROWS;
    default:
      return height;
  }
}

/** Rows the modal takes of a body `height` high. */
export function modalHeight(m: Modal, width: number, height: number, content?: ModalContent): number {
  const want = wantedRows(m, width, height, content);
  // Help is sized to its lines at any height (blank above it when the panes would not fit), and scrolls when taller.
  if (m.kind === 'help') return Math.min(want, height);
  return height - want >= MIN_PANES_ROWS ? want : height;
}

export interface ScrollInput {
  plan: Plan;
  state: ReleaseState;
  bindings: readonly Binding[];
  ctx: KeyContext;
  width: number;
  height: number;
}

/** Rows of the modal's own lines on screen (its window): the body less the frame and its last rows. */
export function windowRows(m: Modal, i: ScrollInput): number {
  const rows = modalBodyRows(modalHeight(m, i.width, i.height, i));
  switch (m.kind) {
    case 'confirm':
      // A blank row and the key hint stay under the lines.
      return Math.max(1, rows - 2);
    case 'resume':
    case 'completion':
      // Their footer line.
      return Math.max(1, rows - 1);
    default:
      return rows;
  }
}

/** A page (PgUp/PgDn): the window less one line kept on screen, so paging never skips a line. */
export function pageRows(m: Modal, i: ScrollInput): number {
  return Math.max(1, windowRows(m, i) - 1);
}

function lineCount(m: Modal, i: ScrollInput): number {
  switch (m.kind) {
    case 'confirm':
      return confirmBody(m.request, i.width).length;
    case 'help':
      return helpLines(i.bindings, { ...i.ctx, modal: undefined }, modalTextWidth(i.width)).length;
    case 'resume':
      return resumeBody(i.plan, i.state, m.registry, i.width).length;
    case 'completion':
      return completionBody(m, i.width).length;
    default:
      return 0;
  }
}

/** The largest scroll offset that still shows a full window of the modal's lines. */
export function maxScroll(m: Modal, i: ScrollInput): number {
  return Math.max(0, lineCount(m, i) - windowRows(m, i));
}
