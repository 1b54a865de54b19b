// The cockpit's first frame with Ink (opening-frame.ts: the model, and the same frame drawn before
// Ink is loaded). Nothing here reads the store or takes keys: keys typed meanwhile wait in the
// terminal for the App.
import React from 'react';
import { Box, Text } from 'ink';
import type { Plan } from '../core/plan-types.js';
import { PanesLayout } from './layout.js';
import { PaneFrame } from './pane-frame.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import { openingFrame, type OpeningPane } from './opening-frame.js';
import { SpanTexts, TruncatedSpan } from './span-text.js';

export interface OpeningViewProps {
  plan: Plan;
  demo?: boolean;
}

function OpeningPaneView({ pane }: { pane: OpeningPane }): React.JSX.Element {
  return (
    <PaneFrame title={pane.title} info={pane.info} focused={pane.focused} width={pane.width} height={pane.height}>
      {pane.lines.map((span, i) => (
        <Box key={i} height={1}>
          <TruncatedSpan span={span} />
        </Box>
      ))}
    </PaneFrame>
  );
}

export function OpeningView({ plan, demo = false }: OpeningViewProps): React.JSX.Element {
  const size = useTerminalSize();
  const frame = openingFrame(plan, demo, size.columns, size.rows);
  // Under 80x24 the App explains what is needed once it is open; nothing to draw before.
  if (!frame) return <Text> </Text>;
  const { layout } = frame;
  return (
    <Box flexDirection="column" width={layout.columns} height={layout.rootHeight}>
      <Box height={1} width={layout.columns}>
        <Text wrap="truncate-end">
          <SpanTexts spans={frame.header} />
        </Text>
      </Box>
      <PanesLayout
        layout={layout}
        checklist={<OpeningPaneView pane={frame.checklist} />}
        output={<OpeningPaneView pane={frame.output} />}
      />
    </Box>
  );
}
