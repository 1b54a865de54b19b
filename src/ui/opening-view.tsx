// The cockpit's first frame, drawn while the engine opens (lock, saved state, journal): the header
// and the checklist from the plan alone, in the App's layout, and the panes that need the release's
// state saying they are loading. Nothing here reads the store or takes keys: keys typed meanwhile
// wait in the terminal for the App.
import React from 'react';
import { Box, Text } from 'ink';
import type { Plan } from '../core/plan-types.js';
import { computeLayout, PanesLayout } from './layout.js';
import { PaneFrame } from './pane-frame.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { buildRows } from './panes/checklist/use-checklist-state.js';
import { color } from './theme.js';

export const OPENING_TEXT = 'Opening the release: taking its lock, reading its saved state…';

export interface OpeningViewProps {
  plan: Plan;
  demo?: boolean;
}

function OpeningHeader({ plan, demo, width }: { plan: Plan; demo: boolean; width: number }): React.JSX.Element {
  return (
    <Box height={1} width={width}>
      <Text wrap="truncate-end">
        <Text bold color={color('accent')}>
          {plan.project}
        </Text>{' '}
        <Text bold>v{plan.version}</Text>
        <Text color={color('muted')}> → {plan.next}</Text>
        <Text color={color('muted')}>{'  opening…'}</Text>
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

/** The plan's phases and steps, unmarked: their status is in the saved state, not read yet. */
function OpeningChecklist({ plan, width, height }: { plan: Plan; width: number; height: number }): React.JSX.Element {
  const rows = buildRows(plan, { steps: {} }, new Set()).slice(0, Math.max(0, height - 1));
  return (
    <PaneFrame title="Checklist" info="loading" focused width={width} height={height}>
      {rows.map((row) => (
        <Box key={row.key} height={1}>
          <Text
            wrap="truncate-end"
            bold={row.type === 'phase'}
            color={row.type === 'phase' ? undefined : color('muted')}
          >
            {row.type === 'phase' ? ` ▾ ${row.title}` : `    · ${row.step.title}`}
          </Text>
        </Box>
      ))}
    </PaneFrame>
  );
}

function LoadingPane(props: { title: string; text?: string; width: number; height: number }): React.JSX.Element {
  return (
    <PaneFrame title={props.title} info="loading" focused={false} width={props.width} height={props.height}>
      {props.text ? (
        <Text color={color('muted')} wrap="truncate-end">
          {` ${props.text}`}
        </Text>
      ) : null}
    </PaneFrame>
  );
}

export function OpeningView({ plan, demo = false }: OpeningViewProps): React.JSX.Element {
  const size = useTerminalSize();
  const layout = computeLayout(size.columns, size.rows, plan.crates.length);
  // Under 80x24 the App explains what is needed once it is open; nothing to draw before.
  if (layout.tooSmall) return <Text> </Text>;
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rootHeight}>
      <OpeningHeader plan={plan} demo={demo} width={layout.columns} />
      <PanesLayout
        layout={layout}
        checklist={<OpeningChecklist plan={plan} width={layout.checklist.width} height={layout.checklist.height} />}
        queue={
          layout.queue ? (
            <LoadingPane title="Publish queue" width={layout.queue.width} height={layout.queue.height} />
          ) : undefined
        }
        output={
          <LoadingPane title="Output" text={OPENING_TEXT} width={layout.output.width} height={layout.output.height} />
        }
      />
    </Box>
  );
}
