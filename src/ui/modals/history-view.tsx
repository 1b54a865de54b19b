// Draws the history view: one line per release with state, the cursor on the one enter opens.
import React from 'react';
import { CursorLines, ModalFrame, modalBodyRows } from './modal-frame.js';
import type { HistoryModal } from './modal-types.js';
import { historyLines } from './history-state.js';

export function HistoryView({
  modal,
  version,
  width,
  height,
}: {
  modal: HistoryModal;
  /** The cockpit's release (marked in the list). */
  version: string;
  width: number;
  height: number;
}): React.JSX.Element {
  const lines = historyLines(modal, version);
  return (
    <ModalFrame title="Release history" width={width} height={height}>
      <CursorLines lines={lines} rows={modalBodyRows(height)} />
    </ModalFrame>
  );
}
