// The header line: project, version -> next, overall progress, elapsed time, badges.
import React from 'react';
import { Box, Text } from 'ink';
import type { Plan } from '../core/plan-types.js';
import type { ReleaseState } from '../store/state-types.js';
import { isFinished } from '../store/selectors.js';
import { color } from './theme.js';
import { formatElapsed } from './format.js';

/** From the first step's start to now (while running) or to the last step's end. */
export function releaseElapsedMs(state: ReleaseState, now: number, running: boolean): number | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const s of Object.values(state.steps)) {
    if (s.startedAt) first = Math.min(first, Date.parse(s.startedAt));
    if (s.endedAt) last = Math.max(last, Date.parse(s.endedAt));
  }
  if (first === Infinity) return undefined;
  return Math.max(0, (running ? now : Math.max(last, first)) - first);
}

export function stepProgress(plan: Pick<Plan, 'phases'>, state: ReleaseState): { done: number; total: number } {
  const steps = plan.phases.flatMap((p) => p.steps);
  return { done: steps.filter((s) => isFinished(state.steps[s.id]?.status ?? 'pending')).length, total: steps.length };
}

export interface HeaderProps {
  plan: Plan;
  state: ReleaseState;
  now: number;
  running: boolean;
  demo: boolean;
  width: number;
}

export function Header({ plan, state, now, running, demo, width }: HeaderProps): React.JSX.Element {
  const { done, total } = stepProgress(plan, state);
  const elapsed = releaseElapsedMs(state, now, running);
  return (
    <Box height={1} width={width}>
      <Text wrap="truncate-end">
        <Text bold color={color('accent')}>
          {plan.project}
        </Text>{' '}
        <Text bold>v{plan.version}</Text>
        <Text color={color('muted')}> → {plan.next}</Text>
        {'  '}
        <Text color={done === total ? color('ok') : undefined}>
          {done}/{total} steps
        </Text>
        {elapsed !== undefined ? <Text color={color('muted')}>{`  ⏱ ${formatElapsed(elapsed)}`}</Text> : null}
        {state.queuePaused ? <Text color={color('warn')}> ⏸ queue paused</Text> : null}
        {state.sessions > 1 ? (
          <Text color={color('warn')} bold>
            {'  [resumed]'}
          </Text>
        ) : null}
        {demo ? (
          <Text>
            {'  '}
            <Text color={color('info')} bold inverse>
              {' DEMO '}
            </Text>
          </Text>
        ) : null}
      </Text>
    </Box>
  );
}
