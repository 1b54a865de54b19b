// `e` in a confirmation that offers a draft file (the changelog review): the engine opens it in
// the maintainer's editor, inside the host's `suspend` (which gives the terminal to the editor and
// takes it back), then the modal's preview is replaced by the draft as saved. No IO here: the
// engine runs the editor and reads the file.
import type { DraftEditResult, EngineApi } from '../../engine/engine-api.js';
import type { UiAction } from '../app-state.js';
import { errorText } from '../guard.js';
import type { Modal } from './modal-types.js';
import { diffLines } from '../../core/line-diff.js';

/**
 * Runs fn with the terminal handed over to a child process (normal screen, cursor shown, cooked
 * mode) and takes it back afterwards, redrawing the cockpit. fn must do its terminal work before
 * it returns (the engine's editInEditor does: the editor runs synchronously).
 */
export type Suspend = <T>(fn: () => T) => T;

/** Without a terminal to hand over (tests, ink-testing-library): just run it. */
export const runInPlace: Suspend = (fn) => fn();

export interface EditDeps {
  engine: Pick<EngineApi, 'editInEditor'>;
  send: (a: UiAction) => void;
  flash: (text: string) => void;
  suspend: Suspend;
}

export const EMPTY_DRAFT_LINE = '(the draft is empty: going ahead writes nothing and fails the step)';

/** The draft as the preview shows it: the saved text without the blank lines around it. */
export function previewLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let from = 0;
  let to = lines.length;
  while (from < to && lines[from]!.trim() === '') from++;
  while (to > from && lines[to - 1]!.trim() === '') to--;
  return to > from ? lines.slice(from, to) : [EMPTY_DRAFT_LINE];
}

/** The change against the text the draft started from (the release notes as GitHub has them). */
export function changeLines(base: string, text: string): string[] {
  const diff = diffLines(base, text);
  return diff.length > 0 ? diff : ['(unchanged: going ahead applies nothing)'];
}

function outcome(r: DraftEditResult, changed: boolean): string {
  if (!r.ok) return r.message ?? 'The editor failed.';
  return changed
    ? 'Back from the editor: the preview shows the draft as you saved it.'
    : 'Back from the editor: the draft is unchanged.';
}

export function editConfirmDraft(top: Modal | undefined, d: EditDeps): void {
  if (top?.kind !== 'confirm' || top.request.editFile === undefined) return;
  const file = top.request.editFile;
  let pending: Promise<DraftEditResult>;
  try {
    pending = d.suspend(() => d.engine.editInEditor(file));
  } catch (e) {
    d.flash(errorText(e));
    return;
  }
  pending.then(
    (r) => {
      const before = JSON.stringify(top.request.details ?? []);
      const base = top.request.editBase;
      const details =
        r.text === undefined ? undefined : base !== undefined ? changeLines(base, r.text) : previewLines(r.text);
      if (details) {
        // The same question (its resolve kept): only what it shows changes.
        d.send({
          type: 'update',
          kind: 'confirm',
          fn: (m) =>
            m.kind === 'confirm' && m.request.editFile === file ? { ...m, request: { ...m.request, details } } : m,
        });
      }
      d.flash(outcome(r, details !== undefined && JSON.stringify(details) !== before));
    },
    (e: unknown) => d.flash(errorText(e)),
  );
}
