// How many rows a full-body modal wants (a confirmation sizes to its content, so the checklist
// and the queue stay visible above it where they fit) and how far each scrollable one scrolls.
import type { Plan } from '../../core/plan-types.js';
import type { ReleaseState } from '../../store/state-types.js';
import type { Binding, KeyContext } from '../keymap/types.js';
import type { Modal } from './modal-types.js';
import { modalBodyRows } from './modal-frame.js';
import { confirmBody, confirmHeight } from './confirm-view.js';
import { helpLines } from './help-lines.js';
import { completionBody } from './completion-view.js';
import { resumeLines, summariseResume } from './resume-summary.js';

/** Below this many rows the panes above a modal would say nothing: the modal takes the body. */
export const MIN_PANES_ROWS = 8;

/** Rows the modal takes of a body `height` high. */
export function modalHeight(m: Modal, width: number, height: number): number {
  const want = m.kind === 'confirm' ? confirmHeight(m.request, width) : m.kind === 'quit' ? 8 : height;
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

/** The largest scroll offset that still shows a full window of the modal's lines. */
export function maxScroll(m: Modal, i: ScrollInput): number {
  const rows = modalBodyRows(modalHeight(m, i.width, i.height));
  switch (m.kind) {
    case 'confirm':
      return Math.max(0, confirmBody(m.request, i.width).length - (rows - 2));
    case 'help':
      return Math.max(0, helpLines(i.bindings, { ...i.ctx, modal: undefined }).length - rows);
    case 'resume':
      return Math.max(0, resumeLines(summariseResume(i.plan, i.state), m.registry).length - (rows - 1));
    case 'completion':
      return Math.max(0, completionBody(m, i.width).length - (rows - 1));
    default:
      return 0;
  }
}
