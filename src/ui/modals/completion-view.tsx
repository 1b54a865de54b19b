// The completion panel: what the release produced (crates with registry links, tag, GitHub
// release, Python package, archives, report, unpushed commits) and what comes next, the same
// lines a headless run ends with, wrapped and scrollable.
import React from 'react';
import { completionLines } from '../../core/completion.js';
import { color } from '../theme.js';
import { ModalFrame, TextLine, modalBodyRows } from './modal-frame.js';
import { modalTextWidth, scrollWindow } from './confirm-view.js';
import type { Modal } from './modal-types.js';
import type { ModalLine } from './confirm-lines.js';
import { wrapLines } from './confirm-lines.js';

type CompletionModal = Extract<Modal, { kind: 'completion' }>;

export function completionBody(m: CompletionModal, width: number): ModalLine[] {
  if (m.error) return [{ text: `Could not build the summary: ${m.error}`, role: 'fail' }];
  if (!m.summary) return [{ text: 'Gathering the summary (git, the report)…', role: 'muted' }];
  const lines = completionLines(m.summary).map((text, i): ModalLine => {
    if (i === 0) return { text, bold: true, role: m.summary?.complete ? 'ok' : 'warn' };
    if (/^\S.*:/.test(text) && !text.startsWith('  ')) return { text, bold: text === 'Next:' };
    return { text, indent: 4 };
  });
  return wrapLines(lines, modalTextWidth(width));
}

export function CompletionView({
  modal,
  width,
  height,
}: {
  modal: CompletionModal;
  width: number;
  height: number;
}): React.JSX.Element {
  const lines = completionBody(modal, width);
  const rows = Math.max(1, modalBodyRows(height) - 1);
  const { from, note } = scrollWindow(lines.length, rows, modal.scroll);
  return (
    <ModalFrame title={`Release summary${note}`} width={width} height={height}>
      {lines.slice(from, from + rows).map((l, i) => (
        <TextLine key={i} text={l.text} role={l.role ? color(l.role) : undefined} bold={l.bold} />
      ))}
      <TextLine text="enter / esc: back to the cockpit · c shows this again · q quits" role={color('muted')} />
    </ModalFrame>
  );
}
