// Draws the output of one step: the visible window only, search matches highlighted (inverse,
// so they show without color), the current match marked in the gutter.
import React from 'react';
import { Box, Text } from 'ink';
import { PaneFrame } from '../../pane-frame.js';
import { color } from '../../theme.js';
import type { Role } from '../../theme.js';
import { sanitizeLine, wrapText } from '../../format.js';
import type { OutputLine } from '../../../core/output-line.js';
import { matchSegments } from './use-output-state.js';
import { FAILED_MARK } from '../../../core/output-marks.js';
import type { OutputPaneState } from './use-output-state.js';

export interface OutputViewProps {
  pane: Pick<OutputPaneState, 'stepId' | 'state' | 'dims' | 'lines' | 'firstAbs'> & {
    matches?: OutputPaneState['matches'];
  };
  title?: string;
  /** The pane's whole title while it shows the placeholder (what the placeholder is). */
  heading?: string;
  /** "quiet 2m 10s": the running step's silence, shown first in the title's info. */
  quiet?: string;
  focused: boolean;
  width: number;
  height: number;
  /** Shown when the buffer is empty (e.g. a manual step's instructions). */
  placeholder?: string[];
}

/**
 * cargo's hint to press Ctrl-C while it waits for the index: here Ctrl-C asks to quit the cockpit.
 * The hint itself is replaced in place (the rest of cargo's line kept), so the correction sits at
 * the start of the line and shows at any width; the step's log keeps cargo's own words.
 */
const CARGO_CTRL_C = /you may press ctrl-c to skip waiting/i;
export const CTRL_C_NOTE = '[cockpit: no Ctrl-C needed, the queue waits for the index itself]';

/** The text drawn for a line: controls removed, cargo's Ctrl-C hint replaced by what holds here. */
export function displayText(line: OutputLine): string {
  return sanitizeLine(line.text).replace(CARGO_CTRL_C, CTRL_C_NOTE);
}

function roleOf(line: OutputLine, text: string): Role | undefined {
  if (line.stream === 'info') return text.startsWith(FAILED_MARK) ? 'fail' : 'info';
  if (/^\s*error(\[|:)/.test(text)) return 'fail';
  if (/^\s*warning(\[|:)/.test(text)) return 'warn';
  return undefined;
}

function Line({ line, term, current }: { line: OutputLine; term?: string; current: boolean }): React.JSX.Element {
  const text = displayText(line);
  const role = roleOf(line, text);
  return (
    <Box height={1}>
      <Text wrap="truncate-end" color={role ? color(role) : undefined}>
        <Text color={color('match')}>{current ? '▶' : ' '}</Text>
        {matchSegments(text, term).map((seg, i) =>
          seg.match ? (
            <Text key={i} inverse color={color('match')}>
              {seg.text}
            </Text>
          ) : (
            seg.text
          ),
        )}
      </Text>
    </Box>
  );
}

export function OutputView({
  pane,
  title,
  heading,
  quiet,
  focused,
  width,
  height,
  placeholder,
}: OutputViewProps): React.JSX.Element {
  const { state, dims, lines, firstAbs } = pane;
  const m = pane.matches;
  const counter = m && state.term ? (m.count === 0 ? ' · no match' : ` · match ${m.at ?? '-'}/${m.count}`) : '';
  // The intro and the plan's warnings are not output: no scroll position or search to show.
  const notes = lines.length === 0 && placeholder !== undefined && heading !== undefined;
  const modes = notes
    ? [quiet]
    : [
        quiet,
        state.follow ? 'follow' : `line ${firstAbs + 1}/${dims.total}`,
        state.term ? `/${state.term}${counter}` : undefined,
      ];
  const info = modes.filter((m) => m).join(' · ');
  // The placeholder's lines wrap: a plan warning is a whole sentence with its fix.
  const body =
    lines.length > 0
      ? undefined
      : placeholder
        ? placeholder.flatMap((t) => wrapText(t, width - 2, 2))
        : [pane.stepId ? '(no output yet)' : '(no step selected)'];
  return (
    <PaneFrame
      title={notes ? heading : title ? `Output: ${title}` : 'Output'}
      info={info}
      focused={focused}
      width={width}
      height={height}
    >
      {body
        ? body.slice(0, Math.max(0, height - 1)).map((t, i) => (
            <Box key={i} height={1}>
              <Text wrap="truncate-end" color={color('muted')}>
                {' '}
                {t}
              </Text>
            </Box>
          ))
        : lines.map((line, i) => (
            <Line key={firstAbs + i} line={line} term={state.term} current={state.matchLine === firstAbs + i} />
          ))}
    </PaneFrame>
  );
}
