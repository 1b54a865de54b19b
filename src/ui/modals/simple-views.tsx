// The help overlay, the confirmation of irreversible actions, the quit question and the resume
// summary. Each only draws what the app state holds.
import React from 'react';
import { Box, Text } from 'ink';
import type { ConfirmRequest } from '../../engine/step-types.js';
import { color } from '../theme.js';
import { shellQuote } from '../format.js';
import { ModalFrame, TextLine, modalBodyRows } from './modal-frame.js';
import type { HelpLine } from './help-lines.js';
import type { SummaryLine } from './resume-summary.js';

interface Sized {
  width: number;
  height: number;
}

export function HelpView({ lines, scroll, width, height }: Sized & { lines: HelpLine[]; scroll: number }): React.JSX.Element {
  const rows = modalBodyRows(height);
  const from = Math.min(scroll, Math.max(0, lines.length - rows));
  return (
    <ModalFrame title={`Keys${lines.length > rows ? ` (${from + 1}-${Math.min(lines.length, from + rows)} of ${lines.length}, j/k scroll)` : ''}`} width={width} height={height}>
      {lines.slice(from, from + rows).map((l, i) => (
        <Box key={i} height={1}>
          <Text wrap="truncate-end" bold={l.heading} color={l.heading ? color('accent') : undefined}>
            {l.text}
            {l.disabled ? <Text color={color('muted')}>{`  (now: ${l.disabled})`}</Text> : null}
          </Text>
        </Box>
      ))}
    </ModalFrame>
  );
}

export function ConfirmView({ request, text, width, height }: Sized & { request: ConfirmRequest; text: string }): React.JSX.Element {
  const lines: { text: string; role?: string; bold?: boolean }[] = [];
  // A draft to review (editFile) is not an irreversible action: no "cannot be undone" over it.
  if (request.editFile === undefined || request.commands.length > 0) {
    lines.push({ text: 'This cannot be undone. It will run:', bold: true });
    for (const argv of request.commands) lines.push({ text: `  $ ${shellQuote(argv)}`, role: color('warn') });
    if (request.commands.length === 0) lines.push({ text: '  (no command: an action of the engine)', role: color('muted') });
  }
  if (request.editFile !== undefined) lines.push({ text: 'The draft (e opens it in $EDITOR; what you save is what gets written):', bold: true });
  for (const d of request.details ?? []) lines.push({ text: d });
  // Under the list: a blank line and the hint (or the typed input). One row too many and Yoga
  // shrinks rows to nothing, drawing lines over each other (seen with a long changelog preview).
  const rows = modalBodyRows(height) - 2;
  const shown = lines.length > rows ? [...lines.slice(0, Math.max(0, rows - 1)), { text: `  … ${lines.length - rows + 1} more lines`, role: color('muted') }] : lines;
  const ok = request.typed === undefined || text === request.typed;
  return (
    <ModalFrame title={request.title} width={width} height={height}>
      {shown.map((l, i) => (
        <TextLine key={i} text={l.text} role={l.role} bold={l.bold} />
      ))}
      <TextLine text="" />
      {request.typed !== undefined ? (
        <Box height={1}>
          <Text wrap="truncate-end">
            Type <Text bold>{request.typed}</Text> to confirm:{' '}
            <Text color={ok ? color('ok') : undefined}>{text}</Text>
            <Text inverse> </Text>
          </Text>
        </Box>
      ) : (
        <TextLine text={`y: go ahead · ${request.editFile !== undefined ? 'e: edit in $EDITOR · ' : ''}n or esc: cancel`} role={color('muted')} />
      )}
    </ModalFrame>
  );
}

export function QuitView({ stepTitle, width, height }: Sized & { stepTitle?: string }): React.JSX.Element {
  return (
    <ModalFrame title="Quit while something runs?" width={width} height={height}>
      <TextLine text={`${stepTitle ?? 'A step'} is running.`} bold />
      <TextLine text="Quitting cancels it (its processes are stopped) and marks it interrupted." />
      <TextLine text="Everything done so far is saved: open the cockpit again to resume." />
      <TextLine text="" />
      <TextLine text="y / enter: quit · n / esc: stay" role={color('muted')} />
    </ModalFrame>
  );
}

export function ResumeView({ lines, scroll, width, height }: Sized & { lines: SummaryLine[]; scroll: number }): React.JSX.Element {
  const rows = modalBodyRows(height) - 1;
  const from = Math.min(scroll, Math.max(0, lines.length - rows));
  return (
    <ModalFrame title="Resuming the release" width={width} height={height}>
      {lines.slice(from, from + rows).map((l, i) => (
        <TextLine key={i} text={l.text} role={l.role ? color(l.role) : undefined} bold={l.bold} />
      ))}
      <TextLine text="Press enter to continue." role={color('accent')} bold />
    </ModalFrame>
  );
}
