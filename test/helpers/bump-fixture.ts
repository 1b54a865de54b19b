// The bump-version step's set-up: the Micromegas-shaped demo repository (real git, a bare
// origin) with a release config whose only phase bumps, and a step context on it.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diskFiles } from '../../src/adapters/step-files.js';
import { exec } from '../../src/adapters/exec.js';
import { createFsView } from '../../src/adapters/fs-view.js';
import { loadConfig } from '../../src/cli/load-config.js';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import { buildPlan } from '../../src/core/plan.js';
import { openJournal } from '../../src/engine/journal.js';
import type { StepContext } from '../../src/engine/step-types.js';
import { createDemoRepo } from '../../src/sandbox/demo-repo.js';

export const MESSAGE = 'Bump version to 0.16.0 for next development cycle';

export interface Bump {
  commit?: boolean;
  push?: boolean;
  after?: { run: string[]; cwd?: string }[];
}

/** A demo repository in a fresh directory from `tempDir`, configured, committed and pushed; its plan. */
export function setupBump(tempDir: () => string, bump: Bump = {}, withPublish = false) {
  const root = tempDir();
  const { dir } = createDemoRepo(root);
  const config = {
    project: 'Micromegas',
    crates: {
      workspace: 'rust',
      extraManifests: ['rust/datafusion-wasm/Cargo.toml'],
      publish: ['micromegas-derive-transit'],
    },
    versionFiles: [
      'rust/Cargo.toml',
      'python/micromegas/pyproject.toml',
      'grafana/package.json',
      'grafana/src/plugin.json',
    ],
    phases: [
      { id: 'post', title: 'Post-release', steps: [{ id: 'bump', kind: 'bump-version', ...bump }] },
      ...(withPublish ? [{ id: 'crates', title: 'Crates', steps: [{ id: 'publish', kind: 'publish-crates' }] }] : []),
    ],
  };
  writeFileSync(join(dir, '.releaserc.json'), JSON.stringify(config, null, 2));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  git('add', '.releaserc.json');
  git('commit', '-q', '-m', 'Add release config');
  git('push', '-q', 'origin', 'main');
  const loaded = loadConfig(dir);
  const plan = buildPlan(loaded.config, loaded.configPath, dir, createFsView(dir));
  return { dir, root, plan, git, stateDir: join(root, 'state') };
}

/** The bump step's context (real exec and git, an in-memory journal); `logs` collects what it said. */
export function bumpContext(
  plan: Plan,
  dir: string,
  stateDir: string,
  dryRun = false,
  steps: Record<string, { status: string }> = {},
) {
  const step = plan.phases[0]!.steps[0] as PlannedStep;
  const logs: string[] = [];
  const journal = openJournal(null);
  const ctx: StepContext = {
    plan,
    step,
    repo: dir,
    stateDir,
    store: { getState: () => ({ steps }) } as never, // the bump step only reads the step states
    journal,
    exec: (argv, o = {}) => exec(argv, { ...o, cwd: join(dir, o.cwd ?? ''), onLine: (l) => logs.push(l.text) }),
    log: (t) => logs.push(t),
    files: diskFiles,
    confirm: async () => true,
    dryRun,
    yes: true,
    signal: new AbortController().signal,
    env: process.env,
    now: () => Date.now(),
    sleep: async () => {},
  };
  return { ctx, logs, journal };
}
