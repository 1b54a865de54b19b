// Draws the checklist: phases (foldable) and their steps with status icon, spinner while running,
// duration, summary and reasons. Manual items are checkboxes.
import React from 'react';
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { PaneFrame } from '../../pane-frame.js';
import { color } from '../../theme.js';
import type { Role } from '../../theme.js';
import { stepElapsedMs } from '../../../store/selectors.js';
import { stepDurationText } from '../../../core/durations.js';
import type { ChecklistRow } from './checklist-rows.js';
import type { ChecklistView as ChecklistViewState } from './use-checklist-state.js';
import { detailLines, detailRows, stepDetail } from './step-detail.js';

export interface ChecklistViewProps {
  view: ChecklistViewState;
  focused: boolean;
  width: number;
  height: number;
  now: number;
  running: boolean;
  /** Steps done (passed or skipped) of all: the one count the header shows too. */
  done: { done: number; total: number };
}

const ICONS: Record<string, [string, Role]> = {
  passed: ['✓', 'ok'],
  failed: ['✗', 'fail'],
  skipped: ['⊘', 'muted'],
  interrupted: ['⏸', 'warn'],
  pending: ['○', 'muted'],
  current: ['●', 'accent'],
};

function StepIcon({ row }: { row: Extract<ChecklistRow, { type: 'step' }> }): React.JSX.Element {
  const status = row.state.status;
  if (row.paused) return <Text color={color('warn')}>⏸</Text>;
  if (status === 'running') {
    return (
      <Text color={color('running')}>
        <Spinner type="dots" />
      </Text>
    );
  }
  if (row.step.kind === 'manual') {
    const box = status === 'passed' ? '[x]' : status === 'skipped' ? '[-]' : '[ ]';
    return <Text color={status === 'passed' ? color('ok') : row.current ? color('accent') : undefined}>{box}</Text>;
  }
  const [icon, role] = ICONS[status === 'pending' && row.current ? 'current' : status] ?? ICONS['pending']!;
  return <Text color={color(role)}>{icon}</Text>;
}

function stepMeta(
  row: Extract<ChecklistRow, { type: 'step' }>,
  now: number,
  running: boolean,
): [string, Role | undefined] {
  const st = row.state;
  const ms = stepElapsedMs(st, now);
  const dur = ms !== undefined ? stepDurationText(ms, st.sleptMs) : undefined;
  const join = (...parts: (string | undefined)[]): string => parts.filter((p) => p).join(' · ');
  if (row.paused) return ['paused · p resumes', 'warn'];
  switch (st.status) {
    case 'running':
      return [join(dur, st.summary, st.attempts > 1 ? `attempt ${st.attempts}` : undefined), 'running'];
    case 'passed':
      return [join(dur, st.summary, st.note), 'muted'];
    case 'failed':
      return [
        join(
          dur,
          st.reason ? `failed: ${st.reason}` : 'failed',
          st.exitCode !== undefined ? `exit ${st.exitCode}` : undefined,
        ),
        'fail',
      ];
    case 'skipped':
      return [`skipped${st.reason ? `: ${st.reason}` : ''}`, 'muted'];
    case 'interrupted':
      return [`interrupted${st.reason ? `: ${st.reason}` : ''} · r to retry`, 'warn'];
    default:
      if (!row.current || running) return ['', undefined];
      return [row.step.kind === 'manual' ? 'waiting for you: enter to confirm' : 'next', 'accent'];
  }
}

function Row({
  row,
  selected,
  focused,
  now,
  running,
}: {
  row: ChecklistRow;
  selected: boolean;
  focused: boolean;
  now: number;
  running: boolean;
}): React.JSX.Element {
  const mark = selected ? '›' : ' ';
  if (row.type === 'phase') {
    const role: Role =
      row.status === 'done' ? 'ok' : row.status === 'failed' ? 'fail' : row.status === 'running' ? 'running' : 'accent';
    return (
      <Box height={1}>
        <Text wrap="truncate-end" inverse={selected && focused} bold>
          {mark}
          {row.collapsed ? '▸ ' : '▾ '}
          <Text color={color(role)}>{row.title}</Text>
          <Text color={color('muted')}>{`  ${row.done}/${row.total} done`}</Text>
        </Text>
      </Box>
    );
  }
  const [meta, role] = stepMeta(row, now, running);
  return (
    <Box height={1}>
      <Text wrap="truncate-end" inverse={selected && focused} bold={selected && !focused}>
        {mark}
        {'  '}
        <StepIcon row={row} /> {row.step.title}
        {meta ? <Text color={role ? color(role) : undefined}>{`  ${meta}`}</Text> : null}
      </Text>
    </Box>
  );
}

export function ChecklistView({
  view,
  focused,
  width,
  height,
  now,
  running,
  done,
}: ChecklistViewProps): React.JSX.Element {
  const extra = detailRows(height);
  const detail = stepDetail(view.selected);
  const lines = detail ? detailLines(detail.text, width, extra - 1) : [];
  return (
    <PaneFrame
      title="Checklist"
      info={`${done.done}/${done.total} steps done`}
      focused={focused}
      width={width}
      height={height}
    >
      <Box flexDirection="column" height={Math.max(0, height - 1 - extra)} overflow="hidden">
        {view.visible.map((row, i) => (
          <Row
            key={row.key}
            row={row}
            selected={view.offset + i === view.cursor}
            focused={focused}
            now={now}
            running={running}
          />
        ))}
      </Box>
      {extra > 0 ? (
        <Box
          flexDirection="column"
          height={extra}
          borderStyle="single"
          borderLeft={false}
          borderRight={false}
          borderBottom={false}
          borderColor={color('muted')}
        >
          {lines.slice(0, extra - 1).map((l, i) => (
            <Box key={i} height={1}>
              <Text wrap="truncate-end" color={detail?.role ? color(detail.role) : undefined}>
                {l}
              </Text>
            </Box>
          ))}
        </Box>
      ) : null}
    </PaneFrame>
  );
}
