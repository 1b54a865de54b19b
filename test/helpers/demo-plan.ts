// A small Micromegas-shaped plan and its fresh state, built by hand (no config file, no
// workspace) for UI tests and the fake engine.
import { Config } from '../../src/core/config/config.js';
import type { Plan } from '../../src/core/plan-types.js';
import { plannedPhases } from './make-plan.js';
import type { CrateState, ReleaseState, StepState } from '../../src/core/state-types.js';
import { STATE_SCHEMA_VERSION } from '../../src/core/state-types.js';

export const DEMO_CRATES = [
  'micromegas-derive-transit',
  'micromegas-transit',
  'micromegas-tracing',
  'micromegas-auth',
  'micromegas',
];

/** A small Micromegas-shaped plan: checks with a manual item, the crate queue, a git push. */
export function demoPlan(opts: { crates?: string[]; version?: string } = {}): Plan {
  const version = opts.version ?? '0.15.0';
  const crates = opts.crates ?? DEMO_CRATES;
  const config = Config.parse({
    project: 'Micromegas',
    version,
    crates: { publish: crates },
    phases: [
      {
        id: 'checks',
        title: 'Code quality & testing',
        steps: [
          { id: 'cargo-test', kind: 'run', title: 'cargo test', run: ['cargo', 'test'], cwd: 'rust' },
          {
            id: 'clippy',
            kind: 'run',
            title: 'cargo clippy',
            run: ['cargo', 'clippy', '--workspace', '--', '-D', 'warnings'],
            cwd: 'rust',
          },
          {
            id: 'eyeball',
            kind: 'manual',
            title: 'Read the diff since v0.14.0',
            details: 'git log --oneline v0.14.0..HEAD',
          },
        ],
      },
      ...(crates.length > 0
        ? [
            {
              id: 'crates',
              title: 'Phase 1: Rust crates',
              steps: [{ id: 'publish', kind: 'publish-crates', title: 'Publish crates' }],
            },
          ]
        : []),
      { id: 'git', title: 'Phase 4: Git release', steps: [{ id: 'push', kind: 'git-push', title: 'Push the tag' }] },
    ],
  });
  return {
    project: config.project,
    repo: '/nonexistent/micromegas',
    configPath: '/nonexistent/micromegas/.releaserc.json',
    version,
    next: '0.16.0',
    tag: `v${version}`,
    previousTag: 'v0.14.0',
    crates: crates.map((name, i) => ({
      name,
      version,
      manifest: `rust/${name}/Cargo.toml`,
      layer: i,
      dependsOn: i > 0 ? [crates[i - 1]!] : [],
    })),
    workspaceCrates: [],
    versionFiles: [],
    phases: plannedPhases(config),
    problems: [],
    config,
  };
}

export function freshState(plan: Plan, iso = '2025-11-01T10:00:00.000Z'): ReleaseState {
  return {
    schemaVersion: STATE_SCHEMA_VERSION,
    project: plan.project,
    version: plan.version,
    next: plan.next,
    createdAt: iso,
    updatedAt: iso,
    sessions: 1,
    phases: Object.fromEntries(plan.phases.map((p) => [p.id, {}])),
    steps: Object.fromEntries(
      plan.phases.flatMap((p) => p.steps).map((s) => [s.id, { status: 'pending', attempts: 0 } as StepState]),
    ),
    crates: Object.fromEntries(
      plan.crates.map((c) => [c.name, { status: 'pending', version: c.version, attempts: 0 } as CrateState]),
    ),
    queuePaused: false,
    notices: [],
  };
}

/** A later session of the demo release: the checks passed, the publish step cut off after its first crate. */
export function resumedMidQueue(reason: string) {
  return {
    sessions: 2,
    steps: {
      'cargo-test': { status: 'passed' as const },
      clippy: { status: 'passed' as const },
      eyeball: { status: 'passed' as const },
      publish: { status: 'interrupted' as const, reason },
    },
    crates: { 'micromegas-derive-transit': { status: 'published' as const } },
  };
}
