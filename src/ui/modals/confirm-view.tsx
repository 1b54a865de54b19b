// The confirmation of an irreversible action: what will run, wrapped to the width, scrollable
// (j/k, arrows, PgUp/PgDn), then the typed input or the key hint on the last row.
import React from 'react';
import { Box, Text } from 'ink';
import type { ConfirmRequest } from '../../engine/step-types.js';
import { color } from '../theme.js';
import { ModalFrame, TextLine, modalBodyRows } from './modal-frame.js';
import { confirmLines, wrapLines, type ModalLine } from './confirm-lines.js';

/** Text columns inside a modal frame of `width` (border and padding). */
export function modalTextWidth(width: number): number {
  return Math.max(10, width - 4);
}

export function confirmBody(request: ConfirmRequest, width: number): ModalLine[] {
  return wrapLines(confirmLines(request), modalTextWidth(width));
}

/** Rows the confirmation wants: its lines, a blank row, the hint, the frame. */
export function confirmHeight(request: ConfirmRequest, width: number): number {
  return confirmBody(request, width).length + 2 + 3;
}

/** The window of `total` lines shown from `scroll` in `rows`, and a title note when it scrolls. */
export function scrollWindow(total: number, rows: number, scroll: number): { from: number; note: string } {
  const from = Math.max(0, Math.min(scroll, total - rows));
  const note = total > rows ? ` (${from + 1}-${Math.min(total, from + rows)} of ${total}, j/k PgUp/PgDn scroll)` : '';
  return { from, note };
}

export interface ConfirmViewProps {
  request: ConfirmRequest;
  text: string;
  scroll: number;
  width: number;
  height: number;
}

export function ConfirmView({ request, text, scroll, width, height }: ConfirmViewProps): React.JSX.Element {
  const lines = confirmBody(request, width);
  // A blank row and the hint stay under the list. One row too many and Yoga shrinks rows to
  // nothing, drawing lines over each other.
  const rows = Math.max(1, modalBodyRows(height) - 2);
  const { from, note } = scrollWindow(lines.length, rows, scroll);
  const ok = request.typed === undefined || text === request.typed;
  return (
    <ModalFrame title={`${request.title}${note}`} width={width} height={height}>
      {lines.slice(from, from + rows).map((l, i) => (
        <TextLine key={i} text={l.text} role={l.role ? color(l.role) : undefined} bold={l.bold} />
      ))}
      <TextLine text="" />
      {request.typed !== undefined ? (
        <Box height={1}>
          <Text wrap="truncate-end">
            Type <Text bold>{request.typed}</Text> to confirm:{' '}
            <Text color={ok ? color('ok') : text !== '' && !request.typed.startsWith(text) ? color('fail') : undefined}>
              {text}
            </Text>
            <Text inverse> </Text>
            {text !== '' && !request.typed.startsWith(text) ? (
              <Text color={color('fail')}>{`  not ${request.typed}: backspace to correct`}</Text>
            ) : null}
          </Text>
        </Box>
      ) : (
        <TextLine
          text={`y: ${request.manual?.yes ?? 'go ahead'} · ${request.editFile !== undefined ? 'e: edit in $EDITOR · ' : ''}n or esc: cancel`}
          role={color('muted')}
        />
      )}
    </ModalFrame>
  );
}
