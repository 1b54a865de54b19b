// The tags a release creates: the tag of tagFormat plus each git-tag step's `extraTags`
// (`grafana-v${version}`, ...), all at the release commit. One list, used by the git-tag step, the
// git-push step, the rollback menu and the plan's duplicate check.
import type { Plan, PlannedStep, Problem } from './plan-types.js';
import { expandTemplate, releaseVars } from './template.js';
import { allSteps } from './plan-lookup.js';

type StepConfig = PlannedStep['config'];
type TagConfig = Extract<StepConfig, { kind: 'git-tag' }>;

/** The tags one git-tag step creates, in order: the release tag first, then its extraTags. */
export function stepTags(cfg: TagConfig, plan: Pick<Plan, 'version' | 'tag' | 'project'>): string[] {
  const vars = releaseVars(plan);
  return [plan.tag, ...(cfg.extraTags ?? []).map((t) => expandTemplate(t, vars))];
}

/** Every tag of the release (all git-tag steps), without duplicates; just the release tag when no step tags. */
export function releaseTags(plan: Pick<Plan, 'version' | 'tag' | 'project' | 'phases'>): string[] {
  return tagsOfSteps(
    allSteps(plan).map((s) => s.config),
    plan,
  );
}

/** releaseTags from the step configs (the plan uses it for titles before its phases exist). */
export function tagsOfSteps(steps: StepConfig[], plan: Pick<Plan, 'version' | 'tag' | 'project'>): string[] {
  const tags = new Set<string>([plan.tag]);
  for (const s of steps) if (s.kind === 'git-tag') for (const t of stepTags(s, plan)) tags.add(t);
  return [...tags];
}

/** Two steps (or one step twice) creating the same tag: an error at the second one, naming the first. */
export function checkReleaseTags(
  plan: Pick<Plan, 'version' | 'tag' | 'project' | 'phases'>,
  configFile: string | undefined,
  configLine: (path: (string | number)[]) => number | undefined,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  plan.phases.forEach((phase, pi) => {
    phase.steps.forEach((s, si) => {
      if (s.config.kind !== 'git-tag') return;
      const at = `phases[${pi}].steps[${si}]`;
      stepTags(s.config, plan).forEach((tag, ti) => {
        const where = ti === 0 ? `${at} (its tagFormat tag)` : `${at}.extraTags[${ti - 1}]`;
        const first = seen.get(tag);
        if (first === undefined) {
          seen.set(tag, where);
          return;
        }
        const path = ti === 0 ? ['phases', pi, 'steps', si] : ['phases', pi, 'steps', si, 'extraTags', ti - 1];
        problems.push({
          severity: 'error',
          code: 'duplicate-tag',
          message: `${where} creates the tag \`${tag}\`, which ${first} already creates; each tag is created once: remove one of them.`,
          file: configFile,
          line: configLine(path),
        });
      });
    });
  });
  return problems;
}
