// The plan's steps in run order, and the lookups every layer makes over them.
import type { StepConfig, StepKind } from './config/step.js';
import type { Plan, PlannedStep } from './plan-types.js';

type Phased = Pick<Plan, 'phases'>;

export function allSteps(plan: Phased): PlannedStep[] {
  return plan.phases.flatMap((p) => p.steps);
}

export function findStep(plan: Phased, id: string | undefined): PlannedStep | undefined {
  return id === undefined ? undefined : allSteps(plan).find((s) => s.id === id);
}

export function stepsOfKind(plan: Phased, kind: PlannedStep['kind']): PlannedStep[] {
  return allSteps(plan).filter((s) => s.kind === kind);
}

/** The configs of the steps of one kind, in run order, typed as that kind's. */
export function configsOfKind<K extends StepKind>(plan: Phased, kind: K): Extract<StepConfig, { kind: K }>[] {
  return allSteps(plan)
    .map((s) => s.config)
    .filter((c): c is Extract<StepConfig, { kind: K }> => c.kind === kind);
}
