// Draws the footer: a prompt or flash line, then the key hints of the current context.
import React from 'react';
import { Box, Text } from 'ink';
import { color } from '../../theme.js';
import { fitHints } from './use-footer-state.js';
import type { Hint } from './use-footer-state.js';

export interface FooterViewProps {
  hints: Hint[];
  width: number;
  flash?: string;
  /** An inline text input (search, skip reason): label and text typed so far. */
  prompt?: { label: string; text: string };
}

export function FooterView({ hints, width, flash, prompt }: FooterViewProps): React.JSX.Element {
  return (
    <Box flexDirection="column" width={width} height={2}>
      <Box height={1}>
        <Text wrap="truncate-end">
          {prompt ? (
            <Text>
              <Text bold color={color('accent')}>
                {prompt.label}
              </Text>{' '}
              {prompt.text}
              <Text inverse> </Text>
              {flash ? '  ' : ''}
            </Text>
          ) : null}
          {flash ? (
            <Text bold color={color('warn')}>
              {flash}
            </Text>
          ) : null}
        </Text>
      </Box>
      <Box height={1}>
        <Text wrap="truncate-end">
          {fitHints(hints, width).map((h, i) => (
            <Text key={i}>
              <Text bold={!h.disabled} dimColor={h.disabled} color={h.disabled ? color('muted') : color('accent')}>
                {h.key}
              </Text>
              <Text color={color('muted')} dimColor={h.disabled}>{` ${h.label}  `}</Text>
            </Text>
          ))}
        </Text>
      </Box>
    </Box>
  );
}
