// A pane: one title rule (heavy and bold when focused, so focus shows without color) and a
// fixed-size body that clips. Cheaper than a full border: 1 row instead of 2 at 80x24.
import React from 'react';
import { Box, Text } from 'ink';
import { color } from './theme.js';

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
  const rule = focused ? '━' : '─';
  const head = `${rule} ${title} `;
  const tail = info ? ` ${info} ${rule}` : '';
  const fill = Math.max(0, width - head.length - tail.length);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Box height={1}>
        <Text wrap="truncate-end" bold={focused} color={focused ? color('accent') : color('muted')}>
          {head}
          {rule.repeat(fill)}
          {tail}
        </Text>
      </Box>
      <Box flexDirection="column" height={Math.max(0, height - 1)} overflow="hidden">
        {children}
      </Box>
    </Box>
  );
}
