// Checklist state: the rows (phases and their steps), a cursor kept by row key (so status
// changes never move it), collapsed phases, and scrolling that keeps the cursor visible.
// The functions are pure; the hook only holds them in React state.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Plan } from '../../../core/plan-types.js';
import type { ReleaseState } from '../../../core/state-types.js';
import { buildRows, stepKey, phaseKey, type ChecklistRow } from './checklist-rows.js';
import { keepVisible } from '../../scroll.js';
import type { EngineApi } from '../../../engine/engine-api.js';

export interface CursorState {
  cursorKey?: string;
  offset: number;
}

/** Index of the cursor row; a key that vanished (collapsed) falls back to its phase, then to 0. */
export function cursorIndex(
  rows: readonly ChecklistRow[],
  key: string | undefined,
  plan?: Pick<Plan, 'phases'>,
): number {
  if (key === undefined) return 0;
  const i = rows.findIndex((r) => r.key === key);
  if (i >= 0) return i;
  if (plan && key.startsWith('step:')) {
    const id = key.slice(5);
    const phase = plan.phases.find((p) => p.steps.some((s) => s.id === id));
    if (phase)
      return Math.max(
        0,
        rows.findIndex((r) => r.key === phaseKey(phase.id)),
      );
  }
  return 0;
}

export function moveCursor(
  rows: readonly ChecklistRow[],
  st: CursorState,
  delta: number,
  height: number,
  plan?: Pick<Plan, 'phases'>,
): CursorState {
  if (rows.length === 0) return st;
  const from = cursorIndex(rows, st.cursorKey, plan);
  const to = Math.min(rows.length - 1, Math.max(0, from + delta));
  return { cursorKey: rows[to]!.key, offset: keepVisible(to, st.offset, height, rows.length) };
}

export function jumpToKey(
  rows: readonly ChecklistRow[],
  st: CursorState,
  key: string,
  height: number,
  plan?: Pick<Plan, 'phases'>,
): CursorState {
  const i = cursorIndex(rows, key, plan);
  const row = rows[i];
  return row ? { cursorKey: row.key, offset: keepVisible(i, st.offset, height, rows.length) } : st;
}

export function toggleCollapsed(collapsed: ReadonlySet<string>, phaseId: string): Set<string> {
  const next = new Set(collapsed);
  if (next.has(phaseId)) next.delete(phaseId);
  else next.add(phaseId);
  return next;
}

export interface ChecklistView {
  rows: ChecklistRow[];
  visible: ChecklistRow[];
  offset: number;
  cursor: number;
  selected?: ChecklistRow;
}

export function viewOf(
  rows: ChecklistRow[],
  st: CursorState,
  height: number,
  plan?: Pick<Plan, 'phases'>,
): ChecklistView {
  const cursor = cursorIndex(rows, st.cursorKey, plan);
  const offset = keepVisible(cursor, st.offset, height, rows.length);
  return { rows, visible: rows.slice(offset, offset + Math.max(1, height)), offset, cursor, selected: rows[cursor] };
}

export interface ChecklistState extends ChecklistView {
  up(): void;
  down(): void;
  top(): void;
  bottom(): void;
  toggle(phaseId: string): void;
  jumpToStep(stepId: string): void;
}

/** The engine's preview of a selected manual step's `show` output (EngineApi.preview). */
export type StepPreviewer = Pick<EngineApi, 'preview' | 'cancelPreview'>;

/** The selected step when it has something to show before it is reached (a manual step's `show`). */
export function previewableId(selected: ChecklistRow | undefined): string | undefined {
  if (selected?.type !== 'step') return undefined;
  const { config } = selected.step;
  return config.kind === 'manual' && config.show ? selected.step.id : undefined;
}

/** Asks for the selected step's preview once per selection; moving off (or unmounting) cancels it. */
function usePreview(previewer: StepPreviewer | undefined, stepId: string | undefined): void {
  useEffect(() => {
    if (!previewer || stepId === undefined) return undefined;
    previewer.preview(stepId);
    return () => previewer.cancelPreview();
  }, [previewer, stepId]);
}

/**
 * `followId`: when set and it changes, the cursor moves to that step (follow mode).
 * `previewer`: selecting a manual step with a `show` command asks it for that output.
 */
export function useChecklistState(
  plan: Plan,
  state: ReleaseState,
  height: number,
  currentId: string | undefined,
  followId: string | undefined,
  previewer?: StepPreviewer,
): ChecklistState {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set());
  const [cursor, setCursor] = useState<CursorState>(() => ({
    cursorKey: currentId ? stepKey(currentId) : undefined,
    offset: 0,
  }));
  const rows = useMemo(() => buildRows(plan, state, collapsed, currentId), [plan, state, collapsed, currentId]);
  const move = useCallback(
    (delta: number) => setCursor((st) => moveCursor(rows, st, delta, height, plan)),
    [rows, height, plan],
  );
  useEffect(() => {
    if (followId !== undefined) setCursor((st) => jumpToKey(rows, st, stepKey(followId), height, plan));
    // Only a change of the followed step moves the cursor; later row changes must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [followId]);
  const view = viewOf(rows, cursor, height, plan);
  usePreview(previewer, previewableId(view.selected));
  return {
    ...view,
    up: () => move(-1),
    down: () => move(1),
    top: () => move(-rows.length),
    bottom: () => move(rows.length),
    toggle: (phaseId) => setCollapsed((c) => toggleCollapsed(c, phaseId)),
    jumpToStep: (stepId) => setCursor((st) => jumpToKey(rows, st, stepKey(stepId), height, plan)),
  };
}
