// Publish-queue state: rows in publish order, progress, countdown labels and a cursor kept by
// crate name. Pure functions plus a thin hook.
import { useState } from 'react';
import type { Plan } from '../../../core/plan-types.js';
import type { CrateState, CrateStatus, ReleaseState } from '../../../core/state-types.js';
import { keepVisible } from '../../scroll.js';

export interface QueueRow {
  name: string;
  layer: number;
  state: CrateState;
}

export function buildQueueRows(plan: Pick<Plan, 'crates'>, state: Pick<ReleaseState, 'crates'>): QueueRow[] {
  return plan.crates.map((c) => ({
    name: c.name,
    layer: c.layer,
    state: state.crates[c.name] ?? { status: 'pending', version: c.version, attempts: 0 },
  }));
}

const DONE: ReadonlySet<CrateStatus> = new Set(['published', 'already-published', 'skipped']);

export function isCrateDone(status: CrateStatus): boolean {
  return DONE.has(status);
}

/** On the index: counted as published whatever its grace period before dependents is doing. */
export function isOnIndex(status: CrateStatus): boolean {
  return status === 'published' || status === 'already-published' || status === 'grace';
}

/** Published (grace included), already published and skipped over the total: the queue cannot do more for those. */
export function queueProgress(rows: readonly QueueRow[]): { done: number; total: number } {
  return {
    done: rows.filter((r) => DONE.has(r.state.status) || r.state.status === 'grace').length,
    total: rows.length,
  };
}

export function progressBar(done: number, total: number, width: number): string {
  const w = Math.max(1, width);
  const filled = total === 0 ? w : Math.round((done / total) * w);
  return '█'.repeat(filled) + '░'.repeat(w - filled);
}

const COUNTDOWN_LABEL: Partial<Record<CrateStatus, string>> = {
  grace: 'published · dependents wait',
  // The deadline, not a wait: the index usually shows the crate long before.
  'waiting-index': 'on the index soon · timeout in',
  'rate-limited': 'rate limit',
  retrying: 'retry in',
};

/** The countdown of a waiting crate, from its waitUntil deadline. */
export function countdownOf(c: CrateState, now: number): { label: string; ms: number } | undefined {
  const label = COUNTDOWN_LABEL[c.status];
  if (label === undefined || c.waitUntil === undefined) return undefined;
  return { label, ms: Math.max(0, c.waitUntil - now) };
}

/** Any crate whose countdown is still ticking (the pane then re-renders every second). */
export function hasLiveCountdown(rows: readonly QueueRow[], now: number): boolean {
  return rows.some((r) => {
    const cd = countdownOf(r.state, now);
    return cd !== undefined && cd.ms > 0;
  });
}

export function statusText(c: CrateState): string {
  switch (c.status) {
    case 'publishing':
      return c.cargoPhase ?? 'publishing';
    case 'waiting-index':
      return 'waiting for the index';
    case 'already-published':
      return 'already on the index';
    case 'rate-limited':
      return 'rate limited';
    case 'retrying':
      return `retrying (attempt ${c.attempts + 1})`;
    default:
      return c.status;
  }
}

export interface QueueCursor {
  name?: string;
  offset: number;
}

export interface QueueView {
  rows: QueueRow[];
  visible: QueueRow[];
  offset: number;
  cursor: number;
  selected?: QueueRow;
  progress: { done: number; total: number };
}

export function queueView(rows: QueueRow[], cur: QueueCursor, height: number): QueueView {
  const found = cur.name === undefined ? -1 : rows.findIndex((r) => r.name === cur.name);
  // Without a choice of the maintainer's, the cursor sits on the crate in flight.
  const active = rows.findIndex((r) => !isCrateDone(r.state.status) && r.state.status !== 'pending');
  const cursor = found >= 0 ? found : Math.max(0, active);
  const offset = keepVisible(cursor, cur.offset, height, rows.length);
  return {
    rows,
    visible: rows.slice(offset, offset + Math.max(1, height)),
    offset,
    cursor,
    selected: rows[cursor],
    progress: queueProgress(rows),
  };
}

export function moveQueueCursor(
  rows: readonly QueueRow[],
  view: Pick<QueueView, 'cursor' | 'offset'>,
  delta: number,
  height: number,
): QueueCursor {
  if (rows.length === 0) return { offset: 0 };
  const to = Math.min(rows.length - 1, Math.max(0, view.cursor + delta));
  return { name: rows[to]!.name, offset: keepVisible(to, view.offset, height, rows.length) };
}

export interface QueueState extends QueueView {
  up(): void;
  down(): void;
  top(): void;
  bottom(): void;
}

/** `height`: rows available for crates (the pane minus its title and progress bar). */
export function useQueueState(plan: Plan, state: ReleaseState, height: number): QueueState {
  const [cur, setCur] = useState<QueueCursor>({ offset: 0 });
  const rows = buildQueueRows(plan, state);
  const view = queueView(rows, cur, height);
  const move = (delta: number): void => setCur(moveQueueCursor(rows, view, delta, height));
  return {
    ...view,
    up: () => move(-1),
    down: () => move(1),
    top: () => move(-rows.length),
    bottom: () => move(rows.length),
  };
}
