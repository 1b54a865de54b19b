// The colour policy of every output that is not the cockpit (headless lines, status) and of the
// cockpit's theme: chalk's rules for FORCE_COLOR (which wins: "0"/"false" off, ""/"true"/"1" basic,
// "2"/"3" more), then NO_COLOR (set and not empty: off), then no colour off a terminal or on TERM=dumb.
import { Chalk, type ChalkInstance } from 'chalk';

export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): ColorLevel {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === 'false') return 0;
    if (force === '' || force === 'true') return 1;
    const n = Number.parseInt(force, 10);
    return Number.isNaN(n) ? 1 : (Math.max(0, Math.min(n, 3)) as ColorLevel);
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (stream.isTTY !== true || env.TERM === 'dumb') return 0;
  return 1;
}

/** A chalk painting at `level` (0: returns text unchanged), whatever the process's own streams are. */
export function painter(level: ColorLevel): ChalkInstance {
  return new Chalk({ level });
}

export type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan' | 'blue' | 'magenta' | 'gray';
export type Paint = (style: Style | undefined, text: string) => string;

/** A painter for line output: `paint('green', '✓ passed')`; plain text at level 0 (or false). */
export function createPainter(level: ColorLevel | boolean): Paint {
  const chalk = painter(level === true ? 1 : level === false ? 0 : level);
  return (style, text) => (style === undefined ? text : chalk[style](text));
}
