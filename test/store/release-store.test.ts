import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createReleaseStore, initialState, mergeWithPlan } from '../../src/store/release-store.js';
import { createFileStorage, stateFile } from '../../src/adapters/file-storage.js';
import { migrateState, normalizeState } from '../../src/store/migrate.js';
import { STATE_SCHEMA_VERSION } from '../../src/core/state-types.js';
import { UserError } from '../../src/core/user-error.js';
import { makePlan, runSteps } from '../helpers/make-plan.js';

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'rc-store-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const plan = makePlan({
  crates: [{ name: 'alpha' }, { name: 'beta', version: '2.0.0' }],
  phases: [
    { id: 'checks', steps: runSteps(['test', 'lint']) },
    { id: 'ship', steps: [{ id: 'eyeball', kind: 'manual', title: 'Look' }] },
  ],
});
const saved = (d: string) =>
  JSON.parse(readFileSync(stateFile(d), 'utf8')) as { state: Record<string, unknown>; version: number };

describe('release store', () => {
  it('starts from the plan: every step pending, every crate pending with its version', () => {
    const s = initialState(plan, '2025-01-01T00:00:00.000Z');
    expect(Object.keys(s.steps)).toEqual(['test', 'lint', 'eyeball']);
    expect(s.steps.test).toEqual({ status: 'pending', attempts: 0 });
    expect(s.crates.beta).toEqual({ status: 'pending', version: '2.0.0', attempts: 0 });
    expect(s.schemaVersion).toBe(STATE_SCHEMA_VERSION);
    expect(s.phases).toEqual({ checks: {}, ship: {} });
  });

  it('persists changes and hydrates synchronously in the next store', () => {
    const d = tmp();
    const a = createReleaseStore(createFileStorage(d), plan);
    a.setState((s) => ({ ...s, sessions: 5, steps: { ...s.steps, test: { status: 'passed', attempts: 1 } } }));
    a.close();
    const b = createReleaseStore(createFileStorage(d), plan);
    // No await: hydration happened inside createReleaseStore.
    expect(b.getState().sessions).toBe(5);
    expect(b.getState().steps.test?.status).toBe('passed');
    b.close();
  });

  it('saves only ReleaseState keys, under the current schema version', () => {
    const d = tmp();
    const a = createReleaseStore(createFileStorage(d), plan);
    a.setState({ sessions: 1, transient: 'x' } as never);
    a.flush();
    const file = saved(d);
    expect(file.version).toBe(STATE_SCHEMA_VERSION);
    expect(file.state).not.toHaveProperty('transient');
    expect(Object.keys(file.state).sort()).toEqual(
      [
        'schemaVersion',
        'project',
        'version',
        'next',
        'createdAt',
        'updatedAt',
        'sessions',
        'phases',
        'steps',
        'crates',
        'queuePaused',
        'notices',
      ].sort(),
    );
    a.close();
  });

  it('coalesces a burst of changes into few writes, and close() writes the last one', () => {
    const d = tmp();
    const a = createReleaseStore(createFileStorage(d, { minIntervalMs: 10_000 }), plan);
    for (let i = 0; i < 500; i++) a.setState({ sessions: i });
    expect(a.storageStats.writes).toBe(1);
    a.close();
    expect(a.storageStats.writes).toBe(2);
    expect(saved(d).state.sessions).toBe(499);
  });

  it('refuses a corrupt state (moved aside) and a newer one', () => {
    const d = tmp();
    writeFileSync(stateFile(d), '{"state":');
    expect(() => createReleaseStore(createFileStorage(d), plan)).toThrow(UserError);
    expect(existsSync(stateFile(d))).toBe(false);
    writeFileSync(stateFile(d), JSON.stringify({ state: {}, version: STATE_SCHEMA_VERSION + 1 }));
    expect(() => createReleaseStore(createFileStorage(d), plan)).toThrow(/newer release-cockpit/);
  });

  it('an in-memory store never touches the disk', () => {
    const a = createReleaseStore(null, plan);
    a.setState({ sessions: 3 });
    a.flush();
    expect(a.file).toBeNull();
    expect(a.getState().sessions).toBe(3);
  });

  it('merges a plan that changed: new steps pending, removed ones dropped with a notice, acted-on crates kept', () => {
    const d = tmp();
    const a = createReleaseStore(createFileStorage(d), plan);
    a.setState((s) => ({
      ...s,
      phases: { ...s.phases, checks: { startedAt: 't0', completedAt: 't1' } },
      steps: {
        ...s.steps,
        test: { status: 'passed', attempts: 1 },
        lint: { status: 'passed', attempts: 1 },
        eyeball: { status: 'failed', attempts: 1, reason: 'x' },
      },
      crates: { ...s.crates, alpha: { status: 'published', version: '1.0.0', attempts: 1 } },
    }));
    a.close();
    const changed = makePlan({
      crates: [{ name: 'beta', version: '2.0.1' }],
      phases: [
        { id: 'checks', steps: runSteps(['test', 'lint', 'fmt']) },
        { id: 'ship', steps: [] },
      ],
    });
    const b = createReleaseStore(createFileStorage(d), changed);
    const s = b.getState();
    expect(Object.keys(s.steps)).toEqual(['test', 'lint', 'fmt']);
    expect(s.steps.fmt).toEqual({ status: 'pending', attempts: 0 });
    expect(s.steps.test?.status).toBe('passed');
    expect(s.notices.join('\n')).toMatch(/checks\/fmt is new/);
    expect(s.notices.join('\n')).toMatch(/eyeball \(failed\) is no longer in the config/);
    // A completed phase with a new step is open again.
    expect(s.phases.checks).toEqual({ startedAt: 't0' });
    // A published crate is a fact about the registry: kept even if no longer planned.
    expect(s.crates.alpha?.status).toBe('published');
    expect(s.crates.beta?.version).toBe('2.0.1');
    b.close();
  });

  it('mergeWithPlan drops the notices of the previous session', () => {
    const prev = { ...initialState(plan, 't'), notices: ['old'] };
    expect(mergeWithPlan(prev, plan, 't').notices).toEqual([]);
  });
});

describe('migrate', () => {
  it('reads partial states with safe defaults and a notice for every value it cannot take', () => {
    const s = normalizeState({
      steps: { a: { status: 'bogus' }, b: { status: 'passed', attempts: 2 } },
      crates: { c: {} },
    });
    expect(s.steps.a).toMatchObject({ status: 'interrupted' });
    expect(s.steps.b).toEqual({ status: 'passed', attempts: 2 });
    expect(s.crates.c).toEqual({ status: 'pending', version: '', attempts: 0 });
    expect(s.notices).toHaveLength(2);
    expect(s.queuePaused).toBe(false);
  });

  it('refuses a version it has no migration for, and a newer one', () => {
    expect(() => migrateState({}, 0)).toThrow(/cannot migrate/);
    expect(() => migrateState({}, STATE_SCHEMA_VERSION + 1)).toThrow(/newer release-cockpit/);
    expect(migrateState({ sessions: 2 }, STATE_SCHEMA_VERSION).sessions).toBe(2);
  });
});
