// The cockpit's first frame, drawn while the engine opens (lock, saved state, journal): the header
// and the checklist from the plan alone, in the App's layout, and the panes that need the release's
// state saying they are loading. Nothing here reads the store or takes keys: keys typed meanwhile
// wait in the terminal for the App.
import React from 'react';
import { Box, Text } from 'ink';
import type { Plan } from '../core/plan-types.js';
import { computeLayout, PanesLayout, type Layout } from './layout.js';
import { PaneFrame } from './pane-frame.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { buildRows, type ChecklistRow } from './panes/checklist/use-checklist-state.js';
import { color } from './theme.js';
import { DemoBadge, ReleaseTitle } from './release-title.js';

export const OPENING_TEXT = 'Opening the release: taking its lock, reading its saved state…';

export interface OpeningViewProps {
  plan: Plan;
  demo?: boolean;
}

function OpeningHeader({ plan, demo, width }: { plan: Plan; demo: boolean; width: number }): React.JSX.Element {
  return (
    <Box height={1} width={width}>
      <Text wrap="truncate-end">
        <ReleaseTitle plan={plan} />
        <Text color={color('muted')}>{'  opening…'}</Text>
        <DemoBadge demo={demo} />
      </Text>
    </Box>
  );
}

/** The plan's phases and steps, unmarked: their status is in the saved state, not read yet. */
function OpeningChecklist(props: { rows: ChecklistRow[]; width: number; height: number }): React.JSX.Element {
  const { width, height } = props;
  const rows = props.rows.slice(0, Math.max(0, height - 1));
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

/**
 * The App's layout cut to what the first frame has to show: panes as tall as the checklist (the
 * output pane beside it, or two rows under it on a narrow terminal), no queue yet. Ink renders
 * every cell of its frame, so a short first frame is drawn sooner; the App's frame extends it.
 */
export function openingLayout(full: Layout, checklistRows: number): Layout {
  const wide = full.wide;
  const height = Math.min(checklistRows + 1, wide ? full.body.height : full.checklist.height);
  const outputHeight = wide ? height : 2;
  const bodyHeight = wide ? height : height + outputHeight;
  return {
    ...full,
    rootHeight: bodyHeight + 1,
    body: { ...full.body, height: bodyHeight },
    checklist: { ...full.checklist, height },
    queue: undefined,
    output: { ...full.output, height: outputHeight },
  };
}

export function OpeningView({ plan, demo = false }: OpeningViewProps): React.JSX.Element {
  const size = useTerminalSize();
  const full = computeLayout(size.columns, size.rows, plan.crates.length);
  // Under 80x24 the App explains what is needed once it is open; nothing to draw before.
  if (full.tooSmall) return <Text> </Text>;
  const rows = buildRows(plan, { steps: {} }, new Set());
  const layout = openingLayout(full, rows.length);
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rootHeight}>
      <OpeningHeader plan={plan} demo={demo} width={layout.columns} />
      <PanesLayout
        layout={layout}
        checklist={<OpeningChecklist rows={rows} width={layout.checklist.width} height={layout.checklist.height} />}
        output={
          <LoadingPane title="Output" text={OPENING_TEXT} width={layout.output.width} height={layout.output.height} />
        }
      />
    </Box>
  );
}
