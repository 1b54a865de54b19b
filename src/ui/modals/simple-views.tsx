// The help overlay, the confirmation of irreversible actions, the quit question and the resume
// summary. Each only draws what the app state holds.
import React from 'react';
import { Box, Text } from 'ink';
import { color } from '../theme.js';
import { ModalFrame, TextLine, modalBodyRows } from './modal-frame.js';
import type { HelpLine } from './help-lines.js';
import type { SummaryLine } from './resume-summary.js';

interface Sized {
  width: number;
  height: number;
}

export function HelpView({
  lines,
  scroll,
  width,
  height,
}: Sized & { lines: HelpLine[]; scroll: number }): React.JSX.Element {
  const rows = modalBodyRows(height);
  const from = Math.min(scroll, Math.max(0, lines.length - rows));
  return (
    <ModalFrame
      title={`Keys${lines.length > rows ? ` (${from + 1}-${Math.min(lines.length, from + rows)} of ${lines.length}, j/k scroll)` : ''}`}
      width={width}
      height={height}
    >
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

export function QuitView({
  stepTitle,
  resumeCommand,
  width,
  height,
}: Sized & { stepTitle?: string; resumeCommand?: string }): React.JSX.Element {
  return (
    <ModalFrame title="Quit while something runs?" width={width} height={height}>
      <TextLine text={`${stepTitle ?? 'A step'} is running.`} bold />
      <TextLine text="Quitting cancels it (its processes are stopped) and marks it interrupted." />
      <TextLine
        text={
          resumeCommand
            ? `Everything done so far is saved; to resume: ${resumeCommand}`
            : 'Everything done so far is saved in the release state.'
        }
      />
      <TextLine text="" />
      <TextLine text="y / enter: quit · n / esc: stay" role={color('muted')} />
    </ModalFrame>
  );
}

export function ResumeView({
  lines,
  scroll,
  width,
  height,
}: Sized & { lines: SummaryLine[]; scroll: number }): React.JSX.Element {
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
