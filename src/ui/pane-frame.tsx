// A pane: one title rule (pane-rule.ts) and a fixed-size body that clips. Cheaper than a full
// border: 1 row instead of 2 at 80x24.
import React from 'react';
import { Box } from 'ink';
import { paneRule } from './pane-rule.js';
import { TruncatedSpan } from './span-text.js';

export interface PaneFrameProps {
  title: string;
  /** Right side of the title rule (counts, modes). */
  info?: string;
  focused: boolean;
  width: number;
  height: number;
  children?: React.ReactNode;
}

export function PaneFrame({ title, info, focused, width, height, children }: PaneFrameProps): React.JSX.Element {
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1}>
        <TruncatedSpan span={paneRule(title, info, focused, width)} />
      </Box>
      <Box flexDirection="column" height={Math.max(0, height - 1)} overflow="hidden">
        {children}
      </Box>
    </Box>
  );
}
