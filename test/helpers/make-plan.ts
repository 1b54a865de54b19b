// Plans built by hand for engine and store tests: no workspace, no config file, no plan.ts.
import { Config } from '../../src/core/config/config.js';
import type { StepConfig } from '../../src/core/config/step.js';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import { isIrreversible } from '../../src/core/irreversible.js';

export interface PlanSpec {
  repo?: string;
  project?: string;
  version?: string;
  next?: string;
  secrets?: string[];
  crates?: { name: string; version?: string }[];
  phases: {
    id: string;
    title?: string;
    steps: (Record<string, unknown> & { id: string; kind: StepConfig['kind'] })[];
  }[];
}

/** `run` steps from ids: each runs `node -e <js>` (default: exit 0). */
export function runSteps(ids: string[], js = ''): PlanSpec['phases'][number]['steps'] {
  return ids.map((id) => ({ id, kind: 'run', run: ['node', '-e', js || '0'] }));
}

export function makePlan(spec: PlanSpec): Plan {
  const config = Config.parse({
    project: spec.project ?? 'Demo',
    version: spec.version ?? '1.0.0',
    secrets: spec.secrets ?? [],
    crates: { publish: (spec.crates ?? []).map((c) => c.name) },
    phases: spec.phases.map((p) => ({ id: p.id, title: p.title ?? p.id, steps: p.steps })),
  });
  const version = spec.version ?? '1.0.0';
  return {
    project: config.project,
    repo: spec.repo ?? '/nonexistent',
    configPath: `${spec.repo ?? '/nonexistent'}/.releaserc.json`,
    version,
    next: spec.next ?? '1.1.0',
    tag: `v${version}`,
    crates: (spec.crates ?? []).map((c, i) => ({
      name: c.name,
      version: c.version ?? version,
      manifest: `${c.name}/Cargo.toml`,
      layer: i,
      dependsOn: [],
    })),
    workspaceCrates: [],
    versionFiles: [],
    phases: plannedPhases(config),
    problems: [],
    config,
  };
}

/** The config's phases as the plan lists them (every step planned, none checked). */
export function plannedPhases(config: Config): Plan['phases'] {
  return config.phases.map((p) => ({
    id: p.id,
    title: p.title,
    steps: p.steps.map((s): PlannedStep => ({
      id: s.id,
      phaseId: p.id,
      kind: s.kind,
      title: s.title ?? s.id,
      irreversible: isIrreversible(s),
      config: s,
    })),
  }));
}
