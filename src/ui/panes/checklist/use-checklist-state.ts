// Checklist state: the rows (phases and their steps), a cursor kept by row key (so status
// changes never move it), collapsed phases, and scrolling that keeps the cursor visible.
// The functions are pure; the hook only holds them in React state.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { newCrateWarnings } from '../../../core/new-crates.js';
import type { Plan, PlannedStep } from '../../../core/plan-types.js';
import type { ReleaseState, StepState } from '../../../core/state-types.js';
import { isFinished, isPausedPublish } from '../../../store/selectors.js';
import { keepVisible } from '../../scroll.js';
import type { EngineApi } from '../../../engine/engine-api.js';

export type PhaseStatus = 'done' | 'running' | 'failed' | 'pending';

export type ChecklistRow =
  | {
      type: 'phase';
      key: string;
      phaseId: string;
      title: string;
      collapsed: boolean;
      done: number;
      total: number;
      status: PhaseStatus;
    }
  | {
      type: 'step';
      key: string;
      phaseId: string;
      step: PlannedStep;
      state: StepState;
      current: boolean;
      /** A publish step at rest on its paused queue (store/selectors.ts isPausedPublish). */
      paused?: boolean;
      /** A publish step's warnings from the plan (library crates the list forgot), said before it runs. */
      warnings?: string[];
    };

export interface CursorState {
  cursorKey?: string;
  offset: number;
}

const PENDING: StepState = { status: 'pending', attempts: 0 };

export const stepKey = (id: string): string => `step:${id}`;
export const phaseKey = (id: string): string => `phase:${id}`;

export function buildRows(
  plan: Pick<Plan, 'phases'> & Partial<Pick<Plan, 'problems'>>,
  state: Pick<ReleaseState, 'steps'> & Partial<Pick<ReleaseState, 'crates' | 'queuePaused'>>,
  collapsed: ReadonlySet<string>,
  currentId?: string,
): ChecklistRow[] {
  const queue = { crates: state.crates ?? {}, queuePaused: state.queuePaused ?? false, steps: state.steps };
  const rows: ChecklistRow[] = [];
  const publishWarnings = plan.problems ? newCrateWarnings({ problems: plan.problems }) : [];
  for (const phase of plan.phases) {
    const paused = phase.steps.map((s) => isPausedPublish(queue, s));
    const states = phase.steps.map((s) => state.steps[s.id] ?? PENDING);
    // A paused step is neither running nor cut off.
    const active = states.filter((_, i) => !paused[i]);
    const done = states.filter((s) => isFinished(s.status)).length;
    const status: PhaseStatus = active.some((s) => s.status === 'running')
      ? 'running'
      : active.some((s) => s.status === 'failed' || s.status === 'interrupted')
        ? 'failed'
        : done === states.length
          ? 'done'
          : 'pending';
    const isCollapsed = collapsed.has(phase.id);
    rows.push({
      type: 'phase',
      key: phaseKey(phase.id),
      phaseId: phase.id,
      title: phase.title,
      collapsed: isCollapsed,
      done,
      total: states.length,
      status,
    });
    if (isCollapsed) continue;
    phase.steps.forEach((step, i) => {
      const isPaused = paused[i] === true;
      rows.push({
        type: 'step',
        key: stepKey(step.id),
        phaseId: phase.id,
        step,
        state: states[i] ?? PENDING,
        current: step.id === currentId,
        ...(isPaused && { paused: true }),
        ...(step.kind === 'publish-crates' && publishWarnings.length > 0 && { warnings: publishWarnings }),
      });
    });
  }
  return rows;
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
