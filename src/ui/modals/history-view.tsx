// Draws the history view: one line per release with state, the cursor on the one enter opens.
import React from 'react';
import { Box, Text } from 'ink';
import { color } from '../theme.js';
import { keepVisible } from '../scroll.js';
import { ModalFrame, modalBodyRows } from './modal-frame.js';
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
  const rows = modalBodyRows(height);
  const at = Math.max(
    0,
    lines.findIndex((l) => l.cursor),
  );
  const from = keepVisible(at, 0, rows, lines.length);
  return (
    <ModalFrame title="Release history" width={width} height={height}>
      {lines.slice(from, from + rows).map((l, i) => (
        <Box key={i} height={1}>
          <Text wrap="truncate-end" inverse={l.cursor} bold={l.bold} color={l.role ? color(l.role) : undefined}>
            {l.cursor ? '›' : ' '}
            {l.text}
          </Text>
        </Box>
      ))}
    </ModalFrame>
  );
}
