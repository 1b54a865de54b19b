// The checklist's rows: each phase, then its steps unless collapsed, with their status. Pure, no
// React: the first frame draws them before Ink is loaded, the checklist pane on every frame.
import { newCrateWarnings } from '../../../core/new-crates.js';
import type { Plan, PlannedStep } from '../../../core/plan-types.js';
import type { ReleaseState, StepState } from '../../../core/state-types.js';
import { isFinished, isPausedPublish } from '../../../store/selectors.js';

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
