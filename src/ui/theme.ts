import { colorLevel } from '../core/color.js';

// Colors by role. NO_COLOR (https://no-color.org: set and not empty) turns every color off; the
// UI must stay readable without them, so state is also carried by icons, inverse and borders.

export type Role = 'accent' | 'ok' | 'fail' | 'warn' | 'muted' | 'running' | 'info' | 'match' | 'yanked' | 'already';

const PALETTE: Record<Role, string> = {
  accent: 'cyan',
  ok: 'green',
  fail: 'red',
  warn: 'yellow',
  muted: 'gray',
  running: 'blue',
  info: 'cyan',
  match: 'yellow',
  yanked: 'magenta',
  already: 'cyan',
};

/** The cockpit always draws on a terminal: only the environment can turn its colours off (core/color.ts). */
export function noColor(env: NodeJS.ProcessEnv = process.env): boolean {
  return colorLevel({ isTTY: true }, env) === 0;
}

/** The color for a role, or undefined under NO_COLOR (Ink then leaves the text uncolored). */
export function color(role: Role, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return noColor(env) ? undefined : PALETTE[role];
}
