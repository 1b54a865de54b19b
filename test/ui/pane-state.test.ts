import { describe, expect, it } from 'vitest';
import type { CursorState } from '../../src/ui/panes/checklist/use-checklist-state.js';
import {
  cursorIndex,
  jumpToKey,
  moveCursor,
  toggleCollapsed,
  viewOf,
} from '../../src/ui/panes/checklist/use-checklist-state.js';
import { buildRows, phaseKey, stepKey } from '../../src/ui/panes/checklist/checklist-rows.js';
import {
  buildQueueRows,
  countdownOf,
  hasLiveCountdown,
  moveQueueCursor,
  progressBar,
  queueProgress,
  queueView,
  statusText,
} from '../../src/ui/panes/queue/use-queue-state.js';
import { keepVisible } from '../../src/ui/scroll.js';
import { demoPlan, freshState } from '../helpers/demo-plan.js';

const plan = demoPlan();

describe('checklist state', () => {
  it('builds phase rows with progress and step rows, and folds phases', () => {
    const st = freshState(plan);
    st.steps['cargo-test'] = { status: 'passed', attempts: 1 };
    st.steps['clippy'] = { status: 'running', attempts: 1 };
    const rows = buildRows(plan, st, new Set(), 'clippy');
    expect(rows.map((r) => r.key)).toEqual([
      'phase:checks',
      'step:cargo-test',
      'step:clippy',
      'step:eyeball',
      'phase:crates',
      'step:publish',
      'phase:git',
      'step:push',
    ]);
    expect(rows[0]).toMatchObject({ type: 'phase', done: 1, total: 3, status: 'running' });
    expect(rows[2]).toMatchObject({ type: 'step', current: true });
    const folded = buildRows(plan, st, new Set(['checks']), 'clippy');
    expect(folded.map((r) => r.key).slice(0, 2)).toEqual(['phase:checks', 'phase:crates']);
    expect(folded[0]).toMatchObject({ collapsed: true });
  });

  it('marks a phase failed when a step failed or was interrupted, done when all finished', () => {
    const st = freshState(plan);
    st.steps['push'] = { status: 'skipped', attempts: 0, reason: 'no remote' };
    st.steps['publish'] = { status: 'interrupted', attempts: 1 };
    const rows = buildRows(plan, st, new Set());
    expect(rows.find((r) => r.key === 'phase:git')).toMatchObject({ status: 'done' });
    expect(rows.find((r) => r.key === 'phase:crates')).toMatchObject({ status: 'failed' });
  });

  it('moves the cursor by row key and scrolls to keep it visible', () => {
    const rows = buildRows(plan, freshState(plan), new Set());
    let cur: CursorState = { cursorKey: phaseKey('checks'), offset: 0 };
    cur = moveCursor(rows, cur, 4, 3);
    expect(cur).toEqual({ cursorKey: 'phase:crates', offset: 2 });
    cur = moveCursor(rows, cur, 100, 3);
    expect(cur).toEqual({ cursorKey: 'step:push', offset: 5 });
    cur = moveCursor(rows, cur, -100, 3);
    expect(cur).toEqual({ cursorKey: 'phase:checks', offset: 0 });
    expect(viewOf(rows, { cursorKey: 'step:push', offset: 0 }, 3).visible.map((r) => r.key)).toEqual([
      'step:publish',
      'phase:git',
      'step:push',
    ]);
  });

  it('falls back to the phase row when the cursor step is folded away', () => {
    const rows = buildRows(plan, freshState(plan), toggleCollapsed(new Set(), 'checks'));
    expect(cursorIndex(rows, stepKey('clippy'), plan)).toBe(0);
    expect(jumpToKey(rows, { offset: 0 }, stepKey('push'), 2, plan)).toEqual({ cursorKey: 'step:push', offset: 3 });
    expect(toggleCollapsed(new Set(['checks']), 'checks').has('checks')).toBe(false);
  });

  it('keepVisible changes the offset only as much as needed', () => {
    expect(keepVisible(5, 0, 3, 10)).toBe(3);
    expect(keepVisible(1, 4, 3, 10)).toBe(1);
    expect(keepVisible(4, 3, 3, 10)).toBe(3);
    expect(keepVisible(0, 9, 3, 4)).toBe(0);
  });
});

describe('queue state', () => {
  const st = freshState(plan);
  st.crates['micromegas-derive-transit'] = { status: 'already-published', version: '0.15.0', attempts: 0 };
  st.crates['micromegas-transit'] = { status: 'published', version: '0.15.0', attempts: 1 };
  st.crates['micromegas-tracing'] = { status: 'skipped', version: '0.15.0', attempts: 0, reason: 'internal' };
  st.crates['micromegas-auth'] = {
    status: 'rate-limited',
    version: '0.15.0',
    attempts: 1,
    waitUntil: 1_000_000 + 190_000,
  };
  const rows = buildQueueRows(plan, st);

  it('counts published, already published and skipped as done', () => {
    expect(queueProgress(rows)).toEqual({ done: 3, total: 5 });
    expect(progressBar(3, 5, 10)).toBe('██████░░░░');
    expect(progressBar(0, 0, 4)).toBe('████');
  });

  it('derives countdowns from waitUntil and never goes negative', () => {
    expect(countdownOf(rows[3]!.state, 1_000_000)).toEqual({ label: 'rate limit', ms: 190_000 });
    expect(countdownOf(rows[3]!.state, 2_000_000)).toEqual({ label: 'rate limit', ms: 0 });
    expect(countdownOf({ status: 'grace', version: '1', attempts: 0 }, 0)).toBeUndefined();
    expect(hasLiveCountdown(rows, 1_000_000)).toBe(true);
    expect(hasLiveCountdown(rows, 2_000_000)).toBe(false);
  });

  it('words cargo phases and retries', () => {
    expect(statusText({ status: 'publishing', cargoPhase: 'uploading', version: '1', attempts: 0 })).toBe('uploading');
    expect(statusText({ status: 'retrying', version: '1', attempts: 1 })).toBe('retrying (attempt 2)');
    expect(statusText({ status: 'already-published', version: '1', attempts: 0 })).toBe('already on the index');
  });

  it('puts the cursor on the crate in flight until the maintainer moves it, and scrolls', () => {
    const v = queueView(rows, { offset: 0 }, 2);
    expect(v.selected?.name).toBe('micromegas-auth');
    expect(v.visible.map((r) => r.name)).toEqual(['micromegas-tracing', 'micromegas-auth']);
    const moved = moveQueueCursor(rows, v, 1, 2);
    expect(moved).toEqual({ name: 'micromegas', offset: 3 });
    expect(queueView(rows, moved, 2).selected?.name).toBe('micromegas');
  });
});
