// Which confirmations a run will ask for, computed before anything runs: a headless run without
// --yes that would need any stops before changing anything, and lists them (no surprise runs:
// never commit a changelog and create a tag only to stop at the first irreversible step).
import type { Plan, PlannedStep } from '../core/plan-types.js';
import type { ReleaseState } from '../core/state-types.js';
import { isFinished } from '../store/selectors.js';
import type { StepHandler } from './step-types.js';

export interface NeededConfirmation {
  stepId: string;
  phaseId: string;
  /** One line: what will be asked ("confirm the manual step: Read the diff"). */
  what: string;
}

/** The unfinished steps of `scope` that ask the maintainer (manual, changelog review, irreversible). */
export function neededConfirmations(
  plan: Plan,
  scope: PlannedStep[],
  state: ReleaseState,
  handler: (kind: PlannedStep['kind']) => StepHandler | undefined,
): NeededConfirmation[] {
  const out: NeededConfirmation[] = [];
  for (const step of scope) {
    if (isFinished(state.steps[step.id]?.status)) continue;
    const what = askedBy(plan, step, handler(step.kind));
    if (what) out.push({ stepId: step.id, phaseId: step.phaseId, what });
  }
  return out;
}

function askedBy(plan: Plan, step: PlannedStep, handler: StepHandler | undefined): string | undefined {
  const cfg = step.config;
  if (cfg.kind === 'manual')
    return `confirm the manual step${step.irreversible ? ' (it cannot be undone)' : ''}: ${step.title}`;
  if (cfg.kind === 'changelog' && cfg.review !== false)
    return `review the new section of ${cfg.file ?? 'CHANGELOG.md'}`;
  if (step.irreversible) {
    const commands = handler?.commands?.(step, plan) ?? [];
    const first = commands[0];
    const more = commands.length > 1 ? ` (+${commands.length - 1} more)` : '';
    return `irreversible: ${first ? `${first.join(' ')}${more}` : step.title}`;
  }
  return undefined;
}
