// The App's derived view: which step is shown, the panes' states (checklist, queue, output), the
// clock and the key context. Pure reads of the store snapshot and the engine; no IO.
import { useState } from 'react';
import type { EngineApi } from '../engine/engine-api.js';
import type { PlannedStep } from '../core/plan-types.js';
import type { ReleaseState } from '../core/state-types.js';
import type { UiState } from './app-state.js';
import type { Layout } from './layout-geometry.js';
import type { KeyContext } from './keymap/types.js';
import { buildKeyContext } from './key-context.js';
import { stepProgress } from './header.js';
import { useNow } from './hooks/use-now.js';
import { useChecklistState, type ChecklistState } from './panes/checklist/use-checklist-state.js';
import { detailRows } from './panes/checklist/step-detail.js';
import { useQueueState, type QueueState } from './panes/queue/use-queue-state.js';
import { useOutputState, type OutputPaneState } from './panes/output/use-output-state.js';
import { wrapText } from './format.js';
import { quietLabel } from '../core/long-steps.js';
import { findStep, stepsOfKind } from '../core/plan-lookup.js';

export interface CockpitView {
  running: boolean;
  checklist: ChecklistState;
  queue: QueueState;
  output: OutputPaneState;
  shownStep?: PlannedStep;
  /** "quiet 2m 10s" while the shown step runs and has printed nothing for a while. */
  quiet?: string;
  now: number;
  progress: { done: number; total: number };
  ctx: KeyContext;
}

/** A manual step's text, whole (wrapped), as the output pane shows and searches it. */
export function manualText(step: PlannedStep | undefined, width: number): string[] | undefined {
  if (step?.config.kind !== 'manual') return undefined;
  const paras = [
    `Manual step: ${step.title}`,
    ...(step.config.details ? step.config.details.split('\n') : []),
    '',
    'Press enter on it in the checklist once done.',
  ];
  return paras.flatMap((p) => (p === '' ? [''] : wrapText(p, Math.max(10, width - 2), 2)));
}

export function useCockpitView(
  engine: EngineApi,
  state: ReleaseState,
  layout: Layout,
  ui: UiState,
  clock: () => number,
  fps: number,
): CockpitView {
  const plan = engine.plan;
  const [follow, setFollow] = useState(true);
  const running = engine.isRunning();
  const currentId = engine.currentStepId();
  const checklistRows = layout.checklist.height - 1 - detailRows(layout.checklist.height);
  const checklist = useChecklistState(plan, state, checklistRows, currentId, follow ? currentId : undefined, engine);
  const queue = useQueueState(plan, state, Math.max(1, (layout.queue?.height ?? 3) - 2));
  const selectedStep = checklist.selected?.type === 'step' ? checklist.selected.step : undefined;
  const shownId = follow && running ? (currentId ?? selectedStep?.id) : selectedStep?.id;
  const shownStep = findStep(plan, shownId);
  const output = useOutputState(
    engine.output,
    shownId,
    layout.output.height - 1,
    follow,
    setFollow,
    fps,
    manualText(shownStep, layout.output.width),
  );
  const progress = stepProgress(plan, state);
  const finished = progress.done === progress.total;
  const now = useNow(clock, !finished);
  const queueStep = stepsOfKind(plan, 'publish-crates')[0];
  const ctx = buildKeyContext({
    ui,
    state,
    running,
    finished,
    checklistRow: checklist.selected,
    queueRows: queue.rows,
    queueRow: ui.focus === 'queue' ? queue.selected : undefined,
    output: output.state,
    queueStepRunning: queueStep !== undefined && state.steps[queueStep.id]?.status === 'running',
  });
  const quiet = quietOf(engine, state, shownId, now);
  return { running, checklist, queue, output, shownStep, quiet, now, progress, ctx };
}

/** Silence of the shown step, from its last output line (kept by the output hub) or its start. */
export function quietOf(
  engine: Pick<EngineApi, 'output'>,
  state: ReleaseState,
  stepId: string | undefined,
  now: number,
): string | undefined {
  const st = stepId === undefined ? undefined : state.steps[stepId];
  if (stepId === undefined || st?.status !== 'running') return undefined;
  const started = st.startedAt === undefined ? undefined : Date.parse(st.startedAt);
  return quietLabel(engine.output.get(stepId).lastAt, Number.isNaN(started) ? undefined : started, now);
}
