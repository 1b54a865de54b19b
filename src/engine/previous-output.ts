// A reopened cockpit shows what ran: each step that ran in an earlier session gets the last
// attempt of its log (logs/<step-id>.log) back in its output buffer, under a line saying where
// it comes from. A step that runs again appends its new attempt below.
import { join } from 'node:path';
import { readTail } from '../adapters/log-tail.js';
import type { Plan } from '../core/plan-types.js';
import { lastAttempt } from '../core/step-log.js';
import { DEFAULT_CAPACITY_PER_STEP } from '../store/output-buffer.js';
import type { OutputHub } from '../store/output-types.js';
import type { ReleaseState } from '../core/state-types.js';
import { allSteps } from '../core/plan-lookup.js';

/** Bytes read from the end of each log: a few thousand lines, never a whole flood. */
const TAIL_BYTES = 256 * 1024;

/** The note above reloaded lines. */
export function reloadedNote(stepId: string, cut: boolean): string {
  return `(from an earlier session: logs/${stepId}.log${cut ? '; earlier lines are only in the log' : ''})`;
}

/** Fills the hub with the last attempt of every step that has run; returns the hub. */
export function withPreviousOutput(
  output: OutputHub,
  stateDir: string,
  plan: Plan,
  state: ReleaseState,
  maxLines = DEFAULT_CAPACITY_PER_STEP,
): OutputHub {
  for (const step of allSteps(plan)) {
    const status = state.steps[step.id]?.status;
    if (status === undefined || status === 'pending' || output.get(step.id).size > 0) continue;
    const tail = readTail(join(stateDir, 'logs', `${step.id}.log`), TAIL_BYTES);
    if (!tail) continue;
    const { lines, dropped } = lastAttempt(tail.text, Math.max(1, maxLines - 1), tail.complete);
    if (lines.length === 0) continue;
    output.push(step.id, { stream: 'info', text: reloadedNote(step.id, dropped > 0 || !tail.complete) });
    for (const line of lines) output.push(step.id, line);
  }
  return output;
}
