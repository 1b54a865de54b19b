// The panes placed by the layout (layout-geometry.ts): side by side from 120 columns, stacked below.
import React from 'react';
import { Box } from 'ink';
import type { Layout } from './layout-geometry.js';

export interface PanesLayoutProps {
  layout: Layout;
  checklist: React.ReactNode;
  queue?: React.ReactNode;
  output: React.ReactNode;
}

export function PanesLayout({ layout, checklist, queue, output }: PanesLayoutProps): React.JSX.Element {
  if (layout.wide) {
    return (
      <Box flexDirection="row" height={layout.body.height}>
        <Box
          width={layout.checklist.width + 1}
          borderStyle="single"
          borderTop={false}
          borderBottom={false}
          borderLeft={false}
        >
          {checklist}
        </Box>
        <Box flexDirection="column" width={layout.output.width}>
          {queue}
          {output}
        </Box>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={layout.body.height}>
      {checklist}
      {queue}
      {output}
    </Box>
  );
}
