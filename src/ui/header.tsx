// The header line: project, version -> next, overall progress, elapsed time, badges.
import React from 'react';
import { Box, Text } from 'ink';
import type { Plan } from '../core/plan-types.js';
import type { ReleaseState } from '../core/state-types.js';
import { isFinished } from '../store/selectors.js';
import { color } from './theme.js';
import { DemoBadge, ReleaseTitle } from './release-title.js';
import { compactDuration } from '../core/durations.js';
import { allSteps } from '../core/plan-lookup.js';

/**
 * Wall-clock time of the release: from the first step's start to now while it is unfinished (it
 * ticks through waits and confirmations too), to the last step's end once every step is done.
 */
export function releaseElapsedMs(state: ReleaseState, now: number, finished: boolean): number | undefined {
  let first = Infinity;
  let last = -Infinity;
  for (const s of Object.values(state.steps)) {
    if (s.startedAt) first = Math.min(first, Date.parse(s.startedAt));
    if (s.endedAt) last = Math.max(last, Date.parse(s.endedAt));
  }
  if (first === Infinity) return undefined;
  return Math.max(0, (finished ? Math.max(last, first) : Math.max(now, last)) - first);
}

export function stepProgress(plan: Pick<Plan, 'phases'>, state: ReleaseState): { done: number; total: number } {
  const steps = allSteps(plan);
  return { done: steps.filter((s) => isFinished(state.steps[s.id]?.status ?? 'pending')).length, total: steps.length };
}

export interface HeaderProps {
  plan: Plan;
  state: ReleaseState;
  now: number;
  demo: boolean;
  width: number;
}

export function Header({ plan, state, now, demo, width }: HeaderProps): React.JSX.Element {
  const { done, total } = stepProgress(plan, state);
  const elapsed = releaseElapsedMs(state, now, done === total);
  return (
    <Box height={1} width={width}>
      <Text wrap="truncate-end">
        <ReleaseTitle plan={plan} />
        {'  '}
        <Text color={done === total ? color('ok') : undefined}>
          {done}/{total} steps done
        </Text>
        {elapsed !== undefined ? <Text color={color('muted')}>{`  ⏱ ${compactDuration(elapsed)}`}</Text> : null}
        {state.queuePaused ? <Text color={color('warn')}> ⏸ queue paused</Text> : null}
        {state.sessions > 1 ? (
          <Text color={color('warn')} bold>
            {'  [resumed]'}
          </Text>
        ) : null}
        <DemoBadge demo={demo} />
      </Text>
    </Box>
  );
}
