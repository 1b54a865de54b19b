// The part of the terminal's handling that lives inside Ink's tree (tui-terminal.ts has the rest).
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { useStdout } from 'ink';
import type { InkBridge } from './tui-terminal.js';

/**
 * Ink's `write` (useStdout) erases its frame, writes, then writes the last frame again in full:
 * with an empty string it is the one full redraw Ink offers. A re-render is not enough: Ink skips
 * a frame equal to the last one, and after the editor the screen is blank, not equal.
 */
export function InkBridgeHost({ bridge, children }: { bridge: InkBridge; children?: ReactNode }): ReactNode {
  const { write } = useStdout();
  useEffect(() => {
    bridge.redraw = () => write('');
  }, [bridge, write]);
  return children;
}
