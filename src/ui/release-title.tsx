// The parts of the header line that the first frame and the cockpit draw alike.
import React from 'react';
import { Text } from 'ink';
import type { Plan } from '../core/plan-types.js';
import { color } from './theme.js';

/** "Project v1.2.0 → 1.3.0". */
export function ReleaseTitle({ plan }: { plan: Pick<Plan, 'project' | 'version' | 'next'> }): React.JSX.Element {
  return (
    <>
      <Text bold color={color('accent')}>
        {plan.project}
      </Text>{' '}
      <Text bold>v{plan.version}</Text>
      <Text color={color('muted')}> → {plan.next}</Text>
    </>
  );
}

export function DemoBadge({ demo }: { demo: boolean }): React.JSX.Element | null {
  if (!demo) return null;
  return (
    <Text>
      {'  '}
      <Text color={color('info')} bold inverse>
        {' DEMO '}
      </Text>
    </Text>
  );
}
