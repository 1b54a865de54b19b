// `plan --json`: a stable contract for scripts, built field by field so nothing internal leaks.
import type { Plan, PlanJson, Problem } from './plan-types.js';

export function toPlanJson(plan: Plan): PlanJson {
  return {
    version: plan.version,
    next: plan.next,
    crates: plan.crates.map((c) => ({
      name: c.name,
      version: c.version,
      manifest: c.manifest,
      layer: c.layer,
      dependsOn: [...c.dependsOn],
    })),
    versionFiles: plan.versionFiles.map((l) => ({ path: l.path, line: l.line, value: l.value })),
    phases: plan.phases.map((p) => ({
      id: p.id,
      title: p.title,
      steps: p.steps.map((s) => ({ id: s.id, kind: s.kind, title: s.title })),
    })),
    problems: plan.problems.map(problemJson),
  };
}

function problemJson(p: Problem): Problem {
  const out: Problem = { severity: p.severity, code: p.code, message: p.message };
  if (p.file !== undefined) out.file = p.file;
  if (p.line !== undefined) out.line = p.line;
  return out;
}

/** Whether the plan may run: no error-level problem. */
export function planIsRunnable(plan: Pick<Plan, 'problems'>): boolean {
  return !plan.problems.some((p) => p.severity === 'error');
}
