// One key press, from dispatch to effect: too small (only quit), a chunk's enter in a text
// field (typed, never submitted), a chunk's confirmation (refused), the editor, any command.
import type { EngineApi } from '../engine/engine-api.js';
import type { UiAction, UiState } from './app-state.js';
import { topModal } from './app-state.js';
import type { Layout } from './layout-geometry.js';
import { ALL_BINDINGS } from './keymap/bindings.js';
import { dispatch } from './keymap/dispatch.js';
import type { KeyPress } from './keymap/key-names.js';
import type { PaneId } from './keymap/types.js';
import type { Modal } from './modals/modal-types.js';
import { editConfirmDraft, type Suspend } from './modals/confirm-edit.js';
import { executeCommand } from './execute-command.js';
import type { CockpitView } from './use-cockpit-view.js';
import type { PreviousRelease } from './previous-release.js';
import type { ReleaseShelf } from './release-shelf.js';

export const CHUNK_CONFIRM_REFUSED =
  'A y that arrived with other keys (a paste, a key repeat) does not confirm: press y on its own.';

export interface PressDeps {
  engine: EngineApi;
  layout: Layout;
  ui: UiState;
  view: CockpitView;
  send: (a: UiAction) => void;
  flash: (text: string) => void;
  quit: () => void;
  suspend: Suspend;
  maxScroll: (m: Modal) => number;
  /** Rows a PgUp/PgDn moves in this modal (its window less one). */
  pageRows: (m: Modal) => number;
  previous?: PreviousRelease;
  history?: ReleaseShelf;
}

/**
 * The keys queued right behind a chunk's typed key that type text too (a paste into the search,
 * a reason, the typed version): taken off the queue, so the run is one edit and one render.
 */
function textRun(press: KeyPress, queued: KeyPress[], ctx: PressDeps['view']['ctx']): string {
  let text = '';
  while (press.chunk && queued[0]?.chunk) {
    const r = dispatch(queued[0], ctx, ALL_BINDINGS);
    if (r.kind !== 'text') break;
    text += r.text;
    queued.shift();
  }
  return text;
}

export function handlePress(press: KeyPress, d: PressDeps, queued: KeyPress[] = []): void {
  const { ctx } = d.view;
  // Blind keys are dangerous (enter starts the release): only quitting works while too small.
  if (d.layout.tooSmall) {
    if (press.name === 'ctrl-c' || press.name === 'q') d.quit();
    return;
  }
  if (d.ui.quitting) return;
  if (press.chunk && ctx.textInput && press.name === 'enter') {
    d.send({ type: 'type-text', text: ' ' });
    return;
  }
  const r = dispatch(press, ctx, ALL_BINDINGS);
  if (r.kind === 'disabled') d.flash(r.reason);
  else if (r.kind === 'text') d.send({ type: 'type-text', text: r.text + textRun(press, queued, ctx) });
  else if (r.kind === 'command' && press.chunk && r.command === 'modal.accept' && ctx.modal === 'confirm')
    d.flash(CHUNK_CONFIRM_REFUSED);
  else if (r.kind === 'command' && r.command === 'modal.edit') {
    // Needs the host's suspend, which the other commands do not: handled here.
    const top = topModal(d.ui);
    const engine = (top?.kind === 'confirm' && top.asker) || d.engine;
    editConfirmDraft(top, { engine, send: d.send, flash: d.flash, suspend: d.suspend });
  } else if (r.kind === 'command') {
    const panes: PaneId[] =
      d.engine.plan.crates.length > 0 ? ['checklist', 'queue', 'output'] : ['checklist', 'output'];
    const { checklist, queue, output } = d.view;
    const top = topModal(d.ui);
    executeCommand(r.binding, {
      engine: d.engine,
      plan: d.engine.plan,
      ctx,
      ui: d.ui,
      send: d.send,
      checklist,
      queue,
      output,
      flash: d.flash,
      panes,
      quit: d.quit,
      pageRows: top ? d.pageRows(top) : 1,
      maxScroll: d.maxScroll,
      previous: d.previous,
      history: d.history,
    });
  }
}
