// Draws the publish queue: a progress bar, then one row per crate with its state, cargo phase
// and countdowns (grace, index wait, rate limit, retry). Already-published and yanked crates
// get their own icon and words, not only a color.
import React from 'react';
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { PaneFrame } from '../../pane-frame.js';
import { color } from '../../theme.js';
import type { Role } from '../../theme.js';
import { formatCountdown } from '../../format.js';
import { countdownOf, progressBar, statusText } from './use-queue-state.js';
import type { QueueRow, QueueView as QueueViewState } from './use-queue-state.js';

export interface QueueViewProps {
  view: QueueViewState;
  focused: boolean;
  paused: boolean;
  width: number;
  height: number;
  now: number;
  /** The publish step is running (countdowns and cargo phases are live). */
  live?: boolean;
}

const ICON: Record<string, [string, Role]> = {
  pending: ['○', 'muted'],
  published: ['✓', 'ok'],
  'already-published': ['≡', 'already'],
  failed: ['✗', 'fail'],
  skipped: ['⊘', 'muted'],
  grace: ['✓', 'ok'],
  'waiting-index': ['◷', 'info'],
  'rate-limited': ['◷', 'warn'],
  retrying: ['↻', 'warn'],
};

/** Names share one column: long ones are cut with an ellipsis rather than shifting the row. */
function fitName(name: string, width: number): string {
  return name.length > width ? `${name.slice(0, Math.max(1, width - 1))}…` : name.padEnd(width);
}

/** States only a running queue holds; in a state saved by an earlier session they are history. */
const IN_FLIGHT = new Set(['publishing', 'waiting-index', 'rate-limited', 'retrying']);

/** Outside a running queue: grace is published, an in-flight crate is to do (the index decides). */
export function settledState(c: QueueRow['state'], live: boolean): QueueRow['state'] {
  if (live) return c;
  if (c.status === 'grace') return { ...c, status: 'published', waitUntil: undefined };
  if (IN_FLIGHT.has(c.status))
    return {
      ...c,
      status: 'pending',
      waitUntil: undefined,
      cargoPhase: undefined,
      reason: 'interrupted: the queue asks the index first',
    };
  return c;
}

function CrateRow({
  row,
  selected,
  focused,
  now,
  nameWidth,
  live,
}: {
  row: QueueRow;
  selected: boolean;
  focused: boolean;
  now: number;
  nameWidth: number;
  live: boolean;
}): React.JSX.Element {
  const c = settledState(row.state, live);
  const yanked = c.yanked === true;
  const [icon, role] = yanked ? (['⚠', 'yanked'] as [string, Role]) : (ICON[c.status] ?? ['○', 'muted' as Role]);
  const cd = countdownOf(c, now);
  // A countdown says what the crate waits for; the status word would repeat it.
  const what = cd
    ? `${cd.label} ${formatCountdown(cd.ms)}${c.status === 'retrying' ? ` (attempt ${c.attempts + 1})` : ''}`
    : statusText(c);
  const detail = [yanked ? 'YANKED' : undefined, what, c.reason].filter((p) => p).join(' · ');
  return (
    <Box height={1}>
      <Text wrap="truncate-end" inverse={selected && focused} bold={selected && !focused}>
        {selected ? '›' : ' '}
        {c.status === 'publishing' ? (
          <Text color={color('running')}>
            <Spinner type="dots" />
          </Text>
        ) : (
          <Text color={color(role)}>{icon}</Text>
        )}{' '}
        {fitName(row.name, nameWidth)} <Text color={color('muted')}>{c.version}</Text>{' '}
        <Text color={color(yanked ? 'yanked' : role)}>{detail}</Text>
      </Text>
    </Box>
  );
}

export function QueueView({
  view,
  focused,
  paused,
  width,
  height,
  now,
  live = true,
}: QueueViewProps): React.JSX.Element {
  const { done, total } = view.progress;
  const count = `${done}/${total}`;
  const bar = progressBar(done, total, Math.max(10, Math.min(40, width - count.length - 14)));
  const nameWidth = Math.min(
    Math.max(0, ...view.rows.map((r) => r.name.length)),
    Math.max(12, Math.floor(width * 0.45)),
  );
  return (
    <PaneFrame
      title={`Publish queue · p ${paused ? 'resumes' : 'pauses'}`}
      info={paused ? 'PAUSED' : undefined}
      focused={focused}
      width={width}
      height={height}
    >
      <Box height={1}>
        <Text wrap="truncate-end">
          {' '}
          <Text color={color('ok')}>{bar}</Text> {count} on the index
          {paused ? <Text color={color('warn')}> paused after the crate in flight</Text> : null}
        </Text>
      </Box>
      {view.visible.map((row, i) => (
        <CrateRow
          key={row.name}
          row={row}
          selected={view.offset + i === view.cursor}
          focused={focused}
          now={now}
          nameWidth={nameWidth}
          live={live}
        />
      ))}
    </PaneFrame>
  );
}
