// Draws the rollback menu: the crates this release published with what the index says now
// (multi-select), the other rollback actions with why they are unavailable, and the results.
import React from 'react';
import type { Role } from '../theme.js';
import { CursorLines, ModalFrame, modalBodyRows, type CursorLine } from './modal-frame.js';
import type { RollbackModal } from './modal-types.js';
import { rollbackRows } from './rollback-state.js';

const INDEX_ROLE: Record<string, Role> = { published: 'ok', yanked: 'yanked', absent: 'fail', unknown: 'warn' };

export function rollbackLines(m: RollbackModal): CursorLine[] {
  const lines: CursorLine[] = [];
  const rows = rollbackRows(m);
  lines.push({ text: 'Crates this release published (space selects, a all, y yanks, u unyanks):', bold: true });
  if (m.load.status === 'loading') lines.push({ text: '  reading the index…', role: 'muted' });
  if (m.load.status === 'error') lines.push({ text: `  could not read the index: ${m.load.message}`, role: 'fail' });
  if (m.load.status === 'ready' && m.load.crates.length === 0)
    lines.push({ text: '  none: this release has not published any crate.', role: 'muted' });
  rows.forEach((row, i) => {
    if (row.type === 'action' && (i === 0 || rows[i - 1]?.type === 'crate'))
      lines.push({ text: 'Other actions (enter runs):', bold: true });
    if (row.type === 'crate') {
      const c = row.crate;
      const box = m.selected.includes(c.name) ? '[x]' : '[ ]';
      lines.push({
        text: `${box} ${c.name}@${c.version}  ${c.onIndex.toUpperCase()}`,
        role: INDEX_ROLE[c.onIndex],
        cursor: i === m.cursor,
      });
    } else {
      const a = row.action;
      lines.push({
        text: `    ${a.title}${a.disabledReason ? `  (unavailable: ${a.disabledReason})` : ''}`,
        role: a.disabledReason ? 'muted' : undefined,
        cursor: i === m.cursor,
      });
    }
  });
  if (m.actionsLoading) lines.push({ text: 'Other actions: checking git and GitHub…', role: 'muted' });
  if (m.busy) lines.push({ text: `… ${m.busy}`, role: 'running' });
  if (m.results.length > 0) lines.push({ text: 'Results:', bold: true });
  for (const r of m.results)
    lines.push({ text: `  ${r.ok ? '✓' : '✗'} ${r.label ?? r.target}: ${r.message}`, role: r.ok ? 'ok' : 'fail' });
  return lines;
}

export function RollbackView({
  modal,
  version,
  width,
  height,
}: {
  modal: RollbackModal;
  version: string;
  width: number;
  height: number;
}): React.JSX.Element {
  const lines = rollbackLines(modal);
  return (
    <ModalFrame
      title={`Rollback v${version}${modal.release ? `, ${modal.release.label}` : ''}${modal.selected.length ? ` · ${modal.selected.length} selected` : ''}`}
      width={width}
      height={height}
    >
      <CursorLines lines={lines} rows={modalBodyRows(height)} />
    </ModalFrame>
  );
}
