// Reading what `release-cockpit demo` leaves in its sandbox.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReleaseState } from '../../src/core/state-types.js';

/** The sandbox path the demo prints ("demo: sandbox: PATH ..."). */
export function sandboxOf(text: string): string {
  const m = /demo: sandbox: (\S+)/.exec(text);
  if (!m?.[1]) throw new Error(`no sandbox path in:\n${text}`);
  return m[1];
}

export function demoStateDir(sandbox: string): string {
  return join(sandbox, 'micromegas', '.git', 'release-cockpit', '0.15.0');
}

/** The persisted release state (zustand persist's { state, version } envelope). */
export function readDemoState(sandbox: string): ReleaseState {
  return (JSON.parse(readFileSync(join(demoStateDir(sandbox), 'state.json'), 'utf8')) as { state: ReleaseState }).state;
}
