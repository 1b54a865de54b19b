// A modal takes the rows below the panes, or the whole body (Ink has no layering that clears
// what is under it, so nothing is drawn over the panes): a bordered box with a title, clipped to
// the space it has.
import React from 'react';
import { Box, Text } from 'ink';
import { color, type Role } from '../theme.js';
import { keepVisible } from '../scroll.js';

export interface ModalFrameProps {
  title: string;
  width: number;
  height: number;
  children?: React.ReactNode;
}

export function ModalFrame({ title, width, height, children }: ModalFrameProps): React.JSX.Element {
  return (
    <Box
      flexDirection="column"
      width={width}
      height={height}
      borderStyle="round"
      borderColor={color('accent')}
      paddingX={1}
      overflow="hidden"
    >
      <Box height={1}>
        <Text bold color={color('accent')} wrap="truncate-end">
          {title}
        </Text>
      </Box>
      {children}
    </Box>
  );
}

/** Rows inside a modal frame of `height` (border 2, title 1). */
export function modalBodyRows(height: number): number {
  return Math.max(1, height - 3);
}

export function TextLine({
  text,
  role,
  bold,
  inverse,
}: {
  text: string;
  role?: string;
  bold?: boolean;
  inverse?: boolean;
}): React.JSX.Element {
  return (
    <Box height={1}>
      <Text wrap="truncate-end" color={role} bold={bold} inverse={inverse}>
        {text === '' ? ' ' : text}
      </Text>
    </Box>
  );
}

/** A line of a modal's list; the one with `cursor` is where the cursor stands. */
export interface CursorLine {
  text: string;
  role?: Role;
  bold?: boolean;
  cursor?: boolean;
}

/** The lines that fit in `rows`, scrolled to keep the cursor's line in view; that line marked `›` and inverse. */
export function CursorLines({ lines, rows }: { lines: CursorLine[]; rows: number }): React.JSX.Element {
  const at = Math.max(
    0,
    lines.findIndex((l) => l.cursor),
  );
  const from = keepVisible(at, 0, rows, lines.length);
  return (
    <>
      {lines.slice(from, from + rows).map((l, i) => (
        <Box key={i} height={1}>
          <Text wrap="truncate-end" inverse={l.cursor} bold={l.bold} color={l.role ? color(l.role) : undefined}>
            {l.cursor ? '›' : ' '}
            {l.text}
          </Text>
        </Box>
      ))}
    </>
  );
}
