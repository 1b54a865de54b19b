// The terminal size (layout-geometry.ts terminalSize), updated on resize.
import { useEffect, useState } from 'react';
import { useStdout } from 'ink';
import { terminalSize as read } from '../layout-geometry.js';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export function useTerminalSize(): TerminalSize {
  const { stdout } = useStdout();
  const [size, setSize] = useState(() => read(stdout));
  useEffect(() => {
    const onResize = (): void => setSize(read(stdout));
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
