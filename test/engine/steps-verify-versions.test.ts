// verify-versions on the Micromegas-shaped demo repository: every location agrees, or every
// disagreement is reported with file:line in one pass.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskFiles } from '../../src/adapters/step-files.js';
import { createFsView } from '../../src/adapters/fs-view.js';
import { loadConfig } from '../../src/cli/load-config.js';
import type { Plan, PlannedStep } from '../../src/core/plan-types.js';
import { buildPlan } from '../../src/core/plan.js';
import { openJournal } from '../../src/engine/journal.js';
import type { StepContext } from '../../src/engine/step-types.js';
import { verifyVersionsStep } from '../../src/engine/steps/verify-versions.js';
import { createDemoRepo } from '../../src/sandbox/demo-repo.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs('rc-verify-step-');

function setup(
  versionFiles = [
    'rust/Cargo.toml',
    'python/micromegas/pyproject.toml',
    'grafana/package.json',
    'grafana/src/plugin.json',
  ],
) {
  const { dir } = createDemoRepo(tempDir());
  const config = {
    project: 'Micromegas',
    crates: {
      workspace: 'rust',
      extraManifests: ['rust/datafusion-wasm/Cargo.toml'],
      publish: ['micromegas-derive-transit', 'micromegas-transit'],
    },
    versionFiles,
    phases: [{ id: 'checks', title: 'Checks', steps: [{ id: 'versions', kind: 'verify-versions' }] }],
  };
  writeFileSync(join(dir, '.releaserc.json'), JSON.stringify(config));
  const loaded = loadConfig(dir);
  return { dir, plan: buildPlan(loaded.config, loaded.configPath, dir, createFsView(dir)) };
}

function context(plan: Plan, dir: string) {
  const logs: string[] = [];
  const ctx: StepContext = {
    plan,
    step: plan.phases[0]!.steps[0] as PlannedStep,
    repo: dir,
    stateDir: join(dir, '.git', 'rc'),
    store: undefined as never, // verify-versions keeps no store state
    journal: openJournal(null),
    exec: async () => {
      throw new Error('verify-versions runs no command');
    },
    log: (t) => logs.push(t),
    files: diskFiles,
    confirm: async () => true,
    dryRun: false,
    yes: true,
    signal: new AbortController().signal,
    env: process.env,
    now: () => Date.now(),
    sleep: async () => {},
  };
  return { ctx, logs };
}

function edit(dir: string, path: string, from: string, to: string): void {
  const text = readFileSync(join(dir, path), 'utf8');
  expect(text).toContain(from);
  writeFileSync(join(dir, path), text.replace(from, to));
}

describe('verify-versions step', () => {
  it('passes when every location agrees, counting the placeholder apart', async () => {
    const { dir, plan } = setup();
    expect(plan.phases[0]!.steps[0]!.irreversible).toBe(false);
    const { ctx, logs } = context(plan, dir);
    const outcome = await verifyVersionsStep.run(ctx);
    const n = plan.versionFiles.filter((l) => !l.placeholder).length;
    expect(n).toBeGreaterThan(10);
    expect(outcome).toEqual({ status: 'passed', summary: `${n} locations agree on 0.15.0 (1 placeholder left alone)` });
    expect(logs).toContain('grafana/src/plugin.json:6 %VERSION% is a placeholder, left alone');
  });

  it('re-reads the files and reports every mismatch with file:line in one pass', async () => {
    const { dir, plan } = setup();
    // Edits made after the plan was built must be seen.
    edit(dir, 'rust/transit/Cargo.toml', '"^0.15"', '"^0.14"');
    edit(dir, 'grafana/package.json', '"version": "0.15.0"', '"version": "0.14.0"');
    edit(
      dir,
      'rust/Cargo.toml',
      'micromegas-transit = { path = "transit", version = "0.15.0" }',
      'micromegas-transit = { path = "transit", version = "=0.14.2" }',
    );
    const { ctx, logs } = context(plan, dir);
    const outcome = await verifyVersionsStep.run(ctx);
    expect(outcome).toEqual({
      status: 'failed',
      reason:
        '3 version mismatches: rust/Cargo.toml:33 requires =0.14.2, rust/transit/Cargo.toml:11 requires ^0.14, grafana/package.json:3 is 0.14.0',
    });
    expect(logs.filter((l) => /^[\w/.-]+:\d+: /.test(l))).toHaveLength(3);
    expect(logs.some((l) => l.startsWith('rust/transit/Cargo.toml:11: ') && l.includes('^0.15'))).toBe(true);
  });

  it('summarises long lists and names missing version files', async () => {
    const { dir, plan } = setup([
      ...['rust/Cargo.toml', 'python/micromegas/pyproject.toml', 'grafana/package.json'],
      'docs/VERSION.json',
    ]);
    edit(dir, 'python/micromegas/pyproject.toml', 'version = "0.15.0"', 'version = "0.14.0"');
    edit(dir, 'grafana/package.json', '"version": "0.15.0"', '"version": "0.14.0"');
    edit(dir, 'rust/Cargo.toml', '[workspace.package]\nversion = "0.15.0"', '[workspace.package]\nversion = "0.14.0"');
    const outcome = await verifyVersionsStep.run(context(plan, dir).ctx);
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.reason).toMatch(
      /^4 version problems: docs\/VERSION\.json, .*, and 1 more$/,
    );
  });
});
