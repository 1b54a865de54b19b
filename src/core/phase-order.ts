// Bumping before every crate is published corrupts the publish (the queue would read the next
// version from the manifests). One rule, used by the `bump` command and the bump-version step.
import type { Plan } from './plan-types.js';

/** A step's saved status, structurally (core does not import the store). */
export type SavedSteps = Readonly<Record<string, { status: string } | undefined>>;

const FINISHED = new Set(['passed', 'skipped']);

/** The first publish-crates step of the plan that is not passed or skipped, if any. */
export function unfinishedPublishStep(
  plan: Plan,
  steps: SavedSteps,
): { phaseId: string; id: string; status: string } | undefined {
  for (const phase of plan.phases) {
    for (const s of phase.steps) {
      if (s.kind !== 'publish-crates') continue;
      const status = steps[s.id]?.status ?? 'pending';
      if (!FINISHED.has(status)) return { phaseId: phase.id, id: s.id, status };
    }
  }
  return undefined;
}

/** The one sentence a bump says when it refuses (the command offers --force, the step does not). */
export function bumpBeforePublishSentence(
  plan: Plan,
  step: { phaseId: string; id: string; status: string },
  command: boolean,
): string {
  const fix = command ? 'finish or skip that step first, or pass --force' : 'finish or skip that step first';
  return `release ${plan.version} has its publish step ${step.phaseId}/${step.id} ${step.status}: bumping now would make the queue read the next version from the manifests; ${fix}.`;
}
